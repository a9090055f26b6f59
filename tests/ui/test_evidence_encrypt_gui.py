"""The Evidence page's "Encrypt for recipient…": chosen by keyboard, refused with the reason,
and an export that writes only NAME.zip.p7m, which openssl decrypts into a bundle that verifies.

A real sealed demo installation and token (the session's), real certificates and openssl.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sealdesk.core.evidence import verify_bundle
from sealdesk.services.context import AppContext
from sealdesk.ui.dialogs.file_choice import ScriptedFiles
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.pages.evidence.recipients_dialog import RecipientsDialog
from tests.evidence.recipient_certs import OPENSSL, decrypt, make_holder
from tests.ui.test_audit_evidence_gui import installation, sealed_window

__all__ = ["installation", "sealed_window"]

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")
def test_encrypt_for_a_recipient_by_keyboard_then_export_only_the_encrypted_bundle(
        qtbot: QtBot, sealed_window: tuple[MainWindow, AppContext], demo_pins: object,
        tmp_path: Path) -> None:
    window, _ctx = sealed_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.page("evidence")
    assert isinstance(page, EvidencePage)
    auditor = make_holder(tmp_path / "keys", "auditor")
    ec_signer = make_holder(tmp_path / "keys", "signer",
                            key=ec.generate_private_key(ec.SECP256R1()))
    out = tmp_path / "out"
    page.files = ScriptedFiles([ec_signer.cert, auditor.cert, out / "case.zip.p7m"])
    page.pin_provider = demo_pins  # type: ignore[assignment]
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=30_000)
    assert "not encrypted" in page.encryption_label.text()
    seen: dict[str, object] = {}

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecipientsDialog)
        dialog.add_button.setFocus()
        qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)  # the EC certificate: refused
        seen["refusal"] = dialog.error.text() if dialog.error.isVisible() else ""
        qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)  # the auditor's RSA certificate
        seen["listed"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["error_hidden"] = dialog.error.isHidden()
        seen["tab_reaches"] = bool(dialog.list.focusPolicy() & Qt.FocusPolicy.TabFocus)
        dialog.accept()

    QTimer.singleShot(0, in_the_dialog)
    qtbot.keyClick(window, Qt.Key.Key_Y, SHIFT_CTRL)  # Evidence › Encrypt for recipient…
    assert "elliptic-curve (EC) key" in str(seen["refusal"])
    assert seen["error_hidden"] and seen["tab_reaches"]
    listed = seen["listed"]
    assert isinstance(listed, list) and len(listed) == 1 and "auditor (Audit firm)" in listed[0]
    assert [r.sha256 for r in page.recipients] == [auditor.sha256]
    assert "only these recipients can open them: auditor (Audit firm)" in (
        page.encryption_label.text())

    window.activateWindow()  # back from the modal dialog
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_B, SHIFT_CTRL)  # Export bundle…
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=60_000)
    assert page.last_export is not None
    assert page.last_export.encrypted_for == (auditor.sha256,)
    assert sorted(p.name for p in out.iterdir()) == ["case.zip.p7m"]
    assert "encrypted for 1 recipient(s)" in page.status.text()
    assert decrypt(out / "case.zip.p7m", auditor, tmp_path / "case.zip").returncode == 0
    assert verify_bundle(tmp_path / "case.zip").ok

    page.check_bundle(out / "case.zip.p7m")  # checking it still encrypted says what to do
    qtbot.waitUntil(lambda: "this bundle is encrypted" in page.verdict_view.headline.text(),
                    timeout=30_000)
    assert "openssl cms -decrypt" in page.verdict_view.headline.text()
