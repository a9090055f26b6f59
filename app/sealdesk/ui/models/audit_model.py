"""The Audit log table: a lazy model over a log of any size, newest entry first.

Nothing here ever loads the whole log. Two modes:

* **Unfiltered**: the row count is the head's size (no ``COUNT(*)``), and row ``r`` shows entry
  ``size - 1 - r`` (the log has no holes). Rows are fetched in blocks of :data:`BLOCK` entries
  keyed by entry index, only when the view asks for them, and at most :data:`MAX_BLOCKS` blocks
  are kept (least recently used dropped). Until a block arrives its rows show "…"; on arrival one
  ``dataChanged`` repaints them. New entries appended meanwhile are inserted at the top with
  ``rowsInserted``, so the selection and scroll position survive a refresh.
* **Filtered**: filters run in SQL (see :mod:`sealdesk.services.audit.browse`); matching rows are
  read a page at a time with keyset pagination through ``canFetchMore``/``fetchMore``, as the
  view scrolls towards the end.

The "Check" column shows each entry's state after the last verification
(:class:`~sealdesk.services.audit.entry_verdicts.EntryVerdicts`, set with :meth:`set_verdicts`),
as an icon and words, never colour alone; it depends only on the entry index, so it shows even
before the row's data has arrived.

All reads go through ``submit(fn, done)``, which runs ``fn`` off the GUI thread and calls
``done(result)`` back on it (the page passes the job runner; model tests pass a synchronous
function). Results of a superseded query (the filter changed meanwhile) are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from sealdesk.core.audit.canonical import format_time
from sealdesk.services.audit.browse import AuditFilter, AuditRow
from sealdesk.services.audit.entry_verdicts import EntryState, EntryVerdict, EntryVerdicts
from sealdesk.ui.models.audit_words import state_icon, verdict_reason, verdict_words
from sealdesk.ui.status_colors import DANGER, INFO, OK

AnyIndex = QModelIndex | QPersistentModelIndex
Submit = Callable[[Callable[[], Any], Callable[[Any], None]], None]

BLOCK = 200
"""Entries fetched per query in the unfiltered view (about four screens)."""
MAX_BLOCKS = 64
"""Blocks kept in memory (12,800 rows); scrolling further away drops the oldest used."""
FILTER_PAGE = 200
"""Matching rows fetched per ``fetchMore`` in a filtered view."""
PLACEHOLDER = "…"
MISSING = QT_TRANSLATE_NOOP("AuditTableModel", "(no such entry)")


class AuditRowSource(Protocol):
    """Where the rows come from (:class:`sealdesk.services.audit.browse.AuditBrowser`)."""

    def head_size(self) -> int: ...

    def rows_between(self, first: int, last: int) -> list[AuditRow]: ...

    def filtered_page(
        self, flt: AuditFilter, before: int | None, limit: int
    ) -> list[AuditRow]: ...


def synchronous(fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
    """A ``submit`` for tests and scripts: run now, on this thread."""
    done(fn())


def _type_color(event_type: str) -> QColor | None:
    if event_type.endswith(("failed", ".compromised")) or event_type == "access.denied":
        return QColor(DANGER)
    if event_type == "document.sealed":
        return QColor(OK)
    if event_type.startswith("checkpoint."):
        return QColor(INFO)
    return None


def _headers() -> tuple[str, ...]:
    """:attr:`AuditTableModel.HEADERS`, translated (literal strings, so lupdate finds them)."""
    # spelled out: lupdate reads a local ``tr = ...`` alias as ``self.tr(source, disambiguation)``
    return (QCoreApplication.translate("AuditTableModel", "#"),
            QCoreApplication.translate("AuditTableModel", "Check"),
            QCoreApplication.translate("AuditTableModel", "Time (UTC)"),
            QCoreApplication.translate("AuditTableModel", "Event"),
            QCoreApplication.translate("AuditTableModel", "Actor"),
            QCoreApplication.translate("AuditTableModel", "Summary"))


class AuditTableModel(QAbstractTableModel):
    """Rows of the audit log, newest first; see the module docstring."""

    INDEX, CHECK, TIME, TYPE, ACTOR, SUBJECT = range(6)
    COLUMN_COUNT = 6
    HEADERS = ("#", "Check", "Time (UTC)", "Event", "Actor", "Summary")

    EntryIndexRole = Qt.ItemDataRole.UserRole + 1
    RowRole = Qt.ItemDataRole.UserRole + 2

    loading_changed = Signal(bool)
    """True while the first rows of a new filter (or a refresh) are being read."""
    count_changed = Signal()

    def __init__(self, source: AuditRowSource, submit: Submit = synchronous, parent: Any = None,
                 *, block: int = BLOCK, max_blocks: int = MAX_BLOCKS,
                 filter_page: int = FILTER_PAGE) -> None:
        super().__init__(parent)
        self._source = source
        self._submit = submit
        self._block, self._max_blocks, self._filter_page = block, max_blocks, filter_page
        self._filter = AuditFilter()
        self._generation = 0
        self._size = 0
        self._blocks: OrderedDict[int, dict[int, AuditRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._rows: list[AuditRow] = []
        self._exhausted = True
        self._fetching = False
        self._loading = False
        self._verdicts: EntryVerdicts | None = None

    # --- state ----------------------------------------------------------------------------

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    @property
    def filtered(self) -> bool:
        return not self._filter.is_empty

    @property
    def log_size(self) -> int:
        """Entries in the log at the last refresh (unfiltered mode)."""
        return self._size

    @property
    def loading(self) -> bool:
        """True from a new filter (or reload) until its first rows have arrived."""
        return self._loading

    @property
    def complete(self) -> bool:
        """False while a filtered view may still have more matching rows to fetch."""
        return not self.filtered or self._exhausted

    @property
    def cached_rows(self) -> int:
        """Rows currently held in memory (for tests and the benchmark)."""
        return sum(len(b) for b in self._blocks.values()) + len(self._rows)

    @property
    def verdicts(self) -> EntryVerdicts | None:
        return self._verdicts

    def set_verdicts(self, verdicts: EntryVerdicts | None) -> None:
        """Show the outcome of a verification in the Check column (None: not checked)."""
        self._verdicts = verdicts
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.CHECK),
                                  self.index(self.rowCount() - 1, self.CHECK))

    def verdict_at(self, row: int) -> EntryVerdict | None:
        entry = self.entry_at(row)
        if entry is None:
            return None
        if self._verdicts is None:
            return EntryVerdict(entry, EntryState.NOT_CHECKED)
        return self._verdicts.verdict(entry)

    def set_filter(self, flt: AuditFilter) -> None:
        """Show entries matching ``flt`` (an empty filter shows the whole log)."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Read everything again from the start (first page or head size)."""
        self._generation += 1
        generation, flt = self._generation, self._filter
        self._loading = True
        self.loading_changed.emit(True)
        if flt.is_empty:
            self._submit(self._source.head_size, lambda size: self._reset_full(generation, size))
        else:
            self._submit(lambda: self._source.filtered_page(flt, None, self._filter_page),
                         lambda rows: self._reset_filtered(generation, rows))

    def refresh(self) -> None:
        """Pick up entries appended since: new rows appear at the top, nothing else moves."""
        if self.filtered:
            self.reload()
            return
        generation = self._generation
        self._submit(self._source.head_size, lambda size: self._grown(generation, size))

    def row_of_entry(self, entry_index: int) -> int | None:
        """The row showing entry ``entry_index``, if it is in this view (loaded)."""
        if not self.filtered:
            return self._size - 1 - entry_index if 0 <= entry_index < self._size else None
        for row, item in enumerate(self._rows):
            if item.index == entry_index:
                return row
        return None

    def entry_at(self, row: int) -> int | None:
        """The entry index shown in ``row`` (known even before its data has arrived)."""
        if not self.filtered:
            return self._size - 1 - row if 0 <= row < self._size else None
        return self._rows[row].index if 0 <= row < len(self._rows) else None

    def row_data(self, row: int) -> AuditRow | None:
        """The loaded row, or ``None`` (and a fetch is started) if it is not here yet."""
        if self.filtered:
            return self._rows[row] if 0 <= row < len(self._rows) else None
        entry = self.entry_at(row)
        if entry is None:
            return None
        block_no = entry // self._block
        block = self._blocks.get(block_no)
        if block is None:
            self._request_block(block_no)  # a synchronous submit has delivered it already
            block = self._blocks.get(block_no)
            if block is None:
                return None
        self._blocks.move_to_end(block_no)
        return block.get(entry)

    def _loaded_but_absent(self, row: int) -> bool:
        """True when the row's block has arrived without its entry (a gap in the log)."""
        entry = self.entry_at(row)
        return entry is not None and not self.filtered and entry // self._block in self._blocks

    # --- arrivals (GUI thread) -------------------------------------------------------------

    def _reset_full(self, generation: int, size: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._size, self._rows, self._exhausted = size, [], True
        self._blocks.clear()
        self._pending.clear()
        self._loading = False
        self.endResetModel()
        self.loading_changed.emit(False)
        self.count_changed.emit()

    def _reset_filtered(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._size = 0
        self._blocks.clear()
        self._pending.clear()
        self._rows = list(rows)
        self._exhausted = len(rows) < self._filter_page
        self._fetching = False
        self._loading = False
        self.endResetModel()
        self.loading_changed.emit(False)
        self.count_changed.emit()

    def _grown(self, generation: int, size: int) -> None:
        if generation != self._generation or self.filtered or size <= self._size:
            return
        added = size - self._size
        last_block = (self._size - 1) // self._block if self._size else None
        if last_block is not None:
            self._blocks.pop(last_block, None)  # it was partial: it lacks the new entries
        self.beginInsertRows(QModelIndex(), 0, added - 1)
        self._size = size
        self.endInsertRows()
        self.count_changed.emit()

    def _request_block(self, block_no: int) -> None:
        if block_no in self._pending:
            return
        self._pending.add(block_no)
        generation = self._generation
        first = block_no * self._block
        last = min(first + self._block, self._size) - 1
        self._submit(lambda: self._source.rows_between(first, last),
                     lambda rows: self._block_arrived(generation, block_no, rows))

    def _block_arrived(self, generation: int, block_no: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(block_no)
        self._blocks[block_no] = {r.index: r for r in rows}
        while len(self._blocks) > self._max_blocks:
            self._blocks.popitem(last=False)
        entries = [r.index for r in rows if r.index < self._size]
        if not entries:
            return
        top, bottom = self._size - 1 - max(entries), self._size - 1 - min(entries)
        self.dataChanged.emit(self.index(top, 0), self.index(bottom, self.COLUMN_COUNT - 1))

    # --- filtered paging ---------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self.filtered:
            return False
        return not self._exhausted and not self._fetching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, flt = self._generation, self._filter
        before = self._rows[-1].index if self._rows else None
        self._submit(lambda: self._source.filtered_page(flt, before, self._filter_page),
                     lambda rows: self._more_arrived(generation, rows))

    def _more_arrived(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = len(rows) < self._filter_page
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.count_changed.emit()

    # --- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) if self.filtered else self._size

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def _check_data(self, row: int, role: int) -> Any:
        verdict = self.verdict_at(row)
        if verdict is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return verdict_words(verdict)
        if role == Qt.ItemDataRole.DecorationRole:
            return state_icon(verdict.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return verdict_reason(verdict)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == self.EntryIndexRole:
            return self.entry_at(row)
        if column == self.CHECK:
            return self._check_data(row, role)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, self.RowRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.INDEX:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        item = self.row_data(row)
        if role == self.RowRole:
            return item
        if item is None:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            if column == self.INDEX:
                return str(self.entry_at(row))
            return (
                self.tr(MISSING)
                if column == self.TYPE and self._loaded_but_absent(row)
                else PLACEHOLDER
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return _type_color(item.event_type) if column == self.TYPE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TYPE:
                return item.event_type  # the machine name, as filters and the CLI use it
            if column == self.SUBJECT:
                summary = getattr(item, "summary", "")
                return "\n".join(t for t in (summary, item.subject) if t) or None
            return None
        return self._display(item, column)

    def _display(self, item: AuditRow, column: int) -> str:
        if column == self.INDEX:
            return str(item.index)
        if column == self.TIME:
            return format_time(item.time)[:19].replace("T", " ")
        if column == self.TYPE:  # "Document sealed"; a plain AuditRow has only the type
            return getattr(item, "name", "") or item.event_type
        if column == self.ACTOR:
            return item.actor
        return getattr(item, "summary", "") or item.subject
