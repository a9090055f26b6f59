"""The PIN prompt says what the seal will be made with, and the tries left (issue 22 b).

Real demo token: the certificate shown is read from the token without logging in, through the
same selection the batch uses; the count of wrong PINs comes from the audit log's
``token.login_failed`` entries, because PKCS#11 reports only flags, never a number.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from sealdesk.core.token.identity import PinState
from sealdesk.errors import WrongPinError
from sealdesk.services.console.demo import DEMO_LABEL, DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.services.sealing.preview import (
    SealPreview,
    failed_logins_since_success,
    seal_preview,
)
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinRequest
from sealdesk.ui.main_window import MainWindow

WAIT_MS = 30_000


def _wrong_pin(ctx: AppContext, pdf: Path) -> None:
    try:
        seal_documents(ctx, [pdf], "0000")
    except WrongPinError:
        return
    raise AssertionError("a wrong PIN was accepted")


def test_the_first_pin_prompt_shows_key_certificate_level_tsa_and_reason(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    page = window.show_page("documents")
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.pin_provider = demo_pins
    page.seal_all()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)

    preview = demo_pins.requests[0].preview
    assert isinstance(preview, SealPreview)
    assert preview.token_label == DEMO_LABEL
    assert preview.key_label == demo_ctx.config.token.seal_key_label
    assert preview.level == str(demo_ctx.config.seal.level)
    assert preview.reason == demo_ctx.config.seal.reason
    assert preview.tsa == "the demo's offline timestamp authority"
    # the certificate shown is the one the seal was made with
    sealed = page.model.rows()[0].sealed_path
    assert sealed is not None
    with sealed.open("rb") as handle:
        signer = PdfFileReader(handle).embedded_signatures[0].signer_cert
    cert = x509.load_der_x509_certificate(signer.dump())
    assert preview.subject == cert.subject.rfc4514_string()
    assert preview.not_after == cert.not_valid_after_utc


def test_the_dialog_lists_the_preview_and_counts_the_wrong_pins(
    qtbot: QtBot, demo_ctx: AppContext, make_pdfs: Callable[..., list[Path]],
) -> None:
    pdf = make_pdfs(1)[0]
    _wrong_pin(demo_ctx, pdf)
    _wrong_pin(demo_ctx, pdf)
    serial = demo_ctx.config.token.serial
    assert failed_logins_since_success(demo_ctx, serial) == 2
    preview = seal_preview(demo_ctx)
    assert preview.failed_logins == 2

    low = dataclasses.replace(preview, pin=PinState(count_low=True))
    dialog = PinDialog(PinRequest(DEMO_LABEL, serial, low.pin, preview=low, demo=True))
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {label.accessibleName(): label.text() for label in
             dialog.preview_box.findChildren(QLabel) if label.accessibleName()}
    assert texts["Key"] == preview.key_label
    assert texts["Certificate"] == preview.subject
    assert texts["Valid until"].startswith(f"{preview.not_after:%Y-%m-%d} UTC (expires in ")
    assert texts["PAdES level"] == preview.level and texts["Reason"] == preview.reason
    warning = dialog.warning_label.text()
    assert "few tries are left" in warning
    assert "2 wrong PIN(s) were entered through SealDesk since the last successful" in warning
    qtbot.keyClicks(dialog.pin_edit, DEMO_PIN)  # and the prompt still works by keyboard
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    answer = dialog.take_answer()
    assert answer is not None and answer.pin == DEMO_PIN

    seal_documents(demo_ctx, [pdf], DEMO_PIN)  # a good login resets the count
    assert failed_logins_since_success(demo_ctx, serial) == 0
