"""Trust anchors (the root certificates seals are validated against) and the revocation policy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.config import REVOCATION_MODES, Config
from sealdesk.ui.settings.section import SettingsSection, set_nested

CERT_FILTER = QT_TRANSLATE_NOOP("TrustSection",
                                "Certificates (*.pem *.crt *.cer *.der);;All files (*)")
REVOCATION_TEXTS = {
    "hard-fail": QT_TRANSLATE_NOOP(
        "TrustSection", "Hard fail: no OCSP/CRL answer means INDETERMINATE (production)"),
    "soft-fail": QT_TRANSLATE_NOOP(
        "TrustSection", "Soft fail: a missing answer is tolerated, with a warning"),
    "offline": QT_TRANSLATE_NOOP(
        "TrustSection", "Offline: only the validation data embedded in the PDF"),
}


class TrustSection(SettingsSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("TrustSection", "Trust anchors"), parent)
        self.anchor_list = QListWidget()
        self.anchor_list.setAccessibleName(self.tr("Trust anchor files"))
        self.anchor_list.setMinimumHeight(72)
        self.anchor_list.setMaximumHeight(110)
        self.anchor_list.setTextElideMode(Qt.TextElideMode.ElideLeft)
        self.anchor_list.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setAccessibleName(self.tr("Add a trust anchor"))
        self.add_button.clicked.connect(self.choose_anchor)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected trust anchor"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.anchor_list, 1)
        line.addLayout(buttons)
        self.add_field(self.tr("Anchors:"), row, "trust.anchors",
                       self.tr("PEM or DER root certificates that seals must chain to."),
                       marks=self.anchor_list)

        self.revocation_combo = QComboBox()
        self.revocation_combo.setAccessibleName(self.tr("Revocation checking"))
        for mode in REVOCATION_MODES:
            self.revocation_combo.addItem(self.tr(REVOCATION_TEXTS.get(mode, mode)), mode)
        self.revocation_combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.add_field(self.tr("Revocation:"), self.revocation_combo, "trust.revocation")

    def load(self, config: Config) -> None:
        self.anchor_list.clear()
        self.anchor_list.addItems(list(config.trust.anchors))
        index = self.revocation_combo.findData(config.trust.revocation)
        self.revocation_combo.setCurrentIndex(max(index, 0))

    def collect(self, raw: dict[str, Any]) -> None:
        anchors = [self.anchor_list.item(i).text() for i in range(self.anchor_list.count())]
        set_nested(raw, "trust.anchors", anchors)
        set_nested(raw, "trust.revocation", self.revocation_combo.currentData())

    def add_anchor(self, path: str) -> None:
        existing = {self.anchor_list.item(i).text() for i in range(self.anchor_list.count())}
        if path not in existing:
            self.anchor_list.addItem(path)
            self.edited.emit()

    def choose_anchor(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a trust anchor"), "",
                                              self.tr(CERT_FILTER))
        if path:
            self.add_anchor(path)

    def remove_selected(self) -> None:
        for item in self.anchor_list.selectedItems():
            self.anchor_list.takeItem(self.anchor_list.row(item))
        self.edited.emit()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.anchor_list.selectedItems()))
