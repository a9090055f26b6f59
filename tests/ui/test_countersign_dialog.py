"""The Counter-sign action on the Snapshots page: the last report, the custodian's token and PIN
in the dialog, the counter-signature verifying afterwards; a wrong PIN keeps the dialog open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.context import AppContext
from sealdesk.services.countersign.witness import witness_newest_checkpoint
from sealdesk.services.keys import custodians
from sealdesk.services.reconcile.countersign import verify_report
from sealdesk.ui.dialogs.countersign_dialog import CountersignDialog
from sealdesk.ui.pages.audit.page import AuditLogPage
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.snapshots_page import SnapshotsPage
from sealdesk.ui.workers import JobRunner
from tests.audit.audit_support import demo_token
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder
from tests.ui.conftest import ScriptedPins

WAIT_MS = 60_000


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner,
         demo_pins: ScriptedPins) -> Iterator[SnapshotsPage]:
    ca = CertificateAuthority.create_root("Custodian CA")
    holders = [make_holder(demo_ctx, ca, name) for name in ("Alice", "Bob")]
    with signing(demo_ctx):  # the custodian bootstrap is signed by the audit key
        for holder in holders:
            custodians.register_custodian(demo_ctx, holder.name, holder.cert_pem,
                                          holder.where, CUSTODIAN_PIN)
        custodians.set_initial_policy(demo_ctx, QuorumPolicy.uniform(2))
    widget = SnapshotsPage(PageServices(demo_ctx, jobs), pin_provider=lambda: demo_pins)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.shown()
    qtbot.waitUntil(lambda: "Snapshot folder" in widget.folder_label.text(), timeout=WAIT_MS)
    yield widget
    jobs.wait_for_all()


def _dialog(qtbot: QtBot) -> CountersignDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CountersignDialog),
                    timeout=WAIT_MS)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CountersignDialog)
    qtbot.waitUntil(lambda: bool(dialog._tokens), timeout=WAIT_MS)
    return dialog


def test_counter_sign_the_last_report_from_the_page(qtbot: QtBot, page: SnapshotsPage,
                                                    demo_ctx: AppContext) -> None:
    assert not page.countersign_button.isEnabled(), "no report yet"
    page.reconcile()
    qtbot.waitUntil(lambda: "Signed report" in page.summary.toPlainText(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.countersign_button.isEnabled(), timeout=WAIT_MS)
    report = page._last_report
    assert report is not None

    QTest.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    dialog = _dialog(qtbot)
    assert dialog.digest_edit.text() == report.sha256
    assert "SealDesk Demo" not in [t.label for t in dialog._tokens], "never the seal token"
    dialog.select_token("Custodian Bob")
    dialog.pin_edit.setText("0000")
    dialog.sign()
    assert dialog.pin_edit.text() == "", "the PIN left the field at once"
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert "PIN" in dialog.error_label.text() and dialog.isVisible()
    dialog.pin_edit.setText(CUSTODIAN_PIN)
    dialog.sign()
    qtbot.waitUntil(lambda: "Counter-signed" in page.summary.toPlainText(), timeout=WAIT_MS)
    assert "custodian Bob" in page.summary.toPlainText()
    check = verify_report(demo_ctx, Path(report.json_path))
    assert check.ok and [c.custodian for c in check.countersignatures] == ["Bob"]


def test_the_audit_page_says_who_witnessed(qtbot: QtBot, demo_ctx: AppContext,
                                           jobs: JobRunner) -> None:
    ca = CertificateAuthority.create_root("Custodian CA")
    alice = make_holder(demo_ctx, ca, "Alice")
    with signing(demo_ctx):
        custodians.register_custodian(demo_ctx, "Alice", alice.cert_pem, alice.where,
                                      CUSTODIAN_PIN)
    with demo_token(demo_ctx) as token:
        create_checkpoint(demo_ctx, token)
    witness_newest_checkpoint(demo_ctx, alice.where, CUSTODIAN_PIN)
    widget = AuditLogPage(PageServices(demo_ctx, jobs))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.verify_button.click()
    qtbot.waitUntil(lambda: widget.last_report is not None, timeout=WAIT_MS)
    assert "Witnessed by 1 custodian co-signature(s): Alice." in widget.banner.text()
    widget.shutdown()
    jobs.wait_for_all()
