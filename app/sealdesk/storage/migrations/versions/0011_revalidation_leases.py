"""Revalidation work queue: a result row can be claimed by one worker for a while (a lease).

Adds ``claimed_by`` and ``claimed_until`` to ``revalidation_results`` (expand only: older
releases ignore the columns and still resume runs the way they did). Several consoles, or
``sealdesk revalidate work RUN`` on other machines, claim pending rows with ``FOR UPDATE SKIP
LOCKED`` (PostgreSQL); a worker that dies leaves leases that expire, and another takes its rows.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revalidation_results") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(128), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revalidation_results") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")
