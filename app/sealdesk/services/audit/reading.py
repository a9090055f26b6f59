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
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from sealdesk.storage.db import Database, create_database_engine

_READ_ONLY: weakref.WeakKeyDictionary[Database, Database] = weakref.WeakKeyDictionary()
_READ_ONLY_LOCK = threading.Lock()


def read_only_twin(database: Database) -> Database:
    """The read-only engine on the same SQLite file, shared while ``database`` lives.

    Shared so that its compiled statements and pooled connections serve every later read (a
    proof costs a few milliseconds, a fresh engine as much again).
    """
    if not database.is_sqlite or database.engine.get_execution_options().get(
            "sealdesk_immutable"):
        return database  # an immutable copy is read-only already; a twin would touch it
    path = database.engine.url.database or ""
    if not path or path == ":memory:":
        return database
    with _READ_ONLY_LOCK:
        twin = _READ_ONLY.get(database)
        if twin is None:
            twin = Database(create_database_engine(f"sqlite:///{path}", read_only=True))
            _READ_ONLY[database] = twin
            weakref.finalize(database, twin.dispose)
        return twin


class AuditReader:
    """Hands out read-only snapshot sessions on the audit database."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def _target(self) -> Database:
        return read_only_twin(self._database)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session reading one consistent snapshot; nothing it does is written."""
        target = self._target()
        with target.reader() as session:
            if not target.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def close(self) -> None:
        """Nothing to release: the read-only engine lives as long as the database object."""

    def __enter__(self) -> AuditReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
