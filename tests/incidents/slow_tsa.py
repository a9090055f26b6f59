"""A slow timestamp authority for fault tests: a loopback proxy in front of the test PKI's TSA
that holds the first ``slow`` requests for ``delay`` seconds (longer than the client waits)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class SlowTsa:
    def __init__(self, upstream: str, *, slow: int, delay: float) -> None:
        self.upstream = upstream
        self.slow = slow
        self.delay = delay
        self.requests = 0
        self._lock = threading.Lock()
        self.url = ""

    def take_number(self) -> int:
        with self._lock:
            self.requests += 1
            return self.requests


def _handler(tsa: SlowTsa) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if tsa.take_number() <= tsa.slow:
                time.sleep(tsa.delay)
            answer = requests.post(tsa.upstream, body, timeout=10, headers={
                "Content-Type": "application/timestamp-query"})
            try:
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)
            except OSError:
                pass  # the client gave up waiting: exactly the point

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


@contextmanager
def slow_tsa(upstream: str, *, slow: int, delay: float) -> Iterator[SlowTsa]:
    tsa = SlowTsa(upstream, slow=slow, delay=delay)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(tsa))
    server.daemon_threads = True
    tsa.url = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tsa
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
