"""Initial schema: documents, seals, the audit log, its head and checkpoints.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("original_name", sa.String(512), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(256), nullable=False),
    )
    op.create_table(
        "seals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("policy_id", sa.String(64), nullable=False),
        sa.Column("policy_json", sa.Text, nullable=False),
        sa.Column("sealed_sha256", sa.String(64), nullable=False),
        sa.Column("sealed_size", sa.BigInteger, nullable=False),
        sa.Column("field_name", sa.String(128), nullable=False),
        sa.Column("certificate_sha256", sa.String(64), nullable=False),
        sa.Column("key_label", sa.String(256), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("operator", sa.String(256), nullable=False),
        sa.Column("sealed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("audit_index", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.UniqueConstraint("document_id", "policy_id", name="uq_seal_doc_policy"),
    )
    op.create_index("ix_seals_document_id", "seals", ["document_id"])
    op.create_index("ix_seals_sealed_sha256", "seals", ["sealed_sha256"])
    op.create_index("ix_seals_certificate_sha256", "seals", ["certificate_sha256"])
    op.create_index("ix_seals_sealed_at", "seals", ["sealed_at"])
    op.create_table(
        "audit_entries",
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("prev_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("entry_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(256), nullable=False),
        sa.Column("subject", sa.String(256), nullable=False),
    )
    for column in ("event_type", "time", "actor", "subject"):
        op.create_index(f"ix_audit_entries_{column}", "audit_entries", [column])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("head_hash", sa.LargeBinary(32), nullable=False),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tree_size", sa.BigInteger, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("signed_payload", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("algorithm", sa.String(32), nullable=False),
        sa.Column("certificate_der", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_audit_checkpoints_tree_size", "audit_checkpoints", ["tree_size"])
    op.bulk_insert(
        sa.table(
            "audit_head",
            sa.column("id", sa.Integer),
            sa.column("size", sa.BigInteger),
            sa.column("head_hash", sa.LargeBinary),
        ),
        [{"id": 1, "size": 0, "head_hash": bytes(32)}],
    )
