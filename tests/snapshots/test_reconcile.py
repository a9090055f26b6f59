"""Reconciliation names every kind of disagreement, with what to do; the report is signed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import delete, select

from sealdesk.cli.main import cli
from sealdesk.core.audit.events import EventType
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.recovery import recover
from sealdesk.services.reconcile import reconcile
from sealdesk.services.snapshots.manifest import verify_signature
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.snapshots.support import seal_new


def _kinds(ctx: AppContext) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in reconcile(ctx).findings:
        found.setdefault(finding.kind, []).append(finding.subject)
    return found


def test_clean_installation_has_no_findings(demo_ctx: AppContext, tmp_path: Path) -> None:
    seal_new(demo_ctx, tmp_path / "inbox", ["a", "b", "c"])
    result = reconcile(demo_ctx)
    assert result.clean, result.findings
    assert result.counts["seals"] == 3 and result.counts["store_objects"] == 3
    assert result.counts["seal_events"] == 3


def test_each_disagreement_is_named(demo_ctx: AppContext, tmp_path: Path) -> None:
    gone, damaged, row_deleted, prefix = seal_new(
        demo_ctx, tmp_path / "inbox", ["gone", "damaged", "row-deleted", "prefix"])
    store = demo_ctx.store
    store.path_of(gone).unlink()
    path = store.path_of(damaged)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    # The attack on the prefix check: a file that hashes to its name but is another document.
    other = b"%PDF-1.7 not the original at all"
    other_sha = hashlib.sha256(other).hexdigest()
    store.path_of(other_sha).parent.mkdir(parents=True, exist_ok=True)
    store.path_of(other_sha).write_bytes(other)
    with demo_ctx.database.transaction() as session:
        session.execute(delete(Seal).where(Seal.sealed_sha256 == row_deleted))
        seal = session.execute(select(Seal).where(Seal.sealed_sha256 == prefix)).scalar_one()
        seal.sealed_sha256 = other_sha  # the row now names a file that is not this original
    (store.staging / "leftover.pdf").write_bytes(b"half a seal")

    kinds = _kinds(demo_ctx)
    assert kinds["seal_without_object"] == [gone]
    assert kinds["object_damaged"] == [damaged]
    assert kinds["event_without_seal"] == [row_deleted]
    assert row_deleted in kinds["object_without_seal"]
    assert prefix in kinds["object_without_seal"]
    assert kinds["original_prefix_mismatch"] == [other_sha]
    assert other_sha in kinds["seal_without_event"]  # its entry records another file
    assert kinds["staging_leftover"] == ["leftover.pdf"]


def test_cli_writes_signed_report_and_records_it(demo_ctx: AppContext, tmp_path: Path,
                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    [sha] = seal_new(demo_ctx, tmp_path / "inbox", ["only"])
    demo_ctx.store.path_of(sha).unlink()
    monkeypatch.setenv("SEALDESK_PIN", DEMO_PIN)
    out = tmp_path / "reports"
    run = CliRunner().invoke(cli, ["reconcile", "--out", str(out)])
    assert run.exit_code == 13, run.output
    assert "seal_without_object" in run.output
    [report] = sorted(out.glob("*.json"))
    data = report.read_bytes()
    verify_signature(data, report.with_suffix(".json.sig").read_bytes(), str(report))
    body = json.loads(data)
    assert body["findings_by_kind"] == {"seal_without_object": 1}
    assert "seal_without_object" in report.with_suffix(".html").read_text()
    with demo_ctx.database.reader() as session:
        [payload] = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == str(EventType.RECONCILIATION_DONE))).scalars()
    assert json.loads(payload)["subject"]["report_sha256"] == hashlib.sha256(data).hexdigest()


def test_recovery_records_a_reconciliation_summary(demo_ctx: AppContext, tmp_path: Path) -> None:
    seal_new(demo_ctx, tmp_path / "inbox", ["x"])
    (demo_ctx.store.staging / "crashed.pdf").write_bytes(b"never committed")
    report = recover(demo_ctx)
    assert report.acted
    assert report.reconciliation["counts"]["seals"] == 1  # type: ignore[index]
    with demo_ctx.database.reader() as session:
        payload = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == str(EventType.RECOVERY_PERFORMED))).scalars().all()[-1]
    assert json.loads(payload)["details"]["reconciliation"]["counts"]["seals"] == 1
