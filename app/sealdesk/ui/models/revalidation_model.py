"""The results table of a revalidation run, and the proxy that sorts and filters it.

Rows are :class:`~sealdesk.services.revalidation.browse.ResultLine` values keyed by their position
in the run (every planned document has a row from the start, "pending" until checked). During a
run the page re-reads the lines now and then and hands them to :meth:`set_lines`, which emits
``dataChanged`` for the rows that changed only, so selection and scroll position survive live
updates. Sorting happens in :class:`ResultsProxy` on :data:`ResultsModel.SortRole` (native
values: the indication's badness, names, times), and its filter shows every result, only
incidents (FAILED and INDETERMINATE), or one indication.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from sealdesk.services.revalidation.browse import ResultLine
from sealdesk.ui.status_colors import DANGER, MUTED, OK, WARNING
from sealdesk.ui.translations import translate

AnyIndex = QModelIndex | QPersistentModelIndex

PENDING = "PENDING"
_LOOK = {  # indication -> (colour, mark)
    "PASSED": (OK, "check"),
    "INDETERMINATE": (WARNING, "bang"),
    "FAILED": (DANGER, "cross"),
    PENDING: (MUTED, "dots"),
    "DELETED": (MUTED, "dots"),
}
_RANK = {"FAILED": 0, "INDETERMINATE": 1, PENDING: 2, "PASSED": 3, "DELETED": 4}
_TEXT = {
    "PASSED": QT_TRANSLATE_NOOP("revalidation_model", "Passed"),
    "INDETERMINATE": QT_TRANSLATE_NOOP("revalidation_model", "Indeterminate"),
    "FAILED": QT_TRANSLATE_NOOP("revalidation_model", "Failed"),
    PENDING: QT_TRANSLATE_NOOP("revalidation_model", "Pending"),
    "DELETED": QT_TRANSLATE_NOOP("revalidation_model", "Deleted under retention"),
}
"""DELETED: the content was deleted under retention (its event is named in the reason)."""


def indication_of(line: ResultLine) -> str:
    return line.indication or PENDING


class ResultsModel(QAbstractTableModel):
    """Results of one run, in run order; see the module docstring."""

    STATUS, NAME, SUB_INDICATION, REASON, CHECKED = range(5)
    COLUMN_COUNT = 5
    HEADERS = (
        QT_TRANSLATE_NOOP("ResultsModel", "Result"),
        QT_TRANSLATE_NOOP("ResultsModel", "Document"),
        QT_TRANSLATE_NOOP("ResultsModel", "Sub-indication"),
        QT_TRANSLATE_NOOP("ResultsModel", "Reason"),
        QT_TRANSLATE_NOOP("ResultsModel", "Checked"),
    )

    SortRole = Qt.ItemDataRole.UserRole + 1
    IndicationRole = Qt.ItemDataRole.UserRole + 2
    PositionRole = Qt.ItemDataRole.UserRole + 3
    LineRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[ResultLine] = []
        self._row_of: dict[int, int] = {}
        self.run_id: int | None = None

    # --- feeding ------------------------------------------------------------------------------
    def set_lines(self, run_id: int, lines: list[ResultLine]) -> None:
        """Show ``lines`` of run ``run_id``: a reset for another run, per-row updates otherwise."""
        same_rows = run_id == self.run_id and [x.position for x in lines] == [
            x.position for x in self._lines]
        if not same_rows:
            self.beginResetModel()
            self.run_id, self._lines = run_id, list(lines)
            self._row_of = {line.position: row for row, line in enumerate(lines)}
            self.endResetModel()
            return
        for row, line in enumerate(lines):
            if line != self._lines[row]:
                self._lines[row] = line
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def clear(self) -> None:
        self.beginResetModel()
        self.run_id, self._lines, self._row_of = None, [], {}
        self.endResetModel()

    def line_at(self, row: int) -> ResultLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, position: int) -> int | None:
        return self._row_of.get(position)

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section]) if 0 <= section < self.COLUMN_COUNT else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return indication_icon(indication_of(line))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QColor(_LOOK[indication_of(line)][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CHECKED:
                return (
                    self.tr("{time} UTC").format(time=_time(line.checked_at))
                    if line.checked_at
                    else None
                )
            if column == self.SUB_INDICATION:
                return line.sub_indication
            return line.reason or None if column == self.REASON else line.path
        if role == self.SortRole:
            return self._sort_value(line, column)
        if role == self.IndicationRole:
            return indication_of(line)
        if role == self.PositionRole:
            return line.position
        if role == self.LineRole:
            return line
        return None

    def _display(self, line: ResultLine, column: int) -> str:
        if column == self.STATUS:
            return translate("revalidation_model", _TEXT[indication_of(line)])
        if column == self.NAME:
            return line.name
        if column == self.SUB_INDICATION:
            return (line.sub_indication or "").replace("_", " ").lower()
        if column == self.REASON:
            return line.reason
        return _time(line.checked_at)[11:]  # the time; the date is in the tooltip

    def _sort_value(self, line: ResultLine, column: int) -> Any:
        if column == self.STATUS:
            return (_RANK[indication_of(line)], line.position)
        if column == self.NAME:
            return line.name.casefold()
        if column == self.SUB_INDICATION:
            return line.sub_indication or ""
        if column == self.REASON:
            return line.reason.casefold()
        checked = line.checked_at
        return checked.timestamp() if checked is not None else float("inf")


class ResultsProxy(QSortFilterProxyModel):
    """Sorts on native values; filters to all, incidents only, or one indication."""

    ALL = "all"
    INCIDENTS = "incidents"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(ResultsModel.SortRole)
        self._show = self.ALL

    @property
    def showing(self) -> str:
        return self._show

    def show_only(self, what: str) -> None:
        """``ALL``, ``INCIDENTS`` (FAILED and INDETERMINATE) or an indication name."""
        self.beginFilterChange()
        self._show = what
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._show == self.ALL:
            return True
        model = self.sourceModel()
        indication = model.data(model.index(source_row, 0, source_parent),
                                 ResultsModel.IndicationRole)
        if self._show == self.INCIDENTS:
            return indication in (self.tr("FAILED"), self.tr("INDETERMINATE"))
        return bool(indication == self._show)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        return bool(left.data(ResultsModel.SortRole) < right.data(ResultsModel.SortRole))


def _time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


@cache
def indication_icon(indication: str) -> QIcon:
    """A round badge per indication; colour and shape differ, so colour is never the only cue."""
    colour, mark = _LOOK.get(indication, _LOOK[PENDING])
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(3, 3, size - 6, size - 6))
    pen = QPen(QColor("white"), 3.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    if mark == "check":
        painter.drawPolyline([QPointF(9, 16.5), QPointF(14, 21.5), QPointF(23, 11)])
    elif mark == "cross":
        painter.drawLine(QPointF(11, 11), QPointF(21, 21))
        painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    elif mark == "bang":
        painter.drawLine(QPointF(16, 9), QPointF(16, 17.5))
        painter.drawPoint(QPointF(16, 22.5))
    else:
        for x in (10, 16, 22):
            painter.drawPoint(QPointF(x, 16))
    painter.end()
    return QIcon(pixmap)
