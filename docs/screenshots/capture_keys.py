"""Capture the Keys & certificates screenshots under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :97 -screen 0 1400x900x24 &  DISPLAY=:97 openbox &
    SEALDESK_HOME=/tmp/keys-shots DISPLAY=:97 .venv/bin/python docs/screenshots/capture_keys.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Sets up a demo installation whose seal certificate expires in 25 days (the demo certificate
is re-issued with a short validity) plus a leftover key expiring in 5 days, three custodians
(Alice, Bob, Carol) on their own SoftHSM2 tokens and a 2-of-3 policy, then drives the real
page, wizard and approval dialog through a rotation. Every act of the ceremony is signed by the
audit key, so the PIN dialog appears for the proposal, the approval and the execution;
``keys-3a-pin-for-the-proposal`` and ``keys-4a-pin-for-the-approval`` show it.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, ObjectClass
from PySide6.QtWidgets import QApplication, QWidget
from screen import grab_screen, spin, wait_until

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.softhsm import init_token
from sealdesk.paths import app_paths
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import Actor, AppContext
from sealdesk.services.keys import custodians, rotation
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinAnswer, PinDialog, PinProvider, PinRequest
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
PIN = "4821"
DER = serialization.Encoding.DER

app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.4)


def prepare() -> tuple[AppContext, dict[str, CustodianToken]]:
    setup = init_demo(app_paths())
    cfg = setup.config.token
    demo = app_paths().demo_dir
    root = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                         (demo / "root.pem").read_bytes())
    with open_token_session(cfg.module, TokenSelector(cfg.label), DEMO_PIN,
                            environment=cfg.environment, rw=True) as token:
        for obj in token.session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                              Attribute.LABEL: "seal"}):
            obj.destroy()
        short = root.issue(token.public_key("seal"), "SealDesk Demo Seal", purpose="seal",
                           days=25)
        store_certificate(token, short.public_bytes(DER), "seal", b"\x01")
        generate_keypair(token, KeyAlgorithm.RSA_2048, "legacy-seal", b"\x05")
        old = root.issue(token.public_key("legacy-seal"), "SealDesk Seal 2021", purpose="seal",
                         days=5)
        store_certificate(token, old.public_bytes(DER), "legacy-seal", b"\x05")
    ctx = AppContext.open(actor=Actor("olivia"))
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    where = {}
    for name in ("Alice", "Bob", "Carol"):
        label = f"Custodian {name}"
        init_token(conf, label, PIN, secrets.token_hex(8))
        with open_token_session(cfg.module, TokenSelector(label), PIN,
                                environment=cfg.environment, rw=True) as token:
            generate_keypair(token, KeyAlgorithm.EC_P256, "custodian", b"\xc1")
            cert = root.issue(token.public_key("custodian"), name, purpose="custodian")
            store_certificate(token, cert.public_bytes(DER), "custodian", b"\xc1")
        where[name] = CustodianToken(cfg.module, TokenSelector(label), dict(cfg.environment))
        with audit_key_login(ctx, DEMO_PIN):  # the bootstrap's acts are signed acts
            custodians.register_custodian(
                ctx, name, cert.public_bytes(serialization.Encoding.PEM), where[name], PIN)
    with audit_key_login(ctx, DEMO_PIN):
        custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
    return ctx, where


def pin_dialog_shot(name: str) -> PinProvider:
    """A PIN provider that shows the real dialog, photographs it, and answers the demo PIN."""
    def provide(request: PinRequest, parent: QWidget | None) -> PinAnswer:
        dialog = PinDialog(request, parent)
        dialog.ok_button.setText(dialog.tr("Log in and sign"))
        dialog.pin_edit.setText(DEMO_PIN)  # typed (shown as dots)
        dialog.show()
        spin(0.5)
        shot(name)
        dialog.close()
        dialog.deleteLater()
        return PinAnswer(DEMO_PIN)
    return provide


ctx, where = prepare()
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.showMaximized()
page = window.show_page("keys")
page.splitter.setSizes([400, 400])
wait_until(lambda: not page.busy)
shot("keys-1-inventory")

page.pin_provider = pin_dialog_shot("keys-3a-pin-for-the-proposal")
wizard = page.open_wizard()
wizard.move(340, 150)
wizard.next()
wizard.reason_edit.setPlainText("The seal certificate expires in less than 25 days; rotate to "
                                "a new key before the renewal deadline.")
shot("keys-2-wizard")
wizard.next()
wizard.next()  # Propose
wait_until(lambda: wizard.result_view is not None)
spin(0.3)
shot("keys-3-proposed")
wizard.accept()
wait_until(lambda: not page.busy and page.selected_proposal() is not None)

page.pin_provider = pin_dialog_shot("keys-4a-pin-for-the-approval")
dialog = page.open_approval()
assert dialog is not None
dialog.move(320, 40)
wait_until(lambda: dialog.token_combo.count() > 0 and dialog._tokens)
dialog.select_token("Custodian Alice")
dialog.comment_edit.setText("Checked the CSR parameters with the CA")
dialog.pin_edit.setText(PIN)
shot("keys-4-approval")
dialog.sign()
wait_until(lambda: dialog.result_view is not None)
spin(0.3)
pid = dialog.result_view.proposal_id
with audit_key_login(ctx, DEMO_PIN):
    rotation.decide(ctx, pid, Decision.APPROVE, where["Bob"], PIN, comment="ok")
page.refresh()
wait_until(lambda: not page.busy)
page.select_proposal(pid)
shot("keys-5-approved")

page.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)
page.execute_selected()
wait_until(lambda: not page.flow.running, timeout=120)
wait_until(lambda: not page.busy)
page.select_proposal(pid)
shot("keys-6-executed")

jobs.wait_for_all()
window.close()
