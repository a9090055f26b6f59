"""Snapshots: taken while the installation works, verified file by file, tampering named."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.errors import ConfigError
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots import list_snapshots, snapshot_root, verify_snapshot
from sealdesk.storage.audit.models import AuditEntry
from tests.snapshots.support import seal_new, snapshot


def _events(ctx: AppContext, kind: EventType) -> list[dict]:  # type: ignore[type-arg]
    with ctx.database.reader() as session:
        rows = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == str(kind))).scalars()
        return [json.loads(p) for p in rows]


@pytest.fixture
def sealed(demo_ctx: AppContext, tmp_path: Path) -> list[str]:
    return seal_new(demo_ctx, tmp_path / "inbox", ["alpha", "beta", "gamma"])


def test_snapshot_holds_every_object_and_verifies(demo_ctx: AppContext, sealed: list[str]) -> None:
    result = snapshot(demo_ctx, reason="before upgrade")
    assert result.path.parent == snapshot_root(demo_ctx)
    assert demo_ctx.paths.data_dir not in result.path.parents
    assert result.objects == 3 and result.copied == 3 and result.linked == 0
    assert result.missing == ()
    for sha in sealed:
        assert (result.path / "objects" / sha[:2] / sha).is_file()
    for path in [result.path, *result.path.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    check = verify_snapshot(demo_ctx, result.path)
    assert check.ok, check.problems
    assert check.files_checked == 4 and check.timestamp
    [created] = _events(demo_ctx, EventType.SNAPSHOT_CREATED)
    assert created["details"]["manifest_sha256"] == result.manifest_sha256
    assert created["details"]["reason"] == "before upgrade"
    [info] = list_snapshots(snapshot_root(demo_ctx))
    assert info.path == result.path and info.objects == 3


def test_incremental_snapshot_copies_only_new_objects(demo_ctx: AppContext, sealed: list[str],
                                                      tmp_path: Path) -> None:
    first = snapshot(demo_ctx)
    new = seal_new(demo_ctx, tmp_path / "more", [f"new-{i}" for i in range(10)])
    second = snapshot(demo_ctx)
    assert second.objects == 13 and second.copied == 10 and second.linked == 3
    old = first.path / "objects" / sealed[0][:2] / sealed[0]
    assert (second.path / "objects" / sealed[0][:2] / sealed[0]).stat().st_ino == old.stat().st_ino
    assert all((second.path / "objects" / s[:2] / s).is_file() for s in new)
    assert verify_snapshot(demo_ctx, second.path).ok
    assert verify_snapshot(demo_ctx, first.path).ok  # an older snapshot stays a prefix


def test_flipped_byte_is_named(demo_ctx: AppContext, sealed: list[str]) -> None:
    result = snapshot(demo_ctx)
    target = result.path / "objects" / sealed[1][:2] / sealed[1]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    check = verify_snapshot(demo_ctx, result.path)
    assert not check.ok
    assert any(str(target) in p and "does not match" in p for p in check.problems)


def test_missing_object_is_named(demo_ctx: AppContext, sealed: list[str]) -> None:
    result = snapshot(demo_ctx)
    target = result.path / "objects" / sealed[2][:2] / sealed[2]
    target.unlink()
    check = verify_snapshot(demo_ctx, result.path)
    assert [p for p in check.problems if str(target) in p and "missing" in p]


def test_damaged_database_copy_is_named(demo_ctx: AppContext, sealed: list[str]) -> None:
    result = snapshot(demo_ctx)
    copy = result.path / "database.sqlite"
    with copy.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\xff")
    check = verify_snapshot(demo_ctx, result.path)
    assert any(str(copy) in p for p in check.problems)


def test_replaced_manifest_is_named(demo_ctx: AppContext, sealed: list[str]) -> None:
    """The attack: hide a removed object by rewriting the manifest without it."""
    result = snapshot(demo_ctx)
    manifest_file = result.path / "manifest.json"
    manifest = json.loads(manifest_file.read_bytes())
    removed = manifest["objects"].pop()
    (result.path / removed["path"]).unlink()
    manifest_file.write_text(json.dumps(manifest, sort_keys=True, separators=(",", ":")))
    check = verify_snapshot(demo_ctx, result.path)
    assert any(str(result.path / "manifest.sig") in p and "does not match" in p
               for p in check.problems)
    assert any(str(result.path / "manifest.tsr") in p for p in check.problems)


def test_snapshot_of_another_installation_is_refused(demo_ctx: AppContext, sealed: list[str],
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from sealdesk.paths import HOME_ENV, app_paths
    from sealdesk.services.console.demo import init_demo

    other_home = tmp_path / "other-home"
    monkeypatch.setenv(HOME_ENV, str(other_home))
    init_demo(app_paths())
    other = AppContext.open()
    try:
        seal_new(other, tmp_path / "other-inbox", ["foreign"])
        foreign = snapshot(other)
    finally:
        other.close()
    check = verify_snapshot(demo_ctx, foreign.path)
    assert not check.ok
    assert any("never used" in p and "manifest.sig" in p for p in check.problems)
    assert any("another installation" in p for p in check.problems)


def test_snapshot_folder_inside_data_is_refused(demo_ctx: AppContext) -> None:
    with pytest.raises(ConfigError, match="inside the live data folder"):
        snapshot_root(demo_ctx, demo_ctx.paths.data_dir / "snaps")


def test_half_built_snapshot_is_not_listed_and_is_cleaned(demo_ctx: AppContext,
                                                           sealed: list[str]) -> None:
    root = snapshot_root(demo_ctx)
    abandoned = root / ".20200101T000000Z-abcdef.@nohost_gone.1@.partial"  # foreign host: kept
    dead = root / ".20200101T000000Z-123456.partial"  # untagged: its writer is gone
    for folder in (abandoned, dead):
        (folder / "objects").mkdir(parents=True)
    assert list_snapshots(root) == []
    snapshot(demo_ctx)
    assert not dead.exists() and abandoned.exists()
    assert len(list_snapshots(root)) == 1
    shutil.rmtree(abandoned)
