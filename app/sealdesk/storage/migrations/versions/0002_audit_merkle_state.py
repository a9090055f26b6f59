"""Merkle state for fast checkpoints and proofs: the head's frontier and stored subtree hashes.

Adds ``audit_head.frontier`` (the compact range of the log) and the ``audit_subtrees`` table
(hashes of completed 256-leaf blocks and their ancestors), and computes both from the entries
already in the log; adds an ``(event_type, idx)`` index for browsing. Nothing existing is
changed or dropped.

The computation reads the entries as stored, in index order, up to the head's size. It repairs
nothing: a log whose entries do not match its head (missing rows) stops the upgrade with a
message, so that damaged evidence is examined (``sealdesk audit verify`` works on the old schema
read-only) instead of being built upon. The SQLite file was copied before the upgrade began.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sealdesk.core.audit.merkle import CompactRange
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache
from sealdesk.errors import RecordIntegrityError

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 20000


def upgrade() -> None:
    op.create_table(
        "audit_subtrees",
        sa.Column("level", sa.SmallInteger, primary_key=True, autoincrement=False),
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
    )
    # Browsing a type newest-first walks this index instead of sorting every match.
    op.create_index("ix_audit_entries_type_idx", "audit_entries", ["event_type", "idx"])
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("frontier", sa.LargeBinary, nullable=True))
    _compute_merkle_state(op.get_bind())
    with op.batch_alter_table("audit_head") as batch:
        batch.alter_column("frontier", existing_type=sa.LargeBinary, nullable=False)


def downgrade() -> None:
    # Derived data only: dropping it loses no evidence (0001 code never reads it).
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("frontier")
    op.drop_index("ix_audit_entries_type_idx", "audit_entries")
    op.drop_table("audit_subtrees")


def _compute_merkle_state(connection: sa.Connection) -> None:
    head = sa.table(
        "audit_head",
        sa.column("id", sa.Integer),
        sa.column("size", sa.BigInteger),
        sa.column("frontier", sa.LargeBinary),
    )
    entries = sa.table("audit_entries", sa.column("idx", sa.BigInteger),
                       sa.column("entry_hash", sa.LargeBinary))
    subtrees = sa.table("audit_subtrees", sa.column("level", sa.SmallInteger),
                        sa.column("idx", sa.BigInteger), sa.column("hash", sa.LargeBinary))
    size = int(connection.execute(sa.select(head.c.size).where(head.c.id == 1)).scalar_one())
    frontier = CompactRange()
    cache = InMemorySubtreeCache()
    position = 0
    while position < size:
        hashes = [
            bytes(h)
            for h in connection.execute(
                sa.select(entries.c.entry_hash)
                .where(entries.c.idx >= position, entries.c.idx < min(size, position + _BATCH))
                .order_by(entries.c.idx)
            ).scalars()
        ]
        if len(hashes) != min(size, position + _BATCH) - position:
            raise RecordIntegrityError(
                f"The audit log head says {size} entries but entries are missing between "
                f"{position} and {min(size, position + _BATCH) - 1}; the upgrade stopped "
                "without changing anything.",
                hint="Run 'sealdesk audit verify' on this database (it works read-only on the "
                "old schema) and keep the file for investigation.",
            )
        frontier.extend(hashes)
        cache.extend(hashes)
        position += len(hashes)
    rows = [{"level": r.level, "idx": r.index, "hash": r.hash} for r in cache.rows()]
    for start in range(0, len(rows), _BATCH):
        connection.execute(sa.insert(subtrees), rows[start : start + _BATCH])
    connection.execute(
        sa.update(head).where(head.c.id == 1).values(frontier=b"".join(frontier.hashes))
    )
