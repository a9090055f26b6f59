"""Choose who an exported evidence bundle is encrypted for: the recipients' certificates.

An auditor says "encrypt it for me" and hands over an encryption certificate; the bundle then
leaves the console as ``NAME.zip.p7m`` (CMS EnvelopedData) that only the holders of those
certificates' private keys open, with ``openssl cms -decrypt``. Each certificate is checked as
it is added (RSA, valid now, allowed for encryption), so a refusal names the file at once, not
after the PIN; the export checks them again. An empty list means bundles are not encrypted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.evidence.encrypt_bundle import Recipient, load_recipient, unique
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.ui.dialogs.file_choice import FileChoice
from sealdesk.ui.failures import failure_text
from sealdesk.ui.status_colors import DANGER, emphasis_style


class RecipientsDialog(QDialog):
    """The list of recipient certificates, with Add certificate… and Remove."""

    def __init__(self, recipients: list[Recipient], files: FileChoice,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypt evidence bundles for recipients"))
        self.files = files
        self.recipients = list(recipients)
        intro = QLabel(self.tr(
            "Exported bundles are encrypted so that only the holders of these certificates can "
            "open them (CMS, .p7m; opened with 'openssl cms -decrypt' and their private key). "
            "No unencrypted copy is written. Leave the list empty to export ordinary, "
            "unencrypted bundles."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Recipient certificates"))
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._update)
        label = QLabel(self.tr("&Recipient certificates (the auditor's encryption "
                               "certificate):"))
        label.setBuddy(self.list)
        self.add_button = QPushButton(self.tr("&Add recipient certificate…"))
        self.add_button.setToolTip(self.tr(
            "Choose the recipient's RSA encryption certificate (.pem, .crt or .der)"))
        self.add_button.clicked.connect(self.choose_certificate)
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.remove_button.setToolTip(self.tr("Remove the selected recipient"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(emphasis_style(DANGER))
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self._show()

    def choose_certificate(self) -> None:
        path = self.files.open(self, self.tr("Recipient certificate"),
                               self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if path is not None:
            self.add_certificate(path)

    def add_certificate(self, path: Path) -> bool:
        """Add the certificate at ``path`` if it can be a recipient; else show why."""
        try:
            recipient = load_recipient(read_bounded(path, CERTIFICATE_LIMIT, "certificate"),
                                       path.name)
        except SealDeskError as exc:
            self.error.setText(failure_text(exc))
            self.error.show()
            return False
        self.error.hide()
        self.recipients = unique([*self.recipients, recipient])
        self._show()
        self.list.setCurrentRow([r.sha256 for r in self.recipients].index(recipient.sha256))
        return True

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.recipients):
            del self.recipients[row]
            self._show()
            self.list.setCurrentRow(min(row, len(self.recipients) - 1))

    def _show(self) -> None:
        self.list.clear()
        for recipient in self.recipients:
            item = QListWidgetItem(recipient.describe())
            item.setToolTip(self.tr("{0}\nCertificate SHA-256 {1}").format(
                recipient.subject, recipient.sha256))
            self.list.addItem(item)
        if not self.recipients:
            placeholder = QListWidgetItem(self.tr("No recipient: bundles are not encrypted."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._update()

    def _update(self) -> None:
        self.remove_button.setEnabled(0 <= self.list.currentRow() < len(self.recipients))


def ask_recipients(parent: QWidget | None, recipients: list[Recipient],
                   files: FileChoice) -> list[Recipient] | None:
    """The default recipients provider: a modal :class:`RecipientsDialog` (None: cancelled)."""
    dialog = RecipientsDialog(recipients, files, parent)
    try:
        return dialog.recipients if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
