"""The PIN dialog (warnings, final-try gating, PIN pad, demo hint) and the error dialog."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sealdesk.core.token.identity import PinState
from sealdesk.errors import PinLockedError
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinRequest, ask_pin
from sealdesk.ui.excepthook import show_unhandled


def request(state: PinState = PinState(), *, demo: bool = False, retry: str = "") -> PinRequest:  # noqa: B008
    return PinRequest("Company Seal", "0042AB", state, demo=demo, retry_message=retry)


@pytest.fixture
def open_dialog(qtbot: QtBot):
    def make(req: PinRequest) -> PinDialog:
        dialog = PinDialog(req)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def test_plain_prompt_needs_a_pin_and_hands_it_over_once(open_dialog, qtbot: QtBot) -> None:
    dialog = open_dialog(request())
    assert dialog.label_value.text() == "Company Seal"
    assert dialog.serial_value.text() == "0042AB"
    assert not dialog.warning_label.isVisible()
    assert not dialog.acknowledge.isVisible()
    assert not dialog.demo_label.isVisible()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.pin_edit, "9876")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PinDialog.DialogCode.Accepted
    assert dialog.pin_edit.text() == ""  # not kept on the dialog
    answer = dialog.take_answer()
    assert answer is not None and answer.pin == "9876"
    assert dialog.take_answer() is None


def test_count_low_is_an_orange_warning(open_dialog) -> None:
    dialog = open_dialog(request(PinState(count_low=True)))
    assert dialog.warning_label.isVisible()
    assert "few tries are left" in dialog.warning_label.text()
    assert dialog.warning_label.property("severity") == "warning"
    assert "#c76a00" in dialog.warning_label.styleSheet()
    assert not dialog.acknowledge.isVisible()


def test_final_try_needs_an_explicit_acknowledgement(open_dialog, qtbot: QtBot) -> None:
    dialog = open_dialog(request(PinState(count_low=True, final_try=True)))
    assert "Final try" in dialog.warning_label.text()
    assert dialog.warning_label.property("severity") == "critical"
    assert "#c62828" in dialog.warning_label.styleSheet()
    qtbot.keyClicks(dialog.pin_edit, "1234")
    assert dialog.acknowledge.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.acknowledge.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.acknowledge.setChecked(False)
    assert not dialog.ok_button.isEnabled()


def test_locked_pin_cannot_be_tried(open_dialog, qtbot: QtBot) -> None:
    dialog = open_dialog(request(PinState(locked=True)))
    qtbot.keyClicks(dialog.pin_edit, "1234")
    assert "locked" in dialog.warning_label.text()
    assert not dialog.ok_button.isEnabled()


def test_pin_pad_reader_has_no_pin_field(open_dialog) -> None:
    dialog = open_dialog(request(PinState(protected_auth_path=True), demo=True))
    assert not dialog.pin_edit.isVisible()
    assert dialog.pin_pad_label.isVisible()
    assert "Enter the PIN on the reader's PIN pad" in dialog.pin_pad_label.text()
    assert not dialog.demo_label.isVisible()
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    answer = dialog.take_answer()
    assert answer is not None and answer.pin is None


def test_demo_hint_and_retry_message(open_dialog) -> None:
    dialog = open_dialog(request(demo=True, retry="The PIN was not accepted."))
    assert dialog.demo_label.isVisible()
    assert dialog.demo_label.text() == "Demo token PIN: 1234"
    assert dialog.retry_label.isVisible()
    assert dialog.retry_label.text() == "The PIN was not accepted."


def test_default_provider_runs_the_dialog_modally(qapp: QApplication, qtbot: QtBot) -> None:
    def answer_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PinDialog)
        qtbot.keyClicks(dialog.pin_edit, "2468")
        dialog.accept()

    QTimer.singleShot(0, answer_it)
    answer = ask_pin(request())
    assert answer is not None and answer.pin == "2468"

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    assert ask_pin(request()) is None


def test_error_dialog_shows_message_and_hint_for_domain_errors(qtbot: QtBot) -> None:
    error = PinLockedError("The PIN of token 'X' is locked.", hint="Ask the security officer.")
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.message_label.text() == "The PIN of token 'X' is locked."
    assert dialog.hint_label.text() == "Ask the security officer."
    assert dialog.copy_button is None and dialog.report_view is None


def test_unexpected_errors_get_a_copyable_report_without_secrets(
    qapp: QApplication, qtbot: QtBot, internal_errors: list[logging.LogRecord],
) -> None:
    secret = "pin-" + str(1357 * 3)

    def seal(pin: str) -> None:
        assert pin
        raise RuntimeError("boom")

    try:
        seal(secret)
    except RuntimeError:
        show_unhandled(*sys.exc_info())  # type: ignore[arg-type]
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ErrorDialog) and w.isVisible())
    assert "RuntimeError: boom" in dialog.report
    assert "SealDesk" in dialog.report.splitlines()[0]
    assert secret not in dialog.report
    assert dialog.copy_button is not None
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.report
    assert len(internal_errors) == 1 and secret not in internal_errors[0].getMessage()
    internal_errors.clear()
    dialog.close()  # deletes itself (WA_DeleteOnClose)
