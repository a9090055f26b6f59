"""Snapshots of a shared PostgreSQL installation: pg_dump of an exported REPEATABLE READ snapshot.

The dump and the manifest describe the same instant; the dump restores with pg_restore into a
fresh database holding exactly the seals and log the manifest states.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sealdesk.services.context import AppContext
from sealdesk.services.snapshots import verify_snapshot
from sealdesk.services.snapshots.database_copy import pg_dump_binary
from sealdesk.storage.audit.repo import log_size
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.documents.models import Seal
from tests.snapshots.support import seal_new, snapshot

pytestmark = pytest.mark.postgres


def test_postgres_snapshot_verifies_and_restores(pg_ctx: AppContext, tmp_path: Path,
                                                  postgres_server) -> None:  # type: ignore[no-untyped-def]
    seal_new(pg_ctx, tmp_path / "inbox", ["pg-one", "pg-two"])
    result = snapshot(pg_ctx)
    dump = result.path / "database.pgdump"
    assert dump.is_file() and dump.read_bytes()[:5] == b"PGDMP"
    check = verify_snapshot(pg_ctx, result.path)
    assert check.ok, check.problems

    seal_new(pg_ctx, tmp_path / "later", ["pg-three"])  # after the snapshot: not in the dump
    target_url = postgres_server.create_database()
    name = target_url.rsplit("/", 1)[1]
    restore = Path(pg_dump_binary()).with_name("pg_restore")
    subprocess.run([str(restore), "--no-owner", "-h", "127.0.0.1", "-p",
                    str(postgres_server.port), "-U", "postgres", "-d", name, str(dump)],
                   check=True, capture_output=True)
    restored = Database(create_database_engine(target_url))
    try:
        with restored.reader() as session:
            seals = session.execute(select(func.count()).select_from(Seal)).scalar_one()
            size = log_size(session)
    finally:
        restored.dispose()
    assert seals == 2
    assert size == result.tree_size
