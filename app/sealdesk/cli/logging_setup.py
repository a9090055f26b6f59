"""Logging for the command line: library warnings as one line each, tracebacks only on request.

Why: pyHanko and its dependencies log generously (a damaged document can produce a multi-page
traceback at WARNING), and a compliance officer reading ``sealdesk revalidate`` output should
see the verdicts, not a stack dump. Set ``SEALDESK_DEBUG=1`` to get everything, with
tracebacks, at DEBUG level.
"""

from __future__ import annotations

import logging
import os
import sys

from sealdesk.cli.terminal import safe

DEBUG_ENV = "SEALDESK_DEBUG"
_MAX_LINE = 300


class OneLineFormatter(logging.Formatter):
    """``warning: pyhanko.sign: first line of the message`` — no traceback, no second line.

    Library messages quote document content (certificate subjects, field names), so the line
    is escaped like every other untrusted text on the terminal.
    """

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().strip().splitlines()
        text = lines[0] if lines else ""
        if len(text) > _MAX_LINE:
            text = text[: _MAX_LINE - 1] + "…"
        return f"{record.levelname.lower()}: {record.name}: {safe(text)}"


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0", "false", "no")


def setup_logging() -> None:
    """Configure the root logger once for a CLI process (idempotent)."""
    root = logging.getLogger()
    if any(getattr(h, "_sealdesk", False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler._sealdesk = True  # type: ignore[attr-defined]
    if debugging():
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.setLevel(logging.DEBUG)
    else:
        handler.setFormatter(OneLineFormatter())
        root.setLevel(logging.WARNING)
    root.addHandler(handler)
