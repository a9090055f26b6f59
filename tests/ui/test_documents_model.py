"""DocumentsTableModel without any view: rows, roles, targeted updates, service results."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from sealdesk.errors import TokenNotPresentError
from sealdesk.services.sealing.batch import DocumentResult, Outcome
from sealdesk.ui.models.documents_model import (
    NOT_STARTED_MESSAGE,
    DocumentRow,
    DocumentsTableModel,
    DocumentStatus,
    format_size,
)

M = DocumentsTableModel
HASH = "ab" * 32


def row(model: DocumentsTableModel, path: Path) -> DocumentRow:
    found = model.row_for(path)
    assert found is not None, path
    return found


@pytest.fixture
def model(qapp: QApplication) -> DocumentsTableModel:
    return DocumentsTableModel()


@pytest.fixture
def filled(model: DocumentsTableModel, tmp_path: Path) -> DocumentsTableModel:
    model.add_pending([tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.txt"])
    model.set_checked(tmp_path / "a.pdf", size=2048, sha256=HASH, pages=3)
    model.set_checked(tmp_path / "b.pdf", size=100, sha256="cd" * 32, pages=1)
    model.set_rejected(tmp_path / "c.txt", "c.txt is not a PDF document.")
    return model


def test_passes_qt_model_tester(qtmodeltester: ModelTester, filled: DocumentsTableModel) -> None:
    qtmodeltester.check(filled, force_py=True)


def test_add_pending_inserts_once_per_path(model: DocumentsTableModel, tmp_path: Path) -> None:
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    first = model.add_pending([tmp_path / "x.pdf", tmp_path / "y.pdf", tmp_path / "x.pdf"])
    again = model.add_pending([tmp_path / "y.pdf", tmp_path / "z.pdf"])
    assert [p.name for p in first] == ["x.pdf", "y.pdf"]
    assert [p.name for p in again] == ["z.pdf"]
    assert inserted == [(0, 1), (2, 2)]
    assert model.rowCount() == 3
    assert row(model, tmp_path / "x.pdf").status == DocumentStatus.PENDING_CHECK


def test_updates_emit_data_changed_for_one_row_never_a_reset(
    model: DocumentsTableModel, tmp_path: Path
) -> None:
    model.add_pending([tmp_path / "a.pdf", tmp_path / "b.pdf"])
    changes: list[tuple[int, int, int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(
        lambda tl, br, _roles=(): changes.append((tl.row(), tl.column(), br.row(), br.column()))
    )
    model.modelReset.connect(lambda: resets.append(True))
    model.set_checked(tmp_path / "b.pdf", size=10, sha256=HASH, pages=1)
    model.set_status(tmp_path / "b.pdf", DocumentStatus.SEALING)
    assert changes == [(1, 0, 1, M.COLUMN_COUNT - 1)] * 2
    assert not resets


def test_display_tooltips_and_custom_roles(filled: DocumentsTableModel, tmp_path: Path) -> None:
    a = filled.index_of(tmp_path / "a.pdf")
    row = a.row()

    def data(column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return filled.data(filled.index(row, column), role)

    assert data(M.NAME) == "a.pdf"
    assert data(M.SIZE) == "2.0 KB"
    assert data(M.SHA256) == f"{HASH[:12]}…"
    assert HASH in str(data(M.SHA256, Qt.ItemDataRole.ToolTipRole))
    assert "3 page(s)" in str(data(M.NAME, Qt.ItemDataRole.ToolTipRole))
    assert data(M.STATUS) == "Ready"
    assert data(M.NAME, M.PathRole) == (tmp_path / "a.pdf").absolute()
    assert data(M.NAME, M.StatusRole) is DocumentStatus.READY
    assert data(M.SIZE, M.SortRole) == 2048  # native value: sizes sort numerically
    icon = data(M.STATUS, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert filled.headerData(M.SHA256, Qt.Orientation.Horizontal) == "SHA-256"

    c = filled.index_of(tmp_path / "c.txt", M.STATUS)
    assert filled.data(c) == "Rejected"
    assert "not a PDF document" in filled.data(c, Qt.ItemDataRole.ToolTipRole)
    assert filled.data(c, Qt.ItemDataRole.ForegroundRole).name() == "#c62828"
    assert filled.data(filled.index(99, 0)) is None
    assert filled.rowCount(filled.index(0, 0)) == 0  # a table: no children


def test_results_from_the_sealing_service_map_to_statuses(
    filled: DocumentsTableModel, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    stored = tmp_path / "store" / "sealed"
    filled.apply_result(DocumentResult(a, Outcome.SEALED, HASH, "ef" * 32, stored))
    filled.apply_result(DocumentResult(b, Outcome.NOT_STARTED))
    assert row(filled, a).status == DocumentStatus.SEALED
    assert row(filled, a).preview_path == stored
    assert row(filled, b).status == DocumentStatus.READY
    assert row(filled, b).message == NOT_STARTED_MESSAGE

    error = TokenNotPresentError("The token was removed.", hint="Reconnect it.")
    filled.apply_result(DocumentResult(b, Outcome.FAILED, error=error))
    assert row(filled, b).status == DocumentStatus.FAILED
    assert row(filled, b).message == "The token was removed.\nReconnect it."
    assert filled.sealable_paths() == [b.absolute()]  # failed rows may be sealed again

    filled.apply_result(DocumentResult(b, Outcome.ALREADY_SEALED, "cd" * 32, "01" * 32, stored))
    assert row(filled, b).status.has_sealed_copy
    assert filled.sealable_paths() == []


def test_remove_keeps_lookups_consistent(filled: DocumentsTableModel, tmp_path: Path) -> None:
    filled.remove([tmp_path / "a.pdf"])
    assert filled.rowCount() == 2
    assert filled.row_for(tmp_path / "a.pdf") is None
    assert filled.index_of(tmp_path / "c.txt").row() == 1
    filled.set_status(tmp_path / "a.pdf", DocumentStatus.SEALED)  # removed: ignored quietly
    assert filled.paths_with(DocumentStatus.REJECTED) == [(tmp_path / "c.txt").absolute()]
    assert filled.index_of(tmp_path / "a.pdf") == QModelIndex()


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"), (512, "512 B"), (2048, "2.0 KB"), (5 * 1024**2, "5.0 MB"),
        (3 * 1024**4, "3072.0 GB"),
    ],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text
