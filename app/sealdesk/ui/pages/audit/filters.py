"""The Audit page's filter bar: type, date range, actor, document, text; emits an AuditFilter.

Typing is debounced (a query per pause, not per key) because a text search scans the payloads.
Dates are UTC days, like the table: "from" is inclusive from 00:00, "to" includes the whole day.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sealdesk.core.audit.events import EventType
from sealdesk.services.audit.browse import MAX_FILTER_TEXT, AuditFilter
from sealdesk.services.audit.wording import event_name
from sealdesk.ui.translations import translate

DEBOUNCE_MS = 300
_NO_DATE = QDate(2000, 1, 1)


class _DateEdit(QDateEdit):
    """A date edit that Tab leaves: QDateTimeEdit moves between its sections on Tab, and with
    the "any" text shown it never left, trapping keyboard users in the filter bar. The arrow
    keys still move between day, month and year."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def _date_edit(name: str) -> QDateEdit:
    edit = _DateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(translate("AuditFilterBar", "any"))
    edit.setDate(_NO_DATE)
    edit.setToolTip(translate("AuditFilterBar", "{name} (UTC day); 'any' for no limit").format(
        name=name))
    return edit


def _line(placeholder: str, name: str, width: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setClearButtonEnabled(True)
    edit.setMinimumWidth(width)
    edit.setMaxLength(MAX_FILTER_TEXT)  # longer is refused by the filter itself
    return edit


def _utc_day(date: QDate) -> dt.datetime | None:
    if date == _NO_DATE:
        return None
    return dt.datetime(date.year(), date.month(), date.day(), tzinfo=dt.UTC)


class AuditFilterBar(QWidget):
    """Filter controls; ``changed`` carries the new filter after each (debounced) edit."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_box = QComboBox()
        self.type_box.setAccessibleName(self.tr("Event type"))
        self.type_box.addItem(self.tr("All events"), "")
        for kind in sorted(EventType, key=lambda k: k.value):
            self.type_box.addItem(event_name(kind.value), kind.value)
        self.since = _date_edit(self.tr("From"))
        self.until = _date_edit(self.tr("To"))
        self.actor = _line(self.tr("Actor"), self.tr("Actor"), 110)
        self.document = _line(self.tr("Document SHA-256"), self.tr("Document hash"), 150)
        self.search = _line(self.tr("Search text…"), self.tr("Search"), 160)
        self.clear_button = QPushButton(self.tr("Clear"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.type_box)
        layout.addWidget(QLabel(self.tr("From")))
        layout.addWidget(self.since)
        layout.addWidget(QLabel(self.tr("to")))
        layout.addWidget(self.until)
        layout.addWidget(self.actor, 1)
        layout.addWidget(self.document, 2)
        layout.addWidget(self.search, 2)
        layout.addWidget(self.clear_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.type_box.currentIndexChanged.connect(self._emit)
        self.since.dateChanged.connect(self._emit)
        self.until.dateChanged.connect(self._emit)
        for edit in (self.actor, self.document, self.search):
            edit.textChanged.connect(self._timer.start)
            edit.returnPressed.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)

    def current(self) -> AuditFilter:
        """The filter the controls show now."""
        kind = self.type_box.currentData()
        until = _utc_day(self.until.date())
        return AuditFilter(
            event_types=(kind,) if kind else (),
            since=_utc_day(self.since.date()),
            until=None if until is None else until + dt.timedelta(days=1),
            actor=self.actor.text().strip(),
            document=self.document.text().strip().lower(),
            text=self.search.text().strip(),
        )

    def clear(self) -> None:
        for widget in (self.type_box, self.since, self.until, self.actor, self.document,
                       self.search):
            widget.blockSignals(True)
        self.type_box.setCurrentIndex(0)
        self.since.setDate(_NO_DATE)
        self.until.setDate(_NO_DATE)
        for edit in (self.actor, self.document, self.search):
            edit.clear()
        for widget in (self.type_box, self.since, self.until, self.actor, self.document,
                       self.search):
            widget.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.current())

