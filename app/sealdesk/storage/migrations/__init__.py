"""Alembic migrations for SealDesk's schema (run through :mod:`sealdesk.storage.schema`)."""
