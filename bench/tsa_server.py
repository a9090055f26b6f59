"""A loopback RFC 3161 timestamp authority for the benchmark: ``python -m bench.tsa_server``.

Every contender (SealDesk, the naive pyHanko loop, pyHanko's CLI) gets its timestamps from this
one HTTP server on 127.0.0.1, so "same timestamp setting" holds and pyHanko's CLI (which only
takes a TSA URL) can take part. It signs with the demo TSA key through SealDesk's
:class:`~sealdesk.core.sealing.timestamping.DemoTimeStamper` and runs in its own process, as a
real TSA would; its answer time is part of every contender's figures alike.

It prints ``port N`` once listening, and stops by itself when its standard input closes (the
benchmark ended or died) or after ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import tsp

from sealdesk.config import TsaConfig
from sealdesk.core.sealing.timestamping import build_timestamper

MAX_REQUEST = 64 * 1024


def make_handler(stamper: object) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as production TSAs offer it
        disable_nagle_algorithm = True  # headers and body are two writes

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            if not 0 < length <= MAX_REQUEST:
                self.send_error(400, "bad request length")
                return
            request = tsp.TimeStampReq.load(self.rfile.read(length))
            answer = stamper.request_tsa_response(request).dump()  # type: ignore[attr-defined]
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass  # one line per request would drown the benchmark's own output

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cert", type=Path, required=True, help="demo TSA certificate (PEM)")
    parser.add_argument("--key", type=Path, required=True, help="demo TSA key (PEM, PKCS#8)")
    parser.add_argument("--max-seconds", type=float, default=3 * 3600)
    args = parser.parse_args(argv)
    stamper = build_timestamper(TsaConfig(demo_cert=str(args.cert), demo_key=str(args.key)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(stamper))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"port {server.server_address[1]}", flush=True)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait(args.max_seconds)
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
