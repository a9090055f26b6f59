"""The token went away in the middle of a batch: plug it back in and continue, or stop.

The sealing job is blocked while this dialog is open (the batch's waiter waits for the answer),
so nothing is half done: the documents sealed so far are committed and kept, the one in flight is
sealed again after the reinsertion. The dialog watches the token through a
:class:`~sealdesk.ui.token_poller.TokenPoller` and says when it is back. Continue is never
disabled: the batch looks for the token itself and, if it is still missing, this dialog comes
back saying so (``attempt`` > 1); a poll that cannot see the token must not trap the person.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.token.prompts import TokenAbsence, WaitDecision
from sealdesk.core.token.status import TokenState, TokenStatus
from sealdesk.ui.status_colors import DANGER, OK, WARNING, emphasis_style
from sealdesk.ui.token_poller import TokenPoller
from sealdesk.ui.translations import translate

WAITING = QT_TRANSLATE_NOOP("token_removed_dialog", "Waiting for the token…")


def absence_text(absence: TokenAbsence) -> str:
    """The dialog's main sentence: what happened, what is safe, what to do."""
    progress = translate("token_removed_dialog", "({done} of {total} done, kept)").format(
        done=absence.done, total=absence.total
    )
    if absence.attempt > 1:
        return translate(
            "token_removed_dialog",
            "The token is still not connected; sealing {document} waits "
            "{progress}. Reinsert it and press Continue, or Stop.",
        ).format(document=absence.document, progress=progress)
    return translate(
        "token_removed_dialog",
        "Token removed while sealing {document} {progress}. "
        "Reinsert it and press Continue, or Stop.",
    ).format(document=absence.document, progress=progress)


class TokenRemovedDialog(QDialog):
    """Asks to reinsert the token; :attr:`decision` is CONTINUE or STOP once it closed."""

    def __init__(
        self, absence: TokenAbsence, poller: TokenPoller | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.absence = absence
        self.decision = WaitDecision.STOP
        self._poller = poller
        self.setObjectName("tokenRemovedDialog")
        self.setWindowTitle(self.tr("Token removed — sealing paused"))
        self.setMinimumWidth(500)

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel(absence_text(absence))
        self.message_label.setObjectName("removalMessage")
        self.message_label.setWordWrap(True)
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        who = absence.token_label or self.tr("(no label)")
        self.token_label = QLabel(
            self.tr("Token: {who} · serial {serial}").format(
                who=who, serial=absence.token_serial or "?"
            )
        )
        self.token_label.setObjectName("removalToken")
        self.detail_label = QLabel(absence.message)
        self.detail_label.setObjectName("removalDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setAccessibleName(self.tr("What the token module reported"))
        self.state_label = QLabel(
            translate("token_removed_dialog", WAITING) if poller is not None else ""
        )
        self.state_label.setObjectName("removalState")
        self.state_label.setAccessibleName(self.tr("Token state"))
        self.state_label.setWordWrap(True)
        self.state_label.setVisible(poller is not None)

        texts = QVBoxLayout()
        for label in (self.message_label, self.token_label, self.detail_label, self.state_label):
            texts.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(texts, 1)

        self.buttons = QDialogButtonBox()
        self.continue_button: QPushButton = self.buttons.addButton(
            self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setAccessibleName(self.tr("Continue the batch"))
        self.continue_button.setDefault(True)
        self.stop_button: QPushButton = self.buttons.addButton(
            self.tr("Stop"), QDialogButtonBox.ButtonRole.RejectRole)
        self.stop_button.setAccessibleName(self.tr("Stop the batch"))
        self.stop_button.setToolTip(self.tr("Finished documents are kept; the rest stay unsealed."))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        if poller is not None:
            poller.polled.connect(self.show_status)
            poller.start()

    def show_status(self, status: TokenStatus) -> None:
        """Say whether the token is back, from one poll."""
        if status.state is TokenState.READY:
            text, color = self.tr("The token is connected again. Press Continue."), OK
        elif status.state is TokenState.ABSENT:
            text, color = translate("token_removed_dialog", WAITING), ""
        else:
            text, color = status.message, (WARNING if status.state is TokenState.AMBIGUOUS
                                           else DANGER)
        self.state_label.setText(text)
        self.state_label.setToolTip(status.hint)
        self.state_label.setStyleSheet(emphasis_style(color) if color else "")

    def done(self, result: int) -> None:
        """Record the answer and stop watching the token, whichever way the dialog closes."""
        accepted = result == QDialog.DialogCode.Accepted
        self.decision = WaitDecision.CONTINUE if accepted else WaitDecision.STOP
        if self._poller is not None:
            self._poller.stop()
            self._poller.polled.disconnect(self.show_status)
            self._poller = None
        super().done(result)


def ask_to_reinsert(
    absence: TokenAbsence, parent: QWidget | None = None, poller: TokenPoller | None = None
) -> WaitDecision:
    """The default waiter of the seal flow: a modal :class:`TokenRemovedDialog`."""
    dialog = TokenRemovedDialog(absence, poller, parent)
    try:
        dialog.exec()
        return dialog.decision
    finally:
        dialog.deleteLater()
