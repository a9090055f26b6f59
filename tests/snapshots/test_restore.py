"""Restore after a simulated bad release: no seal made after the snapshot is lost silently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select

from sealdesk.cli.main import cli
from sealdesk.core.audit.events import EventType
from sealdesk.errors import ConfigError, RecordIntegrityError
from sealdesk.paths import AppPaths
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.reconcile import reconcile
from sealdesk.services.snapshots.restore import restore_snapshot
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.snapshots.support import seal_new, snapshot


def _open(home: Path) -> AppContext:
    return AppContext.open(AppPaths(home / "config", home / "data", home / "logs"))


def _bad_release(ctx: AppContext, early: list[str], damaged: str) -> None:
    """What a bad release might do: drop rows it should have kept, mangle a stored file."""
    with ctx.database.transaction() as session:
        session.execute(delete(Seal).where(Seal.sealed_sha256.in_(early)))
    path = ctx.store.path_of(damaged)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x20
    path.write_bytes(bytes(data))


def test_restore_carries_over_later_seals_and_lists_the_rest(
        demo_ctx: AppContext, tmp_path: Path) -> None:
    early = seal_new(demo_ctx, tmp_path / "early", ["e1", "e2"])
    taken = snapshot(demo_ctx, reason="before the upgrade")
    later = seal_new(demo_ctx, tmp_path / "later", ["l1", "l2", "l3"])
    live_files = {p: p.stat().st_mtime_ns for p in demo_ctx.paths.data_dir.rglob("*")
                  if p.is_file() and not p.name.startswith("sealdesk.db")}
    _bad_release(demo_ctx, early, later[2])

    target = tmp_path / "restored"
    result = restore_snapshot(demo_ctx, taken.path, target)
    assert sorted(result.carried_over) == sorted(later[:2])
    assert [n["sealed_sha256"] for n in result.not_carried] == [later[2]]
    assert "damaged" in result.not_carried[0]["reason"]
    assert not list(tmp_path.glob(".restored.*"))

    restored = _open(target)
    try:
        with restored.database.reader() as session:
            have = set(session.execute(select(Seal.sealed_sha256)).scalars())
            kinds = [json.loads(p) for p in session.execute(select(AuditEntry.payload).where(
                AuditEntry.event_type.in_([str(EventType.SNAPSHOT_RESTORED),
                                           str(EventType.SEAL_CARRIED_OVER)]))).scalars()]
        assert have == set(early) | set(later[:2])
        assert [k["type"] for k in kinds] == ["seal.carried_over"] * 2 + ["snapshot.restored"]
        assert kinds[-1]["details"]["manifest_sha256"] == taken.manifest_sha256
        assert kinds[-1]["details"]["not_carried"][0]["sealed_sha256"] == later[2]
        for sha in have:
            assert restored.store.verify(sha)
        findings = {f.kind for f in reconcile(restored).findings}
        assert findings <= {"unpinned_entries"}, findings
        audit = verify_log(restored)
        assert audit.ok, audit.findings  # the restored log's chain and checkpoints hold
    finally:
        restored.close()
    for path, mtime in live_files.items():  # the live store was only read
        assert path.stat().st_mtime_ns == mtime or path == demo_ctx.store.path_of(later[2])


def test_restore_never_writes_over_live_or_a_used_folder(demo_ctx: AppContext,
                                                         tmp_path: Path) -> None:
    seal_new(demo_ctx, tmp_path / "inbox", ["x"])
    taken = snapshot(demo_ctx)
    with pytest.raises(ConfigError, match="live data folder"):
        restore_snapshot(demo_ctx, taken.path, demo_ctx.paths.data_dir)
    used = tmp_path / "used"
    used.mkdir()
    (used / "keep.txt").write_text("mine")
    with pytest.raises(ConfigError, match="not empty"):
        restore_snapshot(demo_ctx, taken.path, used)
    assert (used / "keep.txt").read_text() == "mine"


def test_tampered_snapshot_is_not_restored(demo_ctx: AppContext, tmp_path: Path) -> None:
    [sha] = seal_new(demo_ctx, tmp_path / "inbox", ["x"])
    taken = snapshot(demo_ctx)
    (taken.path / "objects" / sha[:2] / sha).write_bytes(b"swapped")
    with pytest.raises(RecordIntegrityError, match="does not verify"):
        restore_snapshot(demo_ctx, taken.path, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_cli_restore(demo_ctx: AppContext, tmp_path: Path) -> None:
    seal_new(demo_ctx, tmp_path / "inbox", ["x"])
    taken = snapshot(demo_ctx)
    seal_new(demo_ctx, tmp_path / "later", ["y"])
    run = CliRunner().invoke(cli, ["restore", str(taken.path), "--to", str(tmp_path / "new")])
    assert run.exit_code == 0, run.output
    assert "1 later seal(s) carried over" in run.output
    assert os.path.isfile(tmp_path / "new" / "data" / "sealdesk.db")
