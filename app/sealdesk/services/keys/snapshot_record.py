"""Sign a snapshot of the authority replay right after a checkpoint (issue 23).

Called at the end of an operation that holds the token (a seal batch, ``sealdesk audit
checkpoint create``), after its checkpoint committed: the chain is verified up to the
checkpoint's tree size ``n`` (incrementally: this process has usually just done it for the
sealing gate), the relevant events of entries ``0..n-1`` become the state, and the audit key
signs the statement that binds the state's hash to the checkpoint, its root and entry ``n-1``'s
hash (:mod:`sealdesk.core.rotation.replay_snapshot`). A later process checks it and replays only
the entries after ``n``.

A snapshot is a convenience: any failure (token pulled, the chain broken, the table missing on
an older schema) is logged and leaves the operation as it was; the next checkpoint tries again.
Only the key that signed the checkpoint signs the snapshot, so a seal key configured as the audit
key cannot produce one the readers would accept.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.core.rotation.replay_snapshot import ReplaySnapshot
from sealdesk.core.token import TokenSession
from sealdesk.errors import SealDeskError
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import verified_prefix
from sealdesk.services.keys.replay_cache import snapshot_trust
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.repo import entry_at
from sealdesk.storage.keys import snapshots as snapshot_repo

log = logging.getLogger(__name__)


def record_snapshot(ctx: AppContext, token: TokenSession) -> int | None:
    """Sign and store the snapshot at the latest checkpoint; its tree size, or ``None``."""
    if ctx.read_only or (ctx.schema is not None and not ctx.schema.has("authority_snapshots")):
        return None
    try:
        return _record(ctx, token)
    except (SealDeskError, SQLAlchemyError) as exc:
        cause = exc.message if isinstance(exc, SealDeskError) else exc.__class__.__name__
        log.warning("No authority snapshot was signed at the end of this operation: %s "
                    "(the next process replays the whole audit log).", cause)
        return None


def _record(ctx: AppContext, token: TokenSession) -> int | None:
    signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
    with ctx.database.reader() as session:  # a first, full replay holds no write lock
        snapshot = _snapshot_at_latest_checkpoint(ctx, session, signer.certificate_der)
    if snapshot is None:
        return None
    statement = snapshot.statement_bytes()
    signature = signer.sign(statement)
    with ctx.database.transaction() as session:
        if snapshot_repo.has_snapshot(session, snapshot.tree_size):
            return None  # another console was quicker
        snapshot_repo.store_snapshot(
            session, tree_size=snapshot.tree_size, statement=statement, signature=signature,
            algorithm=signer.algorithm, certificate_der=signer.certificate_der,
            state=snapshot.state_bytes())
    return snapshot.tree_size


def _snapshot_at_latest_checkpoint(ctx: AppContext, session: Session,
                                   certificate_der: bytes) -> ReplaySnapshot | None:
    latest = checkpoint_repo.latest_checkpoint(session)
    if latest is None or snapshot_repo.has_snapshot(session, latest.tree_size):
        return None
    if bytes(latest.certificate_der) != certificate_der:
        return None
    size = latest.tree_size
    prefix = verified_prefix(session, snapshots=snapshot_trust(ctx))
    last = entry_at(session, size - 1) if size else None
    if prefix.size < size or last is None:
        return None
    return ReplaySnapshot(
        size, last.entry_hash, bytes(latest.root_hash),
        hashlib.sha256(latest.signed_payload).digest(),
        tuple((i, e.canonical_bytes()) for i, e in prefix.events if i < size))
