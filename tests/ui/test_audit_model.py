"""The Audit table model without widgets: lazy blocks, bounded cache, SQL filters, refresh."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from bench.audit_db_gen import generate_log, sample_event
from sealdesk.services.audit.browse import AuditBrowser
from sealdesk.services.audit.wording import event_name
from sealdesk.storage.audit.query import AuditFilter, AuditRow
from sealdesk.storage.audit.repo import append_event
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import upgrade_schema
from sealdesk.ui.models.audit_model import MISSING, PLACEHOLDER, AuditTableModel

M = AuditTableModel
SIZE = 1000


@dataclass
class CountingSource:
    """The real browser, counting what the model asks for."""

    browser: AuditBrowser
    calls: list[str] = field(default_factory=list)
    rows_read: int = 0

    def head_size(self) -> int:
        self.calls.append("head_size")
        return self.browser.head_size()

    def rows_between(self, first: int, last: int) -> list[AuditRow]:
        self.calls.append(f"rows {first}..{last}")
        rows = self.browser.rows_between(first, last)
        self.rows_read += len(rows)
        return rows

    def filtered_page(self, flt: AuditFilter, before: int | None, limit: int) -> list[AuditRow]:
        self.calls.append(f"filtered before {before}")
        rows = self.browser.filtered_page(flt, before, limit)
        self.rows_read += len(rows)
        return rows


@dataclass
class DeferredSubmit:
    """Holds submitted reads until the test delivers them, like a worker that takes its time."""

    waiting: list[tuple[Callable[[], Any], Callable[[Any], None]]] = field(default_factory=list)

    def __call__(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.waiting.append((fn, done))

    def deliver_all(self) -> None:
        while self.waiting:
            fn, done = self.waiting.pop(0)
            done(fn())


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(create_database_engine(f"sqlite:///{tmp_path / 'audit.db'}"))
    upgrade_schema(db)
    generate_log(db, SIZE)
    yield db
    db.dispose()


@pytest.fixture
def source(database: Database) -> Iterator[CountingSource]:
    browser = AuditBrowser(database)
    yield CountingSource(browser)
    browser.close()


def text(model: AuditTableModel, row: int, column: int) -> Any:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_rows_come_from_the_head_size_and_blocks_on_demand(
    qapp: QApplication, source: CountingSource
) -> None:
    model = AuditTableModel(source, block=100)
    model.reload()
    assert model.rowCount() == SIZE and model.columnCount() == 6
    assert source.calls == ["head_size"], "no count, no rows before the view asks"
    assert text(model, 0, M.INDEX) == str(SIZE - 1)  # newest first
    assert text(model, 0, M.TYPE) == event_name(sample_event(SIZE - 1, "x").type.value)
    newest = model.data(model.index(0, M.TYPE), Qt.ItemDataRole.ToolTipRole)
    assert newest == sample_event(SIZE - 1, "x").type.value  # the machine name, one hover away
    assert text(model, 99, M.INDEX) == str(SIZE - 100)
    assert source.calls == ["head_size", "rows 900..999"]
    assert text(model, SIZE - 1, M.ACTOR) == sample_event(0, "x").actor
    assert source.rows_read == 200
    assert model.headerData(M.TIME, Qt.Orientation.Horizontal) == "Time (UTC)"
    assert model.data(model.index(5, 0), M.EntryIndexRole) == SIZE - 6


def test_the_cache_stays_bounded(qapp: QApplication, source: CountingSource) -> None:
    model = AuditTableModel(source, block=10, max_blocks=3)
    model.reload()
    for row in range(0, SIZE, 7):
        text(model, row, M.TYPE)
    assert model.cached_rows <= 30
    assert text(model, 0, M.INDEX) == str(SIZE - 1)


def test_rows_arrive_later_without_a_reset(qapp: QApplication, source: CountingSource) -> None:
    submit = DeferredSubmit()
    model = AuditTableModel(source, submit, block=50)
    model.reload()
    submit.deliver_all()
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    assert text(model, 3, M.TYPE) == PLACEHOLDER
    assert text(model, 4, M.TYPE) == PLACEHOLDER  # the same block is asked for once
    assert len(submit.waiting) == 1
    submit.deliver_all()
    assert changed == [(0, 49)] and resets == []
    assert text(model, 3, M.TYPE) != PLACEHOLDER


def test_results_of_a_superseded_filter_are_dropped(
    qapp: QApplication, source: CountingSource
) -> None:
    submit = DeferredSubmit()
    model = AuditTableModel(source, submit)
    model.set_filter(AuditFilter(event_types=("document.seal_failed",)))
    model.set_filter(AuditFilter(event_types=("token.login_succeeded",)))
    submit.deliver_all()
    types = {text(model, r, M.TYPE) for r in range(model.rowCount())}
    assert types == {"Token login"}


def test_filters_run_in_sql_and_page_with_fetch_more(
    qapp: QApplication, source: CountingSource
) -> None:
    model = AuditTableModel(source, filter_page=20)
    model.set_filter(AuditFilter(event_types=("document.sealed",)))
    assert model.rowCount() == 20 and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    sealed = [i for i in range(SIZE) if sample_event(i, "x").type.value == "document.sealed"]
    assert [model.entry_at(r) for r in range(model.rowCount())] == sealed[::-1]
    assert model.complete
    assert source.rows_read == len(sealed)

    model.set_filter(AuditFilter(text="order-2024-0000012.pdf"))
    assert [text(model, r, M.INDEX) for r in range(model.rowCount())] == ["26", "25"]
    doc = sample_event(25, "x").subject["document_sha256"]
    model.set_filter(AuditFilter(document=doc[:12]))
    assert sorted(model.entry_at(r) for r in range(model.rowCount())) == [25, 26]
    model.set_filter(AuditFilter(actor="ROSSI", event_types=("document.loaded",)))
    assert model.rowCount() > 0
    assert {text(model, r, M.ACTOR) for r in range(model.rowCount())} == {"c.rossi"}


def test_refresh_inserts_new_entries_at_the_top(
    qapp: QApplication, source: CountingSource, database: Database
) -> None:
    model = AuditTableModel(source, block=100)
    model.reload()
    before = text(model, 0, M.INDEX), text(model, 3, M.TYPE)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    with database.transaction() as session:
        for i in range(SIZE, SIZE + 5):
            append_event(session, sample_event(i, "x"))
    model.refresh()
    assert inserted == [(0, 4)] and model.rowCount() == SIZE + 5
    assert text(model, 0, M.INDEX) == str(SIZE + 4)
    assert text(model, 0, M.TYPE) == event_name(sample_event(SIZE + 4, "x").type.value)
    assert (text(model, 5, M.INDEX), text(model, 8, M.TYPE)) == before


def test_a_missing_entry_is_shown_as_missing(
    qapp: QApplication, source: CountingSource, database: Database
) -> None:
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_entries WHERE idx = 990")
    model = AuditTableModel(source)
    model.reload()
    assert text(model, 9, M.INDEX) == "990"
    assert text(model, 9, M.TYPE) == MISSING
