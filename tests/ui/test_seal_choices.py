"""Reason, location, PAdES level and retention chosen in the seal dialog (issue 22, Documents).

Driven by keyboard through the real seal dialog, with the real demo SoftHSM token and real
PDFs; the sealed PDF is read back with pyHanko (the reason and location in the signature
dictionary) and verified by SealDesk (the level). The signing policy gate still refuses a
level the quorum-approved policy does not allow, before anything is sealed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from sealdesk.config import PadesLevel
from sealdesk.core.token.prompts import PinReply
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.keys.signing_policy import SigningPolicyDeviationError
from sealdesk.services.revalidation import policy_from, verify_file
from sealdesk.services.sealing.choices import SealChoices
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinRequest, SealReply
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentStatus
from tests.rotation.helpers import Holder
from tests.ui.test_keys_authority import _adopt_signing_policy
from tests.ui.test_keys_page import holders  # noqa: F401 - fixture

WAIT_MS = 60_000


class KeyboardSealDialog:
    """A PIN provider that opens the real seal dialog and fills it by key clicks only."""

    def __init__(self, qtbot: QtBot, *, reason: str, location: str, level_steps: int) -> None:
        self.qtbot, self.reason, self.location, self.level_steps = (qtbot, reason, location,
                                                                    level_steps)
        self.dialogs: list[PinDialog] = []

    def __call__(self, request: PinRequest, parent: QWidget | None) -> PinReply | None:
        dialog = PinDialog(request, parent)
        self.dialogs.append(dialog)
        dialog.show()
        qtbot = self.qtbot
        box = dialog.choices_box
        assert box is not None, "the first prompt of a batch offers the choices"
        assert dialog.focusWidget() is dialog.pin_edit  # the PIN first, the choices above it
        qtbot.keyClicks(dialog.pin_edit, DEMO_PIN)
        qtbot.keyClick(box.reason_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(box.reason_edit, self.reason)
        qtbot.keyClicks(box.location_edit, self.location)
        step = Qt.Key.Key_Up if self.level_steps < 0 else Qt.Key.Key_Down
        for _ in range(abs(self.level_steps)):
            qtbot.keyClick(box.level_combo, step)
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        return dialog.take_answer()


def _signature_fields(path: Path) -> tuple[str, str]:
    with path.open("rb") as handle:
        sig = PdfFileReader(handle).embedded_signatures[0].sig_object
        return str(sig.get("/Reason", "")), str(sig.get("/Location", ""))


def test_a_batch_is_sealed_with_the_reason_location_and_level_chosen_by_keyboard(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    assert demo_ctx.config.seal.level is PadesLevel.B_T  # the Settings default
    page = window.show_page("documents")
    page.add_files(make_pdfs(2))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    keyboard = KeyboardSealDialog(qtbot, reason="Approved by the board", location="Berlin",
                                  level_steps=-1)  # B-T → B-B
    page.pin_provider = keyboard
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.seal_all()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)

    dialog = keyboard.dialogs[0]
    assert dialog.windowTitle() == "Seal documents"
    box = dialog.choices_box
    assert box is not None
    assert page.flow.last_choices == SealChoices("Approved by the board", "Berlin",
                                                 PadesLevel.B_B)
    rows = page.model.rows()
    assert [r.status for r in rows] == [DocumentStatus.SEALED] * 2
    for row in rows:
        assert row.sealed_path is not None
        assert _signature_fields(row.sealed_path) == ("Approved by the board", "Berlin")
        report = verify_file(row.sealed_path, policy_from(demo_ctx)).report
        assert report.signatures[0].pades_level is not None
        assert report.signatures[0].pades_level.value == "B-B"
    assert demo_ctx.config.seal.reason == "Sealed by SealDesk"  # Settings untouched
    assert demo_ctx.config.seal.level is PadesLevel.B_T


def test_the_dialog_starts_from_the_settings_defaults(
    qtbot: QtBot, window: MainWindow, demo_pins: Callable[..., object],
    make_pdfs: Callable[..., list[Path]], demo_ctx: AppContext,
) -> None:
    page = window.show_page("documents")
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.pin_provider = demo_pins
    page.seal_all()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    request = demo_pins.requests[0]  # type: ignore[attr-defined]
    assert request.choosable
    dialog = PinDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.choices_box
    assert box is not None
    assert box.reason_edit.text() == demo_ctx.config.seal.reason
    assert box.location_edit.text() == demo_ctx.config.seal.location
    assert box.level_combo.currentText() == "B-T"
    assert not box.level_warning.isVisibleTo(dialog)  # no signing policy adopted yet
    assert dialog.focusWidget() is dialog.pin_edit
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    # Shift+Tab: back to the choices (the retention class is disabled: no policy classes)
    assert not box.retention_combo.isEnabled()
    assert dialog.focusWidget() is box.level_combo
    qtbot.keyClick(box.level_combo, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.pin_edit
    qtbot.keyClicks(dialog.pin_edit, DEMO_PIN)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    answer = dialog.take_answer()
    assert isinstance(answer, SealReply)
    assert answer.choices == SealChoices(demo_ctx.config.seal.reason,
                                         demo_ctx.config.seal.location, PadesLevel.B_T)


def test_the_signing_policy_refuses_a_level_it_does_not_allow(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
    holders: dict[str, Holder],  # noqa: F811
    make_pdfs: Callable[..., list[Path]],
) -> None:
    _adopt_signing_policy(demo_ctx, holders)  # the policy pins B-T, the Settings level
    page = window.show_page("documents")
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    keyboard = KeyboardSealDialog(qtbot, reason="Board", location="", level_steps=1)  # B-LT
    page.pin_provider = keyboard
    page.seal_all()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)

    box = keyboard.dialogs[0].choices_box
    assert box is not None and box.level_combo.currentText() == "B-LT"
    assert box.level_warning.text() == ("The signing policy allows only B-T: this batch "
                                        "would be refused.")
    error = page.flow.last_error
    assert isinstance(error, SigningPolicyDeviationError)
    assert error.message.startswith("PAdES level B-LT was chosen for this batch, but signing "
                                    "policy v1 allows only B-T.")
    assert "Seal again with level B-T" in (error.hint or "")
    assert page.model.rows()[0].status is DocumentStatus.READY  # nothing was sealed
    shown = [d for d in window.findChildren(ErrorDialog) if d.isVisible()]
    assert shown and "B-LT was chosen" in shown[0].message_label.text()
    shown[0].reject()

    # the level the policy allows seals at once, with the chosen reason
    page.pin_provider = KeyboardSealDialog(qtbot, reason="Board", location="", level_steps=0)
    page.seal_all()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    row = page.model.rows()[0]
    assert row.status is DocumentStatus.SEALED and row.sealed_path is not None
    assert _signature_fields(row.sealed_path)[0] == "Board"


def test_choices_are_bounded_and_tidied() -> None:
    choices = SealChoices(reason="  Approved \n by   the board ", location="x" * 1000)
    assert choices.reason == "Approved by the board"
    assert choices.location is not None and len(choices.location) == 256
    with pytest.raises(ValueError, match="B-X"):
        SealChoices(level="B-X")  # type: ignore[arg-type]
