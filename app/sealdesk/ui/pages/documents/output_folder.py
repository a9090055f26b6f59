"""Where a batch's sealed copies go: the output folder line above the Documents table.

Sealed files always land in SealDesk's store; a person also wants them next to their work, and
saving 22 documents one dialog at a time is no way to get them there. The folder shown here is
handed to the batch (``seal_documents(export_dir=…)``), which writes ``NAME.sealed.pdf`` copies
itself; it is remembered as this console's default (window.ini beside config.toml, like the
window layout: a preference of the person at this desk, not audited configuration) and can be
changed or cleared before any batch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

SETTING = "documents/output_folder"


class OutputFolderBar(QWidget):
    """A read-only path, "Choose…" and "Don't copy"; :attr:`folder` is None when unset."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        label = QLabel(self.tr("Save sealed copies to:"))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setAccessibleName(self.tr("Output folder"))
        self.path_edit.setPlaceholderText(
            self.tr("Nowhere: sealed files stay in SealDesk's store only")
        )
        label.setBuddy(self.path_edit)
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.setToolTip(self.tr("Choose the folder this and later batches copy to"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(self.tr("Don't copy"))
        self.clear_button.setToolTip(self.tr("Keep sealed files in SealDesk's store only"))
        self.clear_button.clicked.connect(lambda: self.set_folder(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.path_edit, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        saved = str(settings.value(SETTING, "") or "")
        self.set_folder(Path(saved) if saved else None, remember=False)

    @property
    def folder(self) -> Path | None:
        text = self.path_edit.text()
        return Path(text) if text else None

    def choose(self) -> None:
        start = str(self.folder or Path.home())
        name = QFileDialog.getExistingDirectory(self, self.tr("Save sealed copies to"), start)
        if name:
            self.set_folder(Path(name))

    def set_folder(self, folder: Path | None, *, remember: bool = True) -> None:
        self.path_edit.setText(str(folder) if folder else "")
        self.path_edit.setToolTip(str(folder) if folder else self.path_edit.placeholderText())
        self.clear_button.setEnabled(folder is not None)
        if remember:
            self._settings.setValue(SETTING, str(folder) if folder else "")
            self._settings.sync()
        self.changed.emit()
