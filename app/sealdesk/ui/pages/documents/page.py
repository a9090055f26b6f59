"""The Documents page: add PDFs, check them, preview them, seal them, save sealed copies.

Files come in through "Add files…" or drag and drop; each goes through the intake check in a
worker and is shown READY or REJECTED (with the reason; nothing else happens to a rejected
file), or ALREADY_SEALED with the seal's time when SealDesk sealed it before (the original again,
or the sealed copy itself). A batch copies its sealed files to the output folder shown above the
table; "Save all sealed copies…" copies every sealed row's file to a folder at once. A disabled
action's tooltip says why it is disabled.

Sealing is delegated to :class:`~sealdesk.ui.pages.documents.seal_flow.SealFlow`; the PIN prompt is
its
``pin_provider``, exposed here as :attr:`DocumentsPage.pin_provider` for tests, like the removal
dialog (:attr:`DocumentsPage.token_waiter`). Notices a batch gives once (the token wants
the PIN for every signature, its label changed) stay in a banner above the list until the next
batch, because a status-bar message is gone before anyone reads it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sealdesk.errors import SealDeskError
from sealdesk.fsutil import copy_durably
from sealdesk.services.incidents.maintenance import SealingState
from sealdesk.services.sealing.batch import BatchResult
from sealdesk.services.sealing.choices import placed_stamp, stamp_text
from sealdesk.services.sealing.export_copy import export_copy
from sealdesk.services.sealing.known import AddedFile, KnownSeal, examine_added, find_seal
from sealdesk.services.sealing.stored import copy_stored_sealed, is_stored_copy, stored_sealed_bytes
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.failures import inline_failure, present_failure
from sealdesk.ui.models.documents_model import DocumentRow, DocumentsTableModel, DocumentStatus
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.documents.output_folder import OutputFolderBar
from sealdesk.ui.pages.documents.retention import RetentionActions, RetentionColumn
from sealdesk.ui.pages.documents.seal_flow import SealFlow, TokenWaiterHook, summarize
from sealdesk.ui.pages.documents.selftest_bar import SelftestBar, check_quarantine
from sealdesk.ui.pages.documents.signature_panel import SignaturePanel
from sealdesk.ui.pages.documents.view import DocumentCommands, documents_table, with_keys
from sealdesk.ui.translations import translate
from sealdesk.ui.widgets.pdf_preview import PdfPreview
from sealdesk.ui.widgets.stamp_placer import StampPlacer
from sealdesk.ui.workers import JobFailure

M = DocumentsTableModel
PDF_FILTER = QT_TRANSLATE_NOOP("page", "PDF documents (*.pdf);;All files (*)")
PLACE_STAMP_KEYS = QKeySequence("Ctrl+Shift+V")


class DocumentsPage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Documents")
    menu_title = QT_TRANSLATE_NOOP("Pages", "&Documents")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setAcceptDrops(True)
        self.model = DocumentsTableModel(self)
        self.model.stored_state = self._stored_state
        self.retention_column = RetentionColumn(M.RowRole, M.SortRole, self)
        self.retention_column.setSourceModel(self.model)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.retention_column)
        self.proxy.setSortRole(M.SortRole)
        self.flow = SealFlow(services, self.model, self)
        self.flow.finished.connect(self._flow_finished)
        self.flow.notice.connect(self._show_notice)
        self._checking = 0
        self._sealing_allowed = True

        self.commands = DocumentCommands(self)
        self.commands.add.triggered.connect(self.choose_files)
        self.commands.seal_selected.triggered.connect(self.seal_selected)
        self.commands.seal_all.triggered.connect(self.seal_all)
        self.commands.remove.triggered.connect(self.remove_selected)
        self.commands.save.triggered.connect(self.choose_save_target)
        self.commands.save_all.triggered.connect(self.choose_save_all_target)
        self.toolbar = self.commands.toolbar()
        self.retention = RetentionActions(services, self.retention_column, self._selected_shas,
                                          self, lambda: self.flow.pin_provider)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.retention.button())
        settings = QSettings(str(services.ctx.paths.config_dir / "window.ini"),
                             QSettings.Format.IniFormat)
        self.output = OutputFolderBar(settings, self)
        self.selftest_bar = SelftestBar(services, lambda: self.flow.pin_provider, self)
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.notice_banner = QLabel()
        self.notice_banner.setObjectName("noticeBanner")
        self.notice_banner.setAccessibleName(self.tr("Token notice"))
        self.notice_banner.setWordWrap(True)
        self.notice_banner.hide()
        self.table = documents_table(self.proxy)
        self.table.horizontalHeader().resizeSection(
            self.retention_column.column, self.table.fontMetrics().horizontalAdvance(
                "HOLD · contracts · 2036-12-31") + 24)
        self.empty_label = QLabel(
            self.tr("No documents yet.\n\nDrop PDF files here, or use “Add files…” (Ctrl+O).")
        )
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.left = QStackedWidget()
        self.left.addWidget(self.empty_label)
        self.left.addWidget(self.table)
        self.preview = PdfPreview(services.jobs)
        self.signature_panel = SignaturePanel(services.ctx, services.jobs)
        self.stamp_placer = StampPlacer(self.preview.view, services.ctx.config.seal.visible.box,
                                        self)
        self.stamp_placer.placed.connect(self._stamp_placed)
        self.stamp_placer.active_changed.connect(self._drawing_changed)
        self.place_stamp = QAction(self.tr("&Place visible seal…"), self)
        self.place_stamp.setShortcut(PLACE_STAMP_KEYS)
        self.place_stamp.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.place_stamp.setToolTip(with_keys(self.tr(
            "Drag a box on the preview where this batch's visible seal goes"), self.place_stamp))
        self.place_stamp.triggered.connect(self.start_placing)
        self.addAction(self.place_stamp)
        self.preview.loaded.connect(self._reshow_stamp)
        self.preview.view.verticalScrollBar().valueChanged.connect(self._reshow_stamp)
        self.right = QSplitter(Qt.Orientation.Vertical)  # the preview, the seal under it
        self.right.addWidget(self.preview)
        self.right.addWidget(self.signature_panel)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.right.setChildrenCollapsible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.output)
        layout.addWidget(self.selftest_bar)
        layout.addWidget(self.notice_banner)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.model.rowsInserted.connect(self._rows_changed)
        self.model.rowsRemoved.connect(self._rows_changed)
        self.model.dataChanged.connect(self._data_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._set_tab_order()
        self._update_actions()
        if services.read_only:
            self._show_read_only()

    def _show_read_only(self) -> None:
        """Auditor mode: nothing is added or sealed here, so no drop target, no output folder.

        The actions themselves are locked by :mod:`sealdesk.ui.auditor.lock`; the archive of
        what was sealed is the "Sealed documents" page.
        """
        self.setAcceptDrops(False)
        self.commands.add.setVisible(False)  # gone from the toolbar and both menus
        self.output.hide()
        self.empty_label.setText(
            self.tr(
                "Auditor mode — read only: no documents are added or sealed "
                "here.\n\nThe \u201cSealed documents\u201d page lists every "
                "seal in this database copy."
            )
        )

    def _set_tab_order(self) -> None:
        """Toolbar buttons, output folder, table, preview: the order the eye reads them."""
        chain = [*self.commands.buttons(self.toolbar), self.output.path_edit,
                 self.output.choose_button, self.output.clear_button, self.table,
                 *self.preview.focus_chain(), *self.signature_panel.focus_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def menu_actions(self) -> list[QAction | None]:
        return [*self.commands.menu_actions(), None, self.place_stamp, None,
                *self.retention.menu_actions()]

    def start_placing(self) -> None:
        """Drawing mode on the preview; the band shows the stamp's text as it will read."""
        if self.preview.page_count == 0:
            self.services.notify(self.tr("Select a document to place a visible seal on it."))
            return
        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        self.stamp_placer.set_text(stamp_text(self.services.ctx.actor.name, when))
        self.stamp_placer.start()

    def _drawing_changed(self, active: bool) -> None:
        if active:
            self.services.notify(self.tr(
                "Drag a box on the page for the visible seal (Enter: the Settings box on this "
                "page; Esc: cancel)."))

    def _stamp_placed(self, page: int, box: tuple[int, int, int, int]) -> None:
        try:
            self.flow.visible_stamp = placed_stamp(page, box)
        except SealDeskError as exc:
            self.services.notify(str(exc))
            return
        self.services.notify(self.tr(
            "Visible seal for the next batch: page {page}, box {box} (points). The seal dialog "
            "can change or clear it.").format(page=page, box=", ".join(map(str, box))))

    def _reshow_stamp(self) -> None:
        stamp = self.flow.visible_stamp
        if self.stamp_placer.active:
            return
        if stamp is None or self.preview.page_count == 0:
            self.stamp_placer.band.hide()
        else:
            self.stamp_placer.show_box(stamp.page, stamp.box)

    def shown(self) -> None:
        self.retention.refresh()

    def _selected_shas(self) -> list[str]:
        return [row.sha256 for row in self.selected_rows() if row.sha256]

    # --- public API (actions, tests) --------------------------------------------------------

    @property
    def pin_provider(self) -> PinProvider:
        return self.flow.pin_provider

    @pin_provider.setter
    def pin_provider(self, provider: PinProvider) -> None:
        self.flow.pin_provider = provider

    @property
    def token_waiter(self) -> TokenWaiterHook:
        return self.flow.token_waiter

    @token_waiter.setter
    def token_waiter(self, waiter: TokenWaiterHook) -> None:
        self.flow.token_waiter = waiter

    @property
    def busy(self) -> bool:
        """True while files are being checked or a batch is being sealed."""
        return self._checking > 0 or self.flow.running

    def choose_files(self) -> None:
        self.services.show_page("documents")  # Ctrl+O works from every page
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add documents"), "", translate("page", PDF_FILTER)
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> list[Path]:
        """Add files to the list and check each in a worker; returns the newly added paths."""
        if self.services.read_only:
            return []
        added = self.model.add_pending(paths)
        ctx = self.services.ctx
        for path in added:
            self._checking += 1
            self.services.jobs.run(
                partial(examine_added, ctx, path), name=f"Checking {path.name}",
                on_success=self._checked, on_failure=partial(self._rejected, path),
            )
        if added:
            self.services.notify(self.tr("Checking {count} document(s)…").format(count=len(added)))
        return added

    def seal_all(self) -> bool:
        return self._seal(self.model.sealable_paths())

    def seal_selected(self) -> bool:
        return self._seal([row.path for row in self.selected_rows() if row.status.sealable])

    def _seal(self, paths: list[Path]) -> bool:
        self.services.show_page("documents")  # the shortcuts work from every page
        started = self.flow.start(paths, self.output.folder)
        if started:
            self.banner.hide()
            self.notice_banner.hide()
            self._update_actions()
        return started

    def remove_selected(self) -> None:
        if not self.flow.running:
            self.model.remove([row.path for row in self.selected_rows()])

    def selected_rows(self) -> list[DocumentRow]:
        indexes = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, M.RowRole) for index in indexes]

    def current_row(self) -> DocumentRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def select_path(self, path: Path) -> None:
        source = self.model.index_of(path)
        if source.isValid():
            self.table.selectRow(self.proxy.mapFromSource(
                self.retention_column.mapFromSource(source)).row())

    def choose_save_target(self) -> None:
        row = self.current_row()
        if row is None or row.sealed_path is None:
            return
        suggestion = row.path.with_name(f"{row.path.stem}.sealed.pdf")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save sealed copy"), str(suggestion),
                                              self.tr("PDF documents (*.pdf)"))
        if name:
            self.save_sealed_copy(Path(name))

    def save_sealed_copy(self, target: Path) -> None:
        """Copy the selected row's sealed file to ``target`` (durably, in a worker); the
        archive's copy is read through the store (decrypted, checked against the seal)."""
        row = self.current_row()
        if row is None or row.sealed_path is None:
            return
        source = row.sealed_path
        ctx = self.services.ctx
        self.services.jobs.run(
            partial(copy_stored_sealed, ctx, row.sealed_sha256, target)
            if self._read_through_store(row) else partial(copy_durably, source, target),
            name="Saving a sealed copy",
            on_success=lambda _digest: self.services.notify(
                self.tr("Saved the sealed copy as {target}.").format(target=target)
            ),
        )

    def sealed_rows(self) -> list[DocumentRow]:
        return [row for row in self.model.rows() if row.sealed_path is not None]

    def choose_save_all_target(self) -> None:
        self.services.show_page("documents")
        start = str(self.output.folder or "")
        name = QFileDialog.getExistingDirectory(self, self.tr("Save all sealed copies to"), start)
        if name:
            self.save_all_sealed_copies(Path(name))

    def save_all_sealed_copies(self, folder: Path) -> None:
        """Copy every sealed row's file to ``folder`` as NAME.sealed.pdf, in one worker.

        :func:`export_copy` writes through a temporary file and never overwrites a different
        file of the same name (it numbers the copy instead).
        """
        rows = [(row.sealed_path, row.sealed_sha256, row.path) for row in self.sealed_rows()
                if row.sealed_path is not None]
        if not rows:
            return
        store = self.services.ctx.store

        def work() -> int:
            for stored, sealed_sha256, source in rows:
                if stored == source:  # the sealed copy itself was added: copy it as it is
                    copy_durably(stored, folder / source.name)
                else:
                    export_copy(store, sealed_sha256, source, folder)
            return len(rows)

        self.services.notify(
            self.tr("Saving {count} sealed copies to {folder}…").format(
                count=len(rows), folder=folder
            )
        )
        self.services.jobs.run(
            work,
            name="Saving sealed copies",
            on_success=lambda count: self.services.notify(
                self.tr("Saved {count} sealed copies to {folder}.").format(
                    count=count, folder=folder
                )
            ),
            on_failure=lambda failure: present_failure(
                self, failure, title=self.tr("Sealed copies not saved")
            ),
        )

    def shutdown(self) -> None:
        self.flow.cancel()

    # --- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.services.read_only:
            return
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.services.read_only:
            return
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()

    # --- reactions ------------------------------------------------------------------------------

    def _checked(self, added: AddedFile) -> None:
        facts = added.facts
        if added.known is not None:
            self.model.set_known_seal(facts.path, added.known, size=facts.size,
                                      sha256=facts.sha256)
            self._check_done()
            return
        self.model.set_checked(facts.path, size=facts.size, sha256=facts.sha256,
                               pages=facts.page_count)
        self._check_done()
        check_quarantine(self.services, self.model, facts)  # after a key compromise

    def set_sealing_state(self, state: SealingState) -> None:
        """Seal buttons only while sealing is allowed (maintenance mode, self-test owed)."""
        self._sealing_allowed = state.allowed
        self.selftest_bar.show_state(state)
        self._update_actions()

    def _rejected(self, path: Path, failure: JobFailure) -> None:
        self.model.set_rejected(path, inline_failure(self, failure))
        self._check_done()

    def _check_done(self) -> None:
        self._checking -= 1
        self._update_actions()
        if self._checking == 0:
            ready = len(self.model.paths_with(DocumentStatus.READY))
            rejected = len(self.model.paths_with(DocumentStatus.REJECTED))
            sealed = len(self.model.paths_with(DocumentStatus.ALREADY_SEALED))
            before = self.tr(", {sealed} sealed before").format(sealed=sealed) if sealed else ""
            self.services.notify(
                self.tr(
                    "Documents checked: {ready} ready to seal{before}, {rejected} rejected."
                ).format(ready=ready, before=before, rejected=rejected)
            )

    def _show_notice(self, text: str) -> None:
        shown = "" if self.notice_banner.isHidden() else self.notice_banner.text()
        self.notice_banner.setText(f"{shown}\n{text}" if shown else text)
        self.notice_banner.show()

    def _flow_finished(self, batch: BatchResult | None) -> None:
        if batch is not None:
            self.flow.visible_stamp = None  # placed for that batch only
            self.stamp_placer.band.hide()
            exported = [r.exported_path for r in batch.results if r.exported_path is not None]
            where = (
                self.tr(" Sealed copies saved in {parent}.").format(parent=exported[0].parent)
                if exported
                else ""
            )
            self.banner.setText(summarize(batch) + where)
            self.banner.show()
            self._read_seal_times([r.source for r in batch.results if r.sealed_sha256])
            self.retention.refresh()
        self._update_actions()
        self._show_preview()
        if self.isVisible() and self.left.currentWidget() is self.table:
            self.table.setFocus()  # the progress dialog took the focus; give it back

    def _read_seal_times(self, paths: list[Path]) -> None:
        """The "Sealed (UTC)" column of a batch's rows, from their audit entries (one job)."""
        ctx = self.services.ctx
        wanted = [(p, row.sealed_sha256) for p in paths
                  if (row := self.model.row_for(p)) is not None and row.sealed_sha256]

        def work() -> list[tuple[Path, KnownSeal | None]]:
            return [(path, find_seal(ctx, sha256)) for path, sha256 in wanted]

        def show(found: list[tuple[Path, KnownSeal | None]]) -> None:
            for path, known in found:
                if known is not None:
                    self.model.set_seal_time(path, known)

        if wanted:
            self.services.jobs.run(work, name="Reading seal times", on_success=show,
                                   on_failure=lambda failure: present_failure(self, failure))

    def _rows_changed(self) -> None:
        self.retention.refresh()
        self.left.setCurrentWidget(self.table if self.model.rowCount() else self.empty_label)
        if not self.model.rowCount():
            self.banner.hide()  # the last batch's summary no longer describes the list
        self._update_actions()

    def _data_changed(self, top_left: QModelIndex, _bottom_right: QModelIndex) -> None:
        self._update_actions()
        current = self.current_row()
        if current is not None and current.path == self.model.data(top_left, M.PathRole):
            self._show_preview()

    def _selection_changed(self) -> None:
        self._update_actions()
        self.retention.update_enabled()
        self._show_preview()

    def _stored_state(self, row: DocumentRow) -> bool | None:
        """For the table's tooltip: is the row's sealed file the archive's encrypted copy."""
        ctx = self.services.ctx
        if not is_stored_copy(ctx, row.sealed_sha256, row.sealed_path):
            return None
        try:
            return ctx.store.encrypted
        except SealDeskError:
            return True

    def _read_through_store(self, row: DocumentRow) -> bool:
        """Whether the row's sealed file must be read through the store, not by its path: it
        is the archive's copy and the archive is encrypted (a plaintext archive's copy is read
        as before)."""
        return bool(self._stored_state(row))

    def archive_unlocked(self) -> None:
        """The archive was just unlocked: read the shown sealed copy again."""
        self.preview.current_path = None
        self.signature_panel.forget()
        self._show_preview()

    def _show_preview(self) -> None:
        row = self.current_row()
        through_store = row is not None and self._read_through_store(row)
        self.signature_panel.show_for(row.sealed_path if row is not None else None,
                                      row.path.name if row is not None else "",
                                      row.sealed_sha256 if through_store and row else "")
        if row is None:
            count = len(self.selected_rows())
            self.preview.show_message(
                self.tr("{count} documents selected.").format(count=count)
                if count
                else self.tr("Select a document to preview it.")
            )
        elif row.status == DocumentStatus.REJECTED:
            self.preview.show_message(
                self.tr("Not a sealable PDF.\n\n{message}").format(message=row.message),
                row.path.name,
                problem=True,
            )
        elif row.status == DocumentStatus.PENDING_CHECK:
            self.preview.show_message(self.tr("Checking the document…"), row.path.name)
        elif row.sealed_path is not None:
            digest = (
                self.tr("\nSHA-256 {sealed_sha256}…").format(sealed_sha256=row.sealed_sha256[:16])
                if row.sealed_sha256
                else ""
            )
            when = (
                self.tr("\nSealed {sealed_at:%Y-%m-%d %H:%M} UTC").format(sealed_at=row.sealed_at)
                if row.sealed_at
                else ""
            )
            caption = self.tr("Sealed copy of {name}{digest}{when}").format(
                name=row.path.name, digest=digest, when=when
            )
            if through_store:
                ctx, sha = self.services.ctx, row.sealed_sha256
                self.preview.show_loaded(
                    row.sealed_path, partial(stored_sealed_bytes, ctx, sha),
                    caption + self.tr("\nEncrypted in the document archive"), sealed=True)
            else:
                self.preview.show_file(row.sealed_path, caption, sealed=True)
        elif row.status.has_sealed_copy:  # sealed before, its copy not in this store
            self.preview.show_file(
                row.path,
                self.tr("Original: {name} — {message}").format(
                    name=row.path.name, message=row.message
                ),
            )
        else:
            self.preview.show_file(
                row.path, self.tr("Original: {name} (not sealed yet)").format(name=row.path.name)
            )

    def _update_actions(self) -> None:
        """Enable what can be done now; a disabled action's tooltip says why."""
        for action, reason in self._disabled_reasons().items():
            action.setEnabled(not reason)
            if not self.services.read_only:  # auditor mode keeps its own "read only" tip
                tip = self.commands.tips[action]
                action.setToolTip(
                    with_keys(tip, action)
                    if not reason
                    else self.tr("{tip}. Not now: {reason}").format(tip=tip, reason=reason)
                )

    def _disabled_reasons(self) -> dict[QAction, str]:
        """Each action's reason to be disabled ("" when it is enabled)."""
        commands = self.commands
        selected = self.selected_rows()
        current = self.current_row()
        busy = self.tr("a batch is being sealed") if self.flow.running else ""
        stopped = (
            "" if self._sealing_allowed else self.tr("sealing is stopped (see the banner above)")
        )
        seal_block = busy or stopped
        return {
            commands.add: "",
            commands.seal_selected: seal_block
            or (
                ""
                if any(r.status.sealable for r in selected)
                else self.tr("select documents that are Ready (or Failed) first")
            ),
            commands.seal_all: seal_block
            or ("" if self.model.sealable_paths() else self.tr("no document is ready to seal")),
            commands.remove: busy or ("" if selected else self.tr("select documents first")),
            commands.save: ""
            if current is not None and current.sealed_path is not None
            else self.tr("select one sealed document first"),
            commands.save_all: ""
            if self.sealed_rows()
            else self.tr("no sealed document in the list"),
        }
