"""The Documents page in the real window: intake, sealing with a demo token, PIN errors, cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from sealdesk.config import with_token
from sealdesk.fsutil import sha256_file
from sealdesk.services.context import AppContext
from sealdesk.storage.documents import repo as seal_repo
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import NOT_STARTED_MESSAGE, DocumentRow, DocumentStatus
from sealdesk.ui.pages.documents.page import DocumentsPage

S = DocumentStatus
WAIT_MS = 20_000


def documents(window: MainWindow) -> DocumentsPage:
    page = window.page("documents")
    assert isinstance(page, DocumentsPage)
    return page


def statuses(page: DocumentsPage) -> dict[str, DocumentStatus]:
    return {row.path.name: row.status for row in page.model.rows()}


def wait_idle(qtbot: QtBot, page: DocumentsPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def row(page: DocumentsPage, path: Path) -> DocumentRow:
    found = page.model.row_for(path)
    assert found is not None, path
    return found


def sealed_copy(page: DocumentsPage, path: Path) -> Path:
    sealed = row(page, path).sealed_path
    assert sealed is not None, path
    return sealed


def stored_seals(ctx: AppContext) -> list[str]:
    with ctx.database.reader() as session:
        return [seal.sealed_sha256 for seal in seal_repo.all_seals(session)]


def test_add_check_seal_all_and_preview_the_sealed_copy(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]], pdfsig_valid: Callable[[Path], bool], tmp_path: Path,
) -> None:
    page = documents(window)
    pdfs = make_pdfs(3)
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes, not a PDF")
    page.add_files([*pdfs, notes])
    assert set(statuses(page).values()) == {S.PENDING_CHECK}
    wait_idle(qtbot, page)

    assert statuses(page) == {"doc-00.pdf": S.READY, "doc-01.pdf": S.READY,
                              "doc-02.pdf": S.READY, "notes.txt": S.REJECTED}
    assert "notes.txt is not a PDF document." in row(page, notes).message
    assert page.commands.seal_all.isEnabled()

    page.pin_provider = demo_pins
    page.commands.seal_all.trigger()
    assert not page.commands.seal_all.isEnabled()  # one batch at a time
    wait_idle(qtbot, page)

    assert len(demo_pins.requests) == 1
    request = demo_pins.requests[0]
    assert request.token_label == "SealDesk Demo" and request.demo
    assert statuses(page)["notes.txt"] == S.REJECTED  # nothing else happened to it
    assert all(row(page, p).status == S.SEALED for p in pdfs)
    copies = [sealed_copy(page, p) for p in pdfs]
    for copy in copies:
        assert copy.is_file() and copy.is_relative_to(demo_ctx.store.root)
        assert pdfsig_valid(copy)
    assert sorted(stored_seals(demo_ctx)) == sorted(sha256_file(c) for c in copies)
    assert page.banner.text() == "Sealing finished: 3 sealed."
    assert "3 sealed" in window.statusBar().currentMessage()

    page.select_path(pdfs[1])
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=WAIT_MS)
    assert page.preview.current_path == copies[1]
    assert page.preview.caption.text().startswith("Sealed copy of doc-01.pdf\nSHA-256 ")

    target = tmp_path / "out" / "doc-01.sealed.pdf"
    target.parent.mkdir()
    page.save_sealed_copy(target)
    qtbot.waitUntil(target.is_file, timeout=WAIT_MS)
    window.jobs.wait_for_all()
    assert sha256_file(target) == sha256_file(copies[1])


def test_wrong_pin_asks_again_with_the_warning_and_seals_nothing(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, make_pdfs: Callable[..., list[Path]],
    pin_script: Callable[[list[Any]], Any],
) -> None:
    page = documents(window)
    pdfs = make_pdfs(2)
    page.add_files(pdfs)
    wait_idle(qtbot, page)
    pins = pin_script(["0000", None])  # a wrong PIN, then the operator gives up
    page.pin_provider = pins
    assert page.seal_all()
    wait_idle(qtbot, page)

    assert len(pins.requests) == 2
    first, retry = pins.requests
    assert first.retry_message == "" and not first.pin_state.count_low
    assert "The PIN was not accepted" in retry.retry_message
    assert retry.pin_state.count_low  # SoftHSM2 reports tries are low after a failure
    assert set(statuses(page).values()) == {S.READY}
    assert stored_seals(demo_ctx) == []
    assert not any(demo_ctx.store.objects.rglob("*.*")) and not any(
        p.is_file() for p in demo_ctx.store.objects.rglob("*")
    )
    assert "no PIN was entered" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.token_status.warning_label.isVisible(), timeout=WAIT_MS)
    assert "few tries" in window.token_status.warning_label.text()


def test_token_errors_are_shown_with_message_and_hint(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    page = documents(window)
    page.add_files(make_pdfs(1))
    wait_idle(qtbot, page)
    demo_ctx.config = with_token(demo_ctx.config, label="Unplugged Seal", serial="")
    page.pin_provider = demo_pins
    page.seal_all()
    wait_idle(qtbot, page)

    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ErrorDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert "No token with label 'Unplugged Seal' is connected" in dialogs[0].message_label.text()
    assert "Connect the token" in dialogs[0].hint_label.text()
    assert demo_pins.requests == []  # no PIN is asked for a token that is not there
    assert set(statuses(page).values()) == {S.READY}
    dialogs[0].close()


def test_cancel_keeps_complete_seals_and_a_rerun_seals_the_rest(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]], pdfsig_valid: Callable[[Path], bool],
) -> None:
    page = documents(window)
    pdfs = make_pdfs(20)
    page.add_files(pdfs)
    wait_idle(qtbot, page)
    page.pin_provider = demo_pins
    page.seal_all()
    qtbot.waitUntil(lambda: page.flow.progress_dialog is not None
                    and page.flow.progress_dialog.value() >= 2, timeout=WAIT_MS)
    dialog = page.flow.progress_dialog
    assert dialog is not None
    dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    wait_idle(qtbot, page)

    batch = page.flow.last_batch
    assert batch is not None and batch.cancelled
    done = page.model.paths_with(S.SEALED)
    left = page.model.paths_with(S.READY)
    assert 2 <= len(done) < 20
    assert len(done) + len(left) == 20
    assert all(row(page, p).message == NOT_STARTED_MESSAGE for p in left)
    assert len(stored_seals(demo_ctx)) == len(done)
    assert not any(demo_ctx.store.staging.iterdir())  # no half-written seal anywhere
    first_copies = {p: sealed_copy(page, p) for p in done}
    assert all(pdfsig_valid(copy) for copy in first_copies.values())
    assert "cancelled" in page.banner.text()

    page.seal_all()
    wait_idle(qtbot, page)
    assert set(statuses(page).values()) == {S.SEALED}
    assert len(stored_seals(demo_ctx)) == 20
    assert all(sealed_copy(page, p) == first_copies[p] for p in done)


def test_drop_files_onto_the_page_and_remove_them(
    qtbot: QtBot, window: MainWindow, make_pdfs: Callable[..., list[Path]],
) -> None:
    page = documents(window)
    pdfs = make_pdfs(2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in pdfs])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPointF(5, 5), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, drop)
    assert page.left.currentWidget() is page.table
    wait_idle(qtbot, page)
    assert statuses(page) == {"doc-00.pdf": S.READY, "doc-01.pdf": S.READY}

    page.select_path(pdfs[0])
    assert page.commands.remove.isEnabled()
    page.commands.remove.trigger()
    assert list(statuses(page)) == ["doc-01.pdf"]


def test_seal_selected_seals_only_the_selection(
    qtbot: QtBot, window: MainWindow, demo_pins: Any, make_pdfs: Callable[..., list[Path]],
) -> None:
    page = documents(window)
    pdfs = make_pdfs(3)
    page.add_files(pdfs)
    wait_idle(qtbot, page)
    page.pin_provider = demo_pins
    page.select_path(pdfs[1])
    page.commands.seal_selected.trigger()
    wait_idle(qtbot, page)
    assert statuses(page) == {"doc-00.pdf": S.READY, "doc-01.pdf": S.SEALED,
                              "doc-02.pdf": S.READY}
