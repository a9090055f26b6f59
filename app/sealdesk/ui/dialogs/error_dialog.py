"""The error dialog: the message and next step for domain errors, a report for bugs.

A :class:`~sealdesk.errors.SealDeskError` is written for a compliance officer, so it is shown as
it is: message, then hint. Anything else is a bug; the operator reads "SealDesk hit an internal
error" and gets a "Copy report" button with the traceback and versions to paste into a ticket.
Reports hold tracebacks only (file, line, code), never local variables, and key=value pairs
naming a secret are blanked, so no PIN can end up in one. Open it through
:func:`sealdesk.ui.failures.present_failure`, the GUI's one way to show a failure.
"""

from __future__ import annotations

import platform
import re

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
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
from sealdesk.ui.translations import translate

INTERNAL_ERROR = QT_TRANSLATE_NOOP("error_dialog", "SealDesk hit an internal error.")

_SECRET_KEY = r"[\w-]*(?:pin|password|passphrase|secret)[\w-]*"
_SECRET = re.compile(
    rf"(?i)\b(?P<key>{_SECRET_KEY})(?P<sep>=)(?P<q>['\"]?)[^\s'\",)]+(?P=q)"  # pin=1234
    rf"|(?P<qk>['\"])(?P<key2>{_SECRET_KEY})(?P=qk)(?P<sep2>\s*:\s*)(?P<qv>['\"])[^'\"]*(?P=qv)"
)


def scrub_secrets(text: str) -> str:
    """``pin=1234`` and ``'pin': '1234'`` lose their values: reports are pasted in tickets.

    Defence in depth: tracebacks carry no local variables, but a library may still have put a
    secret into an exception message.
    """
    return _SECRET.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    if match.group("key"):
        return f"{match.group('key')}=[removed]"
    quote = match.group("qk")
    return f"{quote}{match.group('key2')}{quote}{match.group('sep2')}'[removed]'"


def full_report(error: BaseException, traceback_text: str) -> str:
    """The text behind "Copy report": versions first, then the traceback, secrets blanked."""
    header = (  # the report is for whoever fixes the problem: kept in English
        f"SealDesk {sealdesk.__version__} · Python {platform.python_version()} · "
        f"PySide6 {pyside_version} · {platform.platform()}"
    )
    body = traceback_text.strip() or f"{error.__class__.__name__}: {error}"
    return scrub_secrets(f"{header}\n\n{body}\n")


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
        fallback = self.tr("SealDesk") if self.expected else self.tr("SealDesk: internal error")
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
            self.report_view.setAccessibleName(self.tr("Error report"))
            self.report_view.setMinimumHeight(160)
            layout.addWidget(self.report_view, 1)
            self.copy_button = buttons.addButton(
                self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.copy_button.clicked.connect(self.copy_report)
        layout.addWidget(buttons)

    def _message(self) -> str:
        if isinstance(self.error, SealDeskError):
            return self.error.message
        return translate("error_dialog", INTERNAL_ERROR)

    def _hint(self) -> str:
        if isinstance(self.error, SealDeskError):
            return self.error.hint
        summary = scrub_secrets(f"{self.error.__class__.__name__}: {self.error}")
        return self.tr(
            "{summary}\n\nCopy the report below and send it to your administrator."
        ).format(summary=summary)

    def _text_label(self, text: str, name: str, *, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(self.tr("Error message") if bold else self.tr("What to do"))
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.report)
