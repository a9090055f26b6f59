"""Sealed documents: the archive as the database records it, with each seal's trail and proof.

"Is this file sealed?" is a read action: "Look up a file…" hashes a PDF the auditor was handed
(the original or a sealed copy) and finds its seal here, from the seal's audit entry
(:func:`~sealdesk.services.sealing.known.find_seal`), instead of an Add files that auditor mode
does not offer.

Shown in auditor windows over a database copy (the Documents page is the intake of files to
seal, which an auditor does not do). Everything is read in workers; the validation report is
computed on the stored sealed file under the auditor's own trust anchors and never recorded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.audit.canonical import format_time
from sealdesk.core.validation import DocumentReport, render_html
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import sha256_file
from sealdesk.services.audit.browse import AuditRow
from sealdesk.services.audit.proofs import ProofOutcome, checked_inclusion_proof
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.audit.wording import event_name
from sealdesk.services.encryption.unlock import StoreLockedError, store_is_locked
from sealdesk.services.evidence.archive import (
    SealedRow,
    list_sealed,
    stored_report,
    stored_sealed_bytes,
    trail,
)
from sealdesk.services.sealing.known import KnownSeal, find_seal
from sealdesk.ui.archive_lock import UNLOCK_KEYS
from sealdesk.ui.dialogs.proof_dialog import ProofDialog
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.translations import translate
from sealdesk.ui.widgets.pdf_preview import PdfPreview
from sealdesk.ui.workers import JobFailure

COLUMNS = (
    QT_TRANSLATE_NOOP("sealed_page", "Sealed at (UTC)"),
    QT_TRANSLATE_NOOP("sealed_page", "Document"),
    QT_TRANSLATE_NOOP("sealed_page", "Operator"),
    QT_TRANSLATE_NOOP("sealed_page", "Level"),
    QT_TRANSLATE_NOOP("sealed_page", "Audit entry"),
    QT_TRANSLATE_NOOP("sealed_page", "Sealed SHA-256"),
)


class SealedDocumentsPage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Sealed documents")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.rows: list[SealedRow] = []
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        self.count_label = QLabel(self.tr("Reading…"))
        self.proof_button = QPushButton(self.tr("Show proof…"))
        self.proof_button.setToolTip(
            self.tr("Prove the seal's audit entry against the latest checkpoint")
        )
        self.proof_button.clicked.connect(self.show_proof)
        self.report_button = QPushButton(self.tr("Validation report…"))
        self.report_button.setToolTip(
            self.tr("Validate the stored sealed file now (nothing is recorded)")
        )
        self.report_button.clicked.connect(self.show_report)
        self.lookup_button = QPushButton(self.tr("&Look up a file…"))
        self.lookup_button.setToolTip(
            self.tr(
                "Was this PDF sealed here? (the original or a sealed copy; nothing is recorded)"
            )
        )
        self.lookup_button.clicked.connect(self.choose_lookup)
        self.last_lookup: KnownSeal | None = None
        self.lookup_label = QLabel()
        self.lookup_label.setObjectName("summaryBanner")
        self.lookup_label.setWordWrap(True)
        self.lookup_label.setAccessibleName(self.tr("Look-up result"))
        self.lookup_label.hide()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("sealed_page", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Sealed documents"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName(self.tr("Audit trail of the selected document"))
        bar = QHBoxLayout()
        bar.addWidget(heading)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.lookup_button)
        bar.addWidget(self.proof_button)
        bar.addWidget(self.report_button)
        self.preview = PdfPreview(services.jobs)
        self.preview.show_message(self.tr("Select a sealed document to see the stored sealed "
                                          "file here."))
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.details)
        lower.addWidget(self.preview)
        lower.setSizes([560, 560])
        lower.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([220, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addLayout(bar)
        layout.addWidget(self.lookup_label)
        layout.addWidget(split, 1)
        self._loaded = False
        self._update_actions()

    def shown(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        ctx = self.services.ctx
        self._loaded = True
        self.services.jobs.run(lambda: list_sealed(ctx), name="Reading sealed documents",
                               on_success=self._listed, on_failure=self._failed)

    def _listed(self, rows: list[SealedRow]) -> None:
        self.rows = rows
        self.count_label.setText(self.tr("{count} seal(s)").format(count=len(rows)))
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            values = (format_time(row.sealed_at)[:19].replace("T", " "), row.original_name,
                      row.operator, row.level, str(row.audit_index), row.sealed_sha256)
            for column, value in enumerate(values):
                self.table.setItem(number, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if rows:
            self.table.selectRow(0)
        self._update_actions()

    def current(self) -> SealedRow | None:
        selected = self.table.selectionModel().selectedRows()
        return self.rows[selected[0].row()] if selected else None

    def _update_actions(self) -> None:
        has = self.current() is not None
        self.proof_button.setEnabled(has)
        self.report_button.setEnabled(has)

    def _selected(self) -> None:
        self._update_actions()
        row = self.current()
        if row is None:
            return
        ctx = self.services.ctx
        self._preview(row)
        self.details.setPlainText(self.tr("Reading the audit trail…"))
        self.services.jobs.run(lambda: trail(ctx, row), name="Reading the audit trail",
                               on_success=lambda entries: self._trail(row, entries),
                               on_failure=self._failed)

    def _preview(self, row: SealedRow) -> None:
        """The stored sealed file, read from the copy's store and shown only if its SHA-256 is
        the seal's (a replaced file is refused, not shown under a "sealed" caption)."""
        ctx = self.services.ctx
        if self._locked():
            self.preview.show_message(self.locked_text())
            return
        caption = self.tr("{0} — sealed {1} UTC by {2} ({3}), stored sealed file").format(
            row.original_name, format_time(row.sealed_at)[:19].replace("T", " "),
            row.operator, row.level)
        self.preview.show_loaded(Path("store") / row.sealed_sha256,
                                 lambda: stored_sealed_bytes(ctx, row), caption, sealed=True)

    def _trail(self, row: SealedRow, entries: list[AuditRow]) -> None:
        if row is not self.current():
            return
        lines = [
            f"{row.original_name}",
            self.tr("Original SHA-256: {original_sha256} ({original_size} bytes)").format(
                original_sha256=row.original_sha256, original_size=row.original_size
            ),
            self.tr("Sealed SHA-256:   {sealed_sha256}").format(sealed_sha256=row.sealed_sha256),
            self.tr("Status: {status}").format(status=row.status),
            "",
            self.tr("Audit trail:"),
        ]
        lines += [f"  #{e.index:<8} {format_time(e.time)[:19].replace('T', ' ')}  "
                  f"{event_name(e.event_type):<24} {e.actor}"
                  for e in entries]
        self.details.setPlainText("\n".join(lines))

    def choose_lookup(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Look up a file"), "",
                                              self.tr("PDF documents (*.pdf);;All files (*)"))
        if name:
            self.look_up(Path(name))

    def look_up(self, path: Path) -> None:
        """Hash ``path`` and find its seal in this database (a worker; nothing is written)."""
        ctx = self.services.ctx
        self.details.setPlainText(self.tr("Looking up {name}…").format(name=path.name))
        self.services.jobs.run(lambda: find_seal(ctx, sha256_file(path)),
                               name=f"Looking up {path.name}",
                               on_success=lambda known: self._looked_up(path, known),
                               on_failure=self._failed)

    def _looked_up(self, path: Path, known: KnownSeal | None) -> None:
        self.last_lookup = known
        self.lookup_label.show()
        if known is None:
            self.lookup_label.setText(
                self.tr(
                    "{name} was not sealed in this database: neither "
                    "an original nor a sealed copy has its SHA-256."
                ).format(name=path.name)
            )
            return
        for number, row in enumerate(self.rows):
            if row.audit_index == known.audit_index:
                self.table.selectRow(number)  # shows its trail below
                break
        role = self.tr("the sealed copy of") if known.is_sealed_copy else self.tr("the original of")
        text = self.tr(
            "{name} is {role} {name2}, sealed {sealed_at:%Y-%m-%d %H:%M} "
            "UTC (audit entry {audit_index})."
        ).format(
            name=path.name,
            role=role,
            name2=known.name,
            sealed_at=known.sealed_at,
            audit_index=known.audit_index,
        )
        self.lookup_label.setText(text)
        self.services.notify(text)

    def show_proof(self) -> None:
        row = self.current()
        if row is None:
            return
        ctx = self.services.ctx
        self.services.jobs.run(
            lambda: checked_inclusion_proof(ctx.database, row.audit_index, trust_for(ctx)),
            name="Building the proof", on_success=self._proof, on_failure=self._failed)

    def _proof(self, outcome: ProofOutcome) -> None:
        self.proof_dialog = ProofDialog(outcome, lambda path, data: path.write_bytes(data), self)
        self.proof_dialog.show()

    def show_report(self) -> None:
        row = self.current()
        if row is None:
            return
        ctx = self.services.ctx
        self.services.jobs.run(lambda: stored_report(ctx, row), name="Validating",
                               on_success=self._report, on_failure=self._failed)

    def _report(self, report: DocumentReport) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Validation report"))
        dialog.resize(820, 640)
        browser = QTextBrowser()
        browser.setHtml(render_html([report], "Validation report"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(browser)
        self.report_dialog = dialog
        dialog.show()

    def _locked(self) -> bool:
        try:
            return store_is_locked(self.services.ctx)
        except SealDeskError:
            return True  # a damaged recipients file: reading would fail the same way

    def locked_text(self) -> str:
        """Why no document is shown: calm, since hashes and verdicts need no token."""
        return self.tr("This copy's documents are encrypted: open them with your token "
                       "(Keys > Unlock document archive…, {keys}) — hashes and verdicts are "
                       "shown without it.").format(
            keys=UNLOCK_KEYS.toString(QKeySequence.SequenceFormat.NativeText))

    def archive_unlocked(self) -> None:
        """The archive was opened (the window calls this): show the selected document now."""
        row = self.current()
        if row is not None:
            self._preview(row)

    def _failed(self, failure: JobFailure) -> None:
        """Shown beside the table; a bug also gets the error dialog (it used to be swallowed).
        An encrypted copy without its token is no failure: a calm note says how to open it."""
        if isinstance(failure.error, StoreLockedError):
            text = self.locked_text()
            self.services.notify(text)
            self.details.setPlainText(text)
            return
        text = inline_failure(self, failure)
        self.services.notify(text.splitlines()[0])
        self.details.setPlainText(text)
