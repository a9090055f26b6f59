"""The Revalidation page: start or resume a run, watch it live, read and export the results.

A run is created in one job (planning is quick) and executed in a second one, so the page knows
the run's id at once and shows every planned document, pending until checked. While it runs,
the results are re-read at most about once a second and merged into the table row by row; the
heavy work happens in worker processes started by the service, never on the GUI thread.
Cancelling keeps everything checked so far; the run can be resumed later, here or with
``sealdesk revalidate --resume``. :meth:`RevalidationPage.start_scheduled_if_due` is what the
window calls at start-up to honour ``[revalidation] interval_days``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from sealdesk.errors import OperationCancelledError
from sealdesk.services.progress import CancelFlag
from sealdesk.services.revalidation import browse
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.runs import RunSummary, create_run, execute_run
from sealdesk.services.revalidation.schedule import next_scheduled_run
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.ui.failures import present_failure
from sealdesk.ui.models.revalidation_model import ResultsModel, ResultsProxy
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.revalidation import controls
from sealdesk.ui.workers import JobFailure

REFRESH_SECONDS = 0.8


class RevalidationPage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Revalidation")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.model = ResultsModel(self)
        self.proxy = ResultsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.scope = controls.ScopePicker()
        self.start_button = QPushButton(self.tr("Start run"))
        self.resume_button = QPushButton(self.tr("Resume run"))
        self.resume_button.setToolTip(self.tr("Check the documents this run has not checked yet"))
        self.runs = QComboBox()
        self.runs.setAccessibleName(self.tr("Run"))
        self.runs.setPlaceholderText(self.tr("No runs yet"))
        self.filter = controls.filter_box()
        self.export_json = QPushButton(self.tr("Export JSON…"))
        self.export_html = QPushButton(self.tr("Export HTML…"))
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Checking… %v of %m documents"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.table = controls.results_table(self.proxy)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Result details"))
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(
            self.tr("Select a document to see its reasons and certificates.")
        )
        self.status = QLabel()
        self._cancel: CancelFlag | None = None
        self._running_run: int | None = None
        self._last_refresh = 0.0
        self._refreshing = False
        self._detail_for: tuple[int, int] | None = None
        controls.lay_out(self)
        self._connect()
        self._set_running(False)
        self.refresh_runs()

    # --- construction -----------------------------------------------------------------------
    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start_run)
        self.resume_button.clicked.connect(self.resume_run)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.runs.currentIndexChanged.connect(self._run_chosen)
        self.filter.currentIndexChanged.connect(
            lambda _i: self.proxy.show_only(self.filter.currentData()))
        self.export_json.clicked.connect(lambda: self._choose_export("json"))
        self.export_html.clicked.connect(lambda: self._choose_export("html"))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def write_actions(self) -> list[QWidget | QAction]:
        return [self.start_button, self.resume_button]

    # --- page API ----------------------------------------------------------------------------
    def shown(self) -> None:
        if self._running_run is None:
            self.refresh_runs(self.selected_run())

    def shutdown(self) -> None:
        self.cancel_run()

    def selected_run(self) -> int | None:
        data = self.runs.currentData()
        return int(data) if data is not None else None

    def start_run(self, scope: Scope | None = None) -> None:
        """Plan a run over ``scope`` (default: the picker's) and execute it."""
        scope = scope if isinstance(scope, Scope) else self.scope.scope()
        if scope is None:
            self.services.notify(self.tr("Choose the files to revalidate first."))
            return
        if self._cancel is not None:
            return
        ctx = self.services.ctx
        self._set_running(True)
        self.services.jobs.run(lambda: create_run(ctx, scope, policy_from(ctx)),
                               name="Planning a revalidation run",
                               on_success=self._execute, on_failure=self._failed)

    def resume_run(self) -> None:
        run_id = self.selected_run()
        if run_id is not None and self._cancel is None:
            self._set_running(True)
            self._execute(run_id)

    def cancel_run(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.status.setText(self.tr("Cancelling after the documents being checked…"))

    def start_scheduled_if_due(self) -> None:
        """At start-up: resume or start the scheduled run if ``interval_days`` says so."""
        ctx = self.services.ctx
        if self.services.read_only or ctx.config.revalidation.interval_days <= 0:
            return
        if self._cancel is not None:
            return
        self._set_running(True)

        def planned(run_id: int | None) -> None:
            if run_id is None:
                self._set_running(False)
            else:
                self.services.notify(self.tr("Scheduled revalidation started."))
                self._execute(run_id)

        self.services.jobs.run(lambda: next_scheduled_run(ctx, policy_from(ctx)),
                               name="Scheduled revalidation", on_success=planned,
                               on_failure=self._failed)

    # --- running -----------------------------------------------------------------------------
    def _execute(self, run_id: int) -> None:
        ctx = self.services.ctx
        cancel = self._cancel = CancelFlag()
        self._running_run = run_id
        self.refresh_runs(run_id)

        def work(progress: Callable[[int, int, str], None]) -> RunSummary:
            return execute_run(ctx, run_id, progress=progress, cancel=cancel)

        self.services.jobs.run(work, name=f"Revalidation run {run_id}",
                               on_success=self._finished, on_failure=self._failed,
                               on_progress=self._progressed)

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name:
            self.status.setText(self.tr("Checked {name}").format(name=name))
        if time.monotonic() - self._last_refresh >= REFRESH_SECONDS:
            self._load_lines(self._running_run)

    def _finished(self, result: RunSummary) -> None:
        self._cancel, self._running_run = None, None
        self._set_running(False)
        self.refresh_runs(result.run_id)
        if result.finished:
            self.services.notify(
                self.tr("Revalidation run {run_id} finished: {incidents} incident(s).").format(
                    run_id=result.run_id, incidents=result.incidents
                )
            )
        else:
            self.status.setText(
                self.tr(
                    "Run {run_id} cancelled with {pending} "
                    "document(s) still to check; resume it any time."
                ).format(run_id=result.run_id, pending=result.pending)
            )

    def _failed(self, failure: JobFailure) -> None:
        run_id = self._running_run
        self._cancel, self._running_run = None, None
        self._set_running(False)
        self.refresh_runs(run_id or self.selected_run())
        if isinstance(failure.error, OperationCancelledError):
            return
        present_failure(self, failure)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        writable = not self.services.read_only
        self.start_button.setEnabled(writable and not running)
        self.resume_button.setEnabled(writable and not running and self._resumable())
        self.runs.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)

    # --- runs and results ----------------------------------------------------------------------
    def refresh_runs(self, select: int | None = None) -> None:
        ctx = self.services.ctx
        self.services.jobs.run(lambda: browse.list_runs(ctx), name="Reading revalidation runs",
                               on_success=lambda runs: self._runs_arrived(runs, select))

    def _runs_arrived(self, runs: list[browse.RunInfo], select: int | None) -> None:
        self._run_infos = {r.run_id: r for r in runs}
        self.runs.blockSignals(True)
        self.runs.clear()
        for info in runs:
            self.runs.addItem(info.label(), info.run_id)
        wanted = self.runs.findData(select) if select is not None else 0
        self.runs.setCurrentIndex(max(wanted, 0))
        self.runs.blockSignals(False)
        self._run_chosen()

    def _run_chosen(self, _index: int = 0) -> None:
        run_id = self.selected_run()
        self._set_running(self._cancel is not None)
        self.export_json.setEnabled(run_id is not None)
        self.export_html.setEnabled(run_id is not None)
        self._show_banner(run_id)
        if run_id is None:
            self.model.clear()
            self.details.clear()
            return
        self._load_lines(run_id)

    def _resumable(self) -> bool:
        info = getattr(self, "_run_infos", {}).get(self.selected_run())
        return info is not None and not info.finished

    def _load_lines(self, run_id: int | None) -> None:
        if run_id is None or self._refreshing:
            return
        self._refreshing, self._last_refresh = True, time.monotonic()
        ctx = self.services.ctx

        def arrived(lines: list[browse.ResultLine]) -> None:
            self._refreshing = False
            if run_id == self.selected_run():
                self.model.set_lines(run_id, lines)
                self._count_status(lines)

        self.services.jobs.run(lambda: browse.result_lines(ctx, run_id),
                               name="Reading revalidation results", on_success=arrived)

    def _count_status(self, lines: list[browse.ResultLine]) -> None:
        counts = {"PASSED": 0, "INDETERMINATE": 0, "FAILED": 0, "pending": 0}
        for line in lines:
            counts[line.indication or "pending"] = counts.get(line.indication or "pending", 0) + 1
        self._show_banner(self.model.run_id, counts)
        if self._cancel is None:
            incidents = sum(1 for line in lines if line.incident)
            self.status.setText(
                self.tr("{count:,} documents in this run, {incidents} incident(s).").format(
                    count=len(lines), incidents=incidents
                )
            )

    def _show_banner(self, run_id: int | None, counts: dict[str, int] | None = None) -> None:
        info = getattr(self, "_run_infos", {}).get(run_id)
        text, colour = controls.banner_text(info, counts)
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"color: {colour}; font-weight: 600;" if colour else ""
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        position = current.data(ResultsModel.PositionRole) if current.isValid() else None
        run_id = self.model.run_id
        if position is None or run_id is None:
            self.details.clear()
            return
        self._detail_for = (run_id, position)
        ctx = self.services.ctx
        self.services.jobs.run(lambda: browse.result_detail(ctx, run_id, position),
                               name="Reading a result",
                               on_success=lambda d: self._detail_arrived((run_id, position), d))

    def _detail_arrived(self, key: tuple[int, int], detail: browse.ResultDetail) -> None:
        if key == self._detail_for:
            self.details.setHtml(detail.html)

    # --- export --------------------------------------------------------------------------------
    def _choose_export(self, kind: str) -> None:
        run_id = self.selected_run()
        path = controls.choose_export_path(self, run_id, kind) if run_id is not None else None
        if run_id is not None and path is not None:
            self.export_report(run_id, path, kind)

    def export_report(self, run_id: int, path: Path, kind: str) -> None:
        ctx = self.services.ctx
        self.services.jobs.run(
            lambda: controls.write_report(ctx, run_id, path, kind),
            name=f"Exporting run {run_id}",
            on_success=lambda p: self.services.notify(
                self.tr("Report saved: {path}").format(path=p)
            ),
        )
