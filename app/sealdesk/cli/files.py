"""Files named on the command line: read as input, written as output, with domain errors.

Why: an unreadable input and an unwritable output are different failures for a script — the
first is the caller's file (INPUT), the second the disk or folder SealDesk writes to (STORAGE).
Every command reads and writes through these two helpers so no OS error ends in a traceback
(``verify --html DIR`` once did).
"""

from __future__ import annotations

import os
from pathlib import Path

from sealdesk.errors import InputError


def read_input(path: Path, limit: int | None = None, what: str = "file") -> bytes:
    """The bytes of a file the person named, bounded and typed (a regular file of at most
    ``limit`` bytes; /dev/zero or a FIFO is refused at once); any failure is an
    :class:`InputError`. Certificates and keys by default; proofs and checkpoints pass
    ``JSON_FILE_LIMIT``."""
    from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded

    return read_bounded(path, CERTIFICATE_LIMIT if limit is None else limit, what, InputError)


def write_output(path: Path, data: bytes, doing: str = "writing the output") -> None:
    """Write ``data`` to ``path`` atomically; an OS error is a :class:`StorageError` that says
    what went wrong in words ("it is a folder; give the name of a file to write")."""
    from sealdesk.fsutil import write_output as write_durably

    write_durably(path, data, doing)


def _reason(exc: OSError) -> str:
    return exc.strerror or os.strerror(exc.errno or 0) or type(exc).__name__
