"""One card of the Home dashboard: title, headline, detail, and a state in words and colour.

The colour is a stripe chosen by the style sheet from the ``level`` property (palette-based
card, fixed state colours), and the state is also written out ("Action needed"), so colour is
never the only signal and screen readers get it through the accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sealdesk.services.console.dashboard import Dashboard, Level, Tile
from sealdesk.services.console.dashboard_tiles import when
from sealdesk.ui.status_colors import DANGER, INFO, MUTED, OK, WARNING, emphasis_style
from sealdesk.ui.translations import translate

STATE_WORDS = {
    Level.OK: (QT_TRANSLATE_NOOP("health_tile", "OK"), OK),
    Level.INFO: (QT_TRANSLATE_NOOP("health_tile", "Note"), INFO),
    Level.WARNING: (QT_TRANSLATE_NOOP("health_tile", "Check"), WARNING),
    Level.DANGER: (QT_TRANSLATE_NOOP("health_tile", "Action needed"), DANGER),
    Level.NEUTRAL: ("", MUTED),
}


class HealthTile(QFrame):
    def __init__(self, key: str, title: str, parent: QWidget | None = None,
                 *, compact: bool = False) -> None:
        """``compact``: one line (title, headline, detail side by side) for a status strip."""
        super().__init__(parent)
        self.key = key
        self.setObjectName("healthTile")
        self.setProperty("level", Level.NEUTRAL.value)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("tileTitle")
        self.state_label = QLabel()
        self.state_label.setObjectName("tileState")
        self.headline_label = QLabel("…")
        self.headline_label.setObjectName("tileHeadline")
        self.headline_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("tileDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(title)
        if compact:
            self.setProperty("compact", True)
            row = QHBoxLayout(self)
            row.setContentsMargins(16, 8, 14, 8)
            row.setSpacing(12)
            self.detail_label.setAlignment(Qt.AlignmentFlag.AlignVCenter
                                           | Qt.AlignmentFlag.AlignLeft)
            for label in (self.title_label, self.headline_label):
                label.setWordWrap(False)
                row.addWidget(label)
            row.addWidget(self.detail_label, 1)
            row.addWidget(self.state_label)
            return
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 14, 12)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.detail_label, 1)

    def set_tile(self, tile: Tile) -> None:
        self.title_label.setText(translate("home_page", tile.title))
        self.headline_label.setText(tile.headline)
        self.detail_label.setText(tile.detail)
        word, color = STATE_WORDS[tile.level]
        self.state_label.setText(translate("health_tile", word) if word else "")
        self.state_label.setStyleSheet(emphasis_style(color))
        self.setProperty("level", tile.level.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleName(translate("home_page", tile.title))
        self.setAccessibleDescription(
            f"{word + ': ' if word else ''}{tile.headline}. {tile.detail}")

    @property
    def level(self) -> str:
        return str(self.property("level"))


RECENT_COLUMNS = (
    QT_TRANSLATE_NOOP("health_tile", "Time"),
    QT_TRANSLATE_NOOP("health_tile", "Event"),
    QT_TRANSLATE_NOOP("health_tile", "By"),
    QT_TRANSLATE_NOOP("health_tile", "About"),
)


def recent_table() -> QTableWidget:
    """A read-only table of the newest audit entries (the Audit log page has the full log)."""
    table = QTableWidget(0, len(RECENT_COLUMNS))
    table.setObjectName("recentActivity")
    table.setAccessibleName(translate("health_tile", "Recent activity"))
    table.setHorizontalHeaderLabels([translate("health_tile", c) for c in RECENT_COLUMNS])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def show_recent(table: QTableWidget, dashboard: Dashboard) -> None:
    if not dashboard.recent:
        table.setRowCount(1)
        table.setItem(0, 0, QTableWidgetItem(""))
        table.setItem(0, 1, QTableWidgetItem(translate("health_tile", "Nothing recorded yet.")))
        for column in (2, 3):
            table.setItem(0, column, QTableWidgetItem(""))
        return
    table.setRowCount(len(dashboard.recent))
    for row, event in enumerate(dashboard.recent):
        values = (when(event.time, dashboard.gathered_at), event.description, event.actor,
                  event.subject)
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
