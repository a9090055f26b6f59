"""The Documents table: one row per file the operator added, from intake check to sealed copy.

Rows are small dataclasses keyed by the file's absolute path. Every change after the first insert
goes through :meth:`DocumentsTableModel._changed`, which emits ``dataChanged`` for that row only:
a full reset would drop the view's selection and scroll position in the middle of a batch.
Sorting is left to a ``QSortFilterProxyModel`` over :data:`SortRole`, which carries native values
(bytes, not "12.3 KB"), so sizes sort numerically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from sealdesk.services.sealing.batch import DocumentResult, Outcome
from sealdesk.services.sealing.known import KnownSeal
from sealdesk.ui.status_colors import status_color, status_icon
from sealdesk.ui.translations import translate

AnyIndex = QModelIndex | QPersistentModelIndex


class DocumentStatus(Enum):
    """Where a document is in its life on this page; the value is the text shown."""

    PENDING_CHECK = QT_TRANSLATE_NOOP("DocumentStatus", "Checking…")
    READY = QT_TRANSLATE_NOOP("DocumentStatus", "Ready")
    REJECTED = QT_TRANSLATE_NOOP("DocumentStatus", "Rejected")
    SEALING = QT_TRANSLATE_NOOP("DocumentStatus", "Sealing…")
    SEALED = QT_TRANSLATE_NOOP("DocumentStatus", "Sealed")
    ALREADY_SEALED = QT_TRANSLATE_NOOP("DocumentStatus", "Already sealed")
    FAILED = QT_TRANSLATE_NOOP("DocumentStatus", "Failed")
    QUARANTINED = QT_TRANSLATE_NOOP("DocumentStatus", "Quarantined: re-seal")
    """Sealed before with a key since marked compromised; sealing again uses the new key."""

    @property
    def sealable(self) -> bool:
        """READY, FAILED and QUARANTINED rows may be (re)sealed; the rest is done or busy."""
        return self in (DocumentStatus.READY, DocumentStatus.FAILED, DocumentStatus.QUARANTINED)

    @property
    def has_sealed_copy(self) -> bool:
        return self in (DocumentStatus.SEALED, DocumentStatus.ALREADY_SEALED)


@dataclass
class DocumentRow:
    path: Path
    size: int = 0
    sha256: str = ""
    pages: int = 0
    status: DocumentStatus = DocumentStatus.PENDING_CHECK
    sealed_path: Path | None = None
    sealed_sha256: str = ""
    message: str = ""
    sealed_at: dt.datetime | None = None
    """When the seal was made (UTC, from its audit entry); None until known."""
    audit_index: int | None = None

    @property
    def preview_path(self) -> Path:
        """The sealed copy once there is one, so the operator sees what will be handed out."""
        return self.sealed_path or self.path


NOT_STARTED_MESSAGE = QT_TRANSLATE_NOOP(
    "documents_model", "Not sealed: the batch stopped before this document. Seal it again."
)


class DocumentsTableModel(QAbstractTableModel):
    """Documents added on the Documents page, addressed by path."""

    NAME, SIZE, SHA256, STATUS, SEALED_AT = range(5)
    COLUMN_COUNT = 5
    HEADERS = (
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Name"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Size"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "SHA-256"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Status"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Sealed (UTC)"),
    )

    PathRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3
    RowRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []
        self._index: dict[Path, int] = {}
        self.stored_state: Callable[[DocumentRow], bool | None] | None = None
        """Whether a row's sealed file is the archive's encrypted copy (True), its plaintext
        copy (False), or not the archive's (None); the page installs it."""

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section]) if 0 <= section < self.COLUMN_COUNT else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return status_icon(row.status.name)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            color: QColor | None = status_color(row.status.name)
            return color
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == self.PathRole:
            return row.path
        if role == self.StatusRole:
            return row.status
        if role == self.RowRole:
            return row
        return None

    def _display(self, row: DocumentRow, column: int) -> str | None:
        if column == self.NAME:
            return row.path.name
        if column == self.SIZE:
            return format_size(row.size) if row.size else ""
        if column == self.SHA256:
            return f"{row.sha256[:12]}…" if row.sha256 else ""
        if column == self.STATUS:
            return translate("DocumentStatus", row.status.value)
        if column == self.SEALED_AT:
            return f"{row.sealed_at:%Y-%m-%d %H:%M}" if row.sealed_at else ""
        return None

    def _stored_state(self, row: DocumentRow) -> str:
        """Whether the archive's copy of the seal is encrypted ("" when not known here)."""
        state = self.stored_state(row) if self.stored_state is not None else None
        if state is None:
            return ""
        if state:
            return self.tr("\nStored copy: encrypted (opened with the token's storage key)")
        return self.tr("\nStored copy: not encrypted")

    def _tooltip(self, row: DocumentRow, column: int) -> str | None:
        if column == self.NAME:
            pages = self.tr("\n{pages} page(s)").format(pages=row.pages) if row.pages else ""
            sealed = (
                self.tr("\nSealed copy: {sealed_path}").format(sealed_path=row.sealed_path)
                if row.sealed_path
                else ""
            )
            return f"{row.path}{pages}{sealed}{self._stored_state(row)}"
        if column == self.SHA256:
            if not row.sha256:
                return None
            if row.sha256 == row.sealed_sha256:
                return self.tr("SHA-256 of this sealed file:\n{sha256}").format(sha256=row.sha256)
            sealed = (
                self.tr("\nSHA-256 of the sealed copy:\n{sealed_sha256}").format(
                    sealed_sha256=row.sealed_sha256
                )
                if (row.sealed_sha256)
                else ""
            )
            return self.tr("SHA-256 of the original:\n{sha256}{sealed}").format(
                sha256=row.sha256, sealed=sealed
            )
        if column == self.STATUS:
            return translate("DocumentStatus", row.status.value) + (
                f"\n{row.message}" if row.message else ""
            )
        if column == self.SEALED_AT and row.sealed_at is not None:
            entry = (
                self.tr(" (audit entry {audit_index})").format(audit_index=row.audit_index)
                if row.audit_index is not None
                else ""
            )
            return self.tr("Sealed {sealed_at:%Y-%m-%d %H:%M:%S} UTC{entry}").format(
                sealed_at=row.sealed_at, entry=entry
            )
        return None

    def _sort_value(self, row: DocumentRow, column: int) -> Any:
        if column == self.NAME:
            return row.path.name.casefold()
        if column == self.SIZE:
            return row.size
        if column == self.SHA256:
            return row.sha256
        if column == self.SEALED_AT:
            return row.sealed_at.timestamp() if row.sealed_at else 0.0
        return list(DocumentStatus).index(row.status)

    # --- editing API used by the page -----------------------------------------------------

    def add_pending(self, paths: list[Path]) -> list[Path]:
        """Append rows awaiting their intake check; returns the paths that were new."""
        new: list[Path] = []
        for path in paths:
            key = path.absolute()
            if key not in self._index and key not in new:
                new.append(key)
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)  # last, not count
            for offset, path in enumerate(new):
                self._rows.append(DocumentRow(path))
                self._index[path] = first + offset
            self.endInsertRows()
        return new

    def set_checked(self, path: Path, *, size: int, sha256: str, pages: int) -> None:
        """Intake accepted the file."""
        self._update(path, size=size, sha256=sha256, pages=pages,
                     status=DocumentStatus.READY, message="")

    def set_rejected(self, path: Path, message: str) -> None:
        """Intake refused the file; ``message`` says why and what to do."""
        self._update(path, status=DocumentStatus.REJECTED, message=message)

    def set_known_seal(self, path: Path, known: KnownSeal, *, size: int, sha256: str) -> None:
        """The file was sealed before: shown as sealed, with the seal's time and its copy."""
        when = self.tr("{sealed_at:%Y-%m-%d %H:%M} UTC").format(sealed_at=known.sealed_at)
        if known.is_sealed_copy:
            message = self.tr(
                "This file is the sealed copy of {name}, sealed {when} "
                "(audit entry {audit_index}). Nothing to seal."
            ).format(name=known.name, when=when, audit_index=known.audit_index)
        else:
            message = self.tr(
                "This exact document was sealed {when} (audit entry "
                "{audit_index}); sealing it again would only show that seal."
            ).format(when=when, audit_index=known.audit_index)
        self._update(path, size=size, sha256=sha256,
                     status=DocumentStatus.ALREADY_SEALED, message=message,
                     sealed_path=known.sealed_path or (path if known.is_sealed_copy else None),
                     sealed_sha256=known.sealed_sha256, sealed_at=known.sealed_at,
                     audit_index=known.audit_index)

    def set_seal_time(self, path: Path, known: KnownSeal) -> None:
        """The audit entry's time of a seal made in this session's batch."""
        self._update(path, sealed_at=known.sealed_at, audit_index=known.audit_index)

    def set_status(
        self, path: Path, status: DocumentStatus, *, message: str = "",
        sealed_path: Path | None = None,
    ) -> None:
        self._update(path, status=status, message=message, sealed_path=sealed_path)

    def apply_result(self, result: DocumentResult) -> None:
        """Show what the sealing service did with one document."""
        path = result.source.absolute()
        if result.outcome == Outcome.SEALED:
            self._update(path, status=DocumentStatus.SEALED, message="",
                         sealed_path=result.stored_path, sealed_sha256=result.sealed_sha256)
        elif result.outcome == Outcome.ALREADY_SEALED:
            self._update(
                path,
                status=DocumentStatus.ALREADY_SEALED,
                sealed_path=result.stored_path,
                sealed_sha256=result.sealed_sha256,
                message=self.tr(
                    "This exact document was sealed before; the earlier seal is shown."
                ),
            )
        elif result.outcome == Outcome.FAILED:
            message = result.error.describe() if result.error else self.tr("Sealing failed.")
            self.set_status(path, DocumentStatus.FAILED, message=message)
        else:
            self.set_status(
                path,
                DocumentStatus.READY,
                message=translate("documents_model", NOT_STARTED_MESSAGE),
            )

    def remove(self, paths: list[Path]) -> None:
        """Drop rows from the list (the store keeps anything already sealed)."""
        doomed = sorted((self._index[p] for p in paths if p in self._index), reverse=True)
        for position in doomed:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()
        if doomed:
            self._index = {row.path: i for i, row in enumerate(self._rows)}

    # --- queries ----------------------------------------------------------------------------

    def row_for(self, path: Path) -> DocumentRow | None:
        position = self._index.get(path.absolute())
        return None if position is None else self._rows[position]

    def index_of(self, path: Path, column: int = 0) -> QModelIndex:
        position = self._index.get(path.absolute())
        return QModelIndex() if position is None else self.index(position, column)

    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def paths_with(self, *statuses: DocumentStatus) -> list[Path]:
        return [row.path for row in self._rows if row.status in statuses]

    def sealable_paths(self) -> list[Path]:
        return [row.path for row in self._rows if row.status.sealable]

    def _update(self, path: Path, **changes: Any) -> None:
        position = self._index.get(path.absolute())
        if position is None:
            return  # removed meanwhile (the operator may remove a row while it is checked)
        row = self._rows[position]
        for name, value in changes.items():
            setattr(row, name, value)
        self._changed(position)

    def _changed(self, position: int) -> None:
        self.dataChanged.emit(
            self.index(position, 0), self.index(position, self.COLUMN_COUNT - 1)
        )


def format_size(size: int) -> str:
    """Bytes as the operator reads them: 512 B, 12.3 KB, 4.0 MB."""
    value = float(size)
    for unit in (
        translate("documents_model", "B"),
        translate("documents_model", "KB"),
        translate("documents_model", "MB"),
        translate("documents_model", "GB"),
    ):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return translate("documents_model", "{size} B").format(size=size)
