"""Bulk revalidation: runs and their per-document results.

Adds two tables and changes nothing existing: ``revalidation_runs`` (scope, policy, status,
who and when) and ``revalidation_results`` (one row per planned document, pending until
checked). See :mod:`sealdesk.storage.revalidation.models`.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revalidation_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("scope_json", sa.Text, nullable=False),
        sa.Column("policy_json", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actor", sa.String(256), nullable=False),
        sa.Column("console_id", sa.String(256), nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("passed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("indeterminate", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("incidents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("audit_index", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "revalidation_results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("revalidation_runs.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("seal_id", sa.Integer, sa.ForeignKey("seals.id"), nullable=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("expected_sha256", sa.String(64), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("indication", sa.String(16), nullable=True, index=True),
        sa.Column("sub_indication", sa.String(48), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("incident", sa.Boolean, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("report_json", sa.Text, nullable=True),
        sa.Column("store_json", sa.Text, nullable=False),
        sa.Column("audit_index", sa.BigInteger, nullable=True),
        sa.UniqueConstraint("run_id", "position", name="uq_revalidation_position"),
    )
    op.create_index("ix_revalidation_results_run_state", "revalidation_results",
                    ["run_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_revalidation_results_run_state", table_name="revalidation_results")
    op.drop_table("revalidation_results")
    op.drop_table("revalidation_runs")
