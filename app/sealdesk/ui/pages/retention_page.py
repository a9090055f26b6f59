"""The Retention page: what falls due, and deletion proposed to the custodians.

Lists the sealed documents whose retention has ended (or ends within the period chosen), with
their class, the date, and any legal hold that keeps them, as the audit log and the signing
policy prove them (:func:`sealdesk.services.retention.due_documents`). *Propose deletion…* asks
for a reason and records a ``delete_under_retention`` proposal for the selected due, unheld
documents; a custodian approves it on the Keys & certificates page (or ``sealdesk rotation
approve``), and *Execute approved deletion…* carries it out (``sealdesk retention execute``).
Held documents are shown and cannot be selected for deletion. Strings go through ``self.tr``.

Proposing and executing are signed acts (:mod:`sealdesk.ui.signed_acts`): each commits with a
checkpoint the audit key signs, so its job asks the console token's PIN
(:attr:`RetentionPage.pin_provider`) once, after the act's own checks passed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sealdesk.services import retention
from sealdesk.services.retention import DocumentStatus
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.failures import present_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.keys.support import ask_signing_pin
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.workers import TOKEN, JobFailure

AnyIndex = QModelIndex | QPersistentModelIndex


class DueModel(QAbstractTableModel):
    """Documents falling due, earliest first; a held one is greyed and cannot be selected."""

    NAME, CLASS, DUE, STATE, HOLD = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentStatus] = []
        self.headers = (self.tr("Document"), self.tr("Class"), self.tr("Retention ends"),
                        self.tr("State"), self.tr("Legal hold"))
        self.states = {"due": self.tr("Due for deletion"), "held": self.tr("Kept: legal hold"),
                       "kept": self.tr("Not yet due"), "waiting": self.tr("Clock not started")}

    def set_rows(self, rows: list[DocumentStatus]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.isValid() and self.rows[index.row()].state == "due" \
                and not self.rows[index.row()].proposal:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.HOLD and row.holds:
                return "\n".join(self.tr("{case}: {reason} (by {who}, event {n})").format(
                    case=h.case, reason=h.reason, who=h.placed_by, n=h.placed_entry)
                    for h in row.holds)
            return self.tr("Original SHA-256: {sha}").format(sha=row.document_sha256)
        if role == Qt.ItemDataRole.ForegroundRole and row.state == "held":
            return QColor("#8a5a00")
        return None

    def _display(self, row: DocumentStatus, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.CLASS:
            return row.class_name
        if column == self.DUE:
            return f"{row.due:%Y-%m-%d}" if row.due else ""
        if column == self.STATE:
            if row.proposal and row.state == "due":
                return self.tr("Proposed ({pid})").format(pid=row.proposal)
            return self.states.get(row.state, row.state)
        return ", ".join(h.case for h in row.holds)


class RetentionPage(Page):
    title = "Retention"

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.pin_provider: PinProvider = ask_signing_pin
        """Asks the console token's PIN for each proposal or execution (signed acts)."""
        self.heading = QLabel(self.tr("Documents whose retention has ended"))
        self.heading.setObjectName("pageHeading")
        self.classes = QLabel()
        self.classes.setWordWrap(True)
        self.within = QComboBox()
        self.within.setAccessibleName(self.tr("Show documents due within"))
        for label, days in ((self.tr("Due now"), 0), (self.tr("Due within 30 days"), 30),
                            (self.tr("Due within 90 days"), 90),
                            (self.tr("Due within a year"), 365)):
            self.within.addItem(label, days)
        self.within.currentIndexChanged.connect(self.refresh)
        self.model = DueModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Documents falling due"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DueModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (DueModel.CLASS, DueModel.DUE, DueModel.STATE, DueModel.HOLD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr("Nothing falls due."))
        self.empty.setObjectName("emptyHint")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.propose_button = QPushButton(self.tr("Propose deletion…"))
        self.propose_button.setToolTip(self.tr(
            "Record a deletion proposal for the selected due documents; a custodian approves "
            "it before anything is deleted"))
        self.execute_button = QPushButton(self.tr("Execute approved deletion…"))
        self.execute_button.setToolTip(self.tr(
            "Carry out a deletion proposal the custodians approved: the stored content is "
            "removed; the seal's hashes and the audit events remain"))
        self.refresh_button.clicked.connect(self.refresh)
        self.propose_button.clicked.connect(self.ask_propose)
        self.execute_button.clicked.connect(self.ask_execute)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setObjectName("summaryBanner")
        self.result.hide()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.within)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.execute_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.classes)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._update_buttons()

    def shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read what falls due (and the classes) from the log, in a worker."""
        days = int(self.within.currentData() or 0)
        ctx = self.services.ctx

        def read() -> tuple[list[DocumentStatus], str]:
            rules, version = retention.retention_rules(ctx)
            found = retention.due_documents(ctx, within=dt.timedelta(days=days))
            return found, self._describe_classes(rules, version)

        self.services.jobs.run(read, name="retention due", on_success=self._loaded,
                               on_failure=self._failed)

    def _describe_classes(self, rules: Any, version: int | None) -> str:
        if not rules:
            return self.tr("The signing policy in force has no retention classes; custodians "
                           "adopt them with 'sealdesk retention propose-classes'.")
        names = "; ".join(c.describe() for c in rules.classes)
        return self.tr("Classes of signing policy v{v} (default {d}): {names}").format(
            v=version, d=rules.default or self.tr("none"), names=names)

    def _loaded(self, found: tuple[list[DocumentStatus], str]) -> None:
        rows, classes = found
        self.model.set_rows(rows)
        self.classes.setText(classes)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> list[DocumentStatus]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.rows[r] for r in sorted(rows)
                if self.model.rows[r].state == "due" and not self.model.rows[r].proposal]

    def _update_buttons(self) -> None:
        writable = not self.services.read_only
        self.propose_button.setEnabled(writable and bool(self.selected()))
        self.execute_button.setEnabled(writable)

    def ask_propose(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("Propose deletion"),
            self.tr("Why may these {n} document(s) be deleted? The approving custodians read "
                    "this.").format(n=len(chosen)))
        if ok and reason.strip():
            self.propose([s.document_sha256 for s in chosen], reason.strip())

    def _signed(self, what: str, work: Any) -> Any:
        """``work`` as a signed act: the PIN is asked in the job, after the act's checks."""
        return signed_act(self.services.jobs, self.services.ctx, lambda: self.pin_provider,
                          self, signing_reason(what), work)

    def propose(self, shas: list[str], reason: str) -> None:
        ctx = self.services.ctx
        work = self._signed(self.tr("Recording this deletion proposal"),
                            lambda: retention.propose_deletion(ctx, shas, reason=reason))
        self.services.jobs.run(work, name="propose deletion", key=TOKEN,
                               on_success=self._proposed, on_failure=self._failed)

    def _proposed(self, view: Any) -> None:
        pid = view.proposal_id
        self._show(self.tr("Deletion proposal {pid} recorded. A custodian approves it on the "
                           "Keys & certificates page (or 'sealdesk rotation approve {pid}'); "
                           "then use “Execute approved deletion…”.").format(pid=pid))
        self.refresh()

    def ask_execute(self) -> None:
        pid, ok = QInputDialog.getText(self, self.tr("Execute approved deletion"),
                                       self.tr("Proposal id (16 hex digits):"))
        if ok and pid.strip():
            self.execute(pid.strip())

    def execute(self, pid: str) -> None:
        ctx = self.services.ctx
        work = self._signed(self.tr("Executing deletion proposal {pid}").format(pid=pid),
                            lambda: retention.execute_deletion(ctx, pid))
        self.services.jobs.run(work, name="execute deletion", key=TOKEN,
                               on_success=self._executed, on_failure=self._failed)

    def _executed(self, result: Any) -> None:
        self._show(self.tr("{n} document(s) deleted under retention; {f} stored file(s) "
                           "removed. The seals' hashes and the audit events remain.").format(
            n=len(result.deleted), f=result.removed_files))
        self.refresh()

    def _show(self, text: str) -> None:
        self.result.setText(text)
        self.result.show()

    def _failed(self, failure: JobFailure) -> None:
        present_failure(self, failure, title=self.tr("Retention"))
