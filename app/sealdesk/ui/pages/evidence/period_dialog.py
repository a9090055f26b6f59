"""Ask for a period of sealing days (UTC) for an evidence export: "everything sealed in March"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

Period = tuple[dt.datetime, dt.datetime]
"""``[since, until)`` in UTC, as :class:`~sealdesk.services.evidence.select.Selection` takes."""


def _day(date: QDate) -> dt.datetime:
    return dt.datetime(date.year(), date.month(), date.day(), tzinfo=dt.UTC)


class PeriodDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export evidence for a period"))
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(1 - today.day()))
        self.until = QDateEdit(today)
        for edit, name in ((self.since, self.tr("First day")), (self.until, self.tr("Last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(self.tr("&From (UTC day):"), self.since)
        form.addRow(self.tr("&To (UTC day, included):"), self.until)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Every document sealed on these days goes into the "
                                        "bundle.")))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def period(self) -> Period:
        since, until = sorted((self.since.date(), self.until.date()))
        return _day(since), _day(until) + dt.timedelta(days=1)


def ask_period(parent: QWidget | None) -> Period | None:
    """The default period provider: a modal :class:`PeriodDialog` (None when cancelled)."""
    dialog = PeriodDialog(parent)
    try:
        return dialog.period() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
