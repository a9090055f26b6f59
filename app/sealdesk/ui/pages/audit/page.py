"""The Audit log page: browse and filter every recorded act, verify the log, prove an entry.

The table is a lazy model (:class:`~sealdesk.ui.models.audit_model.AuditTableModel`) that reads
only what is on screen, so a log of a million entries scrolls like a short one. Every read, the
verification and the proofs run in workers through the job runner; the page only presents.
Verification is recorded in the log as a ``selftest`` event (the GUI's database is writable); it
never needs the token. A failed verification selects the first bad entry.

After a verification every row's Check column says whether that entry is verified, intact but not
yet signed, not verified (and why, in plain words) or not yet checked, and "Show only problems"
narrows the table to the entries a finding names. The anchor panel shows the newest anchored
checkpoint and warns when anchoring falls behind. Every action is in the window's Audit menu
with a shortcut; none writes anything but files the person chooses, so auditor mode keeps them.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from sealdesk.services.audit.anchor_status import AnchorStatus, anchor_status
from sealdesk.services.audit.browse import AuditBrowser, AuditFilter, EntryDetails
from sealdesk.services.audit.checkpoints import export_latest_checkpoint
from sealdesk.services.audit.entry_verdicts import EntryState, EntryVerdicts, entry_verdicts
from sealdesk.services.audit.export_view import export_view
from sealdesk.services.audit.proofs import (
    ConsistencyOutcome,
    ProofOutcome,
    checked_consistency,
    checked_inclusion_proof,
    read_checkpoint_file,
)
from sealdesk.services.audit.report import AuditReport
from sealdesk.services.audit.verify import record_verification, trust_for, verify_log
from sealdesk.services.progress import CancelFlag
from sealdesk.ui import refcount_guard
from sealdesk.ui.dialogs.consistency_dialog import ConsistencyDialog
from sealdesk.ui.dialogs.file_choice import FileChoice
from sealdesk.ui.dialogs.proof_dialog import ProofDialog
from sealdesk.ui.failures import failure_text, inline_failure, present_failure
from sealdesk.ui.models.audit_model import AuditTableModel
from sealdesk.ui.models.audit_words import finding_text, state_words, verdict_reason
from sealdesk.ui.pages.audit.anchor_panel import AnchorPanel
from sealdesk.ui.pages.audit.details import entry_text
from sealdesk.ui.pages.audit.filters import AuditFilterBar
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.status_colors import DANGER, OK
from sealdesk.ui.workers import JobFailure

M = AuditTableModel
COLUMN_WIDTHS = {M.INDEX: 56, M.CHECK: 160, M.TIME: 142, M.TYPE: 150, M.ACTOR: 96}
SPLIT = (5, 3)
"""Table and details pane widths: the summary column needs the room more than the pane."""
SHORTCUTS = {
    "verify": "Ctrl+Shift+L", "problems": "Ctrl+Shift+P", "proof": "Ctrl+Shift+I",
    "consistency": "Ctrl+Shift+K", "export_checkpoint": "Ctrl+Shift+E",
    "export_view": "Ctrl+Shift+X", "raw": "Ctrl+Shift+U",
}
"""Scoped to the page, as on the Keys and Roles pages: the Keys page uses the same keys for its
own actions, and Qt drops a shortcut bound twice in one scope (neither would fire). From another
page, the Audit menu runs them (each brings the Audit page forward first)."""
FINDINGS_IN_BANNER = 4


class AuditLogPage(Page):
    title = "Audit log"
    menu_title = QT_TRANSLATE_NOOP("Pages", "&Audit")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        # This page emits more than any other (a block of rows per scroll step); make sure the
        # PySide6 reference leak on True/None cannot abort the interpreter (see the module).
        refcount_guard.apply()
        self.browser = AuditBrowser(services.ctx.database)
        self.model = AuditTableModel(self.browser, self._submit, self)
        self.proof_dialog: ProofDialog | None = None
        self.consistency_dialog: ConsistencyDialog | None = None
        self.last_report: AuditReport | None = None
        self.verdicts: EntryVerdicts | None = None
        self._cancel: CancelFlag | None = None
        self._details_for: int | None = None
        self._select_after_load: int | None = None
        self._shown_details: EntryDetails | None = None
        self.last_export: Path | None = None
        self.files: FileChoice = FileChoice()
        """Open/save dialogs for the new actions (a test scripts them)."""

        self.actions_by_name = self._build_actions()
        self.verify_button = self._action_button("verify", self.tr("Verify log"))
        self.proof_button = self._action_button("proof", self.tr("Show proof…"))
        self.consistency_button = self._action_button("consistency",
                                                      self.tr("Check against file…"))
        self.export_button = self._action_button("export_checkpoint",
                                                 self.tr("Export checkpoint…"))
        self.export_view_button = self._action_button("export_view", self.tr("Export view…"))
        self.raw_button = QPushButton(self.tr("Show &raw payload"))
        self.raw_button.setCheckable(True)
        self.raw_button.setToolTip(self.tr("Show the entry's hashes and its canonical payload "
                                           "exactly as hashed ({0})").format(SHORTCUTS["raw"]))
        self.problems_box = QCheckBox(self.tr("Show only &problems"))
        self.problems_box.setAccessibleName(self.tr("Show only problems"))
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAccessibleName(self.tr("No matching events"))
        self.empty_label.hide()
        self.filters = AuditFilterBar()
        self.anchor_panel = AnchorPanel()
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setAccessibleName(self.tr("Verification result"))
        self.banner.hide()
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.setToolTip(self.tr("Stop the verification (Esc); nothing is "
                                              "concluded"))
        self.table = self._build_table()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Entry details"))
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(8.0, fixed.pointSizeF() - 1))
        self.details.setFont(fixed)
        self.details.setPlaceholderText(self.tr("Select an entry to see its payload and "
                                                "hashes."))
        self.status = QLabel()
        self._layout()
        self._set_verifying(False)
        self._entry_actions_enabled(False)
        self._problems_enabled()
        self._connect()
        self.model.reload()

    # --- construction -------------------------------------------------------------------------

    def _build_actions(self) -> dict[str, QAction]:
        """The Audit menu: every action with a shortcut and a tooltip (see :data:`SHORTCUTS`)."""
        specs = {
            "verify": (self.tr("&Verify log"), self.tr(
                "Recompute the hash chain and the Merkle roots and check every signed "
                "checkpoint and anchor (no token needed)"), self.verify),
            "problems": (self.tr("Show only &problems"), "", self._toggle_problems),
            "proof": (self.tr("Show inclusion p&roof…"), "", self.show_proof),
            "consistency": (self.tr("Check against a checkpoint &file…"), self.tr(
                "Pick a checkpoint file exported earlier: does the log still begin with the "
                "history it signed? (catches a rollback or a rewrite)"),
                self.choose_consistency_file),
            "export_checkpoint": (self.tr("&Export latest checkpoint…"), self.tr(
                "Save the latest signed checkpoint, to check this log against later"),
                self.choose_export_target),
            "export_view": (self.tr("Export &view…"), self.tr(
                "Save the events shown (filters applied) as CSV or JSON"),
                self.choose_view_export_target),
            "raw": (self.tr("Show raw pa&yload"), self.tr(
                "Show the entry's hashes and canonical payload"), self._toggle_raw),
        }
        actions: dict[str, QAction] = {}
        for name, (text, tip, slot) in specs.items():
            action = QAction(text, self)
            action.setShortcut(QKeySequence(SHORTCUTS[name]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, slot=slot: self._from_menu(slot))
            actions[name] = action
        return actions

    def _from_menu(self, slot: Callable[[], None]) -> None:
        """The Audit menu works from every page: bring this one forward, then act."""
        self.services.show_page("audit")
        slot()

    def _action_button(self, name: str, text: str) -> QPushButton:
        """A button that triggers the action and follows its enabled state and tooltip."""
        action = self.actions_by_name[name]
        button = QPushButton(text)
        button.setAccessibleName(text.replace("…", ""))

        def follow() -> None:
            button.setEnabled(action.isEnabled())
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{action.toolTip()} ({keys})" if keys else action.toolTip())

        action.changed.connect(follow)
        button.clicked.connect(lambda: action.trigger())
        follow()
        return button

    def menu_actions(self) -> list[QAction | None]:
        a = self.actions_by_name
        return [a["verify"], a["problems"], None, a["proof"], a["consistency"],
                a["export_checkpoint"], None, a["export_view"], a["raw"]]

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName(self.tr("Audit entries"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
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
        heading = QLabel(self.tr("Audit log"))
        heading.setObjectName("pageHeading")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.verify_button)
        top.addWidget(self.problems_box)
        top.addStretch(1)
        for button in (self.proof_button, self.consistency_button, self.export_button):
            top.addWidget(button)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.export_view_button)
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
        layout.addWidget(self.anchor_panel)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addLayout(progress_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(status_row)
        # Tab order follows reading order: actions, filters, the table, then the details.
        bar = self.filters
        chain = [self.verify_button, self.problems_box, self.proof_button,
                 self.consistency_button, self.export_button, bar.type_box, bar.since,
                 bar.until, bar.actor, bar.document, bar.search, bar.clear_button, self.table,
                 self.details, self.raw_button, self.export_view_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.filters.changed.connect(self.apply_filter)
        self.model.loading_changed.connect(self._loading)
        self.model.count_changed.connect(self._count_changed)
        self.model.modelReset.connect(self._selection_gone)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.raw_button.toggled.connect(lambda _on: self._render_details())
        self.problems_box.toggled.connect(self._problems_toggled)
        self.cancel_button.clicked.connect(self.cancel_verification)
        self.table.doubleClicked.connect(lambda _index: self.show_proof())

    def _submit(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.services.jobs.run(fn, name="Reading the audit log", on_success=done)

    # --- page API -------------------------------------------------------------------------------

    def shown(self) -> None:
        self.model.refresh()
        self.refresh_anchor_status()

    def shutdown(self) -> None:
        self.cancel_verification()
        self.browser.close()

    def apply_filter(self, flt: AuditFilter) -> None:
        """The filter bar's filter, narrowed to the problems when that box is ticked."""
        if self.problems_box.isChecked() and self.verdicts is not None:
            flt = dataclasses.replace(flt, entries=self.verdicts.problem_ranges)
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
            self.status.setText(self.tr("Reading the audit log…"))

    def _count_changed(self) -> None:
        model = self.model
        self._show_empty_hint()
        if model.filtered:
            self.status.setText((self.tr(
                "{count} matching events shown (filters run in the database, newest first)")
                if model.complete else self.tr(
                "{count} matching events shown; more load as you scroll (filters run in the "
                "database, newest first)")).format(count=f"{model.rowCount():,}"))
        else:
            self.status.setText(self.tr("{count} events in the log, newest first").format(
                count=f"{model.log_size:,}"))
        if self._select_after_load is not None:
            entry, self._select_after_load = self._select_after_load, None
            if model.row_of_entry(entry) is not None:
                self.select_entry(entry)

    def _show_empty_hint(self) -> None:
        """Say so when nothing matches, instead of an empty grid that looks like a failure."""
        model = self.model
        empty = model.rowCount() == 0 and not model.loading
        if empty and self.showing_problems and not self.filters.current().is_empty:
            self.empty_label.setText(self.tr("No problems match these filters."))
        elif empty and self.showing_problems:
            self.empty_label.setText(self.tr("No problems: every entry that was checked is "
                                             "verified or intact."))
        elif empty and model.filtered:
            self.empty_label.setText(self.tr("No events match these filters. Widen the period "
                                             "or clear a filter to see more."))
        elif empty:
            self.empty_label.setText(self.tr("The audit log is empty."))
        self.empty_label.setVisible(empty)

    def _selection_gone(self) -> None:
        """A new filter or reload replaced the rows: what the pane showed is no longer selected."""
        self._details_for = None
        self._shown_details = None
        self._entry_actions_enabled(False)
        self.details.clear()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry_at(current.row()) if current.isValid() else None
        self._details_for = entry
        self._shown_details = None
        self._entry_actions_enabled(entry is not None)
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
            text = entry_text(self._shown_details, raw=self.raw_button.isChecked())
            line = self._verdict_line(self._shown_details.row.index)
            self.details.setPlainText(f"{line}\n\n{text}" if line else text)

    def _verdict_line(self, entry: int) -> str:
        """The entry's state after the last verification, with the reason in plain words
        ("" before any: the Check column says "Not yet checked")."""
        verdicts = self.verdicts
        if verdicts is None:
            return ""
        verdict = verdicts.verdict(entry)
        return self.tr("Check: {0}. {1}").format(state_words(verdict.state),
                                                  verdict_reason(verdict))

    def _entry_actions_enabled(self, selected: bool) -> None:
        """Proof and raw payload need an entry; the tooltip says so while there is none."""
        proof, raw = self.actions_by_name["proof"], self.actions_by_name["raw"]
        proof.setEnabled(selected)
        proof.setToolTip(self.tr(
            "Inclusion proof of the selected entry against the latest signed checkpoint")
            if selected else self.tr("Select an entry first: a proof is for one entry."))
        raw.setEnabled(True)

    def _toggle_raw(self) -> None:
        self.raw_button.toggle()

    # --- export of the filtered view -------------------------------------------------------------

    def choose_view_export_target(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the events shown"), "audit-events.csv",
            self.tr("CSV spreadsheet (*.csv);;JSON with payloads (*.json)"))
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".csv", ".json"):
                path = path.with_suffix(".json" if "json" in chosen.lower() else ".csv")
            self.export_view(path)

    def export_view(self, target: Path) -> None:
        """Write the events matching the current filters to ``target`` in a worker."""
        flt, browser = self.model.filter, self.browser
        self.status.setText(self.tr("Exporting to {target}…").format(target=target))
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

        def work(progress: Callable[[int, int, str], None]
                 ) -> tuple[AuditReport, EntryVerdicts]:
            report = verify_log(ctx, progress, cancel)
            try:
                record_verification(ctx, report)
            except SealDeskError:
                report.warnings.append("the outcome could not be recorded in the log "
                                       "(read-only or busy database)")
            return report, entry_verdicts(report)

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
        verify = self.actions_by_name["verify"]
        verify.setEnabled(not running)
        verify.setToolTip(self.tr("A verification is running: wait for it or cancel it (Esc).")
                          if running else self.tr(
            "Recompute the hash chain and the Merkle roots and check every signed checkpoint "
            "and anchor (no token needed)"))
        if running:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Verifying…"))

    def _verify_progress(self, done: int, total: int, _item: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Verifying… {0} of {1} entries").format(
            f"{done:,}", f"{total:,}"))

    def _verified(self, outcome: tuple[AuditReport, EntryVerdicts]) -> None:
        report, verdicts = outcome
        self._cancel = None
        self._set_verifying(False)
        self.last_report = report
        self.verdicts = verdicts
        self.model.set_verdicts(verdicts)
        self._problems_enabled()
        self._show_banner(self._report_text(report, verdicts), OK if report.ok else DANGER)
        if self.problems_box.isChecked():
            self.apply_filter(self.filters.current())
        self.model.refresh()
        self.refresh_anchor_status()
        self._render_details()
        if not report.ok and report.first is not None and report.first.index is not None:
            self.select_entry(min(report.first.index, max(report.log_size - 1, 0)))

    def _report_text(self, report: AuditReport, verdicts: EntryVerdicts) -> str:
        if report.ok:
            text = self.tr(
                "✔ Audit log verified: {0} entries, {1} signed checkpoints, every root and "
                "signature intact ({2} s). Entries up to {3} are covered by a signed checkpoint."
            ).format(f"{report.entries_checked:,}", report.checkpoints,
                     f"{report.seconds:.1f}", f"{verdicts.signed_size:,}")
        else:
            findings = report.sorted_findings()
            lines = [self.tr(
                "✘ Verification FAILED: {0} problem(s), {1} entries named as not verified. "
                "Keep the database as it is; tick “Show only problems” to list them."
            ).format(len(findings), f"{verdicts.problem_entries:,}")]
            lines += [finding_text(f) for f in findings[:FINDINGS_IN_BANNER]]
            if len(findings) > FINDINGS_IN_BANNER:
                lines.append(self.tr("… and {0} more.").format(
                    len(findings) - FINDINGS_IN_BANNER))
            if verdicts.broken_at is not None:
                lines.append(self.tr(
                    "Entries after entry {0} cannot be proven until that break is resolved."
                ).format(verdicts.broken_at))
            text = "\n".join(lines)
        if report.witnesses:
            text += "\n" + self.tr("Witnessed by {count} custodian co-signature(s): "
                                   "{names}.").format(count=report.witnesses,
                                                      names=", ".join(report.witnessed_by))
        if report.warnings:
            text += "\n" + "\n".join(self.tr("Note: {0}").format(w) for w in report.warnings)
        return text

    # --- show only problems ---------------------------------------------------------------------

    def _problems_enabled(self) -> None:
        """Problems are known only after a verification: until then the filter says why not."""
        action = self.actions_by_name["problems"]
        known = self.verdicts is not None
        for item in (action, self.problems_box):
            item.setEnabled(known)
        action.setCheckable(True)
        tip = (self.tr("Show only the entries a finding names") if known else
               self.tr("Available after Verify log: problems are known only once the log has "
                       "been checked."))
        action.setToolTip(tip)
        self.problems_box.setToolTip(f"{tip} ({SHORTCUTS['problems']})")

    def _toggle_problems(self) -> None:
        if self.problems_box.isEnabled():
            self.problems_box.toggle()

    def _problems_toggled(self, on: bool) -> None:
        self.actions_by_name["problems"].setChecked(on)
        self.apply_filter(self.filters.current())

    @property
    def showing_problems(self) -> bool:
        return self.problems_box.isChecked() and self.verdicts is not None

    def rows_not_verified(self) -> list[int]:
        """Entries shown whose Check column says "Not verified" (loaded rows only)."""
        found = []
        for row in range(self.model.rowCount()):
            verdict = self.model.verdict_at(row)
            if verdict is not None and verdict.state is EntryState.NOT_VERIFIED:
                found.append(verdict.index)
        return found

    # --- anchors --------------------------------------------------------------------------------

    def refresh_anchor_status(self) -> None:
        ctx = self.services.ctx
        self.services.jobs.run(lambda: anchor_status(ctx), name="Reading the anchor status",
                               on_success=self._anchor_status_arrived,
                               on_failure=self._anchor_status_failed)

    def _anchor_status_arrived(self, status: AnchorStatus) -> None:
        self.anchor_panel.show_status(status)

    def _anchor_status_failed(self, failure: JobFailure) -> None:
        self.anchor_panel.show_failure(failure_text(failure))

    def _verify_failed(self, failure: JobFailure) -> None:
        self._cancel = None
        self._set_verifying(False)
        if isinstance(failure.error, OperationCancelledError):
            self._show_banner(self.tr("Verification cancelled; nothing was concluded."),
                              None)
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
            self.services.notify(self.tr("Select an entry first: a proof is for one entry."))
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
        self.services.jobs.run(lambda: atomic_write_bytes(path, data),
                               name=self.tr("Saving {path}").format(path=path),
                               on_success=lambda _r: self.services.notify(
                                   self.tr("Saved {path}").format(path=path)),
                               on_failure=self._expected_or_report)

    def choose_export_target(self) -> None:
        path = self.files.save(self, self.tr("Export the latest checkpoint"),
                               "audit-checkpoint.json",
                               self.tr("Checkpoint files (*.json);;All files (*)"))
        if path is not None:
            self.export_checkpoint(path)

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

    # --- consistency against a checkpoint file --------------------------------------------------

    def choose_consistency_file(self) -> None:
        path = self.files.open(self, self.tr("Check the log against a checkpoint file"),
                               self.tr("Checkpoint files (*.json);;All files (*)"))
        if path is not None:
            self.check_consistency(path)

    def check_consistency(self, path: Path) -> None:
        """Load ``path`` and check the stored log against it, in a worker."""
        ctx = self.services.ctx

        def work() -> ConsistencyOutcome:
            return checked_consistency(ctx.database, read_checkpoint_file(path), trust_for(ctx))

        self.services.jobs.run(work, name="Checking against a checkpoint file",
                               on_success=lambda outcome: self._consistency_ready(path, outcome),
                               on_failure=self._expected_or_report)

    def _consistency_ready(self, path: Path, outcome: ConsistencyOutcome) -> None:
        self.consistency_dialog = ConsistencyDialog(outcome, path, self.save_file, self)
        self.consistency_dialog.open()

