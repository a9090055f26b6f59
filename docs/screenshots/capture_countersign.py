"""Capture the custodian counter-signature dialogs under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :92 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-cs DISPLAY=:92 QT_QPA_PLATFORM=xcb .venv/bin/python \
        docs/screenshots/capture_countersign.py OUT

A demo installation with two custodians (Alice, Bob) on their own SoftHSM2 tokens seals a few
documents (copies to an export folder), reconciles on the Snapshots page and has Alice counter-sign
the report there; then writes an incident statement on the Incidents page and has Bob
counter-sign it. Everything goes through the real pages and dialog (the PIN providers answer).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from PySide6.QtWidgets import QApplication
from screen import spin, wait_until

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.prompts import PinReply
from sealdesk.core.token.softhsm import init_token
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register
from sealdesk.services.keys import custodians
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.countersign_dialog import CountersignDialog
from sealdesk.ui.pages.incidents.page import IncidentsPage
from sealdesk.ui.pages.snapshots_page import SnapshotsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
PIN = "4821"
DER = serialization.Encoding.DER
app = QApplication(sys.argv[:1])
configure_application(app)


def grab_screen(path: Path, *, settle: float = 0.4) -> None:
    """The whole virtual screen, through Qt (no ImageMagick needed)."""
    spin(settle)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("captured", path)


def prepare() -> AppContext:
    setup = init_demo(app_paths())
    cfg = setup.config.token
    demo = app_paths().demo_dir
    root = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                         (demo / "root.pem").read_bytes())
    ctx = AppContext.open()
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    for name in ("Alice", "Bob"):
        label = f"Custodian {name}"
        init_token(conf, label, PIN, secrets.token_hex(8))
        with open_token_session(cfg.module, TokenSelector(label), PIN,
                                environment=cfg.environment, rw=True) as token:
            generate_keypair(token, KeyAlgorithm.EC_P256, "custodian", b"\xc1")
            cert = root.issue(token.public_key("custodian"), name, purpose="custodian")
            store_certificate(token, cert.public_bytes(DER), "custodian", b"\xc1")
        where = CustodianToken(cfg.module, TokenSelector(label), dict(cfg.environment))
        custodians.register_custodian(ctx, name, cert.public_bytes(serialization.Encoding.PEM),
                                      where, PIN)
    custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
    inbox, out = app_paths().data_dir.parent / "inbox", app_paths().data_dir.parent / "sent"
    inbox.mkdir(exist_ok=True)
    out.mkdir(exist_ok=True)
    titles = ["Invoice 2024-0113", "Contract renewal - Acme", "Board minutes March"]
    seal_documents(ctx, [make_text_pdf(inbox / f"{t}.pdf", t, [f"Contents of {t}."])
                         for t in titles], DEMO_PIN, export_dir=out)
    (out / f"{titles[2]}.sealed.pdf").unlink()  # sent away: not reachable from here
    return ctx


def dialog_shown() -> CountersignDialog:
    wait_until(lambda: isinstance(QApplication.activeModalWidget(), CountersignDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CountersignDialog)
    wait_until(lambda: bool(dialog._tokens))
    return dialog


ctx = prepare()
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()

page = window.page("snapshots")
assert isinstance(page, SnapshotsPage)
page._pin_provider = lambda: (lambda _request, _parent: PinReply(DEMO_PIN))
window.show_page("snapshots")
wait_until(lambda: "Snapshot folder" in page.folder_label.text())
page.reconcile()
wait_until(lambda: "Signed report" in page.summary.toPlainText())
page.countersign_last_report()
dialog = dialog_shown()
dialog.select_token("Custodian Alice")
dialog.pin_edit.setText(PIN)
grab_screen(OUT / "countersign-1-report-dialog.png")
dialog.sign()
wait_until(lambda: "Counter-signed" in page.summary.toPlainText())
grab_screen(OUT / "countersign-2-report-signed.png")

incident = register.open_incident(ctx, "integrity", "Revalidation found a damaged seal")
incidents = window.page("incidents")
assert isinstance(incidents, IncidentsPage)
incidents.pin_provider = lambda _request, _parent: PinReply(DEMO_PIN)
window.show_page("incidents")
incidents.refresh()
wait_until(lambda: incidents.select_incident(incident))
incidents.write_statement()
wait_until(lambda: incidents.last_statement is not None and not incidents.busy)
incidents.countersign_statement()
dialog = dialog_shown()
dialog.select_token("Custodian Bob")
dialog.pin_edit.setText(PIN)
grab_screen(OUT / "countersign-3-statement-dialog.png")
dialog.sign()
wait_until(lambda: "counter-signed" in incidents.status_label.text())
grab_screen(OUT / "countersign-4-statement-signed.png")
jobs.wait_for_all()
window.close()
