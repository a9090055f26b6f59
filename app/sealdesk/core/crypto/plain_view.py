"""A decrypted document as a path that lives in memory only, for code that opens paths.

pyHanko's validator, the evidence collector and the horizon reader take a file path; the store's
documents are envelopes on disk. :func:`plaintext_path` decrypts one into an anonymous memory
file (Linux ``memfd_create``) and yields ``/proc/self/fd/N``: this process (and a child given
the descriptor) can open it, nothing is written to any disk, and the memory is returned when the
block ends or the process dies (a ``kill -9`` leaves no plaintext behind). The price is the
document's size in memory for as long as the block runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sealdesk.core.crypto.envelope import decrypt_stream


@contextlib.contextmanager
def plaintext_path(envelope: Path, key: bytes, name: str = "document") -> Iterator[Path]:
    """Yield a path to the plaintext of ``envelope`` (decrypted with ``key``) for the block."""
    fd = os.memfd_create(f"sealdesk-{name[:40]}", os.MFD_CLOEXEC)
    try:
        with envelope.open("rb") as source, os.fdopen(os.dup(fd), "wb") as target:
            decrypt_stream(source, target, key)
        os.lseek(fd, 0, os.SEEK_SET)
        yield Path(f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)
