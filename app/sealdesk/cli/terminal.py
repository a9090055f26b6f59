"""Untrusted text made safe for a terminal: control characters shown, never obeyed.

Why: file names, PDF field names, certificate subjects, seal reasons and audit payloads come
from documents and people SealDesk does not trust. Printed raw, ``"\\x1b[2J"`` clears the
screen, ``"\\n"`` forges a line ("PASSED  contract.pdf") below the real verdict and a bidi
override (U+202E) reverses what the eye reads. :func:`safe` replaces every such character
with a visible escape, so what an auditor reads is what the file holds.
"""

from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` (any object, shown with ``str``) with C0, C1, DEL and bidi controls escaped.

    A backslash is left as it is: the escapes are for the eye, not a reversible encoding.
    """
    return _UNSAFE.sub(_escape, str(text))


def safe_lines(text: str) -> str:
    """A multi-line text SealDesk composed (a report summary): its line breaks kept, every
    other control character escaped as by :func:`safe`."""
    return "\n".join(safe(line) for line in text.split("\n"))
