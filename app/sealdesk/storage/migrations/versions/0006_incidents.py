"""Incident controls: maintenance switch, self-tested software version, compromised keys.

Adds ``maintenance_state``, ``software_state`` and ``key_compromises``; changes and drops
nothing. On an empty database (a new installation) the running version is recorded as the
installed one, so a new installation seals at once. On a database that already holds a log, no
version is recorded: it was made by a version from before self-tests, so this version must pass
``sealdesk selftest`` before it seals (issue 8, update safety). Seals keep their ``status``
column (``active``/``quarantined``) from 0001.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import sealdesk

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "maintenance_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(256), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("audit_index", sa.BigInteger, nullable=False),
    )
    software = op.create_table(
        "software_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("selftest_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("audit_index", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "key_compromises",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("certificate_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("key_label", sa.String(256), nullable=False),
        sa.Column("compromised_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proposal_id", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("marked_by", sa.String(256), nullable=False),
        sa.Column("audit_index", sa.BigInteger, nullable=False),
    )
    logged = op.get_bind().execute(sa.text("SELECT size FROM audit_head")).scalar()
    if not logged:
        op.bulk_insert(software, [{"id": 1, "version": sealdesk.__version__}])


def downgrade() -> None:
    for table in ("key_compromises", "software_state", "maintenance_state"):
        op.drop_table(table)
