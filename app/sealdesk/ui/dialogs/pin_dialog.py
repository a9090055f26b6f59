"""Asking for the token PIN: the one place a PIN is typed, and the front end of the PIN hook.

The sealing flow asks a :data:`PinProvider` for the PIN (pyHanko's ``PasswordPrompter`` idea):
the default provider, :func:`ask_pin`, shows :class:`PinDialog`; tests install a function.

The dialog says which token is asked for, shows the token's own warning (orange when tries are
low, red on the final try, where an explicit acknowledgement must be ticked before OK enables),
and handles PIN-pad readers, where the PIN never passes through SealDesk. When the dialog
closes its field is cleared, so the PIN lives on only in the caller's hands until the login.

The request and the answer are the core's own types (:mod:`sealdesk.core.token.prompts`): a
request a sealing batch makes on its worker thread (PIN again after a wrong one, or after the
token was reconnected) reaches this dialog as it is, with only the console's ``demo`` flag added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.config import VisibleStampConfig
from sealdesk.core.token.identity import PinState
from sealdesk.core.token.prompts import PinReply
from sealdesk.core.token.prompts import PinRequest as TokenPinRequest
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.sealing.choices import SealChoices
from sealdesk.services.sealing.preview import SealPreview, tries_left
from sealdesk.ui.dialogs.seal_choices_box import SealChoicesBox
from sealdesk.ui.status_colors import DANGER, INFO, WARNING, emphasis_style
from sealdesk.ui.translations import translate

DEFAULT_REASON = QT_TRANSLATE_NOOP("pin_dialog", "Sealing needs the token's user PIN.")
PIN_PAD_TEXT = QT_TRANSLATE_NOOP("pin_dialog",
    "Enter the PIN on the reader's PIN pad after pressing the button below, and confirm it "
    "there. SealDesk waits for the reader; the PIN never passes through this computer."
)


@dataclass(frozen=True)
class PinRequest(TokenPinRequest):
    """The core's PIN request plus one thing only the console knows: is this the demo token.

    ``demo`` is kept out of the core type on purpose: it only decides whether the dialog may
    show the public demo PIN, which is nothing a batch or the CLI should know about.
    """

    demo: bool = field(default=False, kw_only=True)
    preview: SealPreview | str | None = field(default=None, kw_only=True)
    """What the seal will be made with, or why that could not be read (None: not a seal)."""
    choosable: bool = field(default=False, kw_only=True)
    """The batch's first prompt: reason, location, level and retention may still be chosen
    (the answer is then a :class:`SealReply`); a PIN asked again mid-batch only shows them."""
    visible: VisibleStampConfig | None = field(default=None, kw_only=True)
    """A visible seal placed on the preview for this batch (the seal dialog shows it)."""
    ok_text: str = field(default="", kw_only=True)
    """The OK button's text when the login is not for sealing (e.g. "Log in and unlock")."""

    @classmethod
    def of(cls, request: TokenPinRequest, *, demo: bool, reason: str = "",
           preview: SealPreview | str | None = None) -> PinRequest:
        """``request`` (from a batch) as the dialog shows it; ``reason`` fills an empty one."""
        return cls(
            request.token_label, request.token_serial, request.pin_state,
            retry_message=request.retry_message, reason=request.reason or reason, demo=demo,
            preview=preview,
        )


@dataclass(frozen=True)
class SealReply(PinReply):
    """The PIN plus what was chosen for this batch in the seal dialog."""

    choices: SealChoices = field(default_factory=SealChoices)
    retention: str | None = None


PinAnswer = PinReply
"""The answer is the core's :class:`PinReply` (``pin`` None: the reader's PIN pad takes it)."""

PinProvider = Callable[[PinRequest, QWidget | None], PinReply | None]
"""Returns the answer, or None when the operator cancelled."""


class PinDialog(QDialog):
    """The PIN prompt for one :class:`PinRequest` (a core request without the demo flag too)."""

    def __init__(self, request: TokenPinRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self._answer: PinReply | None = None
        state = request.pin_state
        self.pin_pad = state.protected_auth_path
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Log in to the token"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        intro = QLabel(request.reason or translate("pin_dialog", DEFAULT_REASON))
        intro.setObjectName("pinReason")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.label_value = QLabel(request.token_label or self.tr("(no label)"))
        self.serial_value = QLabel(request.token_serial or self.tr("unknown"))
        for value in (self.label_value, self.serial_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Token:"), self.label_value)
        form.addRow(self.tr("Serial:"), self.serial_value)
        layout.addLayout(form)
        preview = request.preview if isinstance(request, PinRequest) else None
        choosable = (isinstance(request, PinRequest) and request.choosable
                     and isinstance(preview, SealPreview))
        self.preview_box = preview_box(preview, choosable=choosable)
        layout.addWidget(self.preview_box)
        self.choices_box: SealChoicesBox | None = None
        if choosable:
            assert isinstance(preview, SealPreview)
            self.choices_box = SealChoicesBox(preview, self, visible=request.visible)
            layout.addWidget(self.choices_box)
            self.setWindowTitle(self.tr("Seal documents"))
            self.setMinimumWidth(600)  # certificate names on one line beside the fields

        self.retry_label = self._line(request.retry_message, "pinRetry", DANGER)
        layout.addWidget(self.retry_label)
        self.severity = _severity(state)
        failed = preview.failed_logins if isinstance(preview, SealPreview) else 0
        tries = tries_left(state, failed)  # the request's PIN state is the fresh one
        self.warning_label = self._line(
            tries or state.warning(), "pinWarning",
            DANGER if self.severity == "critical" else WARNING,
        )
        self.warning_label.setProperty("severity", self.severity)
        layout.addWidget(self.warning_label)

        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName(self.tr("Token PIN"))
        self.pin_edit.setPlaceholderText(self.tr("User PIN"))
        self.pin_pad_label = QLabel(translate("pin_dialog", PIN_PAD_TEXT))
        self.pin_pad_label.setWordWrap(True)
        self.pin_pad_label.setObjectName("pinPadHint")
        self.pin_pad_label.setStyleSheet(emphasis_style(INFO))  # the one thing to do now
        if self.pin_pad:
            self.pin_edit.hide()
            layout.addWidget(self.pin_pad_label)
        else:
            self.pin_pad_label.hide()
            pin_form = QFormLayout()
            pin_form.addRow(self.tr("&PIN:"), self.pin_edit)
            layout.addLayout(pin_form)

        self.demo_label = QLabel(self.tr("Demo token PIN: {DEMO_PIN}").format(DEMO_PIN=DEMO_PIN))
        self.demo_label.setObjectName("demoHint")
        demo = isinstance(request, PinRequest) and request.demo
        self.demo_label.setVisible(demo and not self.pin_pad)
        layout.addWidget(self.demo_label)

        self.acknowledge = QCheckBox(
            self.tr("I understand that a wrong PIN now locks the token until the security officer "
                    "unblocks it.")
        )
        self.acknowledge.setAccessibleName(self.tr("Acknowledge final PIN try"))
        self.acknowledge.setVisible(state.final_try and not state.locked)
        layout.addWidget(self.acknowledge)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(getattr(request, "ok_text", "") or self.tr("Log in and seal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.pin_edit.textChanged.connect(self._update_ok)
        self.acknowledge.toggled.connect(self._update_ok)
        self._update_ok()
        if not self.pin_pad:
            self.pin_edit.setFocus()  # the PIN first; Shift+Tab goes back to the choices

    def _line(self, text: str, name: str, color: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(emphasis_style(color))
        label.setVisible(bool(text))
        return label

    def _update_ok(self) -> None:
        state = self.request.pin_state
        has_pin = self.pin_pad or bool(self.pin_edit.text())
        acknowledged = self.acknowledge.isChecked() or not state.final_try
        self.ok_button.setEnabled(has_pin and acknowledged and not state.locked)

    def done(self, result: int) -> None:
        """Hand the PIN over and clear the field, whichever way the dialog closes."""
        if result == QDialog.DialogCode.Accepted and self.ok_button.isEnabled():
            pin = None if self.pin_pad else self.pin_edit.text()
            self._answer = (PinReply(pin) if self.choices_box is None else
                            SealReply(pin, self.choices_box.choices(),
                                      self.choices_box.retention()))
        else:
            self._answer = None
        self.pin_edit.clear()
        super().done(result)

    def take_answer(self) -> PinReply | None:
        """The answer, once; the dialog forgets it."""
        answer, self._answer = self._answer, None
        return answer


def preview_box(preview: SealPreview | str | None, *, choosable: bool = False) -> QGroupBox:
    """"This seal will be made with": key, certificate, validity, level, TSA, reason.

    ``choosable``: level, reason and location are left out (the seal dialog's
    :class:`SealChoicesBox` shows them as fields)."""
    box = QGroupBox(translate("pin_dialog", "This seal will be made with"))
    box.setObjectName("sealPreview")
    form = QFormLayout(box)
    box.setVisible(preview is not None)
    if isinstance(preview, str):  # why the certificate could not be read
        problem = QLabel(preview)
        problem.setWordWrap(True)
        problem.setStyleSheet(emphasis_style(DANGER))
        form.addRow(problem)
        return box
    if preview is None:
        return box
    rows = (
        (translate("pin_dialog", "Key:"), preview.key_label),
        (translate("pin_dialog", "Certificate:"), preview.subject),
        (translate("pin_dialog", "Issued by:"), preview.issuer),
        (
            translate("pin_dialog", "Valid until:"),
            translate("pin_dialog", "{not_after:%Y-%m-%d} UTC ({expiry})").format(
                not_after=preview.not_after, expiry=preview.expiry
            ),
        ),
        (translate("pin_dialog", "PAdES level:"), preview.level),
        (translate("pin_dialog", "Timestamp:"), preview.tsa),
        (translate("pin_dialog", "Reason:"), preview.reason or translate("pin_dialog", "(none)")),
    )
    if choosable:
        rows = rows[:4] + rows[5:6]
    elif preview.location:
        rows += ((translate("pin_dialog", "Location:"), preview.location),)
    for caption, text in rows:
        value = QLabel(text)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAccessibleName(caption.rstrip(":"))
        form.addRow(caption, value)
    return box


def _severity(state: PinState) -> str:
    if state.locked or state.final_try:
        return "critical"
    return "warning" if state.count_low else ""


def ask_pin(request: PinRequest, parent: QWidget | None = None) -> PinReply | None:
    """The default :data:`PinProvider`: a modal :class:`PinDialog`."""
    dialog = PinDialog(request, parent)
    try:
        dialog.exec()
        return dialog.take_answer()
    finally:
        dialog.deleteLater()
