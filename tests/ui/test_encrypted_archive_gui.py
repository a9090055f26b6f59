"""The console with an encrypted document archive (issue 21): unlock, read, save, see its state.

Real demo token (the storage key made on it by ``enable_encryption``), a document sealed into
the encrypted store before the window opens, and a fresh context for the window: nothing is
unlocked or remembered until the person unlocks the archive with the PIN.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.encryption import enable_encryption
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window
from sealdesk.ui.dialogs.pin_dialog import PinDialog
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentRow, DocumentsTableModel
from sealdesk.ui.workers import JobRunner
from tests.fixtures.signing import signing

WAIT_MS = 60_000


@pytest.fixture
def sealed_pdf(sealdesk_home: Path, make_pdfs: Callable[..., list[Path]]) -> tuple[Path, str]:
    """An encrypted demo installation holding one sealed document: (original, seal's SHA-256)."""
    init_demo(app_paths())
    pdf = make_pdfs(1, "contract")[0]
    ctx = AppContext.open()
    try:
        with signing(ctx):
            enable_encryption(ctx)
        batch = seal_documents(ctx, [pdf], DEMO_PIN)
    finally:
        ctx.close()
    sha = batch.results[0].sealed_sha256
    assert sha
    return pdf, sha


@pytest.fixture
def encrypted_ctx(sealed_pdf: tuple[Path, str]) -> Iterator[AppContext]:
    ctx = AppContext.open()  # a new process's view: locked, no data key in memory
    yield ctx
    ctx.close()


def open_window(qtbot: QtBot, ctx: AppContext, jobs: JobRunner, offer: Any) -> MainWindow:
    win = build_main_window(ctx, jobs)
    win.archive_lock.pin_provider = offer  # answers the offer made once after the window shows
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def close_window(jobs: JobRunner) -> Iterator[list[MainWindow]]:
    windows: list[MainWindow] = []
    yield windows
    jobs.wait_for_all()
    for win in windows:
        win.close()


def sealed_row(page: Any, pdf: Path) -> DocumentRow:
    row = page.model.row_for(pdf)
    assert row is not None and row.sealed_sha256
    return row


def test_unlock_then_preview_check_and_save_the_sealed_copy(
    qtbot: QtBot, encrypted_ctx: AppContext, jobs: JobRunner, pin_script: Any,
    sealed_pdf: tuple[Path, str], close_window: list[MainWindow], tmp_path: Path,
) -> None:
    pdf, sha = sealed_pdf
    offer = pin_script([None])  # the offer after start-up: Cancel keeps the archive locked
    win = open_window(qtbot, encrypted_ctx, jobs, offer)
    close_window.append(win)
    lock = win.archive_lock
    qtbot.waitUntil(lambda: lock.offered and not lock.busy, timeout=WAIT_MS)
    assert len(offer.requests) == 1 and lock.locked
    assert lock.indicator.isVisible()
    assert lock.indicator.text() == "Document archive: locked"
    assert lock.action.isEnabled() and lock.action.shortcut().toString() == "Ctrl+Alt+U"
    assert lock.action in win.page_menus["keys"].actions()

    page = win.show_page("documents")  # the sealed original again: its sealed copy is stored
    page.add_files([pdf])
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    row = sealed_row(page, pdf)
    assert row.sealed_path == encrypted_ctx.store.path_of(sha)
    tip = page.model.data(page.model.index(0, DocumentsTableModel.NAME), 3)  # ToolTipRole
    assert "Stored copy: encrypted" in tip
    page.select_path(pdf)
    qtbot.waitUntil(lambda: "locked" in page.preview.message.text()
                    or "encrypted" in page.preview.message.text(), timeout=WAIT_MS)
    assert "Unlock document archive" in page.preview.message.text()  # how to unlock

    lock.pin_provider = pin_script([DEMO_PIN])
    with qtbot.waitSignal(lock.changed, timeout=WAIT_MS):
        lock.action.trigger()
    request = lock.pin_provider.requests[0]
    assert "storage key" in request.reason
    dialog = PinDialog(request)  # what the person sees: not "Log in and seal"
    assert dialog.ok_button.text() == "Log in and unlock"
    dialog.deleteLater()
    assert not lock.locked and lock.indicator.text() == "Document archive: unlocked"
    assert not lock.action.isEnabled()

    # the page read the sealed copy again, through the store: shown, and its seal checked
    qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.signature_panel.view is not None, timeout=WAIT_MS)
    assert page.signature_panel.view.seal is not None
    assert "could not be checked" not in page.signature_panel.details.toPlainText()

    target = tmp_path / "out" / "contract.sealed.pdf"
    target.parent.mkdir()
    page.save_sealed_copy(target)
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    jobs.wait_for_all()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == sha
    assert target.read_bytes().startswith(b"%PDF")


def test_a_wrong_pin_is_reported_at_once_and_the_archive_stays_locked(
    qtbot: QtBot, encrypted_ctx: AppContext, jobs: JobRunner, pin_script: Any,
    close_window: list[MainWindow],
) -> None:
    offer = pin_script(["000000"])  # the start-up offer, answered with a wrong PIN
    win = open_window(qtbot, encrypted_ctx, jobs, offer)
    close_window.append(win)
    lock = win.archive_lock
    qtbot.waitUntil(lambda: lock.offered and not lock.busy and bool(lock.last_failure),
                    timeout=WAIT_MS)
    assert "The PIN was not accepted" in lock.last_failure
    assert lock.locked and lock.indicator.text() == "Document archive: locked"
    assert lock.action.isEnabled()  # may be tried again


def test_settings_show_the_encryption_and_its_recipient(
    qtbot: QtBot, encrypted_ctx: AppContext, jobs: JobRunner, pin_script: Any,
    close_window: list[MainWindow],
) -> None:
    win = open_window(qtbot, encrypted_ctx, jobs, pin_script([None]))
    close_window.append(win)
    qtbot.waitUntil(lambda: not win.archive_lock.busy and win.archive_lock.offered,
                    timeout=WAIT_MS)
    page = win.show_page("settings")
    section = page.encryption_section
    qtbot.waitUntil(lambda: section.facts is not None, timeout=WAIT_MS)
    assert "<b>encrypted</b>" in section.state_label.text()
    status = section.facts.status
    assert status.envelopes >= 1 and status.plaintext == 0
    kek = next(r for r in status.recipients if r["role"] == "kek")
    text = section.recipients_label.text()
    assert "storage key on the token" in text and kek["fingerprint"][:16] in text
    assert kek["label"] in text
    assert not section.encrypt_button.isEnabled()  # encrypted already


def test_an_administrator_encrypts_the_store_from_settings(
    qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner, pin_script: Any,
    close_window: list[MainWindow],
) -> None:
    win = open_window(qtbot, demo_ctx, jobs, pin_script([]))
    close_window.append(win)
    assert not win.archive_lock.indicator.isVisible()  # a plaintext store: nothing to unlock
    page = win.show_page("settings")
    section = page.encryption_section
    qtbot.waitUntil(lambda: section.facts is not None, timeout=WAIT_MS)
    assert "not encrypted" in section.state_label.text()
    assert section.encrypt_button.isEnabled()
    asked: list[str] = []
    section.confirm = lambda _parent, text: asked.append(text) or True
    page.pin_provider = pin_script([DEMO_PIN])
    with qtbot.waitSignal(section.encrypted_now, timeout=WAIT_MS):
        section.encrypt_button.click()
    assert "key-encryption key is made on the token" in asked[0]
    qtbot.waitUntil(lambda: section.facts is not None and section.facts.status.encrypted,
                    timeout=WAIT_MS)
    assert "<b>encrypted</b>" in section.state_label.text()
    assert demo_ctx.store.encrypted
    win.archive_lock.refresh()
    assert win.archive_lock.indicator.text() == "Document archive: locked"
