"""The main window: a sidebar of pages, the current page, and the token in the status bar.

Pages come from :data:`sealdesk.ui.pages.registry.PAGES` (or a tuple given by the caller), so the
window knows nothing about what a page does; it hands each page its :class:`PageServices`.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

import sealdesk
from sealdesk.core.token.status import TokenStatus
from sealdesk.services.context import AppContext
from sealdesk.ui.archive_lock import ArchiveLock
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.registry import PAGES, PageSpec
from sealdesk.ui.sealing_watch import SealingWatch
from sealdesk.ui.style import themed_icon
from sealdesk.ui.token_poller import TokenPoller
from sealdesk.ui.token_status import TokenStatusWidget
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import JobRunner

STATUS_MESSAGE_MS = 15_000


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: AppContext, jobs: JobRunner, pages: tuple[PageSpec, ...] = PAGES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.jobs = jobs
        self._specs = pages
        self._pages: dict[str, Page] = {}
        self.setObjectName("mainWindow")
        self.setWindowTitle(
            self.tr("SealDesk — demo mode") if ctx.config.demo else self.tr("SealDesk")
        )
        self.resize(1240, 780)

        self.sealing_watch = SealingWatch(ctx, jobs, parent=self)
        """The banner above every page while sealing is stopped (maintenance, self-test)."""
        services = PageServices(ctx, jobs, notify=self.notify,
                                refresh_token=self.refresh_token_status,
                                refresh_sealing=self.sealing_watch.refresh,
                                show_page=self.show_page)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setSpacing(1)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Current page"))
        for spec in pages:
            page = spec.factory(services)
            self._pages[spec.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(themed_icon(spec.icon, spec.fallback_icon),
                                   translate("Pages", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(0, 34))
            self.sidebar.addItem(item)
        self.sidebar.setFixedWidth(self._sidebar_width())
        self.sidebar.currentRowChanged.connect(self._row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(self.sealing_watch.wrap(central, self._pages.values()))

        self.token_status = TokenStatusWidget()
        self.statusBar().addPermanentWidget(self.token_status)
        self.archive_lock = ArchiveLock(ctx, jobs, self, self.notify, self.refresh_token_status)
        """The encrypted archive's indicator and unlock action (hidden for a plaintext store)."""
        self.statusBar().addPermanentWidget(self.archive_lock.indicator)
        self.archive_lock.changed.connect(self._archive_changed)
        self.token_poller = TokenPoller(jobs, lambda: self.ctx.config.token, parent=self)
        """Polls the token every few seconds; tests shorten or stop it (``set_interval``)."""
        self.token_poller.polled.connect(self._token_polled)
        self._build_menus()
        self.sidebar.setCurrentRow(0)
        self.restore_layout()
        self.token_poller.start()

    def _sidebar_width(self) -> int:
        """200 px, or wider when a (translated) page title would be cut off."""
        metrics = self.sidebar.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.sidebar.item(row).text())
                      for row in range(self.sidebar.count())), default=0)
        return max(200, widest + 20 + 60)  # icon, item padding and margins, the frame

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        documents = self._pages.get("documents")
        commands = getattr(documents, "commands", None)
        self.add_files_action: QAction = getattr(commands, "add", None) or QAction(
            self.tr("&Add files…"), self)
        """The Documents page's "Add files…" (Ctrl+O), also in the File menu."""
        file_menu.addAction(self.add_files_action)
        self.file_menu = file_menu
        self.file_menu_extras = file_menu.addSeparator()
        """Where :func:`sealdesk.ui.auditor.mode.dress_window` puts the auditor's entries."""
        if "settings" in self._pages:
            settings = QAction(self.tr("&Settings"), self)
            settings.setShortcut(QKeySequence("Ctrl+,"))
            settings.triggered.connect(lambda: self.show_page("settings"))
            file_menu.addAction(settings)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.page_menus: dict[str, QMenu] = {}
        for spec in self._specs:
            page = self._pages[spec.key]
            if page.menu_title:
                menu = self.menuBar().addMenu(page.menu_title)
                for action in page.menu_actions():
                    if action is None:
                        menu.addSeparator()
                    else:
                        menu.addAction(action)
                self.page_menus[spec.key] = menu

        token_menu = self.page_menus.get("keys") or file_menu
        token_menu.addSeparator()
        token_menu.addAction(self.archive_lock.action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(self._specs[:10], start=1):
            action = QAction(translate("Pages", spec.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))  # the tenth page is Ctrl+0
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            go_menu.addAction(action)
            self.page_actions.append(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About SealDesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # --- pages ---------------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        return self._pages[key]

    @property
    def current_key(self) -> str:
        return self._specs[self.sidebar.currentRow()].key

    def show_page(self, key: str) -> Page:
        keys = [spec.key for spec in self._specs]
        self.sidebar.setCurrentRow(keys.index(key))
        return self._pages[key]

    def _row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._specs):
            return
        page = self._pages[self._specs[row].key]
        leaving = self.stack.currentWidget()
        if isinstance(leaving, Page) and leaving is not page:
            self._keep_row(self.stack.currentIndex())  # the sidebar shows the page still shown
            if not leaving.may_leave(lambda key=self._specs[row].key: self.show_page(key)):
                return  # stay: unsaved work (the page asked), or it is saving
            self._keep_row(row)
        self.stack.setCurrentWidget(page)
        page.shown()

    def _keep_row(self, row: int) -> None:
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)

    def add_files(self) -> None:
        """Ctrl+O from anywhere: switch to Documents and ask for files."""
        self.add_files_action.trigger()

    # --- status bar ---------------------------------------------------------------------------

    def notify(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def refresh_token_status(self) -> None:
        """Poll the token now (after an operation), besides the regular polls."""
        self.token_poller.poll_now()

    def _token_polled(self, status: TokenStatus) -> None:
        self.token_status.show_status(status, demo=self.ctx.config.demo)
        self.archive_lock.refresh()  # encryption may have been set up since (Settings)

    def _archive_changed(self, _unlocked: bool) -> None:
        """The archive was unlocked: pages that could not read a document try again."""
        for page in self._pages.values():
            reread = getattr(page, "archive_unlocked", None)
            if callable(reread):
                reread()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.archive_lock.offered:  # once, after the window is on screen
            QTimer.singleShot(0, self.archive_lock, self.archive_lock.offer)

    # --- layout --------------------------------------------------------------------------------

    def layout_settings(self) -> QSettings:
        """Window layout lives next to config.toml (so SEALDESK_HOME keeps it per installation),
        apart from it: it is not configuration, nobody audits a column width."""
        path = self.ctx.paths.config_dir / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _splitters(self) -> dict[str, QSplitter]:
        found = {}
        for key, page in self._pages.items():
            for number, splitter in enumerate(page.findChildren(QSplitter)):
                found[f"{key}/{splitter.objectName() or number}"] = splitter
        return found

    def save_layout(self) -> None:
        store = self.layout_settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        for name, splitter in self._splitters().items():
            store.setValue(f"splitters/{name}", splitter.saveState())
        store.sync()

    def restore_layout(self) -> None:
        """Size, position and splitters as they were when the window last closed."""
        store = self.layout_settings()
        geometry = store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = store.value("window/state")
        if state is not None:
            self.restoreState(state)
        for name, splitter in self._splitters().items():
            saved = store.value(f"splitters/{name}")
            if saved is not None:
                splitter.restoreState(saved)

    # --- lifetime ------------------------------------------------------------------------------

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About SealDesk"),
            self.tr(
                "SealDesk {version}\n\nSeal PDF documents (PAdES) with a PKCS#11 "
                "token, keep a verifiable audit log, and re-prove seals on demand."
            ).format(version=sealdesk.__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask pages with unsaved work first; then cancel long work and join every worker:
        no job may outlive the window."""
        for page in self._pages.values():
            if not page.may_leave(self.close):
                event.ignore()
                return
        self.save_layout()
        self.token_poller.stop()
        self.sealing_watch.stop()
        for page in self._pages.values():
            page.shutdown()
        self.jobs.wait_for_all()
        super().closeEvent(event)
