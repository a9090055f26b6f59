"""The primary seal token is missing or hung: offer "Switch to standby" (the person decides).

Shown by the seal flow when sealing finds the primary token missing or not answering and the
custodians registered a standby token. SealDesk never switches by itself: this dialog says what
happened, what the standby is, and that the switch is recorded in the audit log and linked to an
incident (the one typed here, else the open availability incident, else a new one). The
standby token's PIN is asked here: its key signs the switch. The switch runs in a worker on the
token key; a refusal (the standby is missing too, a wrong PIN, the log disagrees with the
database) is shown in the dialog, which stays open.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from sealdesk.errors import SealDeskError, TokenTimeoutError
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.register import parse_incident_id
from sealdesk.services.incidents.standby import SwitchResult, switch_to_standby
from sealdesk.services.keys.standby import PrimaryTokenUnavailableError
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner


class StandbySwitchDialog(QDialog):
    """Offers the switch; emits :attr:`switched` with the :class:`SwitchResult` once done."""

    switched = Signal(object)

    def __init__(self, ctx: AppContext, jobs: JobRunner, error: PrimaryTokenUnavailableError,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._jobs, self.error = ctx, jobs, error
        self.result_: SwitchResult | None = None
        self.setObjectName("standbySwitchDialog")
        self.setWindowTitle(self.tr("Primary seal token unavailable"))
        self.setMinimumWidth(580)

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        hung = isinstance(error.cause, TokenTimeoutError)
        headline = QLabel(self.tr("The primary seal token does not answer.") if hung
                          else self.tr("The primary seal token is not connected."))
        headline.setStyleSheet(emphasis_style(DANGER))
        cause = QLabel(_shortened(error.cause.message))
        cause.setWordWrap(True)
        cause.setObjectName("fieldHelp")
        standby = error.standby
        offer = QLabel(self.tr(
            "A standby seal token is registered by the custodians (proposal {proposal}): "
            "token {token}, serial {serial}, key {key}.\n\n"
            "You may seal with it instead. SealDesk never switches by itself. The switch is "
            "recorded in the audit log and linked to an incident; switching back later is "
            "recorded the same way.").format(
                proposal=standby.proposal_id, token=standby.token_label,
                serial=standby.token_serial, key=standby.key_label))
        offer.setWordWrap(True)
        offer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.reason = QLineEdit(self.tr("Primary seal token does not answer") if hung
                                else self.tr("Primary seal token not connected"))
        self.reason.setAccessibleName(self.tr("Reason for the switch"))
        self.incident = QLineEdit()
        self.incident.setPlaceholderText(self.tr("INC-N, or empty to use the open availability "
                                                 "incident (or open one)"))
        self.incident.setAccessibleName(self.tr("Incident"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN of token {token}: its key signs the "
                                            "switch").format(token=standby.token_label))
        self.pin.setAccessibleName(self.tr("Standby token PIN"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Incident:"), self.incident)
        form.addRow(self.tr("Standby PIN:"), self.pin)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(emphasis_style(DANGER))
        self.problem.hide()

        buttons = QDialogButtonBox()
        self.switch_button = QPushButton(self.tr("Switch to standby"))
        self.switch_button.setObjectName("switchToStandby")
        self.switch_button.setDefault(True)
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(self.tr("Not now"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.switch_button.clicked.connect(self.switch)
        self.cancel_button.clicked.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(headline)
        text.addWidget(cause)
        text.addSpacing(6)
        text.addWidget(offer)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.fit()

    def fit(self) -> None:
        """As tall as the wrapped texts need at the dialog's width (no empty band)."""
        width = max(self.width(), self.minimumWidth())
        height = self.layout().heightForWidth(width)
        if height > 0:
            self.resize(width, height)

    def switch(self) -> None:
        """Record the switch in a worker; the dialog closes when it is done."""
        reason = self.reason.text().strip()
        typed = self.incident.text().strip()
        try:
            incident = parse_incident_id(typed) if typed else None
        except SealDeskError as exc:
            self._show_problem(exc.describe())
            return
        if not reason:
            self._show_problem(self.tr("Say why the seal token is switched."))
            return
        pin = self.pin.text() or None  # empty: the reader's PIN pad, if it has one
        self.pin.clear()  # the PIN lives in the job's closure only until the switch is signed
        self.switch_button.setEnabled(False)
        self.problem.hide()
        self._jobs.run(partial(switch_to_standby, self._ctx, pin, reason=reason,
                               incident=incident),
                       name="Switching to the standby token", key=TOKEN,
                       on_success=self._switched, on_failure=self._failed)

    def _switched(self, result: SwitchResult) -> None:
        self.result_ = result
        self.switched.emit(result)
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.switch_button.setEnabled(True)
        error = failure.error
        self._show_problem(error.describe() if isinstance(error, SealDeskError)
                           else str(error))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _shortened(message: str) -> str:
    """The token error without its list of every other token present (long, and not needed)."""
    if " (present: " not in message:
        return message
    return message.split(" (present: ", 1)[0] + "."


def offer_standby_switch(ctx: AppContext, jobs: JobRunner, error: PrimaryTokenUnavailableError,
                         parent: QWidget | None) -> StandbySwitchDialog:
    """Open the dialog (window-modal, not blocking the caller) and return it."""
    dialog = StandbySwitchDialog(ctx, jobs, error, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
