"""Capture the Audit page's checks (per-entry state, anchors, consistency) and the Evidence page.

Usage (under Xvfb at 1280x720):
    Xvfb :93 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/evidence-shots DISPLAY=:93 QT_QPA_PLATFORM=xcb \\
        .venv/bin/python docs/screenshots/capture_audit_evidence.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

It sets up demo mode in a fresh SEALDESK_HOME, seals six contracts on the demo token (real seals,
real checkpoints and anchors), then edits one seal's audit payload with raw SQL, as a database
administrator without the PIN could, and drives the real main window.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication
from screen import grab_screen, wait_until
from sqlalchemy import text

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.audit.checkpoints import latest_checkpoint_file
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinAnswer
from sealdesk.ui.pages.audit.page import AuditLogPage
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.pages.evidence.period_dialog import PeriodDialog
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
NAMES = ("lease-2026-014", "supplier-contract-a", "supplier-contract-b", "nda-acme",
         "board-minutes-11", "invoice-88231")


def prepare() -> AppContext:
    paths = app_paths()
    init_demo(paths)
    ctx = AppContext.open(paths)
    inbox = OUT / "inbox"
    inbox.mkdir(exist_ok=True)
    files = [make_text_pdf(inbox / f"{n}.pdf", n, [f"Document {n}"]) for n in NAMES]
    assert seal_documents(ctx, files, DEMO_PIN, export_dir=OUT / "sealed").ok
    return ctx


ctx = prepare()
app = QApplication(sys.argv[:1])
configure_application(app)
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.token_poller.stop()
window.showMaximized()
window.setGeometry(0, 0, 1280, 720)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.5)


# --- Evidence: export two contracts, check the bundle, then an altered copy -------------------
evidence = window.show_page("evidence")
assert isinstance(evidence, EvidencePage)
evidence.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)
wait_until(lambda: len(evidence.rows) == len(NAMES))
evidence.select_documents(["supplier-contract-a.pdf", "supplier-contract-b.pdf"])
bundle = OUT / "evidence-supplier-contracts.zip"
evidence.export(bundle)
wait_until(lambda: evidence.last_export is not None, timeout=120)
cert = OUT / "audit.pem"
cert.write_bytes(latest_checkpoint_file(ctx).certificate_pem)
evidence.use_certificate(cert)
evidence.check_bundle(bundle)
wait_until(lambda: evidence.verdict_view.verdict is not None, timeout=120)
shot("evidence-1-exported-verified")

altered = OUT / "evidence-altered.zip"
data = bytearray(bundle.read_bytes())
data[data.find(b"supplier-contract-b") + 3] ^= 0x01
altered.write_bytes(bytes(data))
evidence.verdict_view.verdict = None
evidence.check_bundle(altered)
wait_until(lambda: evidence.verdict_view.verdict is not None
           or "cannot be checked" in evidence.verdict_view.headline.text(), timeout=120)
shot("evidence-2-altered")

period = PeriodDialog(evidence)
period.show()
period.move(460, 260)
shot("evidence-3-period")
period.close()

# --- Audit: a DBA renames a sealed document in the log; Verify names the entry ------------------
held = OUT / "held-checkpoint.json"
audit = window.show_page("audit")
assert isinstance(audit, AuditLogPage)
audit.export_checkpoint(held)
wait_until(held.exists)
with ctx.database.engine.begin() as conn:
    entry, payload = conn.execute(text(
        "SELECT idx, payload FROM audit_entries WHERE event_type = 'document.sealed' "
        "AND CAST(payload AS TEXT) LIKE '%nda-acme%'")).one()
    conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                 {"p": bytes(payload).replace(b"nda-acme", b"nda-acne"), "i": entry})
audit.actions_by_name["verify"].trigger()
wait_until(lambda: audit.last_report is not None, timeout=120)
wait_until(lambda: audit.anchor_panel.status is not None)
shot("audit-7-check-failed")

audit.problems_box.setChecked(True)
wait_until(lambda: audit.model.filtered and audit.model.rowCount() == 1)
audit.select_entry(entry)
wait_until(lambda: audit.details.toPlainText().startswith("Check: Not verified"))
shot("audit-8-only-problems")
audit.problems_box.setChecked(False)

audit.check_consistency(held)
wait_until(lambda: audit.consistency_dialog is not None)
audit.consistency_dialog.move(280, 180)  # type: ignore[union-attr]
shot("audit-9-consistency")
audit.consistency_dialog.close()  # type: ignore[union-attr]

anchors = ctx.config.anchor_dir(ctx.paths)
newest = sorted(anchors.glob("checkpoint-*.json"))[-1]
newest.rename(OUT / newest.name)  # the anchor media failed at the last operation
audit.anchor_panel.status = None
audit.refresh_anchor_status()
wait_until(lambda: audit.anchor_panel.status is not None)
shot("audit-10-anchor-warning")

window.close()
jobs.wait_for_all()
ctx.close()
