"""Keys page, issue 22: certificate details and export, who the approval dialog signs as, and
the verdict line of "Verify quorum". Real SoftHSM2 tokens, the demo installation, custodians on
their own tokens, driven by keyboard where a person would use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token import open_token_session
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians, rotation
from sealdesk.services.keys.certificate_details import ExportFormat
from sealdesk.services.keys.proposals import propose_key_rotation
from sealdesk.services.keys.registry import token_selector
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.keys.page import KeysPage
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, Holder, make_holder

WAIT_MS = 30_000


@pytest.fixture
def holders(demo_ctx: AppContext) -> dict[str, Holder]:
    ca = CertificateAuthority.create_root("Custodian CA")
    made = {name: make_holder(demo_ctx, ca, name) for name in ("Alice", "Bob", "Carol")}
    with signing(demo_ctx):
        for holder in made.values():
            custodians.register_custodian(demo_ctx, holder.name, holder.cert_pem,
                                          holder.where, CUSTODIAN_PIN)
        custodians.set_initial_policy(demo_ctx, QuorumPolicy.uniform(2))
    return made


def _page(qtbot: QtBot, window: MainWindow) -> KeysPage:
    page = window.show_page("keys")
    assert isinstance(page, KeysPage)
    qtbot.waitUntil(lambda: not page.busy and page.keys_model.rowCount() > 0, timeout=WAIT_MS)
    return page


def _token_certificate(ctx: AppContext, label: str) -> bytes:
    cfg = ctx.config.token
    with open_token_session(cfg.module, token_selector(ctx.config), None,
                            environment=cfg.environment, login=False) as token:
        return token.certificate_der(label)


def test_certificate_details_and_export_match_the_token(qtbot: QtBot, window: MainWindow,
                                                        demo_ctx: AppContext,
                                                        tmp_path: Path) -> None:
    page = _page(qtbot, window)
    assert not page.certificate_button.isEnabled()
    assert "Select a key" in page.certificate_button.toolTip()
    page.keys_table.setFocus()
    QTest.keyClick(page.keys_table, Qt.Key.Key_Home)  # the seal key comes first
    QTest.keyClick(page.keys_table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.selected_key() is not None, timeout=WAIT_MS)
    assert page.selected_key().label == "seal"  # type: ignore[union-attr]
    assert page.certificate_button.isEnabled()
    QTest.keyClick(page, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.certificate_dialog is not None
                    and page.certificate_dialog.isVisible(), timeout=WAIT_MS)
    dialog = page.certificate_dialog
    assert dialog is not None
    der = _token_certificate(demo_ctx, "seal")
    cert = x509.load_der_x509_certificate(der)
    details = dialog.details
    assert details.subject == cert.subject.rfc4514_string()
    assert details.serial == f"{cert.serial_number:x}"
    assert details.key == "EC secp256r1 (256 bits)"
    assert "digital signature" in details.key_usage
    assert details.anchored and details.chain[-1].source == "trust anchor"
    texts = [label.text() for label in dialog.fields.values()]
    assert details.sha256 in texts and "SealDesk Demo Root CA" in dialog.chain_text.toPlainText()

    assert dialog.export_to(tmp_path / "seal.cer", ExportFormat.DER)
    assert (tmp_path / "seal.cer").read_bytes() == der
    assert (tmp_path / "seal.cer").stat().st_mode & 0o777 == 0o600
    assert dialog.export_to(tmp_path / "seal.pem", ExportFormat.PEM)
    assert (tmp_path / "seal.pem").read_bytes() == cert.public_bytes(serialization.Encoding.PEM)
    assert "Exported as PEM" in dialog.status_label.text()
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert not dialog.export_to(folder, ExportFormat.PEM)  # refused with a reason, not a crash
    assert dialog.status_label.text()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def _token_free(qtbot: QtBot, window: MainWindow) -> None:
    """The test thread logs in to the token only while no job of the window uses it (a PKCS#11
    login belongs to the whole application: a job's logout would end the test's session)."""
    window.token_poller.stop()
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=WAIT_MS)


def _proposal_with(ctx: AppContext, holders: dict[str, Holder], *approvers: str) -> str:
    with signing(ctx):
        view = propose_key_rotation(ctx, "seal", reason="Yearly rotation of the seal key")
        for name in approvers:
            rotation.decide(ctx, view.proposal_id, Decision.APPROVE, holders[name].where,
                            CUSTODIAN_PIN)
    return view.proposal_id


def test_approval_dialog_names_the_custodian_or_warns(qtbot: QtBot, holders: dict[str, Holder],
                                                      window: MainWindow,
                                                      demo_ctx: AppContext) -> None:
    stranger = make_holder(demo_ctx, CertificateAuthority.create_root("Other CA"), "Mallory")
    _token_free(qtbot, window)
    pid = _proposal_with(demo_ctx, holders)
    page = _page(qtbot, window)
    page.select_proposal(pid)
    dialog = page.open_approval()
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(dialog._tokens) and dialog.identity is not None,
                    timeout=WAIT_MS)
    dialog.token_combo.setFocus()
    bob = next(n for n, t in enumerate(dialog._tokens) if t.label == "Custodian Bob")
    while dialog.token_combo.currentIndex() != bob:
        QTest.keyClick(dialog.token_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: dialog.identity is not None
                    and dialog.identity.token_label == "Custodian Bob", timeout=WAIT_MS)
    bob_sha = next(c.cert_sha256 for c in custodians.list_custodians(demo_ctx)
                   if c.name == "Bob")
    assert dialog.identity_label.text() == (
        f"You are signing as: Bob (certificate SHA-256 {bob_sha[:16]}…)")
    assert bob_sha in dialog.identity_label.toolTip()
    dialog.select_token(stranger.token.selector.label)
    qtbot.waitUntil(lambda: dialog.identity is not None
                    and dialog.identity.token_label == "Custodian Mallory", timeout=WAIT_MS)
    assert not dialog.identity.registered
    assert "not a registered custodian" in dialog.identity_label.text()
    assert stranger.token.selector.label and "SHA-256" in dialog.identity_label.toolTip()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def test_verify_quorum_leads_with_a_verdict(qtbot: QtBot, holders: dict[str, Holder],
                                            window: MainWindow, demo_ctx: AppContext) -> None:
    _token_free(qtbot, window)
    pid = _proposal_with(demo_ctx, holders, "Alice", "Carol")
    page = _page(qtbot, window)
    page.proposals_table.setFocus()
    page.select_proposal(pid)
    QTest.keyClick(page, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.quorum_box is not None, timeout=WAIT_MS)
    assert page.quorum_box is not None
    verdict = (f"Quorum verified so far: proposal {pid} has 2 valid custodian approvals "
               "(Alice, Carol); it has not been executed.")
    assert page.quorum_box.text() == verdict
    assert page.status_label.text() == verdict
    assert "Approvals verified from the audit log: Alice, Carol" in (
        page.quorum_box.informativeText())
    page.quorum_box.close()


def test_signing_identity_ignores_edited_custodian_rows(holders: dict[str, Holder],
                                                        demo_ctx: AppContext) -> None:
    """Attack: rename Bob's row and register Mallory's certificate by raw SQL. The identity is
    replayed from the signed log and matched by key, so neither edit changes what is shown."""
    from sqlalchemy import text

    from sealdesk.services.keys.signing_identity import signing_identity

    stranger = make_holder(demo_ctx, CertificateAuthority.create_root("Other CA"), "Mallory")
    cert = x509.load_pem_x509_certificate(stranger.cert_pem)
    der = cert.public_bytes(serialization.Encoding.DER)
    import hashlib

    with demo_ctx.database.transaction() as session:
        session.execute(text("UPDATE custodians SET name = 'Zed' WHERE name = 'Bob'"))
        session.execute(text(
            "INSERT INTO custodians (name, certificate_sha256, certificate_der, key_label, "
            "status, added_at, added_by_proposal) VALUES ('Bob2', :sha, :der, 'custodian', "
            "'active', CURRENT_TIMESTAMP, '')"), {"sha": hashlib.sha256(der).hexdigest(),
                                                  "der": der})
    bob = signing_identity(demo_ctx, holders["Bob"].where)
    assert bob.name == "Bob" and bob.registered
    mallory = signing_identity(demo_ctx, stranger.where)
    assert not mallory.registered and not mallory.removed
    assert hashlib.sha256(der).hexdigest() in mallory.token_certificates


def test_cli_shows_and_exports_the_certificate_and_verdict(holders: dict[str, Holder],
                                                           demo_ctx: AppContext,
                                                           tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sealdesk.cli.main import cli

    target = tmp_path / "seal.der"
    result = CliRunner().invoke(cli, ["token", "certificate", "seal", "--export", str(target),
                                      "--format", "der"])
    assert result.exit_code == 0, result.output
    der = _token_certificate(demo_ctx, "seal")
    assert target.read_bytes() == der and target.stat().st_mode & 0o777 == 0o600
    cert = x509.load_der_x509_certificate(der)
    assert f"Serial:              {cert.serial_number:x}" in result.output
    assert "[trust anchor]" in result.output and "Key usage:           digital signature" in (
        result.output)
    pid = _proposal_with(demo_ctx, holders, "Alice")
    result = CliRunner().invoke(cli, ["audit", "verify-quorum", pid])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"Quorum verified so far: proposal {pid} has 1 valid custodian approval "
        "(Alice); it has not been executed.")
