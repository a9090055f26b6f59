"""Persistence: SQLAlchemy models and repositories, Alembic migrations, the document store."""
