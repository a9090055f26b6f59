"""The seal dialog's "Seal with" box: reason, location, PAdES level and retention class.

Chosen at sealing time, as Acrobat asks for a reason when signing, pre-filled from the Settings
defaults (``[seal]``) and the signing policy's default retention class, which the preview read
on a worker thread. The choices travel with this batch only
(:class:`~sealdesk.services.sealing.choices.SealChoices`); Settings stay as they are.

A level other than the one the signing policy allows is offered all the same (the person may
not know the policy), but a warning under the combo says the batch will be refused, and the
sealing gate refuses it before anything is sealed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from sealdesk.config import PadesLevel, VisibleStampConfig
from sealdesk.errors import InputError
from sealdesk.services.sealing.choices import MAX_TEXT, SealChoices, placed_stamp
from sealdesk.services.sealing.preview import SealPreview
from sealdesk.ui.status_colors import DANGER, emphasis_style


class SealChoicesBox(QGroupBox):
    """Editable reason, location, level and retention class for one batch."""

    def __init__(self, preview: SealPreview, parent: QWidget | None = None, *,
                 visible: VisibleStampConfig | None = None) -> None:
        super().__init__(self.tr("Seal with"), parent)
        self.setObjectName("sealChoices")
        self._preview = preview
        form = QFormLayout(self)
        self.reason_edit = QLineEdit(preview.reason)
        self.reason_edit.setMaxLength(MAX_TEXT)
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setToolTip(self.tr("Written into the seal; the default comes from "
                                            "Settings."))
        self.location_edit = QLineEdit(preview.location)
        self.location_edit.setMaxLength(MAX_TEXT)
        self.location_edit.setAccessibleName(self.tr("Location"))
        self.location_edit.setPlaceholderText(self.tr("(none)"))
        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName(self.tr("PAdES level"))
        for level in PadesLevel:
            self.level_combo.addItem(level.value, level.value)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(preview.level)))
        self.level_warning = QLabel()
        self.level_warning.setObjectName("levelWarning")
        self.level_warning.setWordWrap(True)
        self.level_warning.setStyleSheet(emphasis_style(DANGER))
        self.retention_combo = QComboBox()
        self.retention_combo.setAccessibleName(self.tr("Retention class"))
        for name in preview.retention_classes:
            caption = (self.tr("{name} (policy default)").format(name=name)
                       if name == preview.retention_default else name)
            self.retention_combo.addItem(caption, name)
        if not preview.retention_classes:
            self.retention_combo.addItem(self.tr("(the signing policy has no classes)"), "")
            self.retention_combo.setEnabled(False)
        else:
            self.retention_combo.setCurrentIndex(
                max(0, self.retention_combo.findData(preview.retention_default)))
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        form.addRow(self.tr("L&ocation:"), self.location_edit)
        form.addRow(self.tr("PAdES &level:"), self.level_combo)
        form.addRow("", self.level_warning)
        form.addRow(self.tr("Re&tention class:"), self.retention_combo)
        self.level_combo.currentIndexChanged.connect(self._level_changed)
        self._level_changed()
        self.visible_row: QWidget | None = None
        if visible is not None:
            self._add_visible_row(form, visible)

    def _add_visible_row(self, form: QFormLayout, visible: VisibleStampConfig) -> None:
        """The box drawn on the preview, editable as page and four numbers (the keyboard way)."""
        row = self.visible_row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.visible_page = QSpinBox()
        self.visible_page.setRange(1, 100000)
        self.visible_page.setValue(visible.page)
        self.visible_page.setPrefix(self.tr("page "))
        self.visible_page.setAccessibleName(self.tr("Visible seal page"))
        self.visible_box = QLineEdit(", ".join(str(v) for v in visible.box))
        self.visible_box.setAccessibleName(self.tr("Visible seal box"))
        self.visible_box.setToolTip(self.tr("x1, y1, x2, y2 in PDF points from the page's "
                                            "lower-left corner"))
        self.visible_clear = QPushButton(self.tr("Cl&ear"))
        self.visible_clear.setToolTip(self.tr("Seal without this box (the Settings stamp "
                                              "applies)"))
        self.visible_clear.clicked.connect(self.clear_visible)
        line.addWidget(self.visible_page)
        line.addWidget(self.visible_box, 1)
        line.addWidget(self.visible_clear)
        self.visible_warning = QLabel()
        self.visible_warning.setStyleSheet(emphasis_style(DANGER))
        self.visible_warning.hide()
        self.visible_box.textChanged.connect(self._visible_edited)
        form.addRow(self.tr("&Visible seal:"), row)
        form.addRow("", self.visible_warning)

    def clear_visible(self) -> None:
        if self.visible_row is not None:
            self.visible_row.hide()
            self.visible_warning.hide()
            self.visible_row = None

    def visible(self) -> VisibleStampConfig | None:
        """The placed box as edited, or None (cleared, or the numbers are not a box)."""
        if self.visible_row is None:
            return None
        try:
            numbers = [int(part) for part in self.visible_box.text().replace(";", ",").split(",")]
            if len(numbers) != 4:
                return None
            x1, y1, x2, y2 = numbers
            return placed_stamp(self.visible_page.value(), (x1, y1, x2, y2))
        except (ValueError, InputError):
            return None

    def _visible_edited(self) -> None:
        bad = self.visible_row is not None and self.visible() is None
        self.visible_warning.setText(
            self.tr("Not a box: give x1, y1, x2, y2 with x2 > x1 and y2 > y1. "
                    "As it stands the Settings stamp applies.") if bad else "")
        self.visible_warning.setVisible(bad)

    def _level_changed(self) -> None:
        allowed = self._preview.policy_level
        chosen = self.level_combo.currentData()
        refused = bool(allowed) and chosen != allowed
        self.level_warning.setText(
            self.tr("The signing policy allows only {allowed}: this batch would be refused.")
            .format(allowed=allowed) if refused else "")
        self.level_warning.setVisible(refused)

    def choices(self) -> SealChoices:
        return SealChoices(reason=self.reason_edit.text(), location=self.location_edit.text(),
                           level=PadesLevel(self.level_combo.currentData()),
                           visible=self.visible())

    def retention(self) -> str | None:
        """The class chosen, or None (the policy's default) when the policy has none."""
        return self.retention_combo.currentData() or None
