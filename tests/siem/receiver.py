"""A loopback syslog receiver for tests: RFC 6587 octet-counted TCP, or UDP datagrams."""

from __future__ import annotations

import re
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

_SD = re.compile(rb'\[sealdesk@32473 idx="(\d+)" hash="([0-9a-f]{64})" prev="([0-9a-f]{64})"')


@dataclass
class Received:
    messages: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, message: bytes) -> None:
        with self.lock:
            self.messages.append(message)

    def indexes(self) -> list[int]:
        return [int(m.group(1)) for m in map(_SD.search, self.messages) if m]

    def hashes(self) -> dict[int, str]:
        return {int(m.group(1)): m.group(2).decode() for m in map(_SD.search, self.messages) if m}


def _tcp_handler(received: Received) -> type[socketserver.StreamRequestHandler]:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            while True:
                length = b""
                while (c := self.rfile.read(1)) not in (b" ", b""):
                    length += c
                if not length:
                    return
                received.add(self.rfile.read(int(length)))
    return Handler


def _udp_handler(received: Received) -> type[socketserver.DatagramRequestHandler]:
    class Handler(socketserver.DatagramRequestHandler):
        def handle(self) -> None:
            received.add(self.rfile.read())
    return Handler


class _ReusingTCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # a receiver restarted on the same port (TIME_WAIT)
    daemon_threads = True
    tls: ssl.SSLContext | None = None

    def get_request(self) -> tuple[socket.socket, object]:
        sock, address = super().get_request()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
            sock.settimeout(5)
            try:
                sock.do_handshake()
            except (ssl.SSLError, OSError):
                sock.close()
                raise
        return sock, address


@contextmanager
def syslog_receiver(transport: str = "tcp", port: int = 0, *,
                    tls: ssl.SSLContext | None = None) -> Iterator[tuple[int, Received]]:
    """Yield (port, received) while a receiver listens on 127.0.0.1 (``port`` 0: any free);
    ``tls``: a server context, for syslog over TLS (RFC 5425)."""
    received = Received()
    server: socketserver.BaseServer
    if transport == "udp":
        server = socketserver.ThreadingUDPServer(("127.0.0.1", port), _udp_handler(received))
    else:
        server = _ReusingTCPServer(("127.0.0.1", port), _tcp_handler(received))
        server.tls = tls
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], received  # type: ignore[index]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
