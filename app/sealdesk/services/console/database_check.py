"""Testing a database URL before SealDesk switches to it: connect, bring the schema up, report.

Switching the database moves the audit log SealDesk appends to, so the target is proven usable
first: a connection is opened, the schema is upgraded to this version's head (an empty database
is created, an older one upgraded, exactly as at start-up), and what was found is reported. The
URL shown anywhere has its password masked; the Settings page refuses URLs with one anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sealdesk.errors import ConfigError, SealDeskError, StorageError
from sealdesk.storage.audit.models import AuditHead
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import current_revision, upgrade_schema


@dataclass(frozen=True)
class DatabaseCheck:
    """What the connection test found (all safe to show and to record)."""

    url: str
    """The URL with any password masked."""
    backend: str
    server_version: str
    revision_before: str | None
    revision: str
    audit_entries: int

    @property
    def backend_name(self) -> str:
        return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(self.backend, self.backend)

    def describe(self) -> str:
        if self.revision_before is None:
            schema = f"new SealDesk schema created ({self.revision})"
        elif self.revision_before != self.revision:
            schema = f"schema upgraded from {self.revision_before} to {self.revision}"
        else:
            schema = f"schema {self.revision}, up to date"
        entries = f"{self.audit_entries} audit entr{'y' if self.audit_entries == 1 else 'ies'}"
        return f"Connected to {self.backend_name} {self.server_version}: {schema}; {entries}."


def masked_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (or the text as given if it is no URL)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_checked_database(url: str) -> tuple[Database, DatabaseCheck]:
    """Open ``url``, upgrade its schema and report; the caller owns (and disposes) the result."""
    shown = masked_url(url)
    try:
        database = Database(create_database_engine(url))
    except OSError as exc:
        raise StorageError(
            f"The database {shown} cannot be created there ({exc.strerror or exc}).",
            hint="Choose a folder this account can write to.",
        ) from exc
    try:
        before = current_revision(database)
        upgrade_schema(database)
        check = DatabaseCheck(
            url=shown, backend=database.engine.dialect.name,
            server_version=_server_version(database), revision_before=before,
            revision=current_revision(database) or "", audit_entries=_entries(database),
        )
    except SealDeskError:
        database.dispose()
        raise
    except (SQLAlchemyError, OSError) as exc:
        database.dispose()
        raise _connection_error(shown, exc) from exc
    except BaseException:
        database.dispose()
        raise
    return database, check


def test_database_url(url: str) -> DatabaseCheck:
    """The Settings page's "Test connection": open, upgrade, report, close."""
    database, check = open_checked_database(url)
    database.dispose()
    return check


test_database_url.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def _server_version(database: Database) -> str:
    with database.engine.connect() as connection:
        if database.is_sqlite:
            return str(connection.execute(text("select sqlite_version()")).scalar())
        version = str(connection.execute(text("show server_version")).scalar())
        return version.split()[0]


def _entries(database: Database) -> int:
    with database.reader() as session:
        return int(session.execute(select(AuditHead.size)).scalar() or 0)


def _connection_error(shown: str, exc: BaseException) -> SealDeskError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = reason[0] if reason else exc.__class__.__name__
    if isinstance(exc, ArgumentError):
        return ConfigError(f"The database URL {shown} is not valid ({first}).",
                           hint="Use sqlite:///path/to/file.db or postgresql://user@host/dbname.")
    return StorageError(
        f"Cannot use the database {shown}: {first}",
        hint="Check the host, port, database name and user, that the server runs and accepts "
        "this user (PostgreSQL: pg_hba.conf, ~/.pgpass for the password).",
    )
