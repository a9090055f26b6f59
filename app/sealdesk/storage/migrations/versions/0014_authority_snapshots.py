"""Signed snapshots of the authority replay (issue 23: start-up without replaying the whole log).

Expand only: a new table that older releases never read (they replay the whole log, as
before). Each row is a statement signed with the audit key at a checkpoint's tree size, with the
replay state it names; the services verify it before use and ignore a row that fails.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "authority_snapshots",
        sa.Column("tree_size", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("statement", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("algorithm", sa.String(32), nullable=False),
        sa.Column("certificate_der", sa.LargeBinary, nullable=False),
        sa.Column("state", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("authority_snapshots")
