"""Alembic environment: runs migrations on the connection SealDesk hands over."""

from __future__ import annotations

from alembic import context

from sealdesk.storage.base import Base
from sealdesk.storage.tables import register_all_tables

register_all_tables()

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
