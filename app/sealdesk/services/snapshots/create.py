"""``snapshot create``: a consistent, signed, timestamped copy of all writable state.

Order, and why:

1. A checkpoint first, so the log the snapshot copies is pinned by the audit key.
2. The database is copied in one consistent read (see :mod:`.database_copy`); other consoles
   keep sealing meanwhile.
3. Store objects are listed AFTER the copy: sealing promotes a file only after its seal is
   committed, so every seal in the copy has its object in the listing (later objects come along
   too; they are harmless and reconciliation names them). Objects are copied or hard-linked
   from an earlier snapshot (:mod:`.objects`).
4. The manifest is signed with the audit key and timestamped by the TSA, then the half-built
   folder is renamed into place: a snapshot either exists complete or not at all.
5. ``snapshot.created`` is recorded in the live log (and a checkpoint taken), so the log itself
   says which snapshots exist; a snapshot the log never mentions is suspect.

Nothing here writes to the live data folder except the two audit events.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sealdesk
from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSession
from sealdesk.fsutil import atomic_write_bytes, fsync_dir, make_private_dir, sha256_file, writer_tag
from sealdesk.services._testing import reach
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner, checkpoint_after_operation
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from sealdesk.services.retention.status import deleted_among
from sealdesk.services.snapshots.database_copy import copy_database
from sealdesk.services.snapshots.listing import (
    PARTIAL_SUFFIX,
    earlier_objects,
    remove_abandoned,
    snapshot_root,
)
from sealdesk.services.snapshots.manifest import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    TIMESTAMP_NAME,
    FileEntry,
    encode_manifest,
    encode_signature,
    manifest_sha256,
)
from sealdesk.services.snapshots.objects import copy_objects, copy_store_files
from sealdesk.services.snapshots.timestamp import request_timestamp
from sealdesk.services.tsa_credentials import tsa_password

_OBJECT_NAME = re.compile(r"[0-9a-f]{64}")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SnapshotResult:
    path: Path
    manifest_sha256: str
    tree_size: int
    objects: int
    copied: int
    linked: int
    bytes_copied: int
    missing: tuple[str, ...]


def store_object_names(objects: Path) -> list[str]:
    """Every complete object in the live store (temporary ``.part`` copies excluded)."""
    if not objects.is_dir():
        return []
    return sorted(p.name for p in objects.glob("*/*") if _OBJECT_NAME.fullmatch(p.name))


def create_snapshot(
    ctx: AppContext,
    token: TokenSession,
    *,
    reason: str = "",
    to: Path | None = None,
    progress: Progress | None = None,
) -> SnapshotResult:
    """Take a snapshot into the snapshot folder (or ``to``); see the module docstring."""
    root = snapshot_root(ctx, to)
    remove_abandoned(root)
    signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
    checkpoint_after_operation(ctx, token)
    now = dt.datetime.now(dt.UTC)
    name = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    partial = make_private_dir(root / f".{name}.{writer_tag()}{PARTIAL_SUFFIX}")
    earlier = earlier_objects(root)

    try:
        db_file, state = copy_database(ctx.database, partial)
        db_path = partial / db_file
        db_entry = FileEntry(db_file, db_path.stat().st_size, sha256_file(db_path))
        live = set(store_object_names(ctx.store.objects))
        absent = state.sealed_objects - live
        missing = sorted(absent - set(deleted_among(ctx, absent)))  # deleted: not a loss
        stats = copy_objects(
            ctx.store.objects, sorted(live), partial, earlier,
            None if progress is None else (lambda d, t: progress("objects", d, t)))
        manifest_bytes = encode_manifest({
            "snapshot": name,
            "created": format_time(now),
            "reason": reason,
            "actor": ctx.actor.identity,
            "console_id": ctx.console_id,
            "software_version": sealdesk.__version__,
            "installation": state.first_entry_hash,
            "database": {"kind": ctx.database.engine.dialect.name, **db_entry.to_dict()},
            "objects": [e.to_dict() for e in stats.entries],
            "store_files": [e.to_dict() for e in copy_store_files(ctx.store.root, partial)],
            "missing_objects": missing,
            "audit": state.audit_dict(),
        })
        atomic_write_bytes(partial / MANIFEST_NAME, manifest_bytes)
        atomic_write_bytes(partial / SIGNATURE_NAME, encode_signature(
            signer.algorithm, signer.sign(manifest_bytes), signer.certificate_pem))
        atomic_write_bytes(partial / TIMESTAMP_NAME, request_timestamp(
            ctx.config.tsa, manifest_bytes, tsa_password(ctx.config.tsa)))
        reach("snapshot_signed")
        final = root / name
        os.replace(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # nothing half-built is left behind
        raise
    fsync_dir(root)
    digest = manifest_sha256(manifest_bytes)
    record_now(ctx, ctx.event(
        EventType.SNAPSHOT_CREATED, {"snapshot": name},
        {"manifest_sha256": digest, "tree_size": state.tree_size, "root_hash": state.root_hash,
         "objects": len(stats.entries), "copied": stats.copied, "linked": stats.linked,
         "missing_objects": missing[:50], "reason": reason, "folder": str(final)},
    ))
    checkpoint_after_operation(ctx, token)
    return SnapshotResult(final, digest, state.tree_size, len(stats.entries), stats.copied,
                          stats.linked, stats.bytes_copied, tuple(missing))
