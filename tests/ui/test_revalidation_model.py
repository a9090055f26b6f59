"""The revalidation results model and proxy, without widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sealdesk.storage.revalidation.repo import ResultLine
from sealdesk.ui.models.revalidation_model import ResultsModel, ResultsProxy

T0 = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


def _line(position: int, indication: str | None, name: str = "", reason: str = "") -> ResultLine:
    return ResultLine(position, name or f"doc-{position}.pdf", f"/store/{position}",
                      "done" if indication else "pending", indication,
                      None if indication in (None, "PASSED") else "HASH_FAILURE", reason,
                      indication not in (None, "PASSED"),
                      T0 + dt.timedelta(seconds=position) if indication else None, True)


def _column(proxy: ResultsProxy, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_problems_sort_first_on_native_values(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ResultsModel()
    proxy = ResultsProxy()
    proxy.setSourceModel(model)
    model.set_lines(1, [_line(0, "PASSED"), _line(1, "FAILED"), _line(2, None),
                        _line(3, "INDETERMINATE"), _line(4, "FAILED")])
    proxy.sort(ResultsModel.STATUS, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, ResultsModel.NAME) == [
        "doc-1.pdf", "doc-4.pdf", "doc-3.pdf", "doc-2.pdf", "doc-0.pdf"]
    proxy.sort(ResultsModel.CHECKED, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, ResultsModel.NAME)[1:] == [
        "doc-4.pdf", "doc-3.pdf", "doc-1.pdf", "doc-0.pdf"]  # pending (no time) sorts last


def test_filters_incidents_and_single_indications(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ResultsModel()
    proxy = ResultsProxy()
    proxy.setSourceModel(model)
    model.set_lines(1, [_line(0, "PASSED"), _line(1, "FAILED"), _line(2, "INDETERMINATE"),
                        _line(3, None)])
    proxy.show_only(ResultsProxy.INCIDENTS)
    assert sorted(_column(proxy, ResultsModel.STATUS)) == ["Failed", "Indeterminate"]
    proxy.show_only("PASSED")
    assert _column(proxy, ResultsModel.NAME) == ["doc-0.pdf"]
    proxy.show_only(ResultsProxy.ALL)
    assert proxy.rowCount() == 4


def test_live_updates_change_only_the_rows_that_changed(qtbot: QtBot) -> None:
    model = ResultsModel()
    model.set_lines(7, [_line(0, None), _line(1, None), _line(2, None)])
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model.modelReset.connect(lambda: resets.append(True))

    model.set_lines(7, [_line(0, None), _line(1, "FAILED", reason="gone"), _line(2, None)])

    assert changed == [(1, 1)] and not resets
    assert model.index(1, ResultsModel.REASON).data() == "gone"
    assert model.index(1, 0).data(ResultsModel.IndicationRole) == "FAILED"
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    model.set_lines(8, [_line(0, "PASSED")])  # another run: a reset
    assert resets and model.rowCount() == 1 and model.run_id == 8
