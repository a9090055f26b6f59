"""The GUI's one way to show a failure (issue 16 item 5): ``present_failure`` and its inline twin.

A domain error shows its message and next step; a bug shows "SealDesk hit an internal error",
a copyable report without secrets, and is logged. The auditor's bundle viewer, which used to
swallow bugs into a headline, now reports them.
"""

from __future__ import annotations

import ast
import logging
import re
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

import sealdesk
from sealdesk.errors import PinLockedError, StorageError
from sealdesk.ui.auditor.bundle_viewer import BundleViewer
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.failures import (
    INTERNAL_ERROR,
    JobFailure,
    failure_text,
    inline_failure,
    present_failure,
)
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.workers import JobRunner

UI_PACKAGE = Path(sealdesk.__file__).parent / "ui"


def _open_dialogs() -> list[ErrorDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ErrorDialog) and w.isVisible()]


def _bug_with_secret_argument(pin: str) -> None:
    assert pin
    raise RuntimeError("token library said: login failed, pin=" + pin)


def _bug_failure(secret: str) -> JobFailure:
    try:
        _bug_with_secret_argument(secret)
    except RuntimeError as exc:
        return JobFailure(exc, "".join(traceback.format_exception(exc)))
    raise AssertionError("unreachable")


def test_a_domain_error_shows_message_and_hint_and_is_not_logged(
    qtbot: QtBot, internal_errors: list[logging.LogRecord],
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    error = PinLockedError("The PIN of token 'X' is locked.", hint="Ask the security officer.")
    dialog = present_failure(parent, JobFailure(error, "traceback text"), title="Sealing failed")
    assert dialog.isVisible() and dialog.parent() is parent
    assert dialog.windowTitle() == "Sealing failed"
    assert dialog.message_label.text() == "The PIN of token 'X' is locked."
    assert dialog.hint_label.text() == "Ask the security officer."
    assert dialog.copy_button is None and dialog.report == ""
    assert internal_errors == []
    assert failure_text(error) == "The PIN of token 'X' is locked.\nAsk the security officer."
    dialog.close()


def test_a_bug_says_internal_error_offers_a_report_without_secrets_and_is_logged(
    qtbot: QtBot, internal_errors: list[logging.LogRecord],
) -> None:
    secret = "73" + str(91 * 7)  # built at run time: in no source line
    dialog = present_failure(None, _bug_failure(secret))  # deletes itself when closed
    assert dialog.message_label.text() == INTERNAL_ERROR
    assert "send it to your administrator" in dialog.hint_label.text()
    assert f"SealDesk {sealdesk.__version__}" in dialog.report.splitlines()[0]
    assert "in _bug_with_secret_argument" in dialog.report
    assert "pin=[removed]" in dialog.report
    assert secret not in dialog.report and secret not in dialog.hint_label.text()
    assert dialog.copy_button is not None
    dialog.copy_button.setFocus()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == dialog.report
    assert len(internal_errors) == 1
    assert internal_errors[0].levelno == logging.ERROR
    assert secret not in internal_errors[0].getMessage()
    internal_errors.clear()
    dialog.close()


def test_inline_failure_gives_text_and_presents_only_bugs(
    qtbot: QtBot, internal_errors: list[logging.LogRecord],
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    page.show()
    error = PinLockedError("Locked.", hint="Ask the officer.")
    assert inline_failure(page, JobFailure(error, "")) == "Locked.\nAsk the officer."
    assert _open_dialogs() == []

    text = inline_failure(page, _bug_failure("1"))
    assert text == f"{INTERNAL_ERROR} See the error report."
    [dialog] = _open_dialogs()
    assert dialog.parent() is page and dialog.copy_button is not None
    assert len(internal_errors) == 1
    internal_errors.clear()
    dialog.close()


def test_the_bundle_viewer_reports_a_bug_instead_of_swallowing_it(
    qtbot: QtBot, jobs: JobRunner, internal_errors: list[logging.LogRecord],
) -> None:
    viewer = BundleViewer(jobs)
    qtbot.addWidget(viewer)
    viewer.show()

    def broken_check() -> None:
        raise KeyError("documents")

    jobs.run(broken_check, on_failure=viewer._failed)
    jobs.wait_for_all()
    expected = f"Cannot check this bundle: {INTERNAL_ERROR} See the error report."
    assert viewer.headline.text() == expected
    [dialog] = _open_dialogs()
    assert "KeyError: 'documents'" in dialog.report
    assert len(internal_errors) == 1
    internal_errors.clear()
    dialog.close()


def test_the_gui_never_imports_storage() -> None:
    """Layer rule: the UI names storage's data types through the services that serve them."""
    offenders = []
    for path in sorted(UI_PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("sealdesk.storage")]
    assert offenders == []


def test_no_page_formats_failures_itself() -> None:
    """One way to show a failure: ErrorDialog is opened only by ui/failures.py."""
    opened = re.compile(r"(?<!class )\bErrorDialog\(")
    users = [p.relative_to(UI_PACKAGE).as_posix() for p in sorted(UI_PACKAGE.rglob("*.py"))
             if opened.search(p.read_text(encoding="utf-8"))]
    assert users == ["failures.py"]


def test_the_sealing_watch_reports_a_bug_once_and_keeps_quiet_on_a_busy_database(
    qtbot: QtBot, window: MainWindow, jobs: JobRunner,
    internal_errors: list[logging.LogRecord],
) -> None:
    watch = window.sealing_watch

    def busy() -> None:
        raise StorageError("The database is busy.", hint="Try again in a moment.")

    def broken() -> None:
        raise AttributeError("'NoneType' object has no attribute 'enabled'")

    jobs.run(busy, on_failure=watch._unreadable)
    jobs.wait_for_all()
    assert _open_dialogs() == [] and internal_errors == []
    for _ in range(2):  # the watch polls: the same bug must not stack dialogs
        jobs.run(broken, on_failure=watch._unreadable)
        jobs.wait_for_all()
    [dialog] = _open_dialogs()
    assert dialog.parent() is window and "AttributeError" in dialog.report
    assert len(internal_errors) == 1
    internal_errors.clear()
    dialog.close()
