"""Capture the administrator screens at 1280×720 under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :95 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/admin-shots DISPLAY=:95 QT_QPA_PLATFORM=xcb .venv/bin/python \
        docs/screenshots/capture_admin.py OUT
(the script quantizes the pictures to 256 colours itself; copy them to docs/screenshots).

Sets up a demo installation with three custodians (Alice, Bob, Carol) on their own SoftHSM2
tokens and a 2-of-3 policy, plus a fourth token (Dana's) with a certificate file, then drives
the real Keys page forms (add a custodian, quorum policy, signing policy), the Roles page
(grant, the proof of an assignment, a refusal) and the Settings page (tabs, the unsaved-changes
prompt).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from screen import grab_screen, spin, wait_until

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.softhsm import init_token
from sealdesk.paths import app_paths
from sealdesk.services.access.names import Role
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinAnswer
from sealdesk.ui.pages.roles_page import RolesPage
from sealdesk.ui.pages.settings_page import SettingsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
PIN = "4821"
PEM = serialization.Encoding.PEM

app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.5)


def centre(widget: QWidget, *, fit: bool = True) -> None:
    if fit:
        widget.adjustSize()
    size = widget.size()
    widget.move(max(0, (1280 - size.width()) // 2), max(0, (720 - size.height()) // 2))


def custodian_token(root: CertificateAuthority, conf: Path, name: str) -> bytes:
    cfg = ctx.config.token
    label = f"Custodian {name}"
    init_token(conf, label, PIN, secrets.token_hex(8))
    with open_token_session(cfg.module, TokenSelector(label), PIN,
                            environment=cfg.environment, rw=True) as token:
        generate_keypair(token, KeyAlgorithm.EC_P256, "custodian", b"\xc1")
        cert = root.issue(token.public_key("custodian"), name, purpose="custodian")
        store_certificate(token, cert.public_bytes(serialization.Encoding.DER), "custodian",
                          b"\xc1")
    return cert.public_bytes(PEM)


setup = init_demo(app_paths())
ctx = AppContext.open()
demo = app_paths().demo_dir
root = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                     (demo / "root.pem").read_bytes())
conf = Path(ctx.config.token.environment["SOFTHSM2_CONF"])
pems = {person: custodian_token(root, conf, person) for person in ("Alice", "Bob", "Carol")}
with audit_key_login(ctx, DEMO_PIN, reason="screenshots"):  # the bootstrap acts are signed
    for person, pem in pems.items():
        where = CustodianToken(ctx.config.token.module, TokenSelector(f"Custodian {person}"),
                               dict(ctx.config.token.environment))
        custodians.register_custodian(ctx, person, pem, where, PIN)
    custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
dana_cert = demo.parent / "dana.pem"
dana_cert.write_bytes(custodian_token(root, conf, "Dana"))

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.move(0, 0)
window.show()

keys = window.show_page("keys")
keys.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)  # signed acts: the demo PIN
wait_until(lambda: not keys.busy)
shot("keys-7-custodians-and-policies")

form = keys.open_add_custodian()
form.name_edit.setText("Dana")
form.certificate_edit.setText(str(dana_cert))
form.reason_edit.setText("Dana joins the key committee (board decision 2026-11)")
wait_until(lambda: bool(form.token_box.tokens))
form.token_box.select_token("Custodian Dana")
form.token_box.pin_edit.setText(PIN)
centre(form)
shot("keys-8-add-custodian")
form.confirm()
wait_until(lambda: form.result_view is not None, timeout=120)
wait_until(lambda: not keys.busy)

quorum = keys.open_quorum_policy()
quorum.spins[next(iter(quorum.spins))].setValue(3)
quorum.reason_edit.setText("Key rotations need three custodians")
centre(quorum)
shot("keys-9-quorum-policy")
quorum.reject()

signing = keys.open_signing_policy()
signing.reason_edit.setText("Pin the signing set-up: B-LT and EC keys only")
signing.level_combo.setCurrentText("B-LT")
signing.algorithm_checks["ec-p384"].setChecked(True)
centre(signing)
shot("keys-10-signing-policy-form")
signing.reject()
spin(0.5)

roles = window.show_page("roles")
assert isinstance(roles, RolesPage)
roles.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)  # capture_signed_acts shows it
wait_until(lambda: not roles.busy)
roles.role_combo.setCurrentIndex(roles.role_combo.findData("auditor"))
roles.account_edit.setText("ext-auditor")
roles.reason_edit.setText("Annual audit 2026 (KPMG engagement letter)")
roles.grant()
wait_until(lambda: not roles.busy)
window.token_poller.stop()  # the script touches the token itself: no poll meanwhile
jobs.wait_for_all()
cfg = ctx.config.token
with open_token_session(cfg.module, TokenSelector(cfg.label, cfg.serial), DEMO_PIN,
                        environment=cfg.environment) as session:
    create_checkpoint(ctx, session)  # what the next sealing would do: cover the grant
roles.refresh()
wait_until(lambda: not roles.busy)
roles.select("ext-auditor", Role.AUDITOR)
shot("roles-1-granted")
roles.show_proof()
wait_until(lambda: roles.proof_dialog is not None and roles.proof_dialog.isVisible())
centre(roles.proof_dialog, fit=False)
shot("roles-2-proof")
roles.proof_dialog.close()

roles.role_combo.setCurrentIndex(roles.role_combo.findData("operator"))
roles.account_edit.setText("ext-auditor")
roles.revoke()
wait_until(lambda: not roles.busy)
spin(0.5)
shot("roles-3-refused")
for dialog in app.topLevelWidgets():
    if dialog.isVisible() and dialog is not window:
        dialog.close()
spin(0.3)

settings = window.show_page("settings")
assert isinstance(settings, SettingsPage)
spin(0.5)
shot("settings-4-tabs")
settings.seal_section.reason_edit.setText("Sealed by the records office")
settings.seal_section.edited.emit()


def grab_prompt() -> None:
    box = QApplication.activeModalWidget()
    if box is None:
        QTimer.singleShot(100, grab_prompt)
        return
    centre(box)
    shot("settings-5-unsaved-prompt")
    box.reject()  # Cancel: stay on the page


QTimer.singleShot(300, grab_prompt)
window.show_page("home")
spin(0.3)
settings.revert()

jobs.wait_for_all()
window.close()
ctx.close()


def quantize(folder: Path) -> None:
    """256 colours, as the other screenshots (ImageMagick is not needed for this)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    for path in folder.glob("*.png"):
        image = QImage(str(path)).convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
        image.save(str(path), "PNG", 9)


quantize(OUT)
