"""The Snapshots page, driven from the keyboard: take, verify, reconcile, restore; Home tile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from sealdesk.services.context import AppContext
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.snapshots_page import SnapshotsPage
from sealdesk.ui.workers import JobRunner
from tests.ui.conftest import ScriptedPins

WAIT_MS = 60_000


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner, demo_pins: ScriptedPins,
         tmp_path: Path) -> Iterator[SnapshotsPage]:
    target = tmp_path / "restored"
    widget = SnapshotsPage(PageServices(demo_ctx, jobs), pin_provider=lambda: demo_pins,
                           choose_folder=lambda _parent: target)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.shown()
    qtbot.waitUntil(lambda: "Snapshot folder" in widget.folder_label.text(), timeout=WAIT_MS)
    yield widget
    jobs.wait_for_all()


def _answer_reason(text: str) -> None:
    """Type ``text`` into the modal reason dialog, then Enter (keyboard only)."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog), dialog
    QTest.keyClicks(dialog.focusWidget(), text)
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)


def test_take_verify_and_reconcile_by_keyboard(qtbot: QtBot, page: SnapshotsPage,
                                               demo_pins: ScriptedPins) -> None:
    assert page.model.rowCount() == 0
    QTimer.singleShot(200, lambda: _answer_reason("before the update"))
    QTest.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "Snapshot taken" in page.summary.toPlainText(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.model.snapshots[0].reason == "before the update"
    assert "audit key" in demo_pins.requests[0].reason

    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Home)
    QTest.keyClick(page.table, Qt.Key.Key_Space)
    if page.selected() is None:  # Home moves the current row; Space selects it
        page.table.selectRow(0)
    assert page.verify_button.isEnabled()
    page.verify_button.setFocus()
    QTest.keyClick(page.verify_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: any(word in page.summary.toPlainText()
                                for word in ("VERIFIED", "FAILED")), timeout=WAIT_MS)
    assert "VERIFIED" in page.summary.toPlainText(), page.summary.toPlainText()
    assert page.model.data(page.model.index(0, page.model.STATE)) == "VERIFIED"

    page.reconcile_button.setFocus()
    QTest.keyClick(page.reconcile_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Signed report" in page.summary.toPlainText(), timeout=WAIT_MS)
    assert "reconciles" in page.summary.toPlainText() or "finding" in page.summary.toPlainText()


def test_a_damaged_snapshot_is_failed_and_restore_goes_to_a_new_folder(
        qtbot: QtBot, page: SnapshotsPage, tmp_path: Path) -> None:
    QTimer.singleShot(200, lambda: _answer_reason("incident drill"))
    page.take_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.table.selectRow(0)

    page.restore_button.click()
    qtbot.waitUntil(lambda: "Restored" in page.summary.toPlainText()
                    or "Failed" in page.summary.toPlainText(), timeout=WAIT_MS)
    assert "Restored" in page.summary.toPlainText(), page.summary.toPlainText()
    assert (tmp_path / "restored").is_dir()

    snapshot = page.model.snapshots[0].path
    victim = next(p for p in snapshot.rglob("*") if p.is_file() and p.suffix != ".sig"
                  and "manifest" not in p.name)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    page.verify_button.click()
    qtbot.waitUntil(lambda: "FAILED" in page.summary.toPlainText(), timeout=WAIT_MS)
    assert page.model.data(page.model.index(0, page.model.STATE)) == "FAILED"


def test_read_only_context_offers_only_verify(qtbot: QtBot, demo_ctx: AppContext,
                                              jobs: JobRunner) -> None:
    demo_ctx.read_only = True
    widget = SnapshotsPage(PageServices(demo_ctx, jobs))
    qtbot.addWidget(widget)
    assert not widget.take_button.isEnabled()
    assert not widget.reconcile_button.isEnabled()
    assert not widget.restore_button.isEnabled()
    demo_ctx.read_only = False


@pytest.mark.postgres
def test_restore_of_a_postgres_snapshot_asks_for_a_new_database(
        qtbot: QtBot, pg_ctx: AppContext, jobs: JobRunner, demo_pins: ScriptedPins,
        tmp_path: Path, postgres_server) -> None:  # type: ignore[no-untyped-def]
    from tests.snapshots.support import seal_new, snapshot

    seal_new(pg_ctx, tmp_path / "inbox", ["pg-gui"])
    snapshot(pg_ctx)
    seal_new(pg_ctx, tmp_path / "later", ["pg-gui-later"])
    widget = SnapshotsPage(PageServices(pg_ctx, jobs), pin_provider=lambda: demo_pins,
                           choose_folder=lambda _parent: tmp_path / "restored")
    qtbot.addWidget(widget)
    widget.show()
    widget.shown()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1, timeout=WAIT_MS)
    widget.table.selectRow(0)

    live = pg_ctx.config.storage.database_url  # the live database first: refused
    QTimer.singleShot(200, lambda: _answer_reason(live))
    widget.restore_button.click()
    qtbot.waitUntil(lambda: "Failed" in widget.summary.toPlainText(), timeout=WAIT_MS)
    assert "live database" in widget.summary.toPlainText()

    url = postgres_server.create_database()
    QTimer.singleShot(200, lambda: _answer_reason(url))
    widget.restore_button.click()
    qtbot.waitUntil(lambda: "Restored" in widget.summary.toPlainText(), timeout=WAIT_MS)
    text = widget.summary.toPlainText()
    assert "1 seal(s)" in text and url in text, text
    assert (tmp_path / "restored" / "config").is_dir()
    jobs.wait_for_all()
