"""Key rotation with M-of-N custodian approval: custodians, policies, proposals, keys.

Adds six tables and changes nothing existing: ``custodians``, ``quorum_policies``,
``rotation_proposals``, ``rotation_decisions``, ``rotation_steps`` and ``managed_keys`` (the key
registry, with a partial unique index allowing one active key per purpose). Keys configured
before this release are adopted into the registry the first time a rotation needs them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "custodians",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(256), nullable=False, unique=True),
        sa.Column("certificate_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("certificate_der", sa.LargeBinary, nullable=False),
        sa.Column("key_label", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("added_at", _when(), nullable=False),
        sa.Column("added_by_proposal", sa.String(16), nullable=False),
        sa.Column("removed_at", _when(), nullable=True),
    )
    op.create_table(
        "quorum_policies",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("thresholds_json", sa.Text, nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("proposal_id", sa.String(16), nullable=False),
    )
    op.create_table(
        "rotation_proposals",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("action", sa.String(32), nullable=False, index=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("created_at", _when(), nullable=False, index=True),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("proposer", sa.String(256), nullable=False),
        sa.Column("csr_der", sa.LargeBinary, nullable=True),
        sa.Column("updated_at", _when(), nullable=False),
    )
    op.create_table(
        "rotation_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("proposal_id", sa.String(16), sa.ForeignKey("rotation_proposals.id"),
                  nullable=False, index=True),
        sa.Column("custodian_sha256", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("statement", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("algorithm", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("decided_at", _when(), nullable=False),
        sa.Column("audit_index", sa.Integer, nullable=False),
        sa.UniqueConstraint("proposal_id", "custodian_sha256", name="uq_decision_custodian"),
    )
    op.create_table(
        "rotation_steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("proposal_id", sa.String(16), sa.ForeignKey("rotation_proposals.id"),
                  nullable=False, index=True),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("details_json", sa.Text, nullable=False),
        sa.Column("done_at", _when(), nullable=False),
        sa.UniqueConstraint("proposal_id", "step", name="uq_step_once"),
    )
    op.create_table(
        "managed_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("label", sa.String(128), nullable=False),
        sa.Column("key_id_hex", sa.String(128), nullable=False),
        sa.Column("token_serial", sa.String(64), nullable=False),
        sa.Column("algorithm", sa.String(32), nullable=False),
        sa.Column("public_key_sha256", sa.String(64), nullable=False),
        sa.Column("certificate_der", sa.LargeBinary, nullable=True),
        sa.Column("certificate_sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("activated_at", _when(), nullable=True),
        sa.Column("retired_at", _when(), nullable=True),
        sa.Column("proposal_id", sa.String(16), nullable=False),
        sa.UniqueConstraint("label", "token_serial", name="uq_key_label_on_token"),
    )
    op.create_index(
        "uq_one_active_key_per_purpose", "managed_keys", ["purpose"], unique=True,
        sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"),
    )


def downgrade() -> None:
    op.drop_index("uq_one_active_key_per_purpose", table_name="managed_keys")
    for table in ("managed_keys", "rotation_steps", "rotation_decisions", "rotation_proposals",
                  "quorum_policies", "custodians"):
        op.drop_table(table)
