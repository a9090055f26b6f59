"""The PostgreSQL side of a restore: check the database the person named, then ``pg_restore``.

A PostgreSQL snapshot is a ``pg_dump -Fc`` of one exported snapshot (:mod:`.database_copy`). It
is restored into a fresh database the person created and names, never into one that holds data:

* the URL must not carry a password (it would sit in the configuration written for the restored
  installation and in the command line of ``sealdesk``); libpq reads ``~/.pgpass`` or
  ``PGPASSFILE`` by itself, for the checks here and for ``pg_restore`` alike;
* the live database is refused by its address (host, port, name), and any database with a table
  in a user schema is refused by asking the server itself, so the live one is refused even when
  reached under another host name;
* ``pg_restore --single-transaction --exit-on-error`` restores all or nothing: a failure or a
  kill -9 of ``pg_restore`` leaves the new database as empty as it was. It only ever connects to
  the new database, so the live one is never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sealdesk.errors import ConfigError, InputError, StorageError
from sealdesk.services.snapshots.database_copy import libpq_arguments, pg_dump_binary
from sealdesk.storage.db import Database, create_database_engine

_USER_TABLES = text(
    "SELECT table_schema || '.' || table_name FROM information_schema.tables "
    "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
    "AND table_schema NOT LIKE 'pg_toast%' AND table_schema NOT LIKE 'pg_temp%' "
    "ORDER BY 1 LIMIT 6")


def parse_target_url(url: str) -> URL:
    """``url`` parsed, refused when it is not PostgreSQL or carries a password."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(f"{url!r} is not a database URL.",
                         hint="Use postgresql://user@host:port/NEWDB.") from exc
    if parsed.get_backend_name() != "postgresql":
        raise InputError(
            "A PostgreSQL snapshot is restored into a PostgreSQL database, not "
            f"{parsed.get_backend_name()!r}.", hint="Use postgresql://user@host:port/NEWDB.")
    if parsed.password:
        raise InputError(
            "The database URL contains a password; SealDesk never takes passwords on the "
            "command line or stores them in its configuration.",
            hint="Remove it from the URL and put it in PostgreSQL's password file (~/.pgpass "
            "or the file PGPASSFILE names, mode 600).")
    if not parsed.database:
        raise InputError("The database URL names no database.",
                         hint="Create an empty database (createdb NEWDB) and name it in the URL.")
    return parsed


def _address(url: URL) -> tuple[str, int, str]:
    host = url.host or str(url.query.get("host") or "")
    if host in ("localhost", "::1"):
        host = "127.0.0.1"
    return host, int(url.port or 5432), url.database or ""


def check_empty_target(live: Database, target: URL) -> None:
    """Refuse the live database and any database that already holds a table."""
    live_url = live.engine.url
    if live_url.get_backend_name() == "postgresql" and _address(live_url) == _address(target):
        raise InputError(
            f"{target.database} is the live database; restore never writes over it.",
            hint="Create a new, empty database (createdb NEWDB), restore into it, check it, "
            "then switch to it.")
    db = Database(create_database_engine(target.render_as_string(hide_password=False)))
    try:
        with db.engine.connect() as connection:
            tables = list(connection.execute(_USER_TABLES).scalars())
    except SQLAlchemyError as exc:
        raise StorageError(
            f"The database {target.database} could not be reached ({exc.__class__.__name__}).",
            hint="Create it first (createdb), check the URL, and put the password in ~/.pgpass."
        ) from exc
    finally:
        db.dispose()
    if tables:
        raise InputError(
            f"The database {target.database} is not empty (it has {', '.join(tables[:5])}"
            f"{', …' if len(tables) > 5 else ''}); restore never writes over existing data.",
            hint="Restore into a new, empty database (createdb NEWDB); nothing was changed.")


def pg_restore_binary() -> str:
    """``pg_restore`` on PATH, else the one beside ``pg_dump`` (Debian keeps both per version)."""
    found = shutil.which("pg_restore")
    if found:
        return found
    beside = Path(pg_dump_binary()).with_name("pg_restore")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    raise ConfigError(
        "pg_restore is not installed, so a PostgreSQL snapshot cannot be restored.",
        hint="Install the PostgreSQL client tools (Debian: postgresql-client).")


def run_pg_restore(dump: Path, target: URL) -> None:
    """Restore ``dump`` into ``target`` in one transaction; all or nothing."""
    args, env = libpq_arguments(target)  # no password: parse_target_url refused one
    done = subprocess.run(
        [pg_restore_binary(), "--no-owner", "--single-transaction", "--exit-on-error",
         "--no-password", *args, str(dump)],
        env={**os.environ, **env}, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StorageError(
            f"pg_restore failed: {message[-1] if message else done.returncode}.",
            hint="Nothing was restored (one transaction). Check that pg_restore's version is "
            "at least pg_dump's and that the account may create tables in the new database.")
