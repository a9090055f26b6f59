"""Roles: one table of role assignments (operator, custodian, auditor, administrator).

Adds ``role_assignments`` and changes nothing existing. An installation upgraded to this
revision has no assignment yet: until the first role change, the OS account that initialised
the installation holds every role (see :mod:`sealdesk.services.access.roles`), so nothing that
worked
before stops working at the upgrade.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "role_assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("os_user", sa.String(128), nullable=False),
        sa.Column("operator", sa.String(256), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.String(256), nullable=False),
        sa.Column("proposal_id", sa.String(16), nullable=False),
        sa.Column("bootstrap", sa.Boolean, nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(256), nullable=False),
    )
    op.create_index("ix_role_assignments_user_role", "role_assignments", ["os_user", "role"])


def downgrade() -> None:
    op.drop_index("ix_role_assignments_user_role", table_name="role_assignments")
    op.drop_table("role_assignments")
