"""Widgets of the Revalidation page that hold no page state: scope picker, filter, table.

Kept apart from the page so the page module holds behaviour only (runs, progress, details).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from sealdesk.services.revalidation_plan import Scope
from sealdesk.ui.models.revalidation_model import ResultsModel as M
from sealdesk.ui.models.revalidation_model import ResultsProxy

ALL, SINCE, FILES = range(3)
FILTERS = (
    ("All results (problems first)", ResultsProxy.ALL),
    ("Incidents only: FAILED and INDETERMINATE", ResultsProxy.INCIDENTS),
    ("FAILED only", "FAILED"),
    ("INDETERMINATE only", "INDETERMINATE"),
    ("PASSED only", "PASSED"),
)


class ScopePicker(QWidget):
    """What a new run covers: every stored seal, seals since a day, or chosen files."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Scope of the run")
        self.kind.addItems(["Every sealed document", "Sealed since…", "Chosen files…"])
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setAccessibleName("Sealed since")
        self.choose = QPushButton("Choose files…")
        self.choose.setToolTip("Any PAdES PDF, also ones sealed by other tools")
        self.files: list[Path] = []
        self.chosen = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Scope:"))
        for widget in (self.kind, self.since, self.choose, self.chosen):
            layout.addWidget(widget)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.choose.clicked.connect(self._choose_files)
        self._kind_changed(ALL)

    def scope(self) -> Scope | None:
        """The chosen scope, or None when files are wanted but none are chosen yet."""
        index = self.kind.currentIndex()
        if index == SINCE:
            day = self.since.date()
            return Scope.sealed_since(dt.date(day.year(), day.month(), day.day()))
        if index == FILES:
            return Scope.of_files(self.files) if self.files else None
        return Scope.everything()

    def set_files(self, files: list[Path]) -> None:
        self.files = list(files)
        self.chosen.setText(f"{len(files)} file(s)" if files else "")
        self.changed.emit()

    def _kind_changed(self, index: int) -> None:
        self.since.setVisible(index == SINCE)
        self.choose.setVisible(index == FILES)
        self.chosen.setVisible(index == FILES)
        self.changed.emit()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Choose sealed PDFs to revalidate", "",
                                                "PDF documents (*.pdf);;All files (*)")
        if names:
            self.set_files([Path(n) for n in names])


def filter_box() -> QComboBox:
    box = QComboBox()
    box.setAccessibleName("Show results")
    for text, value in FILTERS:
        box.addItem(text, value)
    return box


def results_table(proxy: ResultsProxy) -> QTableView:
    """Sortable on native values (problems first by default), one row selected at a time."""
    table = QTableView()
    table.setAccessibleName("Revalidation results")
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    header.resizeSection(M.STATUS, metrics.horizontalAdvance("Indeterminate") + 40)
    header.resizeSection(M.NAME, metrics.horizontalAdvance("Contract renewal Acme.pdf") + 12)
    header.resizeSection(M.SUB_INDICATION, metrics.horizontalAdvance("no certificate chain"))
    header.resizeSection(M.CHECKED, metrics.horizontalAdvance("00:00:00") + 24)
    header.setSectionResizeMode(M.REASON, QHeaderView.ResizeMode.Stretch)
    table.sortByColumn(M.STATUS, Qt.SortOrder.AscendingOrder)
    return table
