"""Rollback safety: which SealDesk versions may open this database.

Adds the single-row ``database_compatibility`` table: the version that last upgraded the
schema (``written_by_version``), its Alembic revision, and the oldest SealDesk version that may
still open the database (``oldest_compatible_version``). From this release on migrations are
expand/contract: a release adds, and only a later one removes what the release before no longer
reads, so release N's database still works for release N-1. A SealDesk that finds a schema
revision it does not know reads this row and opens the database without upgrading it when it
is at least the oldest compatible version, or refuses naming both versions and the snapshot to
restore (:mod:`sealdesk.services.snapshots.compat`).

A separate table, not columns of ``software_state``: that row's absence means "self-test
before sealing", which this table must not change. Nothing existing is changed or dropped.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "database_compatibility",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("written_by_version", sa.String(64), nullable=False),
        sa.Column("schema_revision", sa.String(32), nullable=False),
        sa.Column("oldest_compatible_version", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("database_compatibility")
