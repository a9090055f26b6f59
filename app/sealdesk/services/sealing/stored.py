"""A stored sealed document read through the store, for the Documents page.

The Documents page used to preview and copy a sealed row's file by its path in ``objects/``.
In an encrypted store that file is an envelope: only the store's read methods (which decrypt in
memory after the token unlocked the store) give the document. These functions read it that way
and check it against the seal's recorded SHA-256, so a replaced or damaged stored file is
refused instead of shown as "sealed".
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sealdesk.errors import InputError
from sealdesk.fsutil import read_bounded
from sealdesk.services.context import AppContext

PREVIEW_LIMIT = 256 * 1024 * 1024
"""The largest sealed document read whole into memory for a preview."""


def is_stored_copy(ctx: AppContext, sealed_sha256: str, sealed_path: Path | None) -> bool:
    """Whether ``sealed_path`` is the store's own object for ``sealed_sha256`` (then it must be
    read through the store, never by its path)."""
    return bool(sealed_sha256) and sealed_path is not None and \
        sealed_path == ctx.store.path_of(sealed_sha256)


def stored_sealed_bytes(ctx: AppContext, sealed_sha256: str, limit: int = PREVIEW_LIMIT
                        ) -> bytes:
    """The stored sealed document ``sealed_sha256`` (plaintext), only if it hashes to that.

    StoreLockedError when the store is encrypted and not unlocked; InputError when it is not
    in the store or is not the file that was sealed.
    """
    if not ctx.store.contains(sealed_sha256):
        raise _not_stored(sealed_sha256)
    with ctx.store.readable_path(sealed_sha256) as path:
        data = read_bounded(path, limit, "sealed document")
    if hashlib.sha256(data).hexdigest() != sealed_sha256:
        raise InputError(
            f"The stored sealed document {sealed_sha256[:16]}… is not the file that was sealed "
            "(its SHA-256 differs from the seal's record).",
            hint="The store was altered or damaged; run 'sealdesk reconcile --contents' and "
            "restore it from a snapshot.")
    return data


def copy_stored_sealed(ctx: AppContext, sealed_sha256: str, target: Path) -> str:
    """Write the stored sealed document to ``target`` (atomically, durably); its SHA-256, which
    must be the seal's (a mismatching copy is removed and refused)."""
    if not ctx.store.contains(sealed_sha256):
        raise _not_stored(sealed_sha256)
    digest = ctx.store.copy_out(sealed_sha256, target)
    if digest != sealed_sha256:
        target.unlink(missing_ok=True)
        raise InputError(
            f"The stored sealed document {sealed_sha256[:16]}… is not the file that was sealed; "
            "no copy was kept.",
            hint="The store was altered or damaged; run 'sealdesk reconcile --contents' and "
            "restore it from a snapshot.")
    return digest


def _not_stored(sealed_sha256: str) -> InputError:
    return InputError(
        f"The sealed document {sealed_sha256[:16]}… is not in the document store (its content "
        "was deleted under retention, or is missing).",
        hint="Run 'sealdesk reconcile' to see what the store lacks; restore it from a snapshot "
        "if it was not deleted on purpose.")
