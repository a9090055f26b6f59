"""Pieces of the Revalidation page that hold no page state: scope picker, filter, table, banner
text and report export.

Kept apart from the page so the page module holds behaviour only (runs, progress, details).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sealdesk.fsutil import atomic_write_bytes
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.browse import RunInfo
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.report import load_run_report, to_html, to_json
from sealdesk.ui.models.revalidation_model import ResultsModel as M
from sealdesk.ui.models.revalidation_model import ResultsProxy
from sealdesk.ui.status_colors import DANGER, OK, WARNING
from sealdesk.ui.translations import translate

ALL, SINCE, FILES = range(3)
FILTERS = (
    (QT_TRANSLATE_NOOP("controls", "All results (problems first)"), ResultsProxy.ALL),
    (
        QT_TRANSLATE_NOOP("controls", "Incidents only: FAILED and INDETERMINATE"),
        ResultsProxy.INCIDENTS,
    ),
    (QT_TRANSLATE_NOOP("controls", "FAILED only"), "FAILED"),
    (
        QT_TRANSLATE_NOOP("controls", "INDETERMINATE only"),
        "INDETERMINATE",
    ),
    (QT_TRANSLATE_NOOP("controls", "PASSED only"), "PASSED"),
)


class ScopePicker(QWidget):
    """What a new run covers: every stored seal, seals since a day, or chosen files."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Scope of the run"))
        self.kind.addItems(
            [self.tr("Every sealed document"), self.tr("Sealed since…"), self.tr("Chosen files…")]
        )
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setAccessibleName(self.tr("Sealed since"))
        self.choose = QPushButton(self.tr("Choose files…"))
        self.choose.setToolTip(self.tr("Any PAdES PDF, also ones sealed by other tools"))
        self.files: list[Path] = []
        self.chosen = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Scope:")))
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
        self.chosen.setText(self.tr("{count} file(s)").format(count=len(files)) if files else "")
        self.changed.emit()

    def _kind_changed(self, index: int) -> None:
        self.since.setVisible(index == SINCE)
        self.choose.setVisible(index == FILES)
        self.chosen.setVisible(index == FILES)
        self.changed.emit()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose sealed PDFs to revalidate"),
            "",
            self.tr("PDF documents (*.pdf);;All files (*)"),
        )
        if names:
            self.set_files([Path(n) for n in names])


def filter_box() -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(translate("controls", "Show results"))
    for text, value in FILTERS:
        box.addItem(translate("controls", text), value)
    return box


def results_table(proxy: ResultsProxy) -> QTableView:
    """Sortable on native values (problems first by default), one row selected at a time."""
    table = QTableView()
    table.setAccessibleName(translate("controls", "Revalidation results"))
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


def banner_text(info: RunInfo | None, counts: dict[str, int] | None = None
                ) -> tuple[str, str | None]:
    """The summary line above the results, and its colour (None: the palette's)."""
    if info is None:
        return (
            translate(
                "controls",
                "No revalidation run yet. Choose a scope and start one: every seal is re-proved "
                "(integrity, coverage, certificate path, revocation, timestamp, and the store's "
                "own records).",
            ),
            None,
        )
    c = counts or info.counts
    text = translate(
        "controls", "{failed} FAILED · {indeterminate} INDETERMINATE · {passed} PASSED"
    ).format(failed=c["FAILED"], indeterminate=c["INDETERMINATE"], passed=c["PASSED"]) + (
        translate("controls", " · {pending} pending").format(pending=c["pending"])
        if c["pending"]
        else ""
    )
    colour = DANGER if c["FAILED"] else WARNING if c["INDETERMINATE"] or c["pending"] else OK
    return (
        translate(
            "controls",
            "Run {run_id}: {text}. Every result other than PASSED is an incident, "
            "recorded in the audit log.",
        ).format(run_id=info.run_id, text=text),
        colour,
    )


def choose_export_path(parent: QWidget, run_id: int, kind: str) -> Path | None:
    pattern = (
        translate("controls", "JSON files (*.json)")
        if kind == "json"
        else translate("controls", "HTML files (*.html)")
    )
    name, _ = QFileDialog.getSaveFileName(parent, translate("controls", "Export the run's report"),
                                          f"revalidation-run-{run_id}.{kind}", pattern)
    return Path(name) if name else None


def write_report(ctx: AppContext, run_id: int, path: Path, kind: str) -> Path:
    """Runs in a worker: the run's report as JSON or HTML, written atomically."""
    report = load_run_report(ctx, run_id)
    text = to_json(report) if kind == "json" else to_html(report)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def lay_out(page: Any) -> None:
    """Place the page's widgets (``page`` is the RevalidationPage; it sets ``splitter``)."""
    heading = QLabel(page.title)
    heading.setObjectName("pageHeading")
    top = QHBoxLayout()
    top.addWidget(heading)
    top.addStretch(1)
    top.addWidget(page.scope)
    top.addWidget(page.start_button)
    results_bar = QHBoxLayout()
    results_bar.addWidget(QLabel(translate("controls", "Showing:")))
    results_bar.addWidget(page.runs, 2)
    results_bar.addWidget(page.resume_button)
    results_bar.addWidget(page.filter, 1)
    results_bar.addWidget(page.export_json)
    results_bar.addWidget(page.export_html)
    progress_row = QHBoxLayout()
    progress_row.addWidget(page.progress, 1)
    progress_row.addWidget(page.cancel_button)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(page.table)
    splitter.addWidget(page.details)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes([720, 430])
    splitter.setChildrenCollapsible(False)
    page.splitter = splitter
    layout = QVBoxLayout(page)
    layout.addLayout(top)
    layout.addLayout(results_bar)
    layout.addWidget(page.banner)
    layout.addLayout(progress_row)
    layout.addWidget(splitter, 1)
    layout.addWidget(page.status)
