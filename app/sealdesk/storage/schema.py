"""Bringing a database to the current schema, with a backup first for SQLite files.

Run on every start: a new database is created, an old one upgraded. Before upgrading an existing
SQLite file it is copied next to itself (``.pre-<revision>.bak``) so a failed or regressive
upgrade can be undone by hand; PostgreSQL deployments back up with their own tools.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from sealdesk.storage.db import Database, storage_error

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|None)\s*$",
                         re.MULTILINE)


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def revision_graph() -> dict[str, str | None]:
    """Each migration's revision -> its ``down_revision``, read from the scripts as text.

    Every start compares the database's revision with the head; importing Alembic only to learn
    it cost ~0.13 s per command (issue 23). The scripts declare both with one plain assignment
    each (a test compares this with Alembic's own answer); Alembic is imported only to upgrade.
    """
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = {m.group(1): m.group(2) or m.group(3) for m in
                 _ASSIGNMENT.finditer(script.read_text(encoding="utf-8"))}
        if "revision" in found:
            graph[str(found["revision"])] = found.get("down_revision")
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def revision_of(connection: Connection) -> str | None:
    """The database's schema revision (``None`` for a database Alembic never stamped)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    if len(rows) > 1:
        raise RuntimeError(f"the database is stamped with {len(rows)} schema heads")
    return str(rows[0][0]) if rows else None


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return revision_of(connection)


def upgrade_schema(database: Database, *, target: str = "head") -> Path | None:
    """Upgrade to ``target``; returns the backup file made first, if any.

    Run at every start, so a database another console holds locked (or a server that does not
    answer) must be a :class:`~sealdesk.errors.StorageError` with its message, not a traceback.
    """
    try:
        return _upgrade_schema(database, target)
    except OperationalError as exc:
        raise storage_error(exc) from exc


def _upgrade_schema(database: Database, target: str) -> Path | None:
    current = current_revision(database)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    backup = _backup_sqlite(database, current) if current is not None else None
    from alembic import command

    config = _alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return backup


def _backup_sqlite(database: Database, revision: str) -> Path | None:
    if not database.is_sqlite:
        return None
    path = Path(database.engine.url.database or "")
    if not path.is_file():
        return None
    # On the DB-API connection itself: SQLAlchemy's connections start a transaction first
    # (BEGIN IMMEDIATE), inside which SQLite refuses to checkpoint ("database table is locked").
    raw = database.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(FULL)")  # type: ignore[union-attr]
    finally:
        raw.close()
    backup = path.with_name(f"{path.name}.pre-{revision}.bak")
    shutil.copy2(path, backup)
    return backup


@dataclass(frozen=True)
class SchemaCapabilities:
    """What the opened database offers: its revision and its tables, read once at open.

    A read-only auditor's copy may come from an older release; instead of every query
    catching "no such table" (which also swallowed permission errors on PostgreSQL), the
    services ask this once-read answer what the schema has.
    """

    revision: str | None
    tables: frozenset[str]

    def has(self, table: str) -> bool:
        return table in self.tables

    @property
    def current(self) -> bool:
        return self.revision == head_revision()


def read_capabilities(database: Database) -> SchemaCapabilities:
    """The schema's revision and tables (one inspection, when a context opens)."""
    try:
        with database.engine.connect() as connection:
            revision = revision_of(connection)
            tables = frozenset(inspect(connection).get_table_names())
    except OperationalError as exc:
        raise storage_error(exc) from exc
    return SchemaCapabilities(revision, tables)
