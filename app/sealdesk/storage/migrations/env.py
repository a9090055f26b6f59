"""Alembic environment: runs migrations on the connection SealDesk hands over."""

from __future__ import annotations

from alembic import context

import sealdesk.storage.revalidation_models  # noqa: F401  (revalidation runs, results)
from sealdesk.storage import rotation_models  # noqa: F401  (registers the rotation tables)
from sealdesk.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
