"""May this SealDesk open this database? The rollback guard (issue 19 item 5).

Every start records, once the schema is at this version's head, which version wrote the
database and the oldest version that may still open it (:data:`OLDEST_COMPATIBLE_VERSION`;
raise it only when a contract step removes something an older release still reads). A SealDesk
that finds a schema revision it does not know (a newer release migrated the database) reads
that record before touching anything:

* at least the oldest compatible version: it opens the database as it is, without upgrading
  (expand/contract keeps the newer schema readable and writable for it);
* older, or no record at all: it refuses, naming both versions and (through the caller's
  ``restore_hint``, the services know the snapshots) the snapshot to restore, because writing
  with it could corrupt what the newer release keeps.

The table is read and written with plain SQL: an older version must be able to read it whatever
the newer release's models look like.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, SQLAlchemyError

import sealdesk
from sealdesk.errors import ConfigError
from sealdesk.storage.db import READ_ONLY_OPTION, Database, storage_error
from sealdesk.storage.schema import head_revision, revision_graph, revision_of

OLDEST_COMPATIBLE_VERSION = "0.1.0"
"""The oldest SealDesk that may open a database this version wrote."""

_TABLE = "database_compatibility"


def version_key(value: object) -> tuple[int, ...]:
    """``"1.10.2"`` -> ``(1, 10, 2)``, comparable; local and pre-release tags are ignored.

    (Not ``packaging.version``: the repository's own ``packaging/`` folder shadows it when the
    source tree is on ``sys.path``.)
    """
    release = str(value).split("+")[0]
    parts = []
    for piece in release.split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts) or (0,)


def _known_revisions() -> set[str]:
    return set(revision_graph())


def _reading(database: Database) -> Connection:
    """A connection that only reads (SQLite: deferred BEGIN, so no write lock at start-up)."""
    return database.engine.execution_options(**{READ_ONLY_OPTION: True}).connect()


def _revision(connection: Connection) -> str | None:
    return revision_of(connection)


def must_not_upgrade(database: Database, restore_hint: Callable[[], str]) -> bool:
    """True when a newer, compatible release owns the schema (open, do not upgrade).

    Raises :class:`ConfigError` when this version may not open the database at all, and
    :class:`~sealdesk.errors.StorageError` when the database cannot be read (busy, gone).
    """
    try:
        with _reading(database) as connection:
            revision = _revision(connection)
            if revision is None or revision in _known_revisions():
                return False
            record = _read(connection)
    except OperationalError as exc:
        raise storage_error(exc) from exc
    ours = sealdesk.__version__
    if record is not None and version_key(ours) >= version_key(record[1]):
        return True
    written_by, oldest = record if record else ("a newer release", "unknown")
    raise ConfigError(
        f"This database was upgraded by SealDesk {written_by} (schema {revision}); this is "
        f"SealDesk {ours}, older than the oldest version that may open it ({oldest}).",
        hint=f"Install SealDesk {written_by} again, or restore {restore_hint()} "
        "into a new folder with 'sealdesk restore' (README: rollback runbook).",
    )


def record_compatibility(database: Database) -> None:
    """Write this version's record when the schema is at its head (and the record differs)."""
    revision = head_revision()
    wanted = (sealdesk.__version__, revision, OLDEST_COMPATIBLE_VERSION)
    select_row = text("SELECT written_by_version, schema_revision, oldest_compatible_version "
                      f"FROM {_TABLE} WHERE id = 1")
    try:
        with _reading(database) as connection:
            if _revision(connection) != revision:
                return
            row = connection.execute(select_row).first()
        if row is not None and tuple(row) == wanted:
            return  # the usual start: nothing to write, no write lock taken
        _write(database, wanted, exists=row is not None)
    except OperationalError as exc:
        raise storage_error(exc) from exc


def _write(database: Database, wanted: tuple[str, str, str], *, exists: bool) -> None:
    with database.engine.begin() as connection:
        values = {"w": wanted[0], "r": wanted[1], "o": wanted[2], "t": dt.datetime.now(dt.UTC)}
        if not exists:
            connection.execute(text(
                f"INSERT INTO {_TABLE} (id, written_by_version, schema_revision, "
                "oldest_compatible_version, updated_at) VALUES (1, :w, :r, :o, :t)"), values)
        else:
            connection.execute(text(
                f"UPDATE {_TABLE} SET written_by_version = :w, schema_revision = :r, "
                "oldest_compatible_version = :o, updated_at = :t WHERE id = 1"), values)


def _read(connection: Connection) -> tuple[str, str] | None:
    try:
        with connection.begin_nested() if connection.in_transaction() else connection.begin():
            row = connection.execute(text(
                f"SELECT written_by_version, oldest_compatible_version FROM {_TABLE} "
                "WHERE id = 1")).first()
    except SQLAlchemyError:
        return None  # no table: a newer schema from before the guard, or a foreign one
    return (str(row[0]), str(row[1])) if row else None

