"""The detail pane of the Incidents page: facts, timeline, linked items, notes, action items.

Pure display of an :class:`~sealdesk.services.incidents.detail.IncidentDetail` (read in a job by
the page); the timeline says what happened in words, who acted and when. The action items table
is the one the "Close action item" action reads its selection from.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sealdesk.services.console.dashboard_tiles import duration
from sealdesk.services.incidents.detail import IncidentDetail
from sealdesk.ui.models.incidents_model import TYPE_WORDS, local_time
from sealdesk.ui.translations import translate

ActionIdRole = Qt.ItemDataRole.UserRole + 1
LINK_WORDS = {
    "document": QT_TRANSLATE_NOOP("details", "Document"),
    "seal": QT_TRANSLATE_NOOP("details", "Sealed file"),
    "run": QT_TRANSLATE_NOOP("details", "Revalidation run"),
    "proposal": QT_TRANSLATE_NOOP("details", "Rotation proposal"),
    "entry": QT_TRANSLATE_NOOP("details", "Audit entry"),
}


def _table(name: str, headers: tuple[str, ...], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(name.replace("_", " ").capitalize())
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)


class IncidentDetailPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: IncidentDetail | None = None
        self.summary = QLabel(self.tr("Select an incident to see its timeline."))
        self.summary.setObjectName("incidentSummary")
        self.summary.setAccessibleName(self.tr("Incident summary"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timeline = _table(
            "timeline", (self.tr("Time"), self.tr("Who"), self.tr("What happened")), 2
        )
        self.links = _table(
            "linked_items", (self.tr("Kind"), self.tr("Item"), self.tr("Linked")), 1
        )
        self.notes = _table("notes", (self.tr("Time"), self.tr("Who"), self.tr("Note")), 2)
        self.actions = _table(
            "action_items",
            (self.tr("Item"), self.tr("Action"), self.tr("Owner"), self.tr("State")),
            1,
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Incident details"))
        self.tabs.addTab(self.timeline, self.tr("&Timeline"))
        self.tabs.addTab(self.links, self.tr("Lin&ked items"))
        self.tabs.addTab(self.notes, self.tr("No&tes"))
        self.tabs.addTab(self.actions, self.tr("Action ite&ms"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def clear(self) -> None:
        self.detail = None
        self.summary.setText(self.tr("Select an incident to see its timeline."))
        for table in (self.timeline, self.links, self.notes, self.actions):
            table.setRowCount(0)
        self._titles()

    def show_detail(self, detail: IncidentDetail) -> None:
        self.detail = detail
        inc = detail.incident
        state = (
            self.tr("open")
            if inc.is_open
            else self.tr("closed {local_time}").format(local_time=local_time(inc.closed_at))
        )
        facts = [
            self.tr("<b>{incident}</b> — {title}").format(
                incident=html.escape(inc.name), title=html.escape(inc.title)
            ),
            self.tr("{kind} incident, {state}; opened {local_time} by {who}{automatic}.").format(
                kind=translate("incidents_model", TYPE_WORDS.get(inc.type.value, inc.type.value)),
                state=state,
                local_time=local_time(inc.opened_at),
                who=html.escape(inc.opened_by),
                automatic=self.tr(" (automatically)") if inc.automatic else "",
            ),
        ]
        times = [
            f"{words} {duration(seconds)}"
            for words, seconds in (
                (self.tr("detected after"), detail.seconds.get("detect")),
                (self.tr("contained after"), detail.seconds.get("contain")),
                (self.tr("resolved after"), detail.seconds.get("resolve")),
            )
            if seconds is not None
        ]
        if times:
            facts.append(self.tr("Times: ") + ", ".join(times) + ".")
        if inc.root_cause:
            facts.append(
                self.tr("Root cause: {root_cause}").format(root_cause=html.escape(inc.root_cause))
            )
        self.summary.setText("<br>".join(facts))
        _fill(self.timeline, [(local_time(t.time), t.actor, t.what) for t in detail.timeline])
        _fill(
            self.links,
            [
                (
                    translate("details", LINK_WORDS.get(lk.kind, lk.kind)),
                    lk.ref,
                    self.tr("entry {index}").format(index=lk.index)
                    + (
                        self.tr(", caused by entry {entry}").format(entry=lk.entry)
                        if lk.entry is not None
                        else ""
                    ),
                )
                for lk in inc.links
            ],
        )
        _fill(self.notes, [(local_time(time), actor, text)
                           for _i, time, actor, text in inc.notes])
        items = list(inc.actions.values())
        _fill(
            self.actions,
            [
                (
                    str(a.id),
                    a.text,
                    a.owner or "—",
                    self.tr("Open")
                    if a.is_open
                    else self.tr("Done: {outcome}").format(outcome=a.outcome),
                )
                for a in items
            ],
        )
        for row, item in enumerate(items):
            self.actions.item(row, 0).setData(ActionIdRole, item.id)
        self._titles()

    def _titles(self) -> None:
        counts = (self.timeline.rowCount(), self.links.rowCount(), self.notes.rowCount(),
                  self.actions.rowCount())
        names = (
            self.tr("&Timeline"),
            self.tr("Lin&ked items"),
            self.tr("No&tes"),
            self.tr("Action ite&ms"),
        )
        for tab, (name, count) in enumerate(zip(names, counts, strict=True)):
            self.tabs.setTabText(tab, f"{name} ({count})" if count else name)

    def selected_open_action(self) -> int | None:
        """The id of the selected action item, if it is still open."""
        if self.detail is None:
            return None
        row = self.actions.currentRow()
        item = self.actions.item(row, 0) if row >= 0 else None
        action_id = None if item is None else item.data(ActionIdRole)
        action = self.detail.incident.actions.get(action_id) if action_id is not None else None
        return action_id if action is not None and action.is_open else None
