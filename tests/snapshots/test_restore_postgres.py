"""``sealdesk restore`` of a PostgreSQL snapshot into a new, empty database on a real server.

Same promises as the SQLite restore (tests/snapshots/test_restore.py): later seals carried over
when they still verify, the restore recorded in the restored log, the live database and folder
never written, a half-finished restore (kill -9) leaving nothing live touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from sealdesk.cli.main import cli
from sealdesk.config import load_config, save_config
from sealdesk.core.audit.events import EventType
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.fsutil import sha256_file
from sealdesk.paths import AppPaths
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.reconcile import reconcile
from sealdesk.services.snapshots.restore import restore_snapshot
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import log_size
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.documents.models import Seal
from tests.snapshots.support import seal_new, snapshot

pytestmark = pytest.mark.postgres


def _open(home: Path) -> AppContext:
    return AppContext.open(AppPaths(home / "config", home / "data", home / "logs"))


def _live_state(ctx: AppContext) -> tuple[int, int, dict[str, str]]:
    with ctx.database.reader() as session:
        seals = session.execute(select(func.count()).select_from(Seal)).scalar_one()
        size = log_size(session)
    store = {p.name: sha256_file(p) for p in ctx.store.objects.rglob("*") if p.is_file()}
    return seals, size, store


def _tables(url: str) -> list[str]:
    db = Database(create_database_engine(url))
    try:
        with db.engine.connect() as connection:
            return list(connection.execute(text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public'")).scalars())
    finally:
        db.dispose()


def test_postgres_restore_carries_over_later_seals(pg_ctx: AppContext, tmp_path: Path,
                                                   postgres_server) -> None:  # type: ignore[no-untyped-def]
    early = seal_new(pg_ctx, tmp_path / "early", ["pg-e1", "pg-e2"])
    taken = snapshot(pg_ctx, reason="before the upgrade")
    later = seal_new(pg_ctx, tmp_path / "later", ["pg-l1", "pg-l2"])
    live_before = _live_state(pg_ctx)
    url = postgres_server.create_database()

    result = restore_snapshot(pg_ctx, taken.path, tmp_path / "restored", url)
    assert sorted(result.carried_over) == sorted(later)
    assert result.not_carried == []
    assert _live_state(pg_ctx) == live_before  # the live database and store were only read
    assert not list(tmp_path.glob(".restored.*"))
    assert not (tmp_path / "restored" / "data" / "database.pgdump").exists()
    assert not (tmp_path / "restored" / "data" / "sealdesk.db").exists()

    home = tmp_path / "restored"
    assert load_config(home / "config" / "config.toml").storage.database_url == url
    restored = _open(home)
    try:
        assert restored.database.engine.dialect.name == "postgresql"
        with restored.database.reader() as session:
            have = set(session.execute(select(Seal.sealed_sha256)).scalars())
            kinds = [json.loads(p) for p in session.execute(select(AuditEntry.payload).where(
                AuditEntry.event_type.in_([str(EventType.SNAPSHOT_RESTORED),
                                           str(EventType.SEAL_CARRIED_OVER)]))
                .order_by(AuditEntry.idx)).scalars()]
        assert have == set(early) | set(later)
        assert [k["type"] for k in kinds] == ["seal.carried_over"] * 2 + ["snapshot.restored"]
        assert kinds[-1]["details"]["manifest_sha256"] == taken.manifest_sha256
        assert kinds[-1]["details"]["carried_over"] == 2
        for sha in have:
            assert restored.store.verify(sha)
        findings = {f.kind for f in reconcile(restored).findings}
        assert findings <= {"unpinned_entries"}, findings
        audit = verify_log(restored)
        assert audit.ok, audit.findings
    finally:
        restored.close()


def test_postgres_restore_refuses_used_or_live_databases(pg_ctx: AppContext, tmp_path: Path,
                                                         postgres_server) -> None:  # type: ignore[no-untyped-def]
    seal_new(pg_ctx, tmp_path / "inbox", ["pg-x"])
    taken = snapshot(pg_ctx)
    live_before = _live_state(pg_ctx)
    live_url = pg_ctx.config.storage.database_url
    with pytest.raises(InputError, match="live database"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "a", live_url)
    with pytest.raises(InputError, match="live database"):  # another name, same address
        restore_snapshot(pg_ctx, taken.path, tmp_path / "b",
                         live_url.replace("127.0.0.1", "localhost"))
    # the same database through the server's Unix socket: the address differs, but the server
    # itself says it is not empty
    name = live_url.rsplit("/", 1)[1]
    socket_url = (f"postgresql+psycopg://postgres@/{name}?host={postgres_server.root}"
                  f"&port={postgres_server.port}")
    with pytest.raises(InputError, match="not empty"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "h", socket_url)

    other = postgres_server.create_database()
    db = Database(create_database_engine(other))
    try:
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE their_notes (id integer)"))
    finally:
        db.dispose()
    with pytest.raises(InputError, match=r"not empty.*their_notes"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "c", other)
    assert _tables(other) == ["their_notes"]

    used = postgres_server.create_database()  # a database an earlier restore filled
    restore_snapshot(pg_ctx, taken.path, tmp_path / "d", used)
    with pytest.raises(InputError, match="not empty"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "e", used)

    with pytest.raises(InputError, match="password"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "f",
                         postgres_server.create_database().replace("postgres@",
                                                                   "postgres:secret@"))
    with pytest.raises(InputError, match="PostgreSQL dump"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "g")
    for name in "abcefgh":
        assert not (tmp_path / name).exists()
    assert _live_state(pg_ctx) == live_before


def test_tampered_postgres_dump_is_not_restored(pg_ctx: AppContext, tmp_path: Path,
                                                postgres_server) -> None:  # type: ignore[no-untyped-def]
    """File-edit attack: a dump swapped in the snapshot folder never reaches pg_restore."""
    seal_new(pg_ctx, tmp_path / "inbox", ["pg-x"])
    taken = snapshot(pg_ctx)
    dump = taken.path / "database.pgdump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0x01
    dump.write_bytes(bytes(data))
    url = postgres_server.create_database()
    with pytest.raises(RecordIntegrityError, match="does not verify"):
        restore_snapshot(pg_ctx, taken.path, tmp_path / "restored", url)
    assert _tables(url) == []
    assert not (tmp_path / "restored").exists()


def _run(args: list[str], crash_at: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SEALDESK_PIN": DEMO_PIN, "SEALDESK_CRASH_AT": crash_at,
           "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "sealdesk.cli.main", *args], env=env,
                          capture_output=True, timeout=240, check=False)


@pytest.mark.parametrize("step", ["restore_pg_copied:1", "restore_copied:1",
                                  "restore_carried:1"])
def test_kill_during_postgres_restore(pg_ctx: AppContext, tmp_path: Path, postgres_server,  # type: ignore[no-untyped-def]
                                      step: str) -> None:
    save_config(pg_ctx.config, pg_ctx.paths.config_file)  # the CLI opens the live PG database
    seal_new(pg_ctx, tmp_path / "early", ["pg-a"])
    taken = snapshot(pg_ctx)
    seal_new(pg_ctx, tmp_path / "later", ["pg-b", "pg-c"])
    before = _live_state(pg_ctx)
    target = tmp_path / "restored"
    first = postgres_server.create_database()
    done = _run(["restore", str(taken.path), "--to", str(target), "--database-url", first], step)
    assert done.returncode == -9, done.stderr.decode()
    assert not target.exists()
    assert _live_state(pg_ctx) == before
    if step == "restore_pg_copied:1":
        assert _tables(first) == []  # killed before pg_restore: the new database is untouched
    else:  # pg_restore had committed: a second attempt into that database is refused
        refused = _run(["restore", str(taken.path), "--to", str(target), "--database-url",
                        first], "")
        assert refused.returncode != 0 and b"not empty" in refused.stderr + refused.stdout
        assert not target.exists()

    second = postgres_server.create_database()  # the first may hold a half restore: refused
    again = _run(["restore", str(taken.path), "--to", str(target), "--database-url", second], "")
    assert again.returncode == 0, again.stdout.decode() + again.stderr.decode()
    assert "2 later seal(s) carried over" in again.stdout.decode()
    assert not list(tmp_path.glob(".restored.*.partial"))
    assert _live_state(pg_ctx) == before


def test_cli_postgres_restore(pg_ctx: AppContext, tmp_path: Path, postgres_server) -> None:  # type: ignore[no-untyped-def]
    save_config(pg_ctx.config, pg_ctx.paths.config_file)
    seal_new(pg_ctx, tmp_path / "inbox", ["pg-x"])
    taken = snapshot(pg_ctx)
    seal_new(pg_ctx, tmp_path / "later", ["pg-y"])
    refused = CliRunner().invoke(cli, ["restore", str(taken.path), "--to", str(tmp_path / "n")])
    assert refused.exit_code != 0 and "--database-url" in refused.output
    url = postgres_server.create_database()
    run = CliRunner().invoke(cli, ["restore", str(taken.path), "--to", str(tmp_path / "new"),
                                   "--database-url", url])
    assert run.exit_code == 0, run.output
    assert "1 later seal(s) carried over" in run.output
    assert "no findings" in run.output or "unpinned_entries" in run.output
    # without --to: restored-SNAPSHOT beside the live data folder
    run = CliRunner().invoke(cli, ["restore", str(taken.path), "--database-url",
                                   postgres_server.create_database()])
    assert run.exit_code == 0, run.output
    default = pg_ctx.paths.data_dir.resolve().parent / f"restored-{taken.path.name}"
    assert (default / "config" / "config.toml").is_file()
