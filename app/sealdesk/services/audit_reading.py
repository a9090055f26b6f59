"""Reading the audit log without getting in the way of the consoles that append to it.

SealDesk's ordinary sessions on SQLite start with ``BEGIN IMMEDIATE``, which takes the write lock:
right for an append, wrong for a five-second verification or a scrolling table, which would
stall every seal meanwhile. Audit reads therefore go through a second, read-only engine on the
same file (plain deferred ``BEGIN``; WAL gives it a consistent snapshot while others write).
On PostgreSQL a read runs as one ``REPEATABLE READ`` transaction for the same snapshot.

Entries are never updated, so the first ``size`` entries read in any later snapshot are the same
entries; readers bound their queries by the head size they read first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from sealdesk.storage.db import Database, create_database_engine


class AuditReader:
    """Hands out read-only snapshot sessions on the audit database; close it when done."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._own: Database | None = None
        self._lock = threading.Lock()

    def _target(self) -> Database:
        if not self._database.is_sqlite:
            return self._database
        path = self._database.engine.url.database or ""
        if not path or path == ":memory:":
            return self._database
        with self._lock:
            if self._own is None:
                self._own = Database(create_database_engine(f"sqlite:///{path}", read_only=True))
            return self._own

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session reading one consistent snapshot; nothing it does is written."""
        target = self._target()
        with target.reader() as session:
            if not target.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def close(self) -> None:
        with self._lock:
            if self._own is not None:
                self._own.dispose()
                self._own = None

    def __enter__(self) -> AuditReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
