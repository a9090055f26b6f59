"""The Evidence page: export a signed bundle for chosen sealed documents; check any bundle.

Why a page of its own rather than more buttons on the Audit log: an auditor thinks in documents
("give me the evidence for these contracts") and in files handed over ("is this bundle genuine?"),
not in log entries. The list here is the sealed documents; the Audit log keeps what concerns
entries (verification, inclusion and consistency proofs).

Export signs the bundle with the audit key (PIN asked after the token was found, work in a worker
with progress; the service refuses for someone without the auditor role) and records the export,
so it is a write action that auditor mode locks. Checking a bundle needs no database and no
token; it stays available in auditor mode. It uses this console's trust anchors as the seal
roots and the audit certificate the person chose (or none: the verdict then says "not
anchored").

**Encrypt for recipient…** chooses the certificates exported bundles are encrypted to (CMS
EnvelopedData, ``NAME.zip.p7m``, opened by the recipient with ``openssl cms -decrypt``); the
choice stays for the page's later exports and is shown under the introduction, so nobody
exports encrypted or unencrypted without seeing which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.audit.canonical import format_time
from sealdesk.core.evidence import BundleVerdict, DocumentVerdict, verify_bundle
from sealdesk.core.evidence.encrypt_bundle import ENCRYPTED_SUFFIX, Recipient
from sealdesk.core.token.identity import TokenInfo
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.services.evidence.archive import SealedRow, list_sealed
from sealdesk.services.evidence.documents import read_document
from sealdesk.services.evidence.export import ExportResult, export_bundle
from sealdesk.services.evidence.select import Selection
from sealdesk.ui.dialogs.file_choice import FileChoice
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest, ask_pin
from sealdesk.ui.failures import failure_text, inline_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.evidence.period_dialog import Period, ask_period
from sealdesk.ui.pages.evidence.recipients_dialog import ask_recipients
from sealdesk.ui.pages.evidence.verdict_output import ask_printer, print_verdict, write_report_pair
from sealdesk.ui.pages.evidence.verdict_view import VerdictView
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.widgets.pdf_preview import PdfPreview
from sealdesk.ui.workers import TOKEN, JobFailure

SHORTCUTS = {"export": "Ctrl+Shift+B", "period": "Ctrl+Shift+M", "check": "Ctrl+Shift+O",
             "certificate": "Ctrl+Shift+T", "report": "Ctrl+Shift+J", "print": "Ctrl+Alt+P",
             "encrypt": "Ctrl+Shift+Y"}
"""Window-wide (they are in the Evidence menu); each brings the page forward first."""
SHA_COLUMN = 4


class EvidencePage(Page):
    title = "Evidence"
    menu_title = QT_TRANSLATE_NOOP("Pages", "E&vidence")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.pin_provider: PinProvider = ask_pin
        self.files: FileChoice = FileChoice()
        self.period_provider: Callable[[QWidget | None], Period | None] = ask_period
        self.recipients_provider: Callable[
            [QWidget | None, list[Recipient], FileChoice], list[Recipient] | None
        ] = ask_recipients
        self.recipients: list[Recipient] = []
        self.rows: list[SealedRow] = []
        self.trusted_cert: bytes | None = None
        self.trusted_cert_name = ""
        self.last_export: ExportResult | None = None
        self.checked_path: Path | None = None
        self.printer_provider: Callable[[QWidget | None], QPrinter | None] = ask_printer
        self.last_report: tuple[Path, Path] | None = None
        self.last_print: str | None = None
        self._busy = False
        self.export_action = self._action(self.tr("&Export bundle for the selected "
                                                  "documents…"), "export", self.choose_export)
        self.period_action = self._action(self.tr("Export bundle for a &period…"), "period",
                                          self.choose_period_export)
        self.check_action = self._action(self.tr("&Check a bundle…"), "check",
                                          self.choose_bundle)
        self.check_action.setToolTip(self.tr(
            "Open an evidence bundle (.zip) and check it offline: signatures, hashes, proofs "
            "and seals (no token needed)"))
        self.cert_action = self._action(self.tr("Trusted &audit certificate…"), "certificate",
                                        self.choose_certificate)
        self.cert_action.setToolTip(self.tr(
            "The audit certificate you obtained out of band; bundles are then checked against "
            "it instead of the one they carry"))
        self.encrypt_action = self._action(self.tr("E&ncrypt for recipient…"), "encrypt",
                                           self.choose_recipients)
        self.encrypt_action.setToolTip(self.tr(
            "Encrypt exported bundles for an auditor's certificate, so that only they can open "
            "them (with openssl cms -decrypt)"))
        self.report_action = self._action(self.tr("E&xport verdict…"), "report",
                                          self.choose_report)
        self.print_action = self._action(self.tr("&Print verdict…"), "print", self.choose_print)
        self.export_button = self._button(self.export_action, self.tr("Export bundle…"))
        self.period_button = self._button(self.period_action, self.tr("Export period…"))
        self.check_button = self._button(self.check_action, self.tr("Check a bundle…"))
        self.cert_button = self._button(self.cert_action, self.tr("Trusted audit certificate…"))
        self.encrypt_button = self._button(self.encrypt_action,
                                           self.tr("Encrypt for recipient…"))
        self.encryption_label = QLabel()
        self.encryption_label.setWordWrap(True)
        self.encryption_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encryption_label.setAccessibleName(self.tr("Bundle encryption"))
        self.count_label = QLabel(self.tr("Reading…"))
        self.table = self._build_table()
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("Evidence status"))
        self.verdict_view = VerdictView()
        self.report_button = self._button(self.report_action, self.tr("Export verdict…"))
        self.print_button = self._button(self.print_action, self.tr("Print verdict…"))
        self.documents = QListWidget()
        self.documents.setAccessibleName(self.tr("Documents in the checked bundle"))
        self.documents.setToolTip(self.tr("Select a document to see its pages beside it"))
        self.documents.currentRowChanged.connect(self._preview_document)
        self.preview = PdfPreview(services.jobs)
        self.preview.show_message(self.tr("Check a bundle, then select one of its documents "
                                          "to see it here."))
        self._layout()
        self._update_actions()

    # --- construction ---------------------------------------------------------------------------

    def _action(self, text: str, name: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(SHORTCUTS[name]))

        def run() -> None:
            self.services.show_page("evidence")
            slot()  # type: ignore[operator]

        action.triggered.connect(run)
        return action

    def _button(self, action: QAction, text: str) -> QPushButton:
        """A button that triggers ``action`` and follows its enabled state and tooltip."""
        button = QPushButton(text)
        button.setAccessibleName(text.replace("…", ""))

        def follow() -> None:
            button.setEnabled(action.isEnabled())
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{action.toolTip()} ({keys})")

        action.changed.connect(follow)
        button.clicked.connect(lambda: action.trigger())
        follow()
        return button

    def _build_table(self) -> QTableWidget:
        headers = (self.tr("Sealed at (UTC)"), self.tr("Document"), self.tr("Operator"),
                   self.tr("Level"), self.tr("Sealed SHA-256"))
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setAccessibleName(self.tr("Sealed documents"))
        table.itemSelectionChanged.connect(self._update_actions)
        return table

    def _layout(self) -> None:
        heading = QLabel(self.tr("Evidence"))
        heading.setObjectName("pageHeading")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        for button in (self.export_button, self.period_button, self.encrypt_button,
                       self.check_button, self.cert_button):
            top.addWidget(button)
        intro = QLabel(self.tr(
            "Select sealed documents (Ctrl or Shift for several) and export a signed bundle: "
            "the sealed PDFs, their audit entries with proofs, validation data and a signed "
            "checkpoint, checkable offline with no token. Check a bundle someone gave you with "
            "Check a bundle…; the verdict appears below."))
        intro.setWordWrap(True)
        verdict_side = QWidget()
        verdict_layout = QVBoxLayout(verdict_side)
        verdict_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        verdict_layout.addLayout(buttons)
        verdict_layout.addWidget(self.verdict_view, 3)
        documents_label = QLabel(self.tr("Documents in the bundle (select one to preview):"))
        documents_label.setBuddy(self.documents)
        verdict_layout.addWidget(documents_label)
        verdict_layout.addWidget(self.documents, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(verdict_side)
        lower.addWidget(self.preview)
        lower.setSizes([700, 500])
        lower.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([160, 440])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(self.encryption_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        for first, second in ((self.export_button, self.period_button),
                              (self.period_button, self.encrypt_button),
                              (self.encrypt_button, self.check_button),
                              (self.check_button, self.cert_button),
                              (self.cert_button, self.table),
                              (self.table, self.report_button),
                              (self.report_button, self.print_button),
                              (self.print_button, self.verdict_view.findings),
                              (self.verdict_view.findings, self.documents),
                              (self.documents, self.preview.view)):
            QWidget.setTabOrder(first, second)

    # --- page API -------------------------------------------------------------------------------

    def menu_actions(self) -> list[QAction | None]:
        return [self.export_action, self.period_action, self.encrypt_action, None,
                self.check_action,
                self.cert_action, None, self.report_action, self.print_action]

    def write_actions(self) -> list[QWidget | QAction]:
        """Export signs with the audit key and records the export: locked in auditor mode."""
        return [self.export_action, self.export_button, self.period_action, self.period_button,
                self.encrypt_action, self.encrypt_button]

    def shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        ctx = self.services.ctx
        self.services.jobs.run(lambda: list_sealed(ctx), name="Reading sealed documents",
                               on_success=self._listed, on_failure=self._list_failed)

    def _listed(self, rows: list[SealedRow]) -> None:
        chosen = set(self.selected_hashes())
        self.rows = rows
        self.count_label.setText(self.tr("{0} sealed document(s)").format(len(rows)))
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            values = (format_time(row.sealed_at)[:19].replace("T", " "), row.original_name,
                      row.operator, row.level, row.sealed_sha256[:16] + "…")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == SHA_COLUMN:
                    item.setToolTip(row.sealed_sha256)
                self.table.setItem(number, column, item)
            if row.sealed_sha256 in chosen:
                self.table.selectRow(number)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._update_actions()

    def _list_failed(self, failure: JobFailure) -> None:
        self.count_label.setText(inline_failure(self, failure).partition("\n")[0])

    def selected_rows(self) -> list[SealedRow]:
        return [self.rows[i.row()] for i in self.table.selectionModel().selectedRows()
                if i.row() < len(self.rows)]

    def selected_hashes(self) -> list[str]:
        return [r.sealed_sha256 for r in self.selected_rows()]

    def select_documents(self, names: list[str]) -> None:
        """Select the rows of these original names (tests and scripts)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for number, row in enumerate(self.rows):
            if row.original_name in names:
                self.table.selectRow(number)
        self.table.setSelectionMode(mode)

    def _update_actions(self) -> None:
        """Export needs a token and a writable installation (and, by document, a selection);
        while it cannot run, its tooltip says why."""
        ctx = self.services.ctx
        count = len(self.table.selectionModel().selectedRows())
        blocked = ""
        if self.services.read_only:
            blocked = self.tr("Auditor mode: exporting signs with the audit key and records the "
                              "export. Check a bundle instead.")
        elif not ctx.config.has_token:
            blocked = self.tr("No token is configured: a bundle is signed with the audit key "
                              "on the token.")
        elif self._busy:
            blocked = self.tr("An export is running.")
        by_document = blocked or (self.tr("Select one or more sealed documents first.")
                                  if count == 0 else "")
        self.export_action.setEnabled(not by_document)
        self.export_action.setToolTip(by_document or self.tr(
            "Export a signed evidence bundle for the {0} selected document(s)").format(count))
        self.period_action.setEnabled(not blocked)
        self.period_action.setToolTip(blocked or self.tr(
            "Export a signed evidence bundle of every document sealed in a period"))
        self.encrypt_action.setEnabled(not self.services.read_only and not self._busy)
        if self.recipients:
            self.encryption_label.setText(self.tr(
                "Exported bundles are encrypted; only these recipients can open them: "
                "{0}").format("; ".join(r.describe() for r in self.recipients)))
        else:
            self.encryption_label.setText(self.tr(
                "Exported bundles are not encrypted (Encrypt for recipient… to encrypt them "
                "for an auditor's certificate)."))
        checked = self.verdict_view.verdict is not None
        no_verdict = self.tr("Check a bundle first: there is no verdict to export or print.")
        self.report_action.setEnabled(checked)
        self.report_action.setToolTip(self.tr(
            "Save the verdict and every finding as a readable HTML file and a JSON file")
            if checked else no_verdict)
        self.print_action.setEnabled(checked)
        self.print_action.setToolTip(self.tr(
            "Print the verdict and every finding (or print it to a PDF file)")
            if checked else no_verdict)

    # --- export ---------------------------------------------------------------------------------

    def choose_export(self) -> None:
        if not self.export_action.isEnabled():
            self.status.setText(self.export_action.toolTip())
            return
        target = self._target("evidence")
        if target is not None:
            self.export(target)

    def choose_period_export(self) -> None:
        if not self.period_action.isEnabled():
            self.status.setText(self.period_action.toolTip())
            return
        period = self.period_provider(self)
        if period is None:
            return
        target = self._target(f"evidence-{period[0]:%Y%m%d}")
        if target is not None:
            self.export(target, Selection(since=period[0], until=period[1]))

    def choose_recipients(self) -> None:
        """Choose the certificates later exports are encrypted for (none: not encrypted)."""
        if not self.encrypt_action.isEnabled():
            return
        chosen = self.recipients_provider(self, self.recipients, self.files)
        if chosen is not None:
            self.use_recipients(chosen)

    def use_recipients(self, recipients: list[Recipient]) -> None:
        self.recipients = list(recipients)
        self.status.setText(self.tr("Bundles are now encrypted for {0} recipient(s).").format(
            len(recipients)) if recipients else self.tr("Bundles are no longer encrypted."))
        self._update_actions()

    def _target(self, stem: str) -> Path | None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
        if self.recipients:  # the service writes NAME.zip.p7m and only that
            path = self.files.save(self, self.tr("Export encrypted evidence bundle"),
                                   f"{stem}-{stamp}.zip{ENCRYPTED_SUFFIX}",
                                   self.tr("Encrypted evidence bundles (*.p7m)"))
            if path is None:
                return None
            name = path.name.removesuffix(ENCRYPTED_SUFFIX)
            return path.with_name(name if name.lower().endswith(".zip") else name + ".zip")
        path = self.files.save(self, self.tr("Export evidence bundle"), f"{stem}-{stamp}.zip",
                               self.tr("Evidence bundles (*.zip)"))
        if path is None:
            return None
        return path if path.suffix.lower() == ".zip" else path.with_suffix(".zip")

    def export(self, target: Path, selection: Selection | None = None) -> None:
        """Find the token, ask for the PIN, then export ``selection`` (default: the selected
        documents) to ``target``."""
        if selection is None:
            hashes = tuple(self.selected_hashes())
            if not hashes:
                return
            selection = Selection(hashes=hashes)
        self._set_busy(True, self.tr("Finding the token…"))
        ctx, chosen = self.services.ctx, selection
        self.services.jobs.run(lambda: read_token_info(ctx), name="Finding the token",
                               key=TOKEN,
                               on_success=lambda info: self._ask_pin(info, chosen, target),
                               on_failure=self._export_failed)

    def _ask_pin(self, info: TokenInfo, selection: Selection, target: Path) -> None:
        request = PinRequest(info.label, info.serial, info.pin, reason=self.tr(
            "The evidence bundle is signed with the audit key on the token."),
            demo=self.services.ctx.config.demo)
        answer = self.pin_provider(request, self)
        if answer is None:
            self._set_busy(False, self.tr("Export cancelled: no PIN was entered; nothing was "
                                          "written."))
            return
        ctx, pin, recipients = self.services.ctx, answer.pin, list(self.recipients)
        self.services.jobs.run(
            lambda progress: export_bundle(ctx, selection, target, pin, progress=progress,
                                           encrypt_to=recipients),
            name="Exporting an evidence bundle", key=TOKEN, on_progress=self._export_progress,
            on_success=self._exported, on_failure=self._export_failed)

    def _export_progress(self, done: int, total: int, item: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Exporting {0} of {1}: {2}").format(
            min(done + 1, total), total, item))

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        if result.encrypted_for:
            text = self.tr("Exported {0} document(s) and {1} audit entries to {2}, encrypted "
                           "for {3} recipient(s) (SHA-256 {4}…). No unencrypted copy was "
                           "written; the recipients open it with openssl cms -decrypt.").format(
                result.documents, result.entries, result.path, len(result.encrypted_for),
                result.bundle_sha256[:16])
        else:
            text = self.tr("Exported {0} document(s) and {1} audit entries to {2} (SHA-256 "
                           "{3}…). Check it with Check a bundle… ({4}).").format(
                result.documents, result.entries, result.path, result.bundle_sha256[:16],
                SHORTCUTS["check"])
        self._set_busy(False, text)
        self.services.notify(text)
        self.services.refresh_token()

    def _export_failed(self, failure: JobFailure) -> None:
        self._set_busy(False, self.tr("Export failed: {0}").format(
            inline_failure(self, failure)))
        self.services.refresh_token()

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setFormat(text)
        self.status.setText(text)
        self._update_actions()

    # --- checking a bundle ----------------------------------------------------------------------

    def choose_bundle(self) -> None:
        path = self.files.open(self, self.tr("Check an evidence bundle"),
                               self.tr("Evidence bundles (*.zip);;All files (*)"))
        if path is not None:
            self.check_bundle(path)

    def choose_certificate(self) -> None:
        path = self.files.open(self, self.tr("Audit certificate you trust"),
                               self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if path is not None:
            self.use_certificate(path)

    def use_certificate(self, path: Path) -> None:
        try:
            self.trusted_cert = read_bounded(path, CERTIFICATE_LIMIT, "certificate")
        except SealDeskError as exc:
            self.status.setText(failure_text(exc))
            return
        self.trusted_cert_name = path.name
        self.status.setText(self.tr("Bundles are now checked against the audit certificate "
                                    "{0}.").format(path.name))
        if self.checked_path is not None:
            self.check_bundle(self.checked_path)

    def check_bundle(self, path: Path) -> None:
        """Check ``path`` offline in a worker and show the verdict in words."""
        self.checked_path = path
        cert, ctx = self.trusted_cert, self.services.ctx
        self.verdict_view.show_checking(path.name)
        self._show_documents(None)

        def work() -> BundleVerdict:
            roots = tuple(read_bounded(Path(p), CERTIFICATE_LIMIT, "trust anchor")
                          for p in ctx.config.trust.anchors)
            return verify_bundle(path, cert, roots)

        self.services.jobs.run(work, name="Checking an evidence bundle",
                               on_success=self._checked,
                               on_failure=lambda failure: self._check_failed(
                                   path.name, inline_failure(self, failure)))

    def _checked(self, verdict: BundleVerdict) -> None:
        self.verdict_view.show_verdict(verdict)
        self._show_documents(verdict)

    def _check_failed(self, name: str, text: str) -> None:
        self.verdict_view.show_failure(name, text)
        self._show_documents(None)

    # --- the documents inside the checked bundle ------------------------------------------------

    def _show_documents(self, verdict: BundleVerdict | None) -> None:
        """List the checked bundle's documents (none while checking or after a failure)."""
        self.documents.blockSignals(True)
        self.documents.clear()
        for doc in verdict.documents if verdict is not None else []:
            self.documents.addItem(self._document_line(doc))
        self.documents.blockSignals(False)
        self.preview.show_message(
            self.tr("Select a document of the bundle to see it here.") if verdict is not None
            and verdict.documents else self.tr("Check a bundle, then select one of its "
                                               "documents to see it here."))
        self._update_actions()

    def _document_line(self, doc: DocumentVerdict) -> str:
        if doc.ok:
            return self.tr("✔ {0} — seal {1}, all checks hold").format(doc.name, doc.indication)
        return self.tr("✘ {0} — seal {1}, {2} problem(s)").format(
            doc.name, doc.indication, len(doc.reasons))

    def preview_document(self, name: str) -> None:
        """Select the bundle document of this name (tests and scripts)."""
        verdict = self.verdict_view.verdict
        names = [d.name for d in verdict.documents] if verdict is not None else []
        self.documents.setCurrentRow(names.index(name))

    def _preview_document(self, number: int) -> None:
        """Show the document's pages, read from the bundle into memory, with its verdict."""
        verdict, bundle = self.verdict_view.verdict, self.checked_path
        if verdict is None or bundle is None or not 0 <= number < len(verdict.documents):
            return
        doc = verdict.documents[number]
        caption = self._document_line(doc)
        self.preview.show_loaded(bundle / doc.member, lambda: read_document(bundle, doc),
                                 caption, sealed=doc.ok)
        if not doc.ok:
            self.preview.caption.setStyleSheet(emphasis_style(DANGER))

    # --- the verdict out of the console ---------------------------------------------------------

    def choose_report(self) -> None:
        verdict = self.verdict_view.verdict
        if verdict is None:
            self.status.setText(self.report_action.toolTip())
            return
        stem = Path(verdict.path).stem
        target = self.files.save(self, self.tr("Export verdict"), f"{stem}-verdict.html",
                                 self.tr("Verdict report (*.html *.json)"))
        if target is not None:
            self.export_report(target)

    def export_report(self, target: Path) -> None:
        """Write the verdict as HTML and JSON beside each other (``target`` names them)."""
        verdict = self.verdict_view.verdict
        if verdict is None:
            return
        self.services.jobs.run(lambda: write_report_pair(verdict, target),
                               name="Writing the verdict report",
                               on_success=self._report_written,
                               on_failure=lambda failure: self.status.setText(self.tr(
                                   "The verdict was not saved: {0}").format(
                                   inline_failure(self, failure))))

    def _report_written(self, paths: tuple[Path, Path]) -> None:
        self.last_report = paths
        text = self.tr("Verdict saved as {0} (to read or print) and {1} (JSON).").format(*paths)
        self.status.setText(text)
        self.services.notify(text)

    def choose_print(self) -> None:
        verdict = self.verdict_view.verdict
        if verdict is None:
            self.status.setText(self.print_action.toolTip())
            return
        printer = self.printer_provider(self)
        if printer is None:
            self.status.setText(self.tr("Printing cancelled."))
            return
        print_verdict(verdict, printer)
        where = printer.outputFileName() or printer.printerName()
        self.last_print = where
        self.status.setText(self.tr("Verdict printed to {0}.").format(where))
