"""Details of a certificate on the seal token, and its export as PEM or DER.

Shows what ``sealdesk token certificate LABEL`` prints: subject, issuer, serial, validity, key,
key usages, the SHA-256 fingerprint (selectable, to compare with what the CA or a colleague
reads out) and the chain to the trust anchor. "Export PEM…" and "Export DER…" write the token's
own bytes atomically into a 0600 file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.errors import SealDeskError
from sealdesk.services.keys.certificate_details import (
    CertificateDetails,
    ExportFormat,
    export_certificate,
)
from sealdesk.ui.status_colors import DANGER, WARNING, emphasis_style


class CertificateDialog(QDialog):
    def __init__(self, details: CertificateDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.exported: Path | None = None
        self.setObjectName("certificateDialog")
        self.setWindowTitle(self.tr("Certificate “{label}”").format(label=details.label))
        self.setMinimumWidth(820)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        none = self.tr("(none stated)")
        rows = (
            (self.tr("Subject:"), details.subject),
            (self.tr("Issuer:"), details.issuer),
            (self.tr("Serial number:"), details.serial),
            (self.tr("Valid from:"), f"{details.not_before:%Y-%m-%d %H:%M} UTC"),
            (self.tr("Valid until:"), f"{details.not_after:%Y-%m-%d %H:%M} UTC"),
            (self.tr("Key:"), details.key),
            (self.tr("Key usage:"), ", ".join(details.key_usage) or none),
            (self.tr("Extended key usage:"), ", ".join(details.extended_key_usage) or none),
            (self.tr("SHA-256 fingerprint:"), details.sha256),
        )
        self.fields: dict[str, QLabel] = {}
        for title, text in rows:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setAccessibleName(title.rstrip(":"))
            if title == self.tr("SHA-256 fingerprint:") or title == self.tr("Serial number:"):
                label.setFont(mono)
            self.fields[title] = label
            form.addRow(title, label)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Chain to the trust anchor (issuer first):")))
        self.chain_text = QPlainTextEdit()
        self.chain_text.setReadOnly(True)
        self.chain_text.setAccessibleName(self.tr("Certificate chain"))
        self.chain_text.setFont(mono)
        self.chain_text.setFixedHeight(72)
        self.chain_text.setPlainText("\n".join(
            self.tr("{n}. {subject} [{source}]\n   SHA-256 {sha}").format(
                n=n, subject=link.subject, source=self.tr(link.source), sha=link.sha256)
            for n, link in enumerate(details.chain, 1)))
        layout.addWidget(self.chain_text)
        self.anchor_label = QLabel(
            self.tr("The chain ends at a configured trust anchor.") if details.anchored else
            self.tr("No configured trust anchor was reached: verifiers will not trust this "
                    "certificate unless they know its issuer."))
        self.anchor_label.setWordWrap(True)
        if not details.anchored:
            self.anchor_label.setStyleSheet(emphasis_style(WARNING))
        layout.addWidget(self.anchor_label)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pem_button = QPushButton(self.tr("Export &PEM…"))
        self.der_button = QPushButton(self.tr("Export &DER…"))
        self.pem_button.clicked.connect(lambda: self.choose_export(ExportFormat.PEM))
        self.der_button.clicked.connect(lambda: self.choose_export(ExportFormat.DER))
        for button in (self.pem_button, self.der_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose_export(self, fmt: ExportFormat) -> None:
        suffix = "pem" if fmt == ExportFormat.PEM else "cer"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the certificate"), f"{self.details.label}.{suffix}",
            self.tr("Certificates (*.pem *.crt *.cer *.der)"))
        if name:
            self.export_to(Path(name), fmt)

    def export_to(self, target: Path, fmt: ExportFormat) -> bool:
        try:
            self.exported = export_certificate(self.details, target, fmt)
        except SealDeskError as exc:
            self.status_label.setText(exc.describe())
            self.status_label.setStyleSheet(emphasis_style(DANGER))
            return False
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Exported as {fmt} to {path}.").format(
            fmt=fmt.value.upper(), path=target))
        return True
