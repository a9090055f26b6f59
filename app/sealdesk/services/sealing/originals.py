"""Getting an original document back out of the store, checked against its recorded hash.

Since issue 9 an original is not stored on its own: a seal is an incremental update, so the sealed
file begins with the original byte for byte, and sealing refuses to commit a seal whose first
``document.size`` bytes do not hash to the original's SHA-256. Storing the original again would
double the archive (and the time to seal a 200 MB scan) for bytes already kept and verified.
Installations sealed before keep their separate copies; they are used when present.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sealdesk.errors import RecordIntegrityError
from sealdesk.fsutil import CHUNK, atomic_output
from sealdesk.services.context import AppContext


def extract_original(
    ctx: AppContext, *, sha256: str, size: int, sealed_sha256: str, name: str, target: Path
) -> Path:
    """Write the original ``sha256`` (``size`` bytes) to ``target``, or raise RecordIntegrityError.

    Read from its separate copy if an older version stored one (and it is intact), else from
    the first ``size`` bytes of the stored sealed file; written atomically, checked on the way.
    """
    for source in (sha256, sealed_sha256):
        if ctx.store.contains(source) and _copy_checked(ctx, source, size, sha256, target):
            return target
    raise _damaged(name, sha256)


def _copy_checked(ctx: AppContext, source: str, size: int, sha256: str, target: Path) -> bool:
    """Copy the first ``size`` bytes of stored ``source`` to ``target`` if they hash to
    ``sha256``."""
    digest = hashlib.sha256()
    remaining = size
    try:
        with ctx.store.open_object(source) as src, atomic_output(target) as dst:
            while remaining > 0 and (chunk := src.read(min(CHUNK, remaining))):
                digest.update(chunk)
                dst.write(chunk)
                remaining -= len(chunk)
            if remaining or digest.hexdigest() != sha256:
                raise _Mismatch
    except (_Mismatch, OSError):
        return False
    return True


class _Mismatch(Exception):
    """Raised inside atomic_output so that a wrong copy is never renamed into place."""


def _damaged(name: str, sha256: str) -> RecordIntegrityError:
    return RecordIntegrityError(
        f"The stored original of {name} ({sha256[:16]}…) is missing or damaged (neither a "
        "stored copy nor the beginning of its sealed file has the recorded hash).",
        hint="Restore the document store from a backup; 'sealdesk verify' shows the state.",
    )
