"""Files named on the command line: read as input, written as output, with domain errors.

Why: an unreadable input and an unwritable output are different failures for a script — the
first is the caller's file (INPUT), the second the disk or folder SealDesk writes to (STORAGE).
Every command reads and writes through these two helpers so no OS error ends in a traceback
(``verify --html DIR`` once did).
"""

from __future__ import annotations

import os
from pathlib import Path

from sealdesk.errors import InputError, StorageError


def read_input(path: Path) -> bytes:
    """The bytes of a file the person named; an OS error is an :class:`InputError`."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {_reason(exc)}.",
                         hint="Check the path and that it is a readable file.") from None


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an OS error is a :class:`StorageError`."""
    from sealdesk.fsutil import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise StorageError(f"Cannot write {path}: {_reason(exc)}.",
                           hint="Give a file path (not a folder) in a folder you may write "
                           "to, on a disk with free space.") from None


def _reason(exc: OSError) -> str:
    return exc.strerror or os.strerror(exc.errno or 0) or type(exc).__name__
