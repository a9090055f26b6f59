"""Opening the database: engine settings per backend, schema upgrade, sessions.

SQLite is opened in WAL mode with ``synchronous=FULL`` (a committed seal survives a power cut)
and every writing transaction starts with ``BEGIN IMMEDIATE``, so two consoles sharing a file
serialize their writes instead of failing half-way. Reading sessions start with a deferred
``BEGIN``: in WAL mode they see a consistent snapshot and never wait for, or block, a writer.
PostgreSQL serializes audit appends on the chain head row (``SELECT ... FOR UPDATE``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sealdesk.errors import ConfigError, StorageError

READ_ONLY_OPTION = "sealdesk_read_only"
"""Execution option marking a connection that only reads (SQLite then begins deferred)."""


class Database:
    """An engine plus a session factory; ``transaction()`` is the only way to write."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False
        )
        self._after_commit: list[Callable[[], None]] = []

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after every committed :meth:`transaction` (not after a rollback).

        For readers of the audit log that react to what was written (alert rules); the callback
        runs outside the transaction that committed and must not raise.
        """
        self._after_commit.append(callback)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except (OperationalError, IntegrityError) as exc:
            raise storage_error(exc) from exc
        finally:
            session.close()
        for callback in self._after_commit:
            callback()

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed.

        Closing (not rolling back) keeps the loaded attributes of returned objects readable.
        """
        session = self._read_sessions()
        try:
            yield session
        except OperationalError as exc:
            raise storage_error(exc) from exc
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def storage_error(exc: SQLAlchemyError) -> StorageError:
    """A StorageError that says what happened and what to do, without the SQL or its values."""
    text = str(getattr(exc, "orig", exc)).lower()
    if isinstance(exc, IntegrityError):
        # Most likely two consoles recording the same thing at the same moment (PostgreSQL):
        # the transaction was rolled back as a whole, and a rerun sees the other one's records.
        return StorageError(
            "The database refused the change: it conflicts with a record already there or "
            "written at the same moment (another console doing the same thing?).",
            hint="Run the operation again; nothing of it was written.",
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            "The database is busy (another console or process holds a lock).",
            hint="Wait a moment and try again; nothing was written.",
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return StorageError(
            "The disk holding the database is full or failing.",
            hint="Free some space, then try again; nothing was written.",
        )
    return StorageError(
        f"The database could not be reached or refused the operation ({exc.__class__.__name__}).",
        hint="Check the database URL in Settings and that the server is running.",
    )


def create_database_engine(
    url: str, *, read_only: bool = False, immutable: bool = False
) -> Engine:
    """An engine for ``url`` with SealDesk's durability and locking settings applied.

    ``immutable`` (SQLite only, implies read-only) opens the file with ``immutable=1``: no lock,
    no ``-wal``/``-shm`` file is created or touched, so an auditor's copy stays bit-identical.
    Only for files nobody writes (a copy); it ignores an un-checkpointed ``-wal`` file.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(
            f"The database URL {url!r} is not valid.",
            hint="Use sqlite:///path/to/file.db or postgresql+psycopg://user@host/dbname.",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed.database or "", read_only=read_only or immutable,
                              immutable=immutable)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(
            f"The database URL {url!r} names a driver that is not installed.",
            hint="For PostgreSQL install the 'postgres' extra (psycopg).",
        ) from exc


def _sqlite_engine(path: str, *, read_only: bool, immutable: bool = False) -> Engine:
    if path and path != ":memory:" and not immutable:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    target = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    if immutable:
        target += "&immutable=1"
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        creator=lambda: _sqlite_connect(target),
    )
    if immutable:
        engine.update_execution_options(sealdesk_immutable=True)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        reading = read_only or connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _sqlite_connect(target: str):  # type: ignore[no-untyped-def]
    import sqlite3

    return sqlite3.connect(target, uri=True, timeout=30, check_same_thread=False)


def apply_busy_timeout(engine: Engine, seconds: float) -> None:
    """Wait at most ``seconds`` for another connection's lock, then fail with "busy".

    SQLite: ``busy_timeout`` (a ``BEGIN IMMEDIATE`` behind another console's write waits this
    long). PostgreSQL: ``lock_timeout`` (a head-row lock held by another console). Without a
    bound a stuck console would freeze every other one; with it, the waiting one reports
    :func:`storage_error` ("The database is busy ...") and nothing is written.
    """
    milliseconds = max(1, int(seconds * 1000))

    @event.listens_for(engine, "connect")
    def _bound_waits(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
        elif engine.dialect.name == "postgresql":
            cursor.execute(f"SET lock_timeout = {milliseconds}")
            dbapi_connection.commit()
        cursor.close()
