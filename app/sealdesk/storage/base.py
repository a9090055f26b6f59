"""The declarative base of the database schema (SQLAlchemy 2, typed).

Changes go through Alembic migrations only.

Verification metadata (hashes, audit entries, checkpoints, policies) is never dropped by a
migration: a seal made today must still be provable after every future upgrade.
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
