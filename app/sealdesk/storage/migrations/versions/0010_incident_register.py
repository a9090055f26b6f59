"""Incident register: cursors of the log's readers (SIEM export, alert evaluation).

Incidents themselves need no table: they are ``incident.*`` events in the audit log, read back
from there (the log is the authority, a table would be a second truth to keep in step). Adds
``log_cursors`` only; changes and drops nothing.

Revision ID: 0010
Revises: 0009 (the lead re-chains at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "log_cursors",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("entry_hash", sa.LargeBinary(32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("log_cursors")
