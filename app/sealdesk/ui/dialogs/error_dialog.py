"""Showing what went wrong: the message and next step for domain errors, a report for bugs.

A :class:`~sealdesk.errors.SealDeskError` is written for a compliance officer, so it is shown as
it is: message, then hint. Anything else is a bug; the operator gets a short apology and a
"Copy report" button with the traceback and versions to paste into a ticket. Reports hold
tracebacks only (file, line, code), never local variables, so no PIN can end up in one.
"""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

import sealdesk
from sealdesk.errors import SealDeskError


def full_report(error: BaseException, traceback_text: str) -> str:
    """The text behind "Copy report": versions first, then the traceback."""
    header = (
        f"SealDesk {sealdesk.__version__} · Python {platform.python_version()} · "
        f"PySide6 {pyside_version} · {platform.platform()}"
    )
    body = traceback_text.strip() or f"{error.__class__.__name__}: {error}"
    return f"{header}\n\n{body}\n"


class ErrorDialog(QDialog):
    """One error, explained; ``report`` is the traceback text for unexpected errors."""

    def __init__(
        self, error: BaseException, report: str = "", parent: QWidget | None = None,
        *, title: str = "",
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.expected = isinstance(error, SealDeskError)
        self.setObjectName("errorDialog")
        fallback = "SealDesk" if self.expected else "SealDesk: unexpected error"
        self.setWindowTitle(title or fallback)
        self.setMinimumWidth(460)
        self.report = "" if self.expected else full_report(error, report)

        icon = QLabel()
        kind = (QStyle.StandardPixmap.SP_MessageBoxWarning if self.expected
                else QStyle.StandardPixmap.SP_MessageBoxCritical)
        icon.setPixmap(self.style().standardIcon(kind).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        texts = QVBoxLayout()
        self.message_label = self._text_label(self._message(), "errorMessage", bold=True)
        texts.addWidget(self.message_label)
        self.hint_label = self._text_label(self._hint(), "errorHint")
        self.hint_label.setVisible(bool(self.hint_label.text()))
        texts.addWidget(self.hint_label)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.report_view: QPlainTextEdit | None = None
        self.copy_button: QPushButton | None = None
        if not self.expected:
            self.report_view = QPlainTextEdit(self.report)
            self.report_view.setReadOnly(True)
            self.report_view.setAccessibleName("Error report")
            self.report_view.setMinimumHeight(160)
            layout.addWidget(self.report_view, 1)
            self.copy_button = buttons.addButton(
                "Copy report", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.copy_button.clicked.connect(self.copy_report)
        layout.addWidget(buttons)

    def _message(self) -> str:
        if isinstance(self.error, SealDeskError):
            return self.error.message
        return "Something went wrong inside SealDesk. Nothing was sealed by the failed step."

    def _hint(self) -> str:
        if isinstance(self.error, SealDeskError):
            return self.error.hint
        summary = f"{self.error.__class__.__name__}: {self.error}"
        return f"{summary}\n\nPlease copy the report below and send it to your administrator."

    def _text_label(self, text: str, name: str, *, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName("Error message" if bold else "What to do")
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.report)


_unparented: set[ErrorDialog] = set()


def show_error(
    error: BaseException, report: str = "", parent: QWidget | None = None, *, title: str = ""
) -> ErrorDialog:
    """Open an :class:`ErrorDialog` without blocking (window-modal over ``parent``).

    Non-blocking so that a failure delivered by a worker never stacks nested event loops; the
    dialog deletes itself when closed.
    """
    owner = parent or QApplication.activeWindow()
    dialog = ErrorDialog(error, report, owner, title=title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if owner is not None:
        dialog.open()
    else:  # a parentless dialog belongs to Python: keep it referenced until it closes
        _unparented.add(dialog)
        dialog.finished.connect(lambda _result: _unparented.discard(dialog))
        dialog.show()
    if sys.stderr is not None and not dialog.expected:
        print(dialog.report, file=sys.stderr)
    return dialog
