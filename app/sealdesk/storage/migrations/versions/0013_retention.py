"""Retention and legal-hold rows (issue 21 item 5): two new tables, expand only.

The rows are a cache of the audit log's ``retention.*`` and ``hold.*`` events; nothing an older
release reads changes, so it keeps opening a database at this revision (``storage/compat.py``).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_documents",
        sa.Column("document_sha256", sa.String(64), primary_key=True),
        sa.Column("class_name", sa.String(64), nullable=False),
        sa.Column("clock_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_entry", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_retention_documents_due_at", "retention_documents", ["due_at"])
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("case_ref", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.String(256), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placed_entry", sa.BigInteger(), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(256), nullable=False),
        sa.Column("release_reason", sa.Text(), nullable=False),
        sa.Column("released_entry", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_legal_holds_document_sha256", "legal_holds", ["document_sha256"])


def downgrade() -> None:
    op.drop_index("ix_legal_holds_document_sha256", table_name="legal_holds")
    op.drop_table("legal_holds")
    op.drop_index("ix_retention_documents_due_at", table_name="retention_documents")
    op.drop_table("retention_documents")
