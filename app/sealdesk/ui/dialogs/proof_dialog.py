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

Saver = Callable[[Path, bytes], None]
"""Writes the proof file; the page passes one that runs in a worker."""


def proof_text(outcome: ProofOutcome) -> str:
    """The proof in words and hashes (plain text, copyable)."""
    result = outcome.result
    path = json.loads(outcome.data)["audit_path"]
    cp = result.checkpoints[0]
    signer = result.signers[0]
    lines = [
        f"Entry:            {result.leaf_index}",
        f"Entry hash:       {(result.entry_hash or b'').hex()}",
        f"Checkpoint:       {cp.tree_size} entries, taken {format_time(cp.time)} on "
        f"{cp.console_id}",
        f"Signed root:      {cp.root_hash.hex()}",
        f"Audit key id:     {cp.key_id}",
        f"Certificate:      {signer.certificate.subject.rfc4514_string()}",
        f"  SHA-256:        {signer.fingerprint}",
        "",
        f"Audit path ({len(path)} hashes, from the entry's sibling up to the root, RFC 9162):",
        *[f"  {i:2d}  {h}" for i, h in enumerate(path)],
    ]
    return "\n".join(lines)


class ProofDialog(QDialog):
    def __init__(self, outcome: ProofOutcome, save: Saver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self._save = save
        index = outcome.result.leaf_index
        self.setWindowTitle(f"Inclusion proof for entry {index}")
        self.resize(760, 520)

        verdict = QLabel()
        verdict.setObjectName("proofVerdict")
        verdict.setWordWrap(True)
        if outcome.signer_trusted:
            verdict.setText(f"✔ Verified. {outcome.result.summary().split(' Signed')[0]} The "
                            "checkpoint is signed by an audit certificate issued by a "
                            "configured trust anchor.")
            verdict.setStyleSheet(f"color: {OK}; font-weight: 600;")
        else:
            verdict.setText(f"✔ The proof holds, but its signer is not a trusted audit "
                            f"certificate: {outcome.result.summary()}")
            verdict.setStyleSheet(f"color: {WARNING}; font-weight: 600;")
        self.verdict = verdict

        self.details = QPlainTextEdit(proof_text(outcome))
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        hint = QLabel("An auditor checks the saved file without SealDesk's database or token: "
                      "sealdesk audit check-proof FILE --trusted-cert AUDIT.pem")
        hint.setWordWrap(True)
        hint.setObjectName("demoHint")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save proof…")
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
            self, "Save inclusion proof",
            f"audit-entry-{self.outcome.result.leaf_index}-proof.json",
            "Proof files (*.json);;All files (*)")
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        self._save(path, self.outcome.data)
