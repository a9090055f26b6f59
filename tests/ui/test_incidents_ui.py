"""Issue 8 in the GUI: the maintenance banner on every page, Seal disabled while sealing is
stopped, the self-test owed after an update, and one fault end to end (the TSA down: the same
message as the CLI, then Retry seals the rest once the TSA is back)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from sealdesk.config import TsaConfig
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import maintenance
from sealdesk.storage.incidents.models import SoftwareState
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentStatus
from sealdesk.ui.pages.documents.page import DocumentsPage
from tests.fixtures.signing import signing

WAIT_MS = 30_000


def _documents(window: MainWindow) -> DocumentsPage:
    page = window.page("documents")
    assert isinstance(page, DocumentsPage)
    return page


def _refreshed(qtbot: QtBot, window: MainWindow) -> None:
    before = window.sealing_watch.state
    window.sealing_watch.refresh()
    qtbot.waitUntil(lambda: window.sealing_watch.state is not before, timeout=WAIT_MS)


def _token_free(qtbot: QtBot, window: MainWindow) -> None:
    """The test thread logs in to the token only while no job of the window uses it (a PKCS#11
    login belongs to the whole application: a job's logout would end the test's session)."""
    window.token_poller.stop()
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=WAIT_MS)


def test_maintenance_banner_on_every_page_and_seal_disabled(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    page = _documents(window)
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    _refreshed(qtbot, window)
    assert not window.sealing_watch.banner.isVisible()
    assert page.commands.seal_all.isEnabled()

    _token_free(qtbot, window)
    with signing(demo_ctx):  # a signed act (the administrator gives the PIN)
        maintenance.enable(demo_ctx, "Key ceremony in progress")
    _refreshed(qtbot, window)
    banner = window.sealing_watch.banner
    assert banner.isVisible()
    assert banner.text().startswith("Sealing is stopped: Key ceremony in progress (since ")
    assert not page.commands.seal_all.isEnabled()
    assert not page.commands.seal_selected.isEnabled()
    for spec in window._specs:  # the banner stays above whatever page is shown
        window.show_page(spec.key)
        assert banner.isVisible()

    _token_free(qtbot, window)  # showing every page started their token reads
    with signing(demo_ctx):  # a signed act (the administrator gives the PIN)
        maintenance.disable(demo_ctx)
    _refreshed(qtbot, window)
    assert not banner.isVisible() and page.commands.seal_all.isEnabled()


def test_selftest_required_after_update_and_run_from_the_documents_page(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    with demo_ctx.database.transaction() as session:
        session.execute(update(SoftwareState).values(version="0.0.1"))
    page = _documents(window)
    window.show_page("documents")
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    _refreshed(qtbot, window)
    assert page.selftest_bar.isVisible()
    assert "Self-test required after update" in page.selftest_bar.label.text()
    assert "Self-test required after update" in window.sealing_watch.banner.text()
    assert not page.commands.seal_all.isEnabled()

    page.pin_provider = demo_pins
    page.selftest_bar.button.click()
    qtbot.waitUntil(lambda: page.selftest_bar.last_result is not None, timeout=WAIT_MS)
    assert page.selftest_bar.last_result.passed
    qtbot.waitUntil(lambda: not page.selftest_bar.isVisible(), timeout=WAIT_MS)
    assert page.commands.seal_all.isEnabled()
    assert not window.sealing_watch.banner.isVisible()


def test_tsa_down_shows_the_cli_message_and_retry_seals_the_rest(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any, pki: Any,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    demo_ctx.config = dataclasses.replace(demo_ctx.config, tsa=TsaConfig(
        url=pki.tsa_url, timeout_seconds=2, retries=1, retry_backoff_seconds=0.05))
    page = _documents(window)
    files = make_pdfs(2)
    page.add_files(files)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.pin_provider = demo_pins
    with pki.outage("tsa"):
        page.seal_all()
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    offers = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, QMessageBox) and w.objectName() == "retryOffer" and w.isVisible()]
    assert len(offers) == 1
    assert offers[0].text().startswith(
        f"TSA unreachable: the timestamp authority {pki.tsa_url} did not answer correctly")
    assert {r.status for r in page.model.rows()} == {DocumentStatus.FAILED,
                                                     DocumentStatus.READY}
    retry = next(b for b in offers[0].buttons() if b.text() == "Retry the rest")
    retry.click()
    qtbot.waitUntil(lambda: {r.status for r in page.model.rows()} == {DocumentStatus.SEALED},
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
