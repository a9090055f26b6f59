"""Capture the Keys page's certificate, PIN-change, approval-identity and quorum-verdict screens.

Usage (1280x720, as a custodian's laptop):
    Xvfb :86 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/cert-shots DISPLAY=:86 QT_QPA_PLATFORM=xcb \
        .venv/bin/python docs/screenshots/capture_keys_certificates.py OUT

A demo installation with three custodians (Alice, Bob, Carol) on their own SoftHSM2 tokens and a
2-of-3 policy, plus "Mallory", a token whose certificate is not registered. A seal-key rotation
is proposed and approved by Alice and Carol; then the screens are driven as a person would.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from PySide6.QtWidgets import QApplication
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
from sealdesk.services.keys.certificate_details import ExportFormat
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.keys.proposals import propose_key_rotation
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
PIN = "4821"
app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.5)


def prepare() -> tuple[AppContext, dict[str, CustodianToken], str]:
    setup = init_demo(app_paths())
    cfg = setup.config.token
    demo = app_paths().demo_dir
    root = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                         (demo / "root.pem").read_bytes())
    ctx = AppContext.open(actor=Actor("olivia"))
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    where = {}
    for name in ("Alice", "Bob", "Carol", "Mallory"):
        label = f"Custodian {name}"
        init_token(conf, label, PIN, secrets.token_hex(8))
        with open_token_session(cfg.module, TokenSelector(label), PIN,
                                environment=cfg.environment, rw=True) as token:
            generate_keypair(token, KeyAlgorithm.EC_P256, "custodian", b"\xc1")
            cert = root.issue(token.public_key("custodian"), name, purpose="custodian")
            store_certificate(token, cert.public_bytes(serialization.Encoding.DER),
                              "custodian", b"\xc1")
        where[name] = CustodianToken(cfg.module, TokenSelector(label), dict(cfg.environment))
        if name == "Mallory":
            continue  # never registered
        with audit_key_login(ctx, DEMO_PIN):
            custodians.register_custodian(
                ctx, name, cert.public_bytes(serialization.Encoding.PEM), where[name], PIN)
    with audit_key_login(ctx, DEMO_PIN):
        custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
        view = propose_key_rotation(ctx, "seal", reason="Yearly rotation of the seal key")
        for name in ("Alice", "Carol"):
            rotation.decide(ctx, view.proposal_id, Decision.APPROVE, where[name], PIN)
        second = propose_key_rotation(ctx, "audit", reason="Yearly rotation of the audit key")
    return ctx, where, second.proposal_id


ctx, where, open_pid = prepare()
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.showMaximized()
page = window.show_page("keys")
wait_until(lambda: not page.busy and page.keys_model.rowCount() > 0)

page.keys_table.selectRow(0)
page.open_certificate()
wait_until(lambda: page.certificate_dialog is not None and page.certificate_dialog.isVisible())
page.certificate_dialog.export_to(OUT / "seal.pem", ExportFormat.PEM)
shot("keys-11-certificate-details")
page.certificate_dialog.close()

dialog = page.open_change_pin()
wait_until(lambda: not dialog.loading)
dialog.old_edit.setText(DEMO_PIN)
dialog.new_edit.setText("1234567")
dialog.again_edit.setText("123456")
spin(0.3)
shot("keys-12-change-pin")
dialog.close()

page.select_proposal(open_pid)
approval = page.open_approval()
wait_until(lambda: approval is not None and approval.identity is not None)
approval.select_token("Custodian Bob")
wait_until(lambda: approval.identity is not None
           and approval.identity.token_label == "Custodian Bob")
shot("keys-13-approval-signing-as")
approval.select_token("Custodian Mallory")
wait_until(lambda: approval.identity is not None
           and approval.identity.token_label == "Custodian Mallory")
shot("keys-13a-approval-unregistered-token")
approval.close()

page.select_proposal(next(v.proposal_id for v in page.state.proposals
                          if v.proposal_id != open_pid))
page.verify_selected()
wait_until(lambda: page.quorum_box is not None)
shot("keys-14-quorum-verdict")
page.quorum_box.close()
jobs.wait_for_all()
