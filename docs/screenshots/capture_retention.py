"""Capture the Documents page's Retention column, the hold dialog and the Retention page.

Usage:
    Xvfb :98 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-retention DISPLAY=:98 QT_QPA_PLATFORM=xcb PYTHONPATH=app \
        .venv/bin/python docs/screenshots/capture_retention.py OUT

A demo installation gets three custodians on their own SoftHSM2 tokens (as the tests do), the
custodians adopt retention classes (a signing-policy proposal, two approvals, execution), four
documents are sealed, two contracts are made due (their clock started in 2020) and one of them
is put under legal hold; then the real pages are shown.
"""

# ruff: noqa: TID251, E402  (a GUI driver: Qt is the point; the repo root is put on sys.path)
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for tests.rotation.helpers

from PySide6.QtWidgets import QApplication
from screen import spin, wait_until

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.retention.classes import RetentionClass, RetentionRules
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services import retention
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians, rotation
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinAnswer
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.documents.retention import RetentionDialog
from sealdesk.ui.pages.retention_page import RetentionPage
from sealdesk.ui.workers import JobRunner
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
app = QApplication(sys.argv[:1])
configure_application(app)


def grab_screen(path: Path, *, settle: float = 0.4) -> None:
    spin(settle)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("captured", path)


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
issuer = CertificateAuthority.create_root("Custodian CA")
holders = {name: make_holder(ctx, issuer, name) for name in ("Alice", "Bob", "Carol")}
inbox = paths.data_dir.parent / "inbox"
inbox.mkdir(exist_ok=True)
titles = ["Invoice 2026-0113", "Lease Harbour Street 4", "Supplier contract Acme 2013",
          "Letter to the tax office"]
files = [make_text_pdf(inbox / f"{t}.pdf", t, [f"Contents of {t}."]) for t in titles]
with audit_key_login(ctx, DEMO_PIN, reason="screenshots"):  # these acts are signed
    for name in ("Alice", "Bob", "Carol"):
        custodians.register_custodian(ctx, name, holders[name].cert_pem,
                                      holders[name].where, CUSTODIAN_PIN)
    custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
    rules = RetentionRules((RetentionClass("invoices", "10y"),
                            RetentionClass("contracts", "6y", "event"),
                            RetentionClass("correspondence", "3y")), default="invoices")
    view = retention.propose_classes(ctx, rules, reason="Retention schedule 2026",
                                     algorithms=("ec-p256", "rsa-3072"))
    for name in ("Alice", "Bob"):
        rotation.decide(ctx, view.proposal_id, Decision.APPROVE, holders[name].where,
                        CUSTODIAN_PIN)
    rotation.execute(ctx, view.proposal_id)
    batch = seal_documents(ctx, files[:3], DEMO_PIN)
    seal_documents(ctx, files[3:], DEMO_PIN, retention="correspondence")
    shas = [str(r.sha256) for r in batch.results]
    retention.set_class(ctx, shas[1:3], "contracts", reason="Contracts")
    retention.start_clock(ctx, shas[1:3], dt.date(2016, 12, 31), reason="Contracts ended 2016")
retention.place_hold(ctx, [shas[1]], reason="Tenant claims damages; keep every lease record",
                     case="LIT-2026-014")

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()
window.show_page("documents")
page = window.page("documents")
assert isinstance(page, DocumentsPage)
page.add_files(files)
column = page.retention_column.column
wait_until(lambda: all(page.proxy.index(r, column).data() for r in range(len(files))))
page.table.selectRow(2)
grab_screen(OUT / "retention-1-documents-column.png")

page.retention.ask(RetentionDialog.HOLD)
dialog = page.retention.dialog
assert dialog is not None
dialog.case.setText("AUD-2026-03")
dialog.reason.setPlainText("External audit of supplier payments 2013-2016")
grab_screen(OUT / "retention-2-hold-dialog.png")
dialog.reject()

window.show_page("retention")
retention_page = window.page("retention")
assert isinstance(retention_page, RetentionPage)
retention_page.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)
wait_until(lambda: retention_page.model.rowCount() == 2)
retention_page.table.selectRow(
    next(i for i, r in enumerate(retention_page.model.rows) if r.state == "due"))
retention_page.propose([shas[2]], "Contract retention (6 years) ended")
wait_until(lambda: "Deletion proposal" in retention_page.result.text())
wait_until(lambda: retention_page.model.rowCount() == 2)
grab_screen(OUT / "retention-3-due.png")
jobs.wait_for_all()
window.close()
ctx.close()
