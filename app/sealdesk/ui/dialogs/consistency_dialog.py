"""The verdict of checking the stored log against a checkpoint file someone kept.

The check ran in a worker (:func:`~sealdesk.services.audit.proofs.checked_consistency`); this
dialog says in words whether the log still begins with the history that checkpoint signed, and
saves the consistency proof an auditor re-checks offline (``sealdesk audit check-proof``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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

from sealdesk.services.audit.proofs import ConsistencyOutcome
from sealdesk.ui.status_colors import DANGER, OK, WARNING, emphasis_style

Saver = Callable[[Path, bytes], None]


class ConsistencyDialog(QDialog):
    def __init__(self, outcome: ConsistencyOutcome, source: Path, save: Saver,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self._save = save
        self.setWindowTitle(self.tr("Check against {0}").format(source.name))
        self.resize(720, 360)
        self.verdict = QLabel()
        self.verdict.setObjectName("consistencyVerdict")
        self.verdict.setWordWrap(True)
        if outcome.consistent and outcome.signer_trusted:
            grown = (self.tr("and has grown from {0} to {1} entries since.").format(
                f"{outcome.held_size:,}", f"{outcome.latest_size or 0:,}")
                if (outcome.latest_size or 0) > outcome.held_size
                else self.tr("and has not grown since ({0} entries).").format(
                    f"{outcome.held_size:,}"))
            text, colour = self.tr(
                "✔ Consistent: the audit log still begins with the history this checkpoint "
                "signed, {0}").format(grown), OK
        elif outcome.consistent:
            text, colour = self.tr(
                "✔ Consistent, but the checkpoint file is signed by a certificate no "
                "configured trust anchor issued: compare it with the audit certificate you "
                "trust."), WARNING
        else:
            text, colour = self.tr("✘ NOT consistent: {0}.").format(outcome.problem), DANGER
        self.verdict.setText(text)
        self.verdict.setStyleSheet(emphasis_style(colour))
        self.details = QPlainTextEdit(self._facts(source))
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Facts of the check"))
        hint = QLabel(self.tr(
            "This compares signed checkpoints: it shows whether the history was rolled back or "
            "rewritten since the file was exported. The entries' contents are checked by "
            "Verify log."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("&Save proof…"))
        self.save_button.setEnabled(bool(outcome.data))
        self.save_button.setToolTip(
            self.tr("Save the consistency proof for 'sealdesk audit check-proof'")
            if outcome.data else self.tr("No proof: the log is not consistent with the file"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _facts(self, source: Path) -> str:
        o = self.outcome
        latest = "—" if o.latest_size is None else f"{o.latest_size:,}"
        return "\n".join([
            self.tr("Checkpoint file:    {0}").format(source),
            self.tr("It covers:          {0} entries, signed {1} UTC").format(
                f"{o.held_size:,}", o.held_time.replace("T", " ")[:19]),
            self.tr("The log now:        {0} entries in its newest signed checkpoint").format(
                latest),
            self.tr("Signer trusted:     {0}").format(
                self.tr("yes") if o.signer_trusted else self.tr("no")),
        ])

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save consistency proof"),
            f"audit-consistency-{self.outcome.held_size}.json",
            self.tr("Proof files (*.json);;All files (*)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        self._save(path, self.outcome.data)
