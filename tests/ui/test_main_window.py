"""The main window: page registry, shortcuts, token status bar, accessibility names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sealdesk.config import with_token
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.placeholder import PlaceholderPage
from sealdesk.ui.pages.registry import PAGES, PageSpec
from sealdesk.ui.workers import JobRunner


def test_sidebar_lists_the_registered_pages_in_order(window: MainWindow) -> None:
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == ["Home", "Documents", "Audit log", "Evidence", "Revalidation",
                      "Retention", "Incidents", "Keys & certificates", "Roles", "Snapshots",
                      "Settings"]
    assert window.current_key == "home"
    assert window.stack.currentWidget() is window.page("home")


def test_ctrl_number_switches_pages(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "revalidation"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "documents"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "home"
    assert [a.shortcut().toString() for a in window.page_actions] == [
        f"Ctrl+{n % 10}" for n in range(1, 11)
    ]
    assert window.add_files_action.shortcut().toString() == "Ctrl+O"


def test_status_bar_shows_the_demo_token(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
) -> None:
    status = window.token_status
    qtbot.waitUntil(lambda: "serial" in status.state_label.text())
    assert status.state_label.text() == (
        f"Token: SealDesk Demo · serial {demo_ctx.config.token.serial}"
    )
    assert status.badge.isVisible() and status.badge.text() == "DEMO"
    assert not status.warning_label.isVisible()
    assert "demo mode" in window.windowTitle()


def test_status_bar_says_when_the_token_is_missing(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
) -> None:
    window.jobs.wait_for_all()
    demo_ctx.config = with_token(demo_ctx.config, label="Gone", serial="")
    window.refresh_token_status()
    qtbot.waitUntil(lambda: window.token_status.state_label.text() == "Token removed")
    assert "No token with label 'Gone'" in window.token_status.warning_label.text()
    assert "Connect the token" in window.token_status.state_label.toolTip()  # the hint


def test_widgets_have_accessible_names(window: MainWindow) -> None:
    page = window.page("documents")
    assert isinstance(page, DocumentsPage)
    widgets = (window.sidebar, page, page.table, page.preview.view, page.toolbar,
               window.token_status)
    names = {w.accessibleName() for w in widgets}
    assert names == {"Pages", "Documents", "Document preview", "Document actions",
                     "Token status"}


def test_the_registry_is_extensible(qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> None:
    class ReportsPage(PlaceholderPage):
        title = "Reports"
        coming = "Monthly reports."

    pages = (*PAGES[:1], PageSpec("reports", "Reports", ReportsPage))
    win = build_main_window(demo_ctx, jobs, pages)
    qtbot.addWidget(win)
    assert win.sidebar.count() == 2
    assert win.show_page("reports") is win.page("reports")
    assert isinstance(win.stack.currentWidget(), ReportsPage)
    jobs.wait_for_all()
