"""JSON from outside parsed with a nesting bound, so deep nesting is an error, not a traceback.

``json.loads`` recurses once per level of nesting: a proof, checkpoint or bundle manifest of
100,000 ``[`` raised RecursionError out of every reader (issue 18), and a deep enough one can
exhaust the C stack. :func:`check_depth` measures the nesting first with one regular-expression
pass (strings skipped, so brackets inside them do not count) and refuses anything deeper than
:data:`MAX_DEPTH` before the recursive parser sees it. Every format SealDesk reads is a handful
of levels deep.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64
_BYTES_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_TEXT_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_OPEN = {b"[", b"{", "[", "{"}


class TooDeepError(ValueError):
    """The JSON nests deeper than allowed (a ValueError, like json's own errors)."""


def check_depth(data: bytes | str, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`TooDeepError` if ``data`` nests arrays/objects deeper than ``max_depth``."""
    tokens = _BYTES_TOKENS if isinstance(data, bytes | bytearray) else _TEXT_TOKENS
    depth = 0
    for match in tokens.finditer(data):  # type: ignore[arg-type]
        token = match.group()
        if token in _OPEN:
            depth += 1
            if depth > max_depth:
                raise TooDeepError(f"nested deeper than {max_depth} levels")
        elif len(token) == 1:
            depth -= 1


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH, **options: Any) -> Any:
    """``json.loads(data, **options)`` after :func:`check_depth`; errors are ValueErrors."""
    check_depth(data, max_depth)
    try:
        return json.loads(data, **options)
    except RecursionError:  # a parse hook recursing on its own; never let it escape
        raise TooDeepError("nested too deeply to be read") from None
