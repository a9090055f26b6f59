"""Reconcile reports every exported copy the log records: present, changed or unreachable."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.core.samples import make_text_pdf
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.export import export_bundle
from sealdesk.services.evidence.select import Selection
from sealdesk.services.reconcile import reconcile
from sealdesk.services.reconcile.report import render_html, report_dict
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit.models import AuditEntry


def _seal_exporting(ctx: AppContext, inbox: Path, out: Path, names: list[str]) -> list[Path]:
    inbox.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    files = [make_text_pdf(inbox / f"{n}.pdf", n, [f"Contents of {n}"]) for n in names]
    batch = seal_documents(ctx, files, DEMO_PIN, export_dir=out)
    assert batch.count(Outcome.SEALED) == len(names)
    return [r.exported_path for r in batch.results if r.exported_path is not None]


def test_each_recorded_copy_is_present_changed_or_unreachable(demo_ctx: AppContext,
                                                              tmp_path: Path) -> None:
    kept, changed, moved = _seal_exporting(demo_ctx, tmp_path / "in", tmp_path / "out",
                                           ["kept", "changed", "moved"])
    with demo_ctx.database.reader() as session:
        payloads = [json.loads(bytes(p)) for p in session.execute(
            select(AuditEntry.payload).where(
                AuditEntry.event_type == EventType.DOCUMENT_EXPORTED.value)).scalars()]
    assert len(payloads) == 1, "one event for the batch"
    assert {c["path"] for c in payloads[0]["details"]["copies"]} == {
        str(p.resolve()) for p in (kept, changed, moved)}

    data = bytearray(changed.read_bytes())
    data[-20] ^= 0x01
    changed.write_bytes(bytes(data))
    moved.rename(tmp_path / "sent-away.pdf")
    bundle = tmp_path / "bundle.zip"
    export_bundle(demo_ctx, Selection(files=(tmp_path / "in" / "kept.pdf",)), bundle, DEMO_PIN)

    result = reconcile(demo_ctx)
    states = {Path(c.path).name: c.state for c in result.exported_copies}
    assert states == {kept.name: "present", changed.name: "changed",
                      moved.name: "unreachable", bundle.name: "present"}
    assert result.counts["exported_copies"] == 4
    assert result.counts["exported_copies_changed"] == 1
    assert result.counts["exported_copies_unreachable"] == 1
    assert [(f.kind, Path(f.subject).name) for f in result.findings
            if f.kind.startswith("exported")] == [("exported_copy_changed", changed.name)], \
        "an unreachable copy is not an error: copies may leave the machine"
    report = report_dict(demo_ctx, result)
    listed = {Path(str(c["path"])).name: c for c in report["exported_copies"]}  # type: ignore[union-attr]
    assert "Export it again" in str(listed[changed.name]["action"])
    assert "sent or moved on purpose" in str(listed[moved.name]["action"])
    assert "Exported copies" in render_html(report)
