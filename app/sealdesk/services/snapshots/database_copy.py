"""A consistent copy of the live database, taken while other consoles keep sealing.

* SQLite: the online backup API (``sqlite3.Connection.backup``) in one step. In WAL mode the
  copy reads one snapshot of the database while writers carry on; the copy is then switched to
  rollback journaling so it is one self-contained file.
* PostgreSQL: a ``REPEATABLE READ`` transaction exports its snapshot
  (``pg_export_snapshot()``) and ``pg_dump -Fc --snapshot`` dumps exactly that snapshot, while
  the same transaction reads the audit state the manifest records. Dump and manifest therefore
  describe the same instant. The password goes to pg_dump in its environment, never on its
  command line.

What the manifest needs from the copy (log size, head, Merkle root, latest checkpoint, the
seals' objects) is read by :func:`read_state` from that same snapshot.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from sealdesk.core.audit.checkpoint import encode_checkpoint_file
from sealdesk.errors import ConfigError, StorageError
from sealdesk.fsutil import PRIVATE_FILE_MODE
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import frontier_of
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.documents.models import Seal

SQLITE_COPY = "database.sqlite"
PG_DUMP_COPY = "database.pgdump"


@dataclass(frozen=True)
class DatabaseState:
    """What the copied database says: the audit log's state and the objects its seals need."""

    tree_size: int
    head_hash: str
    root_hash: str
    first_entry_hash: str
    latest_checkpoint: dict[str, Any] | None
    sealed_objects: frozenset[str]

    def audit_dict(self) -> dict[str, Any]:
        return {"tree_size": self.tree_size, "head_hash": self.head_hash,
                "root_hash": self.root_hash, "latest_checkpoint": self.latest_checkpoint}


def read_state(session: Session) -> DatabaseState:
    """The audit state and the sealed objects in ``session``'s (one) snapshot."""
    head = session.execute(text(
        "SELECT size, head_hash, frontier FROM audit_head WHERE id = 1")).one()
    size = int(head[0])
    root = frontier_of(size, head[2]).root()
    first = session.execute(select(AuditEntry.entry_hash).where(AuditEntry.idx == 0)
                            ).scalar_one_or_none()
    latest = checkpoint_repo.latest_checkpoint(session)
    sealed = frozenset(session.execute(select(Seal.sealed_sha256)).scalars())
    return DatabaseState(
        tree_size=size, head_hash=bytes(head[1]).hex(), root_hash=root.hex(),
        first_entry_hash=bytes(first).hex() if first is not None else "",
        latest_checkpoint=encode_checkpoint_file(latest.to_file()) if latest else None,
        sealed_objects=sealed,
    )


def copy_database(database: Database, folder: Path) -> tuple[str, DatabaseState]:
    """Copy the live database into ``folder``; returns (file name, state of the copy)."""
    if database.is_sqlite:
        return SQLITE_COPY, _copy_sqlite(database, folder / SQLITE_COPY)
    if database.engine.dialect.name == "postgresql":
        return PG_DUMP_COPY, _dump_postgres(database, folder / PG_DUMP_COPY)
    raise ConfigError(
        f"Snapshots support SQLite and PostgreSQL, not {database.engine.dialect.name}.",
        hint="Use your database's own backup tool and keep the store folder with it.",
    )


def _copy_sqlite(database: Database, target: Path) -> DatabaseState:
    source_path = database.engine.url.database or ""
    try:
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)  # one step: one consistent read snapshot
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise StorageError(
            f"The database could not be copied for the snapshot: {exc}.",
            hint="Check free space in the snapshot folder and try again; the live data is "
            "untouched.",
        ) from exc
    os.chmod(target, PRIVATE_FILE_MODE)
    return read_copied_state(target)


def read_copied_state(copy: Path) -> DatabaseState:
    """:func:`read_state` of a SQLite copy, opened immutable so it stays bit-identical."""
    db = Database(create_database_engine(f"sqlite:///{copy}", immutable=True))
    try:
        with db.reader() as session:
            return read_state(session)
    finally:
        db.dispose()


def pg_dump_binary() -> str:
    found = shutil.which("pg_dump")
    if not found:
        raise ConfigError(
            "pg_dump is not installed, so a PostgreSQL database cannot be snapshotted.",
            hint="Install the PostgreSQL client tools (Debian: postgresql-client).",
        )
    return found


def libpq_arguments(url: URL) -> tuple[list[str], dict[str, str]]:
    """pg_dump's connection arguments and environment for ``url`` (password in the env)."""
    args = ["--dbname", url.database or ""]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = {"PGPASSWORD": url.password} if url.password else {}
    host = url.query.get("host")
    if host and not url.host:
        args += ["--host", str(host)]
    return args, env


def _dump_postgres(database: Database, target: Path,
                   run: Callable[..., subprocess.CompletedProcess[bytes]] = subprocess.run
                   ) -> DatabaseState:
    args, env = libpq_arguments(database.engine.url)
    with database.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot_id = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            with Session(bind=connection) as session:
                state = read_state(session)
            done = run(
                [pg_dump_binary(), "--format=custom", "--no-password",
                 f"--snapshot={snapshot_id}", "--file", str(target), *args],
                env={**os.environ, **env}, capture_output=True, check=False,
            )
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StorageError(
            f"pg_dump failed: {message[-1] if message else done.returncode}.",
            hint="Check that pg_dump's version is at least the server's and that the account "
            "may read every table.",
        )
    os.chmod(target, PRIVATE_FILE_MODE)
    return state
