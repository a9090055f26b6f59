"""Rows of ``authority_snapshots``: stored as given, read without interpretation.

What a row is worth is decided by :mod:`sealdesk.services.keys.replay_cache`, never here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sealdesk.storage.keys.models import AuthoritySnapshotRecord

KEEP = 2
"""Snapshots kept; older ones are deleted when a new one is stored (they are only a cache)."""


def newest_snapshot(session: Session, at_most: int) -> AuthoritySnapshotRecord | None:
    """The snapshot of the largest tree size not beyond ``at_most`` entries."""
    return session.scalars(
        select(AuthoritySnapshotRecord).where(AuthoritySnapshotRecord.tree_size <= at_most)
        .order_by(AuthoritySnapshotRecord.tree_size.desc()).limit(1)).first()


def has_snapshot(session: Session, tree_size: int) -> bool:
    return session.get(AuthoritySnapshotRecord, tree_size) is not None


def store_snapshot(session: Session, *, tree_size: int, statement: bytes, signature: bytes,
                   algorithm: str, certificate_der: bytes, state: bytes) -> None:
    session.add(AuthoritySnapshotRecord(
        tree_size=tree_size, statement=statement, signature=signature, algorithm=algorithm,
        certificate_der=certificate_der, state=state, created_at=dt.datetime.now(dt.UTC)))
    session.flush()
    kept = session.scalars(select(AuthoritySnapshotRecord.tree_size)
                           .order_by(AuthoritySnapshotRecord.tree_size.desc())
                           .limit(KEEP)).all()
    session.execute(delete(AuthoritySnapshotRecord)
                    .where(AuthoritySnapshotRecord.tree_size < min(kept)))
