"""Where exported entries go: a syslog receiver (UDP, TCP or TLS) or a JSON Lines file.

Each sink has a ``name`` that identifies the destination; the exporter keeps one cursor per
name, so a new destination receives the whole log and an old one continues where it stopped.
TCP and TLS use octet-counting framing (RFC 6587 3.4.1, RFC 5425): ``LEN SP MSG``. A JSON Lines
file is appended and fsynced; on start the exporter skips what the file already ends with, so
a crash between writing and moving the cursor doubles nothing in the file.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
from pathlib import Path
from typing import Protocol

from sealdesk.errors import ConfigError, StorageError
from sealdesk.fsutil import make_missing_dirs
from sealdesk.services.siem.syslog_format import jsonl_record, syslog_message

UDP_MAX = 65000


class Sink(Protocol):
    name: str

    def last_index(self) -> int | None:
        """The last index the destination is known to hold (files), else ``None``."""

    def send(self, index: int, entry_hash: bytes, prev_hash: bytes, payload: bytes) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class SyslogSink:
    """RFC 5424 messages to ``host``:``port``; connects lazily, raises StorageError when the
    receiver cannot be reached (the cursor then stays where it is)."""

    def __init__(self, host: str, port: int, transport: str, *, ca_file: str = "",
                 app_name: str = "sealdesk", hostname: str = "", timeout: float = 10.0) -> None:
        self.name = f"syslog:{transport}:{host}:{port}"
        self._address = (host, port)
        self._transport = transport
        self._ca_file = ca_file
        self._app_name = app_name
        self._hostname = hostname or socket.gethostname()
        self._timeout = timeout
        self._socket: socket.socket | None = None

    def last_index(self) -> int | None:
        return None

    def _connect(self) -> socket.socket:
        if self._socket is not None:
            return self._socket
        try:
            if self._transport == "udp":
                sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                sock.connect(self._address)
            else:
                sock = socket.create_connection(self._address, timeout=self._timeout)
                if self._transport == "tls":
                    context = ssl.create_default_context(cafile=self._ca_file or None)
                    sock = context.wrap_socket(sock, server_hostname=self._address[0])
        except ssl.SSLError as exc:
            raise ConfigError(f"The SIEM at {self._address[0]}:{self._address[1]} failed the "
                              f"TLS check: {exc.reason}.", hint="Set siem.ca_file to the CA "
                              "that issued the receiver's certificate.") from exc
        except OSError as exc:
            raise self._unreachable(exc) from exc
        self._socket = sock
        return sock

    def send(self, index: int, entry_hash: bytes, prev_hash: bytes, payload: bytes) -> None:
        message = syslog_message(index, entry_hash, prev_hash, payload,
                                 hostname=self._hostname, app_name=self._app_name)
        sock = self._connect()
        try:
            if self._transport == "udp":
                sock.send(message[:UDP_MAX])
            else:
                sock.sendall(str(len(message)).encode("ascii") + b" " + message)
        except OSError as exc:
            self.close()
            raise self._unreachable(exc) from exc

    def flush(self) -> None:
        """Nothing buffered: ``sendall`` returned, the kernel holds the bytes."""

    def close(self) -> None:
        if self._socket is not None:
            try:
                self._socket.close()
            finally:
                self._socket = None

    def _unreachable(self, exc: OSError) -> StorageError:
        host, port = self._address
        return StorageError(
            f"The SIEM syslog receiver {host}:{port} ({self._transport}) cannot be reached: "
            f"{exc.strerror or exc.__class__.__name__}.",
            hint="Nothing is lost: the export continues from the same entry next time. Check "
            "siem.host/siem.port and the network.")


class JsonlSink:
    """JSON Lines appended to a file (0600), fsynced at every flush."""

    def __init__(self, path: Path) -> None:
        self.name = f"jsonl:{path.resolve()}"
        self._path = path
        self._file = None

    def last_index(self) -> int | None:
        """The index of the file's last complete record (a torn last line is cut off)."""
        if not self._path.exists():
            return None
        with self._path.open("rb") as f:
            data = f.read()
        end = data.rfind(b"\n")
        if end + 1 != len(data):  # a record cut by a crash: drop it, it is sent again
            with self._path.open("r+b") as f:
                f.truncate(end + 1)
        lines = data[:end + 1].splitlines()
        if not lines:
            return None
        try:
            return int(json.loads(lines[-1])["index"])
        except (ValueError, KeyError, TypeError):
            raise StorageError(f"The last line of {self._path} is not a SealDesk record.",
                               hint="Give siem.jsonl_path a file only SealDesk writes.") from None

    def send(self, index: int, entry_hash: bytes, prev_hash: bytes, payload: bytes) -> None:
        if self._file is None:
            make_missing_dirs(self._path.parent)
            fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._file = os.fdopen(fd, "ab")
        self._file.write(jsonl_record(index, entry_hash, prev_hash, payload))

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
