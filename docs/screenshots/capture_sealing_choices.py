"""Capture the seal dialog (reason, location, level, retention) and the signature panel.

Usage:
    Xvfb :87 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-sealui DISPLAY=:87 QT_QPA_PLATFORM=xcb PYTHONPATH=app \
        .venv/bin/python docs/screenshots/capture_sealing_choices.py OUT

A demo installation whose custodians adopted a signing policy with retention classes (so the
dialog offers classes and warns about a level the policy does not allow); documents are added
on the Documents page, the seal dialog is filled in and captured twice (as filled, and with a
level the policy refuses), then the sealed document is selected and its signature panel shown.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the repo root is put on sys.path)
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for tests.rotation.helpers

from PySide6.QtWidgets import QApplication, QWidget
from screen import spin, wait_until

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.retention.classes import RetentionClass, RetentionRules
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.prompts import PinReply
from sealdesk.paths import app_paths
from sealdesk.services import retention
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians, rotation
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinRequest
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.workers import JobRunner
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
app = QApplication(sys.argv[:1])
configure_application(app)


def grab_screen(path: Path, *, settle: float = 0.5) -> None:
    spin(settle)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("captured", path)


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
issuer = CertificateAuthority.create_root("Custodian CA")
holders = {}
with signing(ctx):
    for name in ("Alice", "Bob"):
        holders[name] = make_holder(ctx, issuer, name)
        custodians.register_custodian(ctx, name, holders[name].cert_pem, holders[name].where,
                                      CUSTODIAN_PIN)
    custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
    rules = RetentionRules((RetentionClass("invoices", "10y"), RetentionClass("contracts", "6y"),
                            RetentionClass("correspondence", "3y")), default="invoices")
    view = retention.propose_classes(ctx, rules, reason="Retention schedule 2026",
                                     algorithms=("ec-p256", "rsa-3072"))
    for name in ("Alice", "Bob"):
        rotation.decide(ctx, view.proposal_id, Decision.APPROVE, holders[name].where,
                        CUSTODIAN_PIN)
    rotation.execute(ctx, view.proposal_id)

inbox = paths.data_dir.parent / "inbox"
inbox.mkdir(exist_ok=True)
files = [make_text_pdf(inbox / "Board resolution 2026-14.pdf", "Board resolution 2026-14",
                       ["The board approves the supplier contract."], pages=3),
         make_text_pdf(inbox / "Supplier contract Acme.pdf", "Supplier contract Acme",
                       ["Contract terms."])]

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()
window.show_page("documents")
page = window.page("documents")
assert isinstance(page, DocumentsPage)
page.add_files(files)
wait_until(lambda: not page.busy)


def fill_and_grab(request: PinRequest, parent: QWidget | None) -> PinReply | None:
    dialog = PinDialog(request, parent)
    dialog.show()
    box = dialog.choices_box
    assert box is not None
    box.reason_edit.setText("Approved by the board")
    box.location_edit.setText("Berlin")
    box.retention_combo.setCurrentIndex(box.retention_combo.findData("contracts"))
    dialog.pin_edit.setText(DEMO_PIN)
    grab_screen(OUT / "documents-8-seal-dialog.png")
    box.level_combo.setCurrentIndex(box.level_combo.findData("B-LTA"))
    grab_screen(OUT / "documents-9-seal-dialog-level-refused.png")
    box.level_combo.setCurrentIndex(box.level_combo.findData("B-T"))
    dialog.accept()
    return dialog.take_answer()


page.pin_provider = fill_and_grab
page.select_path(files[0])
page.seal_selected()
wait_until(lambda: not page.busy)
page.select_path(files[1])
spin(0.3)
page.select_path(files[0])
wait_until(lambda: page.signature_panel.view is not None)
grab_screen(OUT / "documents-10-signature-panel.png")
jobs.wait_for_all()
window.close()
