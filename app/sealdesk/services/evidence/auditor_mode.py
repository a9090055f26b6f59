"""Auditor mode: a read-only context over a copy of a SealDesk database, with no token.

The copy must never change, not by one byte: an auditor's working copy is itself evidence, and
its hash is what the audit report cites. So the file is opened with SQLite's ``immutable=1``
(no lock, no ``-wal``/``-shm`` created, nothing written) and the context is ``read_only``:
no schema upgrade, no store folders created, every role-gated service refuses up front.

A copy taken while SealDesk was running may come with a ``-wal`` file holding the latest
commits. ``immutable=1`` would ignore it, so then the copy (file and ``-wal``) is first copied
into a private temporary folder and that snapshot is opened instead; the auditor's files are
still only read.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import weakref
from pathlib import Path

from sealdesk.config import Config, StorageConfig, TokenConfig, load_config
from sealdesk.errors import ConfigError, InputError, SealDeskError
from sealdesk.fsutil import open_regular
from sealdesk.paths import AppPaths, app_paths
from sealdesk.services.context import Actor, AppContext
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.documents.blobstore import BlobStore
from sealdesk.storage.schema import read_capabilities

SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database_copy(db_file: Path, *, paths: AppPaths | None = None,
                       actor: Actor | None = None) -> AppContext:
    """A read-only :class:`AppContext` over ``db_file`` (see the module docstring).

    ``paths`` are the auditor's own folders (window layout, trust anchors of their own
    configuration); nothing is written next to the copy. A ``store`` folder beside the file,
    if present, is used read-only for the sealed files.
    """
    db_file = Path(db_file).resolve()
    _check_sqlite(db_file)
    target, snapshot = _snapshot_if_wal(db_file)
    paths = paths or app_paths()
    database = Database(create_database_engine(f"sqlite:///{target}", immutable=True))
    store_dir = db_file.parent / "store"
    config = dataclasses.replace(
        _auditor_config(paths), token=TokenConfig(), demo=False,
        storage=StorageConfig(database_url=f"sqlite:///{target}", store_dir=str(store_dir)),
    )
    ctx = AppContext(paths, config, database, BlobStore(store_dir),
                     actor or Actor.current(), read_only=True)
    if snapshot is not None:
        weakref.finalize(ctx, shutil.rmtree, snapshot, True)
    try:
        _check_schema(database)
        ctx.schema = read_capabilities(database)
    except SealDeskError:
        ctx.close()
        raise
    return ctx


def _check_sqlite(path: Path) -> None:
    try:
        with open_regular(path, "database copy") as handle:  # never blocks on a FIFO
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as ex:
        raise InputError(f"Cannot read {path}: {ex.strerror}.") from None
    if head != SQLITE_MAGIC:
        raise InputError(f"{path.name} is not a SQLite database (not a SealDesk database copy).",
                         hint="Choose the sealdesk.db file copied from the data folder.")


def _snapshot_if_wal(db_file: Path) -> tuple[Path, Path | None]:
    wal = db_file.with_name(db_file.name + "-wal")
    if not wal.is_file() or wal.stat().st_size == 0:
        return db_file, None
    folder = Path(tempfile.mkdtemp(prefix="sealdesk-auditor-"))
    target = folder / db_file.name
    shutil.copyfile(db_file, target)
    shutil.copyfile(wal, folder / wal.name)
    _fold_wal(target)
    return target, folder


def _fold_wal(target: Path) -> None:
    """Checkpoint the private snapshot's WAL into it (the snapshot, never the auditor's copy)."""
    import sqlite3

    connection = sqlite3.connect(target)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _auditor_config(paths: AppPaths) -> Config:
    try:
        return load_config(paths.config_file)
    except ConfigError:
        return Config()


def _check_schema(database: Database) -> None:
    from sqlalchemy import inspect

    tables = set(inspect(database.engine).get_table_names())
    missing = {"audit_entries", "audit_head", "documents", "seals"} - tables
    if missing:
        raise InputError("This database is not a SealDesk database (tables "
                         f"{', '.join(sorted(missing))} are missing).",
                         hint="Choose the sealdesk.db file copied from the data folder.")
