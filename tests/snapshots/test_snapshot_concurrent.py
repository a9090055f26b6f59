"""A snapshot taken while another process seals is consistent; the CLI reports verdicts.

Consistent means: every seal row in the copied database has its ``document.sealed`` event in
the copied log and its object in the snapshot. The sealing runs in a separate ``sealdesk seal``
process, as another console would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from sealdesk.cli.main import cli
from sealdesk.core.audit.events import EventType
from sealdesk.core.samples import make_text_pdf
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots import verify_snapshot
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.documents.models import Seal
from tests.snapshots.support import seal_new, snapshot


def _assert_consistent(path: Path) -> int:
    db = Database(create_database_engine(f"sqlite:///{path / 'database.sqlite'}", immutable=True))
    try:
        with db.reader() as session:
            seals = list(session.execute(select(Seal)).scalars())
            sealed_events = {
                int(idx): json.loads(payload) for idx, payload in session.execute(
                    select(AuditEntry.idx, AuditEntry.payload).where(
                        AuditEntry.event_type == str(EventType.DOCUMENT_SEALED)))}
    finally:
        db.dispose()
    for seal in seals:
        assert seal.audit_index in sealed_events, f"seal {seal.id} has no event in the snapshot"
        obj = path / "objects" / seal.sealed_sha256[:2] / seal.sealed_sha256
        assert obj.is_file(), f"seal {seal.id}'s object is not in the snapshot"
    return len(seals)


def test_snapshot_while_another_process_seals(demo_ctx: AppContext, tmp_path: Path) -> None:
    seal_new(demo_ctx, tmp_path / "first", ["warm-up"])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = [make_text_pdf(inbox / f"d{i:03}.pdf", f"d{i}", [f"Body {i}"]) for i in range(60)]
    env = {**os.environ, "SEALDESK_PIN": DEMO_PIN, "PYTHONPATH": os.pathsep.join(sys.path)}
    sealer = subprocess.Popen(
        [sys.executable, "-m", "sealdesk.cli.main", "seal", *map(str, files)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    counts = []
    try:
        while sealer.poll() is None and len(counts) < 4:
            result = snapshot(demo_ctx, reason="during sealing")
            counts.append(_assert_consistent(result.path))
            assert verify_snapshot(demo_ctx, result.path).ok
    finally:
        _, err = sealer.communicate(timeout=240)
    assert sealer.returncode == 0, err.decode()
    final = snapshot(demo_ctx, reason="after sealing")
    assert _assert_consistent(final.path) == 61
    assert counts and counts == sorted(counts)


def test_cli_create_list_verify_and_failed_verdict(demo_ctx: AppContext, tmp_path: Path,
                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seal_new(demo_ctx, tmp_path / "inbox", ["one"])
    monkeypatch.setenv("SEALDESK_PIN", DEMO_PIN)
    runner = CliRunner()
    created = runner.invoke(cli, ["snapshot", "create", "--reason", "cli test"])
    assert created.exit_code == 0, created.output
    listed = runner.invoke(cli, ["snapshot", "list"])
    assert "cli test" in listed.output
    [path] = [p for p in demo_ctx.config.snapshot_dir(demo_ctx.paths).iterdir()
              if not p.name.startswith(".")]
    ok = runner.invoke(cli, ["snapshot", "verify", str(path)])
    assert ok.exit_code == 0 and "VERIFIED" in ok.output
    (path / "manifest.tsr").unlink()
    bad = runner.invoke(cli, ["snapshot", "verify", str(path)])
    assert bad.exit_code == 11 and "manifest.tsr" in bad.output
