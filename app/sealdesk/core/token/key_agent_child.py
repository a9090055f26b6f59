"""The key agent's child: one logged-in session that opens wrapped data keys, and nothing else.

Runs ONLY as a child process of :mod:`sealdesk.core.token.key_agent` (``python -m
sealdesk.core.token.key_agent_child``, no arguments). PKCS#11 login state belongs to the
process: if SealDesk's own process held the login for reading documents, the sealing code's
login would fail with UserAlreadyLoggedIn, and closing either session could log out the other.
Here the login lives in its own process and the two never meet.

Protocol: length-prefixed JSON frames (:func:`write_frame`, :func:`read_frame`) on stdin and
stdout, bytes as base64. The first frame from the parent names the module, the token, the PIN
and the options; the child logs in and answers ``{"ready": true}`` or ``{"error": ERROR}``.
Then each request ``{"documents": [[WRAP, ...], ...]}`` is answered with ``{"progress": N}``
now and then while working (a sign of life for the parent's timeout) and finally
``{"results": [{"key": B64} | {"error": ERROR}, ...]}``, one per document. ERROR is a
:class:`~sealdesk.errors.SealDeskError` as class name, message, hint and PIN flags.

When stdin closes (the parent closed the agent, or died) the child logs out and exits. Data keys
go only to stdout; the PIN only from stdin into the login call. Nothing is logged.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import sys
import time
from collections.abc import Callable
from typing import Any, BinaryIO, NoReturn

from sealdesk.core import bounded_json
from sealdesk.core.crypto.wrapping import WrappedKey
from sealdesk.core.token import storage_key, watchdog
from sealdesk.core.token.identity import TokenSelector
from sealdesk.core.token.session import TokenSession, open_token_session
from sealdesk.errors import KeyNotFoundError, RecordIntegrityError, SealDeskError, TokenError

MAX_FRAME_BYTES = 16 * 1024 * 1024
"""A frame announcing more than this is refused unread (revalidating thousands of documents
fits in far less; the parent splits bigger requests)."""
PROGRESS_SECONDS = 0.5
"""While a request runs, a progress frame at least this often tells the parent all is well."""
_HEADER = struct.Struct(">I")


class FrameError(Exception):
    """The other side sent something that is not a frame of this protocol (or too big a one)."""


def write_frame(stream: BinaryIO, message: dict[str, Any]) -> None:
    data = json.dumps(message, separators=(",", ":")).encode()
    if len(data) > MAX_FRAME_BYTES:
        raise FrameError(f"a {len(data):,}-byte frame is more than the protocol allows")
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> dict[str, Any] | None:
    """The next frame, or None at a clean end of stream; at most :data:`MAX_FRAME_BYTES` read."""
    header = stream.read(_HEADER.size)
    if not header:
        return None
    if len(header) < _HEADER.size:
        raise FrameError("the stream ended inside a frame header")
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME_BYTES:
        raise FrameError(f"a frame of {size:,} bytes was announced; at most "
                         f"{MAX_FRAME_BYTES:,} are accepted")
    data = stream.read(size)
    if len(data) < size:
        raise FrameError("the stream ended inside a frame")
    try:
        message = bounded_json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise FrameError("a frame is not valid JSON") from None
    if not isinstance(message, dict):
        raise FrameError("a frame is not a JSON object")
    return message


def error_to_json(exc: SealDeskError) -> dict[str, Any]:
    return {
        "kind": type(exc).__name__, "message": exc.message, "hint": exc.hint,
        "count_low": bool(getattr(exc, "count_low", False)),
        "final_try": bool(getattr(exc, "final_try", False)),
    }


def open_document(
    token: TokenSession, wraps: list[WrappedKey], recovery_key: str | None
) -> bytes | SealDeskError:
    """The data key behind the first wrap this token opens, or why none opened.

    A wrap to another key is skipped (KeyNotFoundError), and so is a damaged one, since another
    wrap of the same document may still open; a damaged wrap outranks "not this token" in the
    answer. Any other token error (removed, timed out) ends the attempt at once.
    """
    damaged: RecordIntegrityError | None = None
    missing: KeyNotFoundError | None = None
    for wrapped in wraps:
        try:
            if recovery_key is None:
                return storage_key.unwrap_data_key(token, wrapped)
            return storage_key.unwrap_with_certificate_key(token, wrapped, recovery_key)
        except RecordIntegrityError as exc:
            damaged = damaged or exc
        except KeyNotFoundError as exc:
            missing = missing or exc
        except SealDeskError as exc:
            return exc
    return damaged or missing or KeyNotFoundError(
        "No wrapped data key was given for this document.",
        hint="The document's key record names no recipient; restore it from a snapshot.",
    )


def _documents(request: dict[str, Any]) -> list[list[WrappedKey]]:
    documents = request.get("documents")
    if not isinstance(documents, list) or not all(isinstance(d, list) for d in documents):
        raise FrameError("a request is not a list of documents")
    return [[WrappedKey.from_json(entry) for entry in wraps] for wraps in documents]


def _serve(token: TokenSession, recovery_key: str | None, stdin: BinaryIO,
           send: Callable[[dict[str, Any]], None]) -> None:
    """Answer requests until stdin ends; each document's answer is a key or an error."""
    while (request := read_frame(stdin)) is not None:
        results: list[dict[str, Any]] = []
        last_sign = time.monotonic()
        for wraps in _documents(request):
            opened = open_document(token, wraps, recovery_key)
            if isinstance(opened, bytes):
                results.append({"key": base64.b64encode(opened).decode()})
            else:
                results.append({"error": error_to_json(opened)})
            if time.monotonic() - last_sign > PROGRESS_SECONDS:
                send({"progress": len(results)})
                last_sign = time.monotonic()
        send({"results": results})


def _selector(raw: Any) -> TokenSelector:
    fields = ("label", "serial", "manufacturer", "model")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(f, ""), str) for f in fields):
        raise FrameError("the token selector is malformed")
    return TokenSelector(**{f: raw.get(f, "") for f in fields})


def main() -> int:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a chatty module's prints must not corrupt the frames

    def send(message: dict[str, Any]) -> None:
        write_frame(stdout, message)

    try:
        hello = read_frame(stdin)
        if hello is None:
            return 0
        pin = hello.pop("pin", None)
        recovery_key = hello.get("recovery_key")
        with open_token_session(
            str(hello["module"]), _selector(hello.get("selector")), pin,
            environment=dict(hello.get("environment") or {}), rw=False,
            timeout=float(hello["timeout"]),
        ) as token:
            del pin
            send({"ready": True})
            _serve(token, recovery_key, stdin, send)
    except SealDeskError as exc:
        send({"error": error_to_json(exc)})
    except (FrameError, KeyError, TypeError, ValueError) as exc:  # never echo what was sent
        send({"error": error_to_json(TokenError(
            f"The key agent received a request it does not understand ({type(exc).__name__}).",
            hint="Restart SealDesk; if it persists, report it as a bug.",
        ))})
        return 1
    except BrokenPipeError:  # the parent is gone: nobody to answer
        return 0
    return 0


def run() -> NoReturn:
    """:func:`main`, then exit; without finalising a module a stuck call is still inside."""
    status = main()
    if watchdog.any_stuck():  # finalising would block on the stuck call: leave at once
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    run()
