"""Index for the revalidation work queue's claim query (run, state, lease).

Expand only, like every migration from 0009 on: the previous release opens a database at this
revision without upgrading it (the rollback guard, ``storage/compat.py``) and works as before;
``tests/snapshots/test_rollback_from_history.py`` builds that release from git history and
seals and verifies with it against a database this release migrated.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_revalidation_results_claims", "revalidation_results",
                    ["run_id", "state", "claimed_until"])


def downgrade() -> None:
    op.drop_index("ix_revalidation_results_claims", table_name="revalidation_results")
