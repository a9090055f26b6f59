"""Auditor mode in the main window: open a bundle or a database copy, never write anything.

Two ways in, both from the File menu and both without a token:

* **Open evidence bundle…** opens the :class:`BundleViewer` (no database at all);
* **Open database copy (read-only)…** opens a second main window over a read-only context
  (:func:`sealdesk.services.evidence.auditor_mode.open_database_copy`), with a mode banner, the
  "Sealed
  documents" page first, and every write action of every page locked off.

Windows are dressed here after they are built (:func:`dress_window`): the File menu gets the
auditor's entries and a read-only context gets the auditor mode. The main window itself knows
nothing about auditors, so this module may build main windows for database copies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QVBoxLayout, QWidget

from sealdesk.services.context import AppContext
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.ui.auditor.badge import MODE_TEXT, mode_banner
from sealdesk.ui.auditor.bundle_viewer import BUNDLE_FILTER, BundleViewer
from sealdesk.ui.auditor.lock import lock_page
from sealdesk.ui.auditor.sealed_page import SealedDocumentsPage
from sealdesk.ui.auditor.token_unlock import AuditorTokenUnlock
from sealdesk.ui.failures import present_failure
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.registry import PAGES, PageSpec
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import JobFailure, JobRunner

DB_FILTER = QT_TRANSLATE_NOOP("mode", "SealDesk database (*.db *.sqlite *.sqlite3);;All files (*)")


def auditor_pages() -> tuple[PageSpec, ...]:
    """The pages of an auditor window: the archive first, then every ordinary page."""
    from PySide6.QtWidgets import QStyle

    sealed = PageSpec(
        "sealed",
        translate("mode", "Sealed documents"),
        SealedDocumentsPage,
        "page-documents",
        QStyle.StandardPixmap.SP_FileDialogDetailedView,
    )
    return (sealed, *PAGES)


def dress_window(window: MainWindow) -> MainWindow:
    """The auditor's File menu entries on every window; the auditor mode on read-only ones."""
    add_auditor_menu(window, window.file_menu)
    if window.ctx.read_only:
        apply_auditor_mode(window)
    return window


def apply_auditor_mode(window: MainWindow) -> None:
    """Banner, title and locked write actions for a window over a read-only context."""
    ctx = window.ctx
    source = ctx.config.storage.database_url.removeprefix("sqlite:///") or ctx.database.url
    window.setWindowTitle(
        translate("mode", "SealDesk — {MODE_TEXT} — {name}").format(
            MODE_TEXT=translate("badge", MODE_TEXT), name=Path(source).name
        )
    )
    banner = mode_banner(translate("mode", "Database copy {source}: opened immutable, nothing is "
                                   "ever written to it; no token is used. Write actions are "
                                   "disabled.").format(source=source))
    body = window.takeCentralWidget()
    container = QWidget()
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(body, 1)
    window.setCentralWidget(container)
    window.auditor_banner = banner  # type: ignore[attr-defined]
    keys = [window.sidebar.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(window.sidebar.count())]
    window.locked_actions = [  # type: ignore[attr-defined]
        item for key in keys for item in lock_page(key, window.page(key))
    ]
    window.add_files_action.setEnabled(False)
    poller = getattr(window, "token_poller", None)
    if poller is not None:
        poller.stop()  # no token is used in auditor mode
    window.token_status.state_label.setText(translate("mode", "No token: auditor mode"))
    # An encrypted copy opens its documents with the auditor's own recipient token, on request
    # only: without it the copy still shows hashes, seals and recorded verdicts.
    window.auditor_unlock = AuditorTokenUnlock(  # type: ignore[attr-defined]
        ctx, window.jobs, window.archive_lock, window)
    window.archive_lock.offered = True


def add_auditor_menu(window: MainWindow, menu: QMenu) -> None:
    """File > Open evidence bundle… / Open database copy (read-only)…"""
    bundle = QAction(translate("mode", "Open &evidence bundle…"), window)
    bundle.triggered.connect(lambda: choose_bundle(window, window.jobs))
    copy = QAction(translate("mode", "Open database &copy (read-only)…"), window)
    copy.triggered.connect(lambda: choose_database_copy(window, window.jobs))
    menu.insertAction(window.file_menu_extras, bundle)
    menu.insertAction(window.file_menu_extras, copy)
    window.open_bundle_action = bundle  # type: ignore[attr-defined]
    window.open_copy_action = copy  # type: ignore[attr-defined]


def choose_bundle(parent: QWidget, jobs: JobRunner) -> BundleViewer | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("mode", "Open evidence bundle"),
        "",
        translate("bundle_viewer", BUNDLE_FILTER),
    )
    return open_bundle_window(jobs, Path(name), parent) if name else None


def open_bundle_window(jobs: JobRunner, path: Path, parent: QWidget | None = None
                       ) -> BundleViewer:
    viewer = BundleViewer(jobs, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    viewer.open_bundle(path)
    return viewer


def choose_database_copy(parent: QWidget, jobs: JobRunner) -> None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("mode", "Open a copy of a SealDesk database"),
        "",
        translate("mode", DB_FILTER),
    )
    if name:
        open_copy_window(jobs, Path(name), parent)


def open_copy_window(jobs: JobRunner, path: Path, parent: QWidget | None = None,
                     on_open: Callable[[MainWindow], None] | None = None) -> None:
    """Open the copy in a worker, then show an auditor window over it."""

    def opened(ctx: AppContext) -> None:
        window = copy_window(ctx, jobs)
        window.show()
        if on_open is not None:
            on_open(window)

    def failed(failure: JobFailure) -> None:
        present_failure(parent, failure)

    jobs.run(lambda: open_database_copy(path), name="Opening the database copy",
             on_success=opened, on_failure=failed)


def copy_window(ctx: AppContext, jobs: JobRunner) -> MainWindow:
    """A main window over a read-only context (closing it closes the context)."""
    window = dress_window(MainWindow(ctx, jobs, auditor_pages()))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_: ctx.close())
    return window
