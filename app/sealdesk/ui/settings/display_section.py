"""The console's language (``[ui] language``), read once at start-up.

"Automatic" follows the system's language. The change is saved and audited like every other
setting, but the window keeps its language until SealDesk starts again, and the note says so.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from sealdesk.config import Config
from sealdesk.ui.settings.section import SettingsSection, set_nested

AUTOMATIC = "auto"


class DisplaySection(SettingsSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Language"), parent)
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(self.tr("Language of the console"))
        self.language_combo.addItem(self.tr("Automatic (the system's language)"), AUTOMATIC)
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("Deutsch", "de")
        self.language_combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.add_field(self.tr("Language:"), self.language_combo, "ui.language",
                       self.tr("Takes effect the next time SealDesk starts. The command line "
                               "stays in English, so scripts read the same everywhere."))

    def load(self, config: Config) -> None:
        index = self.language_combo.findData(config.ui.language)
        self.language_combo.setCurrentIndex(max(index, 0))

    def collect(self, raw: dict[str, Any]) -> None:
        language = self.language_combo.currentData()
        # Left out while automatic, as config.toml leaves it out (an older release after a
        # rollback does not know the section); written once a person chose a language.
        if language != AUTOMATIC or "ui" in raw:
            set_nested(raw, "ui.language", language)
