"""Authority from the OS: role assignments bind the account's uid (issue 17 item 5).

Adds the nullable ``role_assignments.os_uid``. Rows already there keep ``NULL`` (they match by
the passwd name of the real uid, as before); rows written from now on carry the uid the name
had when the role was granted, so a name reused by another account carries no role.

Revision ID: 0008
Revises: 0006 (the lead re-chains after 0007 at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("role_assignments") as batch:
        batch.add_column(sa.Column("os_uid", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("role_assignments") as batch:
        batch.drop_column("os_uid")
