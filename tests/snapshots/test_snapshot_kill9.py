"""kill -9 during snapshot and restore leaves the live data untouched and no half result.

The process is killed at named steps (``SEALDESK_CRASH_AT``, see services/_testing.py): in the
middle of copying objects, after the manifest is signed but before the rename, after a restore
copied the snapshot, and after it carried over the first later seal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sealdesk.fsutil import sha256_file
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots import list_snapshots, snapshot_root, verify_snapshot
from sealdesk.storage.documents.models import Seal
from tests.snapshots.support import seal_new, snapshot


def _run(args: list[str], crash_at: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SEALDESK_PIN": DEMO_PIN, "SEALDESK_CRASH_AT": crash_at,
           "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "sealdesk.cli.main", *args], env=env,
                          capture_output=True, timeout=240, check=False)


def _store_state(ctx: AppContext) -> dict[str, str]:
    return {p.name: sha256_file(p) for p in ctx.store.objects.rglob("*") if p.is_file()}


def _seal_count(ctx: AppContext) -> int:
    with ctx.database.reader() as session:
        return int(session.execute(select(func.count()).select_from(Seal)).scalar_one())


@pytest.mark.parametrize("step", ["snapshot_object:2", "snapshot_signed:1"])
def test_kill_during_snapshot(demo_ctx: AppContext, tmp_path: Path, step: str) -> None:
    seal_new(demo_ctx, tmp_path / "inbox", ["a", "b", "c"])
    before, seals = _store_state(demo_ctx), _seal_count(demo_ctx)
    done = _run(["snapshot", "create"], step)
    assert done.returncode == -9, done.stderr.decode()
    root = snapshot_root(demo_ctx)
    assert list_snapshots(root) == []
    assert [p for p in root.iterdir() if p.name.endswith(".partial")]
    assert _store_state(demo_ctx) == before and _seal_count(demo_ctx) == seals
    after = snapshot(demo_ctx)  # the next snapshot clears the dead one's leftovers
    assert not [p for p in root.iterdir() if p.name.endswith(".partial")]
    assert verify_snapshot(demo_ctx, after.path).ok


@pytest.mark.parametrize("step", ["restore_copied:1", "restore_carried:1"])
def test_kill_during_restore(demo_ctx: AppContext, tmp_path: Path, step: str) -> None:
    seal_new(demo_ctx, tmp_path / "early", ["a"])
    taken = snapshot(demo_ctx)
    seal_new(demo_ctx, tmp_path / "later", ["b", "c"])
    before, seals = _store_state(demo_ctx), _seal_count(demo_ctx)
    target = tmp_path / "restored"
    done = _run(["restore", str(taken.path), "--to", str(target)], step)
    assert done.returncode == -9, done.stderr.decode()
    assert not target.exists()
    assert _store_state(demo_ctx) == before and _seal_count(demo_ctx) == seals
    assert verify_snapshot(demo_ctx, taken.path).ok
    again = _run(["restore", str(taken.path), "--to", str(target)], "")
    assert again.returncode == 0, again.stdout.decode() + again.stderr.decode()
    assert not list(tmp_path.glob(".restored.*.partial"))
