"""Show an inclusion proof for one audit entry, say whether it verifies, and save it.

The proof was built and checked in a worker (:func:`checked_inclusion_proof`); the dialog only
presents the result: which entry, which signed checkpoint, the audit path, and who signed.
Saving writes the exact file ``sealdesk audit check-proof`` verifies offline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.audit.canonical import format_time
from sealdesk.services.audit.proofs import ProofOutcome
from sealdesk.ui.status_colors import OK, WARNING
from sealdesk.ui.translations import translate

Saver = Callable[[Path, bytes], None]
"""Writes the proof file; the page passes one that runs in a worker."""


def proof_text(outcome: ProofOutcome) -> str:
    """The proof in words and hashes (plain text, copyable)."""
    result = outcome.result
    path = json.loads(outcome.data)["audit_path"]
    cp = result.checkpoints[0]
    signer = result.signers[0]
    lines = [
        translate("proof_dialog", "Entry:            {leaf_index}").format(
            leaf_index=result.leaf_index
        ),
        translate("proof_dialog", "Entry hash:       {entry_hash}").format(
            entry_hash=(result.entry_hash or b"").hex()
        ),
        translate(
            "proof_dialog",
            "Checkpoint:       {tree_size} entries, taken {taken} on {console_id}",
        ).format(tree_size=cp.tree_size, taken=format_time(cp.time), console_id=cp.console_id),
        translate("proof_dialog", "Signed root:      {root_hash}").format(
            root_hash=cp.root_hash.hex()
        ),
        translate("proof_dialog", "Audit key id:     {key_id}").format(key_id=cp.key_id),
        translate("proof_dialog", "Certificate:      {subject}").format(
            subject=signer.certificate.subject.rfc4514_string()
        ),
        translate("proof_dialog", "  SHA-256:        {fingerprint}").format(
            fingerprint=signer.fingerprint
        ),
        "",
        translate(
            "proof_dialog",
            "Audit path ({count} hashes, from the entry's sibling up to the root, RFC 9162):",
        ).format(count=len(path)),
        *[f"  {i:2d}  {h}" for i, h in enumerate(path)],
    ]
    return "\n".join(lines)


class ProofDialog(QDialog):
    def __init__(self, outcome: ProofOutcome, save: Saver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self._save = save
        index = outcome.result.leaf_index
        self.setWindowTitle(self.tr("Inclusion proof for entry {index}").format(index=index))
        self.resize(760, 520)

        verdict = QLabel()
        verdict.setObjectName("proofVerdict")
        verdict.setWordWrap(True)
        if outcome.signer_trusted:
            verdict.setText(
                self.tr(
                    "✔ Verified. {summary} The "
                    "checkpoint is signed by an audit certificate issued by a "
                    "configured trust anchor."
                ).format(summary=outcome.result.summary().split(" Signed")[0])
            )
            verdict.setStyleSheet(f"color: {OK}; font-weight: 600;")
        else:
            verdict.setText(
                self.tr(
                    "✔ The proof holds, but its signer is not a trusted audit "
                    "certificate: {summary}"
                ).format(summary=outcome.result.summary())
            )
            verdict.setStyleSheet(f"color: {WARNING}; font-weight: 600;")
        self.verdict = verdict

        self.details = QPlainTextEdit(proof_text(outcome))
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        hint = QLabel(
            self.tr(
                "An auditor checks the saved file without SealDesk's database or token: "
                "sealdesk audit check-proof FILE --trusted-cert AUDIT.pem"
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("demoHint")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("Save proof…"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save inclusion proof"),
            f"audit-entry-{self.outcome.result.leaf_index}-proof.json",
            self.tr("Proof files (*.json);;All files (*)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        self._save(path, self.outcome.data)
