"""The Home page in the real window: tiles from a demo installation, refresh after sealing,
accessible states, and the window layout that survives a restart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sealdesk.core.audit.events import EventType
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.workers import JobRunner

WAIT_MS = 20_000


def home(window: MainWindow) -> HomePage:
    page = window.page("home")
    assert isinstance(page, HomePage)
    return page


def wait_refreshed(qtbot: QtBot, page: HomePage) -> None:
    qtbot.waitUntil(lambda: page.dashboard is not None and not page.refreshing, timeout=WAIT_MS)


def test_home_is_the_first_page_and_shows_the_demo_health(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
) -> None:
    page = home(window)
    assert window.current_key == "home"
    wait_refreshed(qtbot, page)
    token = page.tiles["token"]
    assert token.headline_label.text() == "SealDesk Demo is ready"
    assert token.state_label.text() == "OK" and token.level == "ok"
    assert token.accessibleName() == "Token (demo)"
    assert token.accessibleDescription().startswith("OK: SealDesk Demo is ready.")
    assert page.tiles["certificate"].headline_label.text().startswith("Expires in ")
    assert page.tiles["maintenance"].headline_label.text() == "Sealing enabled"
    assert page.tiles["revalidation"].headline_label.text() == "Never run"
    assert page.recent.item(0, 1).text() == "Nothing recorded yet."
    assert page.updated_label.text().startswith("Updated ")


def test_refresh_shows_seals_failures_and_recent_activity(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Any,
) -> None:
    documents = window.show_page("documents")
    assert isinstance(documents, DocumentsPage)
    documents.pin_provider = demo_pins
    documents.add_files(make_pdfs(2))
    qtbot.waitUntil(lambda: not documents.busy, timeout=WAIT_MS)
    assert documents.seal_all()
    qtbot.waitUntil(lambda: not documents.busy, timeout=WAIT_MS)
    record_now(demo_ctx, demo_ctx.event(EventType.DOCUMENT_SEAL_FAILED, {"document": "x"},
                                        {"reason": "encrypted"}))

    page = home(window)
    window.show_page("home")
    wait_refreshed(qtbot, page)
    qtbot.waitUntil(lambda: page.dashboard is not None and page.dashboard.seals_today == 2,
                    timeout=WAIT_MS)
    activity = page.tiles["activity"]
    assert activity.headline_label.text() == "2 documents sealed"
    assert activity.state_label.text() == "Check" and activity.level == "warning"
    assert page.tiles["chain"].headline_label.text().startswith("Checkpoint today")
    assert page.recent.item(0, 1).text() == "Document seal failed"
    events = [page.recent.item(r, 1).text() for r in range(page.recent.rowCount())]
    assert "Document sealed" in events and "Checkpoint created" in events


def test_f5_refreshes(qtbot: QtBot, window: MainWindow) -> None:
    page = home(window)
    wait_refreshed(qtbot, page)
    first = page.dashboard
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert page.refreshing
    wait_refreshed(qtbot, page)
    assert page.dashboard is not first


def test_window_layout_is_restored_after_a_restart(
    qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner,
) -> None:
    first = build_main_window(demo_ctx, jobs)
    qtbot.addWidget(first)
    first.show()
    first.resize(first.width(), 640)  # the offscreen screen is 800 px wide: vary the height
    splitter = first.page("documents").splitter  # type: ignore[attr-defined]
    splitter.setSizes([300, 500])
    saved = splitter.sizes()
    jobs.wait_for_all()
    first.close()
    assert (demo_ctx.paths.config_dir / "window.ini").is_file()

    second = build_main_window(demo_ctx, jobs)
    qtbot.addWidget(second)
    second.show()
    assert second.height() == 640
    assert second.page("documents").splitter.sizes() == saved  # type: ignore[attr-defined]
    jobs.wait_for_all()
    second.close()
