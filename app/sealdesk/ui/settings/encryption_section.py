"""The Settings page's Encryption tab: whether the document archive is encrypted, and for whom.

Not a configuration form: encryption is not a setting anyone edits in ``config.toml`` but a
signed act recorded in the audit log (``storage.encryption_set``). The tab shows what
:func:`~sealdesk.services.encryption.encryption_status` reads without a PIN (state, recipients
as the log records them, counts of encrypted and plaintext documents, a problem with the
recipients file), and offers an administrator **Encrypt the document store…** while it is not
encrypted: a confirmation that says what will happen, then the act in a TOKEN job with the PIN
asked once its checks passed (:func:`~sealdesk.ui.signed_acts.signed_act`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.services.access.roles import Role, roles_of
from sealdesk.services.context import AppContext
from sealdesk.services.encryption import EncryptionSetup, EncryptionStatus, enable_encryption
from sealdesk.services.encryption import encryption_status as read_status
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.failures import failure_text, inline_failure
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.status_colors import DANGER, OK, WARNING, emphasis_style
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

STATES = {
    "encrypted": QT_TRANSLATE_NOOP("EncryptionSection", "encrypted"),
    "not encrypted": QT_TRANSLATE_NOOP("EncryptionSection", "not encrypted"),
    "partly encrypted": QT_TRANSLATE_NOOP("EncryptionSection", "partly encrypted"),
    "damaged": QT_TRANSLATE_NOOP("EncryptionSection", "recipients file not trusted"),
}
ROLES = {
    "kek": QT_TRANSLATE_NOOP("EncryptionSection", "storage key on the token"),
    "recovery": QT_TRANSLATE_NOOP("EncryptionSection", "recovery"),
    "auditor": QT_TRANSLATE_NOOP("EncryptionSection", "auditor"),
}
CONFIRM_TEXT = QT_TRANSLATE_NOOP(
    "EncryptionSection",
    "Encrypt the document store?\n\n"
    "• A key-encryption key is made on the token (once; it never leaves the token).\n"
    "• Every stored document, and every seal from now on, is encrypted under a data key of "
    "its own, wrapped for that key.\n"
    "• Reading documents (preview, checks, copies, evidence) will then need the token and its "
    "PIN; sealing does not.\n\n"
    "The change is a signed act recorded in the audit log: the token's PIN is asked next.")


@dataclass(frozen=True)
class EncryptionFacts:
    status: EncryptionStatus
    administrator: bool


def read_facts(ctx: AppContext) -> EncryptionFacts:
    """The status and whether the person may set encryption up (worker thread)."""
    return EncryptionFacts(read_status(ctx), Role.ADMINISTRATOR in roles_of(ctx))


class EncryptionSection(QWidget):
    """State, recipients, counts; the administrator's "Encrypt the document store…"."""

    refreshed = Signal()
    """Emitted when new facts are shown (tests and screenshots wait on it)."""
    encrypted_now = Signal()
    """Emitted after encryption was set up here (the window shows the archive's lock)."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, pin_provider: Callable[[], PinProvider],
                 read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptionSection")
        self._ctx, self._jobs, self._pin_provider = ctx, jobs, pin_provider
        self._read_only = read_only
        self.facts: EncryptionFacts | None = None
        self.confirm: Callable[[QWidget, str], bool] = _confirm
        """The confirmation dialog; tests answer it."""
        self.busy = False
        self.last_result = ""
        """What the last "Encrypt the document store…" ended with."""
        box = QGroupBox(self.tr("Encryption of the document store"))
        self.state_label = QLabel(self.tr("Reading…"))
        self.state_label.setObjectName("encryptionState")
        self.state_label.setAccessibleName(self.tr("Encryption state"))
        self.state_label.setWordWrap(True)
        self.recipients_label = QLabel()
        self.recipients_label.setObjectName("encryptionRecipients")
        self.recipients_label.setAccessibleName(self.tr("Recipients"))
        self.recipients_label.setWordWrap(True)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("encryptionCounts")
        self.counts_label.setAccessibleName(self.tr("Stored documents"))
        self.counts_label.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("encryptionProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(emphasis_style(DANGER))
        self.problem_label.hide()
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Read the encryption state again"))
        self.refresh_button.clicked.connect(self.refresh)
        self.encrypt_button = QPushButton(self.tr("&Encrypt the document store…"))
        self.encrypt_button.setObjectName("encryptStoreButton")
        self.encrypt_button.clicked.connect(self.encrypt)
        self.encrypt_button.setEnabled(False)
        if read_only:
            self.encrypt_button.hide()
        inner = QVBoxLayout(box)
        inner.addWidget(self.state_label)
        inner.addWidget(self.recipients_label)
        inner.addWidget(self.counts_label)
        inner.addWidget(self.problem_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.encrypt_button)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Read the state again (worker; no PIN)."""
        ctx = self._ctx
        self.refresh_button.setEnabled(False)
        self._jobs.run(lambda: read_facts(ctx), name="Reading the encryption state",
                       on_success=self._show, on_failure=self._read_failed)

    def _show(self, facts: EncryptionFacts) -> None:
        self.facts = facts
        status = facts.status
        self.refresh_button.setEnabled(True)
        state = translate("EncryptionSection", STATES.get(status.state, status.state))
        color = {"encrypted": OK, "not encrypted": "", "partly encrypted": WARNING}.get(
            status.state, DANGER)
        self.state_label.setText(self.tr("Document store: <b>{state}</b>").format(
            state=escape(state)))
        self.state_label.setStyleSheet(emphasis_style(color) if color else "")
        if status.recipients:
            lines = [self.tr("Recipients (audit entry {entry}):").format(
                entry=status.recorded_entry)]
            lines += [_recipient_line(r) for r in status.recipients]
            self.recipients_label.setText("<br>".join(lines))
        else:
            self.recipients_label.setText(self.tr("No recipients: documents are stored as "
                                                  "they were sealed, unencrypted."))
        self.counts_label.setText(self.tr(
            "Encrypted documents: {envelopes}; in plaintext: {plaintext}; key destroyed or "
            "missing: {without_key}").format(envelopes=status.envelopes,
                                              plaintext=status.plaintext,
                                              without_key=status.without_key))
        self.problem_label.setText(self.tr("Problem: {problem}").format(problem=status.problem))
        self.problem_label.setVisible(bool(status.problem))
        self._update_button()
        self.refreshed.emit()

    def _update_button(self) -> None:
        facts = self.facts
        needed = facts is not None and (not facts.status.encrypted or facts.status.plaintext > 0)
        allowed = facts is not None and facts.administrator
        self.encrypt_button.setEnabled(bool(needed and allowed and not self.busy
                                            and not self._read_only))
        if facts is not None and not allowed:
            self.encrypt_button.setToolTip(self.tr("Only an administrator sets up encryption."))
        elif facts is not None and not needed:
            self.encrypt_button.setToolTip(self.tr("The document store is encrypted."))
        else:
            self.encrypt_button.setToolTip(self.tr(
                "Make the storage key on the token and encrypt every stored document"))

    def _read_failed(self, failure: JobFailure) -> None:
        self.refresh_button.setEnabled(True)
        self.state_label.setText(self.tr("The encryption state could not be read: {reason}")
                                 .format(reason=escape(inline_failure(self, failure))))
        self.state_label.setStyleSheet(emphasis_style(DANGER))

    def encrypt(self) -> None:
        """Confirm, then set encryption up as a signed act (PIN asked in the job)."""
        if self.busy or not self.encrypt_button.isEnabled():
            return
        if not self.confirm(self, self.tr(CONFIRM_TEXT)):
            return
        ctx = self._ctx
        work = signed_act(self._jobs, ctx, self._pin_provider, self,
                          signing_reason(self.tr("Setting up encryption of the document store")),
                          lambda: enable_encryption(ctx))
        self.busy = True
        self._update_button()
        self.state_label.setText(self.tr("Encrypting the document store…"))
        self._jobs.run(work, name="Encrypting the document store", key=TOKEN,
                       on_success=self._encrypted, on_failure=self._encrypt_failed)

    def _encrypted(self, setup: EncryptionSetup) -> None:
        self.busy = False
        self.encrypted_now.emit()
        self.refresh()
        self.last_result = self.tr("The document store is encrypted; {count} stored "
                                   "document(s) encrypted now.").format(
            count=len(setup.encrypted_now))

    def _encrypt_failed(self, failure: JobFailure) -> None:
        self.busy = False
        self.last_result = failure_text(failure)
        self.state_label.setText(self.tr("The document store was not encrypted: {reason}")
                                 .format(reason=escape(inline_failure(self, failure))))
        self.state_label.setStyleSheet(emphasis_style(DANGER))
        self._update_button()


def _recipient_line(recipient: dict[str, str]) -> str:
    role = recipient.get("role", "")
    shown = translate("EncryptionSection", ROLES[role]) if role in ROLES else role
    return (f"• {escape(shown)} — {escape(recipient.get('label', ''))} — "
            f"<code>{escape(recipient.get('fingerprint', '')[:16])}…</code>")


def _confirm(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(
        parent, translate("EncryptionSection", "Encrypt the document store"), text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
