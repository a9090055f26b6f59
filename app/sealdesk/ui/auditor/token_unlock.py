"""Auditor mode: opening an encrypted copy's documents with the auditor's own token (issue 21).

A database copy has no console token (its configuration names none), so the window's
**Unlock document archive…** would have nothing to log in to. In auditor mode the action opens
"Open documents with your token" instead: the PKCS#11 module and the token
(:class:`~sealdesk.ui.widgets.custodian_token_box.CustodianTokenBox`, without its PIN field),
the label of the recipient key on it, then the PIN with the usual dialog, then a worker runs
:func:`~sealdesk.services.encryption.unlock.unlock_with_token_now`, so a wrong PIN is reported
at once. Without a token the copy still shows hashes, seals and recorded verdicts; nothing is
asked by itself when the window opens.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.unlock import TokenLocation, unlock_with_token_now
from sealdesk.ui.archive_lock import ArchiveLock
from sealdesk.ui.dialogs.pin_dialog import PinRequest
from sealdesk.ui.translations import translate
from sealdesk.ui.widgets.custodian_token_box import CustodianTokenBox
from sealdesk.ui.workers import JobRunner

TOKEN_REASON = QT_TRANSLATE_NOOP(
    "token_unlock", "The document archive is encrypted; your recipient key opens it.")


class TokenUnlockDialog(QDialog):
    """Module, token and key label of the auditor's recipient key (the PIN is asked after)."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open documents with your token"))
        intro = QLabel(self.tr(
            "This copy's documents are encrypted. If the archive names your certificate as a "
            "recipient, the private key on your own token opens them; nothing is written to "
            "the copy or the token."))
        intro.setWordWrap(True)
        self.box = CustodianTokenBox(ctx, jobs, self.tr("Your token"), self)
        self.box.module_edit.setAccessibleName(self.tr("PKCS#11 module of your token"))
        self.box.token_combo.setAccessibleName(self.tr("Your token"))
        box_form = self.box.layout()
        assert isinstance(box_form, QFormLayout)
        box_form.setRowVisible(self.box.pin_edit, False)  # asked by the PIN dialog after
        self.box.refresh_button.setAutoDefault(False)  # Return continues, it does not re-list
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("recipientKeyLabel")
        self.key_edit.setPlaceholderText(self.tr("label of your recipient key"))
        self.key_edit.setAccessibleName(self.tr("Label of your recipient key"))
        self.key_edit.textChanged.connect(lambda _t: self._update())
        key_label = QLabel(self.tr("Recipient &key label:"))
        key_label.setBuddy(self.key_edit)
        form = QFormLayout()
        form.addRow(key_label, self.key_edit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("What is still needed"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.continue_button = self.buttons.addButton(
            self.tr("&Continue…"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Return continues wherever the focus is; Esc cancels
        self.continue_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.box.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.box)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._update()

    @property
    def missing(self) -> str:
        """What is still needed before the PIN can be asked ("" when ready)."""
        if self.box.listing:
            return self.tr("Looking for your token…")
        if not self.box.module_edit.text().strip():
            return self.tr("Type the path of your token's PKCS#11 module.")
        if not self.box.tokens:
            return self.tr("Connect your token and press Refresh.")
        if not self.key_edit.text().strip():
            return self.tr("Type the label of your recipient key on the token.")
        return ""

    def _update(self) -> None:
        missing = self.missing
        self.status.setText(missing)
        self.continue_button.setEnabled(not missing)

    def choice(self) -> tuple[TokenLocation, TokenInfo, str]:
        """The chosen token, what it says about itself, and the key label."""
        info = self.box.tokens[max(0, self.box.token_combo.currentIndex())]
        chosen, _no_pin = self.box.take()
        where = TokenLocation(chosen.module, chosen.selector, chosen.environment)
        return where, info, self.key_edit.text().strip()


class AuditorTokenUnlock:
    """Installed on an auditor window's :class:`ArchiveLock` as its ``token_chooser``."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, lock: ArchiveLock,
                 window: QWidget) -> None:
        self._ctx, self._jobs, self._lock, self._window = ctx, jobs, lock, window
        self.dialog: TokenUnlockDialog | None = None
        lock.token_chooser = self.choose

    def choose(self) -> None:
        """Open the dialog (window-modal, not blocking); its Continue asks the PIN."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = TokenUnlockDialog(self._ctx, self._jobs, self._window)
        self.dialog.accepted.connect(self._chosen)
        self.dialog.open()

    def _chosen(self) -> None:
        assert self.dialog is not None
        where, info, key_label = self.dialog.choice()
        request = PinRequest(info.label, info.serial, info.pin,
                             reason=translate("token_unlock", TOKEN_REASON), demo=False,
                             ok_text=translate("token_unlock", "Log in and open"))
        answer = self._lock.pin_provider(request, self._window)
        if answer is None:
            return
        ctx, pin = self._ctx, answer.pin
        self._lock.start_unlock(lambda: unlock_with_token_now(ctx, where, key_label, pin))
