"""The Audit log page: browse and filter every recorded act, verify the log, prove an entry.

The table is a lazy model (:class:`~sealdesk.ui.models.audit_model.AuditTableModel`) that reads
only what is on screen, so a log of a million entries scrolls like a short one. Every read, the
verification and the proofs run in workers through the job runner; the page only presents.
Verification is recorded in the log as a ``selftest`` event (the GUI's database is writable); it
never needs the token. A failed verification selects the first bad entry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sealdesk.errors import OperationCancelledError, SealDeskError
from sealdesk.fsutil import atomic_write_bytes
from sealdesk.services.audit.browse import AuditBrowser, AuditFilter, EntryDetails
from sealdesk.services.audit.checkpoints import export_latest_checkpoint
from sealdesk.services.audit.export_view import export_view
from sealdesk.services.audit.proofs import ProofOutcome, checked_inclusion_proof
from sealdesk.services.audit.report import AuditReport
from sealdesk.services.audit.verify import record_verification, trust_for, verify_log
from sealdesk.services.progress import CancelFlag
from sealdesk.ui import refcount_guard
from sealdesk.ui.dialogs.proof_dialog import ProofDialog
from sealdesk.ui.failures import inline_failure, present_failure
from sealdesk.ui.models.audit_model import AuditTableModel
from sealdesk.ui.pages.audit.details import entry_text
from sealdesk.ui.pages.audit.filters import AuditFilterBar
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.status_colors import DANGER, OK
from sealdesk.ui.workers import JobFailure

M = AuditTableModel
COLUMN_WIDTHS = {M.INDEX: 64, M.TIME: 142, M.TYPE: 150, M.ACTOR: 96}
SPLIT = (5, 3)
"""Table and details pane widths: the summary column needs the room more than the pane."""


class AuditLogPage(Page):
    title = "Audit log"

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        # This page emits more than any other (a block of rows per scroll step); make sure the
        # PySide6 reference leak on True/None cannot abort the interpreter (see the module).
        refcount_guard.apply()
        self.browser = AuditBrowser(services.ctx.database)
        self.model = AuditTableModel(self.browser, self._submit, self)
        self.proof_dialog: ProofDialog | None = None
        self.last_report: AuditReport | None = None
        self._cancel: CancelFlag | None = None
        self._details_for: int | None = None
        self._select_after_load: int | None = None

        self.verify_button = QPushButton("Verify log")
        self.verify_button.setToolTip("Recompute the hash chain and the Merkle roots and check "
                                      "every signed checkpoint (no token needed)")
        self.proof_button = QPushButton("Show proof…")
        self.proof_button.setToolTip("Inclusion proof of the selected entry against the latest "
                                     "signed checkpoint")
        self.export_button = QPushButton("Export checkpoint…")
        self.export_view_button = QPushButton("E&xport view…")
        self.export_view_button.setToolTip("Save the events shown (filters applied) as CSV or "
                                           "JSON")
        self.raw_button = QPushButton("Show &raw payload")
        self.raw_button.setCheckable(True)
        self.raw_button.setToolTip("Show the entry's hashes and its canonical payload exactly "
                                   "as hashed")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAccessibleName("No matching events")
        self.empty_label.hide()
        self._shown_details: EntryDetails | None = None
        self.last_export: Path | None = None
        self.filters = AuditFilterBar()
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.progress = QProgressBar()
        self.cancel_button = QPushButton("Cancel")
        self.table = self._build_table()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Entry details")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(8.0, fixed.pointSizeF() - 1))
        self.details.setFont(fixed)
        self.details.setPlaceholderText("Select an entry to see its payload and hashes.")
        self.status = QLabel()
        self._layout()
        self._set_verifying(False)
        self.proof_button.setEnabled(False)
        self._connect()
        self.model.reload()

    # --- construction -------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Audit entries")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # summaries lead with the name
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        header = table.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        return table

    def _layout(self) -> None:
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for button in (self.verify_button, self.proof_button, self.export_button,
                       self.export_view_button):
            top.addWidget(button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        raw_row = QHBoxLayout()
        raw_row.addStretch(1)
        raw_row.addWidget(self.raw_button)
        right_layout.addLayout(raw_row)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, SPLIT[0])
        splitter.setStretchFactor(1, SPLIT[1])
        splitter.setSizes([100 * SPLIT[0], 100 * SPLIT[1]])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addLayout(progress_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.filters.changed.connect(self.apply_filter)
        self.model.loading_changed.connect(self._loading)
        self.model.count_changed.connect(self._count_changed)
        self.model.modelReset.connect(self._selection_gone)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.verify_button.clicked.connect(self.verify)
        self.proof_button.clicked.connect(self.show_proof)
        self.export_button.clicked.connect(self.choose_export_target)
        self.export_view_button.clicked.connect(self.choose_view_export_target)
        self.raw_button.toggled.connect(lambda _on: self._render_details())
        self.cancel_button.clicked.connect(self.cancel_verification)
        self.table.doubleClicked.connect(lambda _index: self.show_proof())

    def _submit(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.services.jobs.run(fn, name="Reading the audit log", on_success=done)

    # --- page API -------------------------------------------------------------------------------

    def shown(self) -> None:
        self.model.refresh()

    def shutdown(self) -> None:
        self.cancel_verification()
        self.browser.close()

    def apply_filter(self, flt: AuditFilter) -> None:
        self.model.set_filter(flt)

    def selected_entry(self) -> int | None:
        current = self.table.currentIndex()
        return self.model.entry_at(current.row()) if current.isValid() else None

    def select_entry(self, entry_index: int) -> None:
        """Select and show one entry; clears the filters first if they hide it."""
        row = self.model.row_of_entry(entry_index)
        if row is None:
            self._select_after_load = entry_index
            self.filters.clear()
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- table and details -----------------------------------------------------------------------

    def _loading(self, busy: bool) -> None:
        if busy:
            self.empty_label.hide()
            self.status.setText("Reading the audit log…")

    def _count_changed(self) -> None:
        model = self.model
        self._show_empty_hint()
        if model.filtered:
            more = "" if model.complete else "; more load as you scroll"
            self.status.setText(f"{model.rowCount():,} matching events shown{more} "
                                "(filters run in the database, newest first)")
        else:
            self.status.setText(f"{model.log_size:,} events in the log, newest first")
        if self._select_after_load is not None:
            entry, self._select_after_load = self._select_after_load, None
            if model.row_of_entry(entry) is not None:
                self.select_entry(entry)

    def _show_empty_hint(self) -> None:
        """Say so when nothing matches, instead of an empty grid that looks like a failure."""
        model = self.model
        empty = model.rowCount() == 0 and not model.loading
        if empty and model.filtered:
            self.empty_label.setText("No events match these filters. Widen the period or clear "
                                     "a filter to see more.")
        elif empty:
            self.empty_label.setText("The audit log is empty.")
        self.empty_label.setVisible(empty)

    def _selection_gone(self) -> None:
        """A new filter or reload replaced the rows: what the pane showed is no longer selected."""
        self._details_for = None
        self._shown_details = None
        self.proof_button.setEnabled(False)
        self.details.clear()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry_at(current.row()) if current.isValid() else None
        self._details_for = entry
        self._shown_details = None
        self.proof_button.setEnabled(entry is not None)
        if entry is None:
            self.details.clear()
            return
        self.details.setPlainText(f"Entry {entry}…")
        self.services.jobs.run(lambda: self.browser.entry(entry), name="Reading an entry",
                               on_success=lambda d: self._details_arrived(entry, d))

    def _details_arrived(self, entry: int, details: EntryDetails | None) -> None:
        if entry != self._details_for:
            return
        self._shown_details = details
        if details is None:
            self.details.setPlainText(f"Entry {entry} is not in the database.")
            return
        self._render_details()

    def _render_details(self) -> None:
        """Readable by default; the hashes and canonical payload with "Show raw payload"."""
        if self._shown_details is not None:
            self.details.setPlainText(entry_text(self._shown_details,
                                                 raw=self.raw_button.isChecked()))

    # --- export of the filtered view -------------------------------------------------------------

    def choose_view_export_target(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export the events shown", "audit-events.csv",
            "CSV spreadsheet (*.csv);;JSON with payloads (*.json)")
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".csv", ".json"):
                path = path.with_suffix(".json" if "json" in chosen.lower() else ".csv")
            self.export_view(path)

    def export_view(self, target: Path) -> None:
        """Write the events matching the current filters to ``target`` in a worker."""
        flt, browser = self.model.filter, self.browser
        self.status.setText(f"Exporting to {target}…")
        self.services.jobs.run(
            lambda progress: export_view(browser, flt, target, progress=progress),
            name="Exporting the audit view",
            on_progress=lambda done, _total, _text: self.status.setText(
                f"Exporting to {target}: {done:,} events…"),
            on_success=lambda count: self._exported(target, count),
            on_failure=self._expected_or_report,
        )

    def _exported(self, target: Path, count: int) -> None:
        self.last_export = target
        text = f"Exported {count:,} events to {target}."
        self.status.setText(text)
        self.services.notify(text)

    # --- verification ----------------------------------------------------------------------------

    def verify(self) -> None:
        if self._cancel is not None:
            return
        ctx = self.services.ctx
        cancel = self._cancel = CancelFlag()

        def work(progress: Callable[[int, int, str], None]) -> AuditReport:
            report = verify_log(ctx, progress, cancel)
            try:
                record_verification(ctx, report)
            except SealDeskError:
                report.warnings.append("the outcome could not be recorded in the log "
                                       "(read-only or busy database)")
            return report

        self._set_verifying(True)
        self.banner.hide()
        self.services.jobs.run(work, name="Verifying the audit log",
                               on_success=self._verified, on_failure=self._verify_failed,
                               on_progress=self._verify_progress)

    def cancel_verification(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def _set_verifying(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.verify_button.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
            self.progress.setFormat("Verifying…")

    def _verify_progress(self, done: int, total: int, _item: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"Verifying… {done:,} of {total:,} entries")

    def _verified(self, report: AuditReport) -> None:
        self._cancel = None
        self._set_verifying(False)
        self.last_report = report
        if report.ok:
            text = (f"✔ Audit log verified: {report.entries_checked:,} entries, "
                    f"{report.checkpoints} signed checkpoints, every root and signature "
                    f"intact ({report.seconds:.1f} s).")
        else:
            first = report.first
            assert first is not None
            text = (f"✘ Verification FAILED at entry {first.index} ({first.kind.value}): "
                    f"{first.message}. {len(report.findings)} problem(s) in all; keep the "
                    "database as it is.")
        if report.witnesses:
            text += "\n" + self.tr("Witnessed by {count} custodian co-signature(s): "
                                   "{names}.").format(count=report.witnesses,
                                                      names=", ".join(report.witnessed_by))
        if report.warnings:
            text += "\nNote: " + "\nNote: ".join(report.warnings)
        self._show_banner(text, OK if report.ok else DANGER)
        self.model.refresh()
        if not report.ok and report.first is not None and report.first.index is not None:
            self.select_entry(min(report.first.index, max(report.log_size - 1, 0)))

    def _verify_failed(self, failure: JobFailure) -> None:
        self._cancel = None
        self._set_verifying(False)
        if isinstance(failure.error, OperationCancelledError):
            self._show_banner("Verification cancelled; nothing was concluded.", None)
            return
        present_failure(self, failure)

    def _show_banner(self, text: str, color: str | None) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {color}; font-weight: 600;" if color else "")
        self.banner.show()

    # --- proofs and checkpoints ----------------------------------------------------------------

    def show_proof(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.services.notify("Select an entry first.")
            return
        ctx = self.services.ctx
        self.services.jobs.run(
            lambda: checked_inclusion_proof(ctx.database, entry, trust_for(ctx)),
            name=f"Proving entry {entry}", on_success=self._proof_ready,
            on_failure=self._expected_or_report)

    def _proof_ready(self, outcome: ProofOutcome) -> None:
        self.proof_dialog = ProofDialog(outcome, self.save_file, self)
        self.proof_dialog.open()

    def _expected_or_report(self, failure: JobFailure) -> None:
        self._show_banner(inline_failure(self, failure), None)

    def save_file(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` in a worker, then say so."""
        self.services.jobs.run(lambda: atomic_write_bytes(path, data), name=f"Saving {path}",
                               on_success=lambda _r: self.services.notify(f"Saved {path}"),
                               on_failure=self._expected_or_report)

    def choose_export_target(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export the latest checkpoint",
                                              "audit-checkpoint.json",
                                              "Checkpoint files (*.json);;All files (*)")
        if name:
            self.export_checkpoint(Path(name))

    def export_checkpoint(self, path: Path) -> None:
        ctx = self.services.ctx

        def work() -> int:
            data, checkpoint = export_latest_checkpoint(ctx)
            atomic_write_bytes(path, data)
            return checkpoint.tree_size

        self.services.jobs.run(
            work, name="Exporting the checkpoint",
            on_success=lambda size: self.services.notify(
                f"Checkpoint of {size:,} entries exported to {path}"),
            on_failure=self._expected_or_report)
