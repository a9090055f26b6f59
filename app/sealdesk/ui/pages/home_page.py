"""The Home page: SealDesk's health at a glance, the first thing an operator sees each morning.

The facts come from :func:`sealdesk.services.console.dashboard.gather_dashboard` in a job on the
token
key (it may read the seal certificate from the token, and must not interleave with a batch);
the page only lays the tiles out. It refreshes when shown, every minute while visible, and on
F5 / "Refresh".
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sealdesk.services.console.dashboard import Dashboard, gather_dashboard
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.translations import translate
from sealdesk.ui.widgets.health_tile import HealthTile, recent_table, show_recent
from sealdesk.ui.workers import TOKEN, JobFailure

REFRESH_MS = 60_000
GRID = (
    ("token", QT_TRANSLATE_NOOP("home_page", "Token")),
    ("certificate", QT_TRANSLATE_NOOP("home_page", "Seal certificate")),
    ("activity", QT_TRANSLATE_NOOP("home_page", "Today")),
    ("chain", QT_TRANSLATE_NOOP("home_page", "Audit log")),
    ("revalidation", QT_TRANSLATE_NOOP("home_page", "Last revalidation")),
    ("rotation", QT_TRANSLATE_NOOP("home_page", "Key rotation")),
    ("snapshot", QT_TRANSLATE_NOOP("home_page", "Snapshots")),
    ("incidents", QT_TRANSLATE_NOOP("home_page", "Incidents")),
    ("alerts", QT_TRANSLATE_NOOP("home_page", "Alerts")),
)
"""Tiles in reading order, three per row; maintenance is the strip above them."""
SERVICE_TITLES = (QT_TRANSLATE_NOOP("home_page", "Token (demo)"),
                  QT_TRANSLATE_NOOP("home_page", "Maintenance"))
"""Other titles the dashboard service gives its tiles; shown translated like those of GRID."""
COLUMNS = 3


class HomePage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Home")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.dashboard: Dashboard | None = None
        self._pending = False
        heading = QLabel(self.tr("Home"))
        heading.setObjectName("pageHeading")
        self.updated_label = QLabel(self.tr("Checking…"))
        self.updated_label.setObjectName("pageIntro")
        self.updated_label.setAccessibleName(self.tr("Last refreshed"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the dashboard"))
        self.refresh_button.setToolTip(self.tr("Check everything again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        refresh_action = QAction(self.tr("Refresh"), self)
        refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_action.triggered.connect(self.refresh)
        self.addAction(refresh_action)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(self.updated_label)
        header.addWidget(self.refresh_button)

        self.maintenance_tile = HealthTile("maintenance", self.tr("Maintenance"), compact=True)
        self.tiles: dict[str, HealthTile] = {"maintenance": self.maintenance_tile}
        grid = QGridLayout()
        grid.setSpacing(12)
        for number, (key, title) in enumerate(GRID):
            tile = HealthTile(key, translate("home_page", title))
            tile.setMinimumHeight(112)
            self.tiles[key] = tile
            grid.addWidget(tile, number // COLUMNS, number % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        recent_heading = QLabel(self.tr("Recent activity"))
        recent_heading.setObjectName("sectionHeading")
        self.recent = recent_table()
        self.notes_label = QLabel()
        self.notes_label.setObjectName("fieldHelp")
        self.notes_label.setWordWrap(True)
        self.notes_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.maintenance_tile)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addWidget(self.notes_label)
        layout.addSpacing(8)
        layout.addWidget(recent_heading)
        layout.addWidget(self.recent, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._timer_refresh)

    @property
    def refreshing(self) -> bool:
        return self._pending

    def shown(self) -> None:
        self.timer.start()
        self.refresh()

    def _timer_refresh(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.timer.stop()

    def refresh(self) -> bool:
        """Gather the dashboard in a job; False when a refresh is already on its way."""
        if self._pending:
            return False
        self._pending = True
        self.refresh_button.setEnabled(False)
        self.services.jobs.run(partial(gather_dashboard, self.services.ctx),
                               name="Reading the dashboard", key=TOKEN,
                               on_success=self._gathered, on_failure=self._failed)
        return True

    def _gathered(self, dashboard: Dashboard) -> None:
        self._pending = False
        self.refresh_button.setEnabled(True)
        self.dashboard = dashboard
        for tile in dashboard.tiles:
            widget = self.tiles.get(tile.key)
            if widget is not None:
                widget.set_tile(tile)
        self.updated_label.setText(
            self.tr("Updated {time:%H:%M:%S}").format(
                time=dashboard.gathered_at.astimezone()
            )
        )
        self.notes_label.setText("\n".join(dashboard.notes))
        self.notes_label.setVisible(bool(dashboard.notes))
        show_recent(self.recent, dashboard)

    def _failed(self, failure: JobFailure) -> None:
        self._pending = False
        self.refresh_button.setEnabled(True)
        message = inline_failure(self, failure).splitlines()[0]
        self.updated_label.setText(self.tr("Could not refresh: {message}").format(message=message))

    def shutdown(self) -> None:
        self.timer.stop()
