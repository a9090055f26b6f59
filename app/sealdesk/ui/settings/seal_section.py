"""Seal defaults: PAdES level, reason and location, and where a visible stamp goes.

The stamp box is typed as four numbers; text that is not four whole numbers is passed on as it
is, so the configuration's own check words the error ("must be four whole numbers …").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from sealdesk.config import Config, PadesLevel
from sealdesk.ui.settings.section import SettingsSection, set_nested

LEVEL_TEXTS = {
    PadesLevel.B_B: QT_TRANSLATE_NOOP("SealSection", "B-B: signature only, no timestamp"),
    PadesLevel.B_T: QT_TRANSLATE_NOOP("SealSection",
                                      "B-T: with an RFC 3161 timestamp (recommended)"),
    PadesLevel.B_LT: QT_TRANSLATE_NOOP("SealSection",
                                       "B-LT: plus validation data (certificates, OCSP/CRL)"),
    PadesLevel.B_LTA: QT_TRANSLATE_NOOP(
        "SealSection", "B-LTA: plus a document timestamp for long-term archiving"),
}
"""Marked for translation; shown through ``self.tr`` (context "SealSection")."""


def parse_box(text: str) -> list[int] | str:
    """``"36, 36, 276, 106"`` → ``[36, 36, 276, 106]``; anything else comes back unchanged."""
    parts = [p for p in text.replace(",", " ").split() if p]
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return text
    return numbers if len(numbers) == 4 else text


class SealSection(SettingsSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("SealSection", "Seal defaults"), parent)
        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName(self.tr("PAdES level"))
        for level in PadesLevel:
            self.level_combo.addItem(self.tr(LEVEL_TEXTS[level]), level.value)
        self.level_combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.add_field(self.tr("PAdES level:"), self.level_combo, "seal.level")

        self.reason_edit = self._line(self.tr("Reason"), self.tr("Sealed by SealDesk"))
        self.add_field(self.tr("Reason:"), self.reason_edit, "seal.reason")
        self.location_edit = self._line(self.tr("Location"), self.tr("optional, e.g. Vienna"))
        self.add_field(self.tr("Location:"), self.location_edit, "seal.location")

        self.visible_check = QCheckBox(self.tr("Show a visible stamp on the page"))
        self.visible_check.setAccessibleName(self.tr("Visible stamp"))
        self.visible_check.toggled.connect(self._visible_toggled)
        self.add_field(self.tr("Stamp:"), self.visible_check, "seal.visible.enabled")
        self.page_spin = QSpinBox()
        self.page_spin.setRange(-99, 9999)
        self.page_spin.setAccessibleName(self.tr("Stamp page"))
        self.page_spin.setToolTip(self.tr("1 = first page, -1 = last page"))
        self.page_spin.valueChanged.connect(lambda _v: self.edited.emit())
        self.add_field(self.tr("Stamp page:"), self.page_spin, "seal.visible.page",
                       self.tr("1 is the first page; -1 the last."))
        self.box_edit = self._line(self.tr("Stamp box"), "x1, y1, x2, y2")
        self.add_field(self.tr("Stamp box:"), self.box_edit, "seal.visible.box",
                       self.tr("Lower-left and upper-right corners in PDF points (72 per inch)."))

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self.edited)
        return edit

    def load(self, config: Config) -> None:
        seal = config.seal
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(seal.level.value)))
        self.reason_edit.setText(seal.reason)
        self.location_edit.setText(seal.location)
        self.visible_check.setChecked(seal.visible.enabled)
        self.page_spin.setValue(seal.visible.page)
        self.box_edit.setText(", ".join(str(v) for v in seal.visible.box))
        self._visible_toggled(seal.visible.enabled, emit=False)

    def collect(self, raw: dict[str, Any]) -> None:
        set_nested(raw, "seal.level", self.level_combo.currentData())
        set_nested(raw, "seal.reason", self.reason_edit.text())
        set_nested(raw, "seal.location", self.location_edit.text())
        set_nested(raw, "seal.visible.enabled", self.visible_check.isChecked())
        set_nested(raw, "seal.visible.page", self.page_spin.value())
        set_nested(raw, "seal.visible.box", parse_box(self.box_edit.text()))

    def _visible_toggled(self, on: bool, *, emit: bool = True) -> None:
        self.page_spin.setEnabled(on)
        self.box_edit.setEnabled(on)
        if emit:
            self.edited.emit()
