"""The incidents table of the Incidents page, and the proxy that sorts and filters it.

Rows are :class:`~sealdesk.services.incidents.register.Incident` values (the register folds them
from the audit log; an installation has tens of incidents, not millions, so the whole list is
held). A refresh with the same incidents in the same order emits ``dataChanged`` only, so the
selection survives. Sorting is on native values (:data:`IncidentsModel.SortRole`); the proxy
shows all incidents, the open ones or the closed ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from sealdesk.services.console.dashboard_tiles import duration
from sealdesk.services.incidents.register import Incident
from sealdesk.ui.status_colors import DANGER, MUTED, WARNING
from sealdesk.ui.translations import translate

AnyIndex = QModelIndex | QPersistentModelIndex

ALL, OPEN, CLOSED = "all", "open", "closed"
TYPE_WORDS = {
    "security": QT_TRANSLATE_NOOP("incidents_model", "Security"),
    "integrity": QT_TRANSLATE_NOOP("incidents_model", "Data integrity"),
    "availability": QT_TRANSLATE_NOOP("incidents_model", "Availability"),
    "config": QT_TRANSLATE_NOOP("incidents_model", "Configuration / update"),
}


class IncidentsModel(QAbstractTableModel):
    """Incidents, newest first as the register gives them; see the module docstring."""

    ID, TYPE, STATE, TITLE, OPENED, AGE = range(6)
    COLUMN_COUNT = 6
    HEADERS = (
        QT_TRANSLATE_NOOP("IncidentsModel", "Incident"),
        QT_TRANSLATE_NOOP("IncidentsModel", "Type"),
        QT_TRANSLATE_NOOP("IncidentsModel", "State"),
        QT_TRANSLATE_NOOP("IncidentsModel", "Title"),
        QT_TRANSLATE_NOOP("IncidentsModel", "Opened"),
        QT_TRANSLATE_NOOP("IncidentsModel", "Age"),
    )

    SortRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    OpenRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._incidents: list[Incident] = []
        self.now = dt.datetime.now(dt.UTC)

    def set_incidents(self, incidents: list[Incident], now: dt.datetime | None = None) -> None:
        self.now = now or dt.datetime.now(dt.UTC)
        if [i.id for i in incidents] == [i.id for i in self._incidents]:
            self._incidents = list(incidents)
            if incidents:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(incidents) - 1, self.COLUMN_COUNT - 1))
            return
        self.beginResetModel()
        self._incidents = list(incidents)
        self.endResetModel()

    def incident_at(self, row: int) -> Incident | None:
        return self._incidents[row] if 0 <= row < len(self._incidents) else None

    def row_of(self, incident_id: int) -> int | None:
        return next((r for r, i in enumerate(self._incidents) if i.id == incident_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._incidents)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        incident = self.incident_at(index.row()) if index.isValid() else None
        if incident is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(incident, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return incident.title
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            if not incident.is_open:
                return QColor(MUTED)
            return QColor(DANGER if incident.type.value in ("security", "integrity")
                          else WARNING)
        if role == self.SortRole:
            return self._sort_value(incident, column)
        if role == self.IdRole:
            return incident.id
        if role == self.OpenRole:
            return incident.is_open
        return None

    def _display(self, incident: Incident, column: int) -> str:
        if column == self.ID:
            return incident.name
        if column == self.TYPE:
            return translate(
                "incidents_model", TYPE_WORDS.get(incident.type.value, incident.type.value)
            )
        if column == self.STATE:
            return self.tr("Open") if incident.is_open else self.tr("Closed")
        if column == self.TITLE:
            return incident.title + (self.tr(" (automatic)") if incident.automatic else "")
        if column == self.OPENED:
            return local_time(incident.opened_at)
        seconds = self._age(incident)
        return (
            duration(seconds)
            if incident.is_open
            else self.tr("resolved in {duration}").format(duration=duration(seconds))
        )

    def _age(self, incident: Incident) -> float:
        end = incident.closed_at or self.now
        return max(0.0, (end - incident.opened_at).total_seconds())

    def _sort_value(self, incident: Incident, column: int) -> Any:
        if column == self.ID:
            return incident.id
        if column == self.OPENED:
            return incident.opened_at.timestamp()
        if column == self.AGE:
            return self._age(incident)
        return self._display(incident, column).casefold()


class IncidentsProxy(QSortFilterProxyModel):
    """Sorts on native values and shows all, open or closed incidents."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(IncidentsModel.SortRole)
        self._showing = ALL

    @property
    def showing(self) -> str:
        return self._showing

    def show_only(self, what: str) -> None:
        """``ALL``, ``OPEN`` or ``CLOSED``."""
        self.beginFilterChange()
        self._showing = what
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._showing == ALL:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(IncidentsModel.OpenRole)) == (self._showing == OPEN)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        return bool(left.data(IncidentsModel.SortRole) < right.data(IncidentsModel.SortRole))


def local_time(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")
