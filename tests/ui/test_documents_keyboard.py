"""The Documents page without a mouse (issue 22): menu and shortcuts, Tab order, why-disabled
tooltips, an output folder, "Save all", already-sealed files shown as sealed, honest progress.

Every interaction is a key press (QTest key clicks through qtbot); file choosers are native
dialogs, so files are handed to ``add_files`` and folders to the output bar, as a drop would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from sealdesk.fsutil import sha256_file
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.known import find_seal
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentsTableModel as M
from sealdesk.ui.models.documents_model import DocumentStatus as S
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.documents.seal_flow import cancel_text
from sealdesk.ui.pages.documents.seal_progress import progress_text

WAIT_MS = 30_000


def documents(window: MainWindow) -> DocumentsPage:
    page = window.show_page("documents")
    assert isinstance(page, DocumentsPage)
    return page


def wait_idle(qtbot: QtBot, page: DocumentsPage) -> None:
    qtbot.waitUntil(lambda: not page.busy and page.services.jobs.idle, timeout=WAIT_MS)


def statuses(page: DocumentsPage) -> dict[str, S]:
    return {row.path.name: row.status for row in page.model.rows()}


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def test_the_documents_menu_lists_every_action_with_its_shortcut(window: MainWindow) -> None:
    menu = window.page_menus["documents"]
    entries = {a.text().replace("&", ""): a.shortcut().toString()
               for a in menu.actions() if not a.isSeparator()}
    assert entries == {
        "Add files…": "Ctrl+O", "Seal selected": "Ctrl+Return",
        "Seal all": "Ctrl+Shift+Return", "Save sealed copy…": "",
        "Save all sealed copies…": "Ctrl+Shift+S", "Remove from list": "Del",
        "Place visible seal…": "Ctrl+Shift+V",
        "Place legal hold…": "", "Release legal hold…": "", "Change retention class…": "",
    }
    assert window.add_files_action is documents(window).commands.add  # also in File


def test_seal_a_batch_by_keyboard_into_the_output_folder(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]], tmp_path: Path,
) -> None:
    page = documents(window)
    out = tmp_path / "sealed-out"
    out.mkdir()
    page.output.set_folder(out)
    pdfs = make_pdfs(3)
    page.add_files(pdfs)
    wait_idle(qtbot, page)
    page.pin_provider = demo_pins

    window.show_page("home")  # the shortcut works from another page and brings Documents back
    window.activateWindow()
    window.sidebar.setFocus()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    assert window.current_key == "documents"
    wait_idle(qtbot, page)

    assert set(statuses(page).values()) == {S.SEALED}
    assert sorted(p.name for p in out.iterdir()) == [f"doc-0{i}.sealed.pdf" for i in range(3)]
    assert "Sealed copies saved in" in page.banner.text() and str(out) in page.banner.text()
    for pdf in pdfs:  # the column shows the audit entry's time of each seal
        qtbot.waitUntil(lambda pdf=pdf: page.model.row_for(pdf).sealed_at is not None,
                        timeout=WAIT_MS)
        known = find_seal(demo_ctx, sha256_file(pdf))
        assert known is not None
        index = page.model.index_of(pdf, M.SEALED_AT)
        assert page.model.data(index) == f"{known.sealed_at:%Y-%m-%d %H:%M}"


def test_tab_walks_toolbar_output_folder_table_and_preview(
    qtbot: QtBot, window: MainWindow, make_pdfs: Callable[..., list[Path]],
) -> None:
    page = documents(window)
    page.add_files(make_pdfs(2))
    wait_idle(qtbot, page)
    buttons = page.commands.buttons(page.toolbar)
    assert all(isinstance(b, QToolButton) and b.focusPolicy() & Qt.FocusPolicy.TabFocus
               for b in buttons)
    window.activateWindow()
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # arrows move between rows
    assert page.table.currentIndex().isValid()
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=WAIT_MS)
    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves the table
    assert QApplication.focusWidget() is page.preview.view

    page.output.clear_button.setEnabled(True)
    page.output.path_edit.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.output.choose_button
    page.output.set_folder(None)


def test_disabled_actions_say_why(
    qtbot: QtBot, window: MainWindow, demo_pins: Any, make_pdfs: Callable[..., list[Path]],
) -> None:
    page = documents(window)
    commands = page.commands
    assert not commands.seal_all.isEnabled()
    assert "Not now: no document is ready to seal" in commands.seal_all.toolTip()
    assert "Not now: select documents that are Ready" in commands.seal_selected.toolTip()
    assert "Not now: no sealed document in the list" in commands.save_all.toolTip()
    assert commands.add.isEnabled() and commands.add.toolTip().endswith("(Ctrl+O)")

    page.add_files(make_pdfs(1))
    wait_idle(qtbot, page)
    assert commands.seal_all.isEnabled()
    assert commands.seal_all.toolTip() == "Seal every document that is ready (Ctrl+Shift+Return)"


def test_a_file_sealed_before_is_shown_sealed_with_its_time(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]], tmp_path: Path,
) -> None:
    page = documents(window)
    [pdf] = make_pdfs(1)
    page.add_files([pdf])
    wait_idle(qtbot, page)
    page.pin_provider = demo_pins
    window.activateWindow()
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # seal selected
    wait_idle(qtbot, page)
    sealed_copy = page.model.row_for(pdf).sealed_path
    assert sealed_copy is not None
    known = find_seal(demo_ctx, sha256_file(pdf))
    assert known is not None and not known.is_sealed_copy

    window.activateWindow()  # the window manager's job once the progress dialog is gone
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table, timeout=WAIT_MS)
    press(qtbot, Qt.Key.Key_Delete)  # remove from the list, then add the original again
    assert page.model.rowCount() == 0
    again = tmp_path / "again"
    again.mkdir()
    copy_of_copy = again / "received.pdf"
    copy_of_copy.write_bytes(sealed_copy.read_bytes())
    page.add_files([pdf, copy_of_copy])
    wait_idle(qtbot, page)

    original, received = page.model.row_for(pdf), page.model.row_for(copy_of_copy)
    assert original.status is S.ALREADY_SEALED and received.status is S.ALREADY_SEALED
    assert original.sealed_at == known.sealed_at == received.sealed_at
    assert f"sealed {known.sealed_at:%Y-%m-%d %H:%M} UTC" in original.message
    assert "This file is the sealed copy of doc-00.pdf" in received.message
    assert original.sealed_path == sealed_copy
    assert not page.commands.seal_all.isEnabled()  # nothing to seal
    assert "1 ready" not in window.statusBar().currentMessage()


def test_progress_and_cancel_texts_say_what_really_happens() -> None:
    assert progress_text(8, 40, "scan.pdf") == "Sealed scan.pdf (8 of 40); sealing the rest…"
    assert progress_text(8, 7, "scan.pdf").startswith("Sealed scan.pdf (7 of 7).")
    text = cancel_text(8, 40)
    assert text.startswith("Cancelling after 8 of 40: up to 8 seal(s) already under way")
    assert "finish and are kept" in text and "left unsealed" not in text
    assert "up to 2 seal(s)" in cancel_text(38, 40)


def test_save_all_copies_every_sealed_document(
    qtbot: QtBot, window: MainWindow, demo_pins: Any, make_pdfs: Callable[..., list[Path]],
    tmp_path: Path,
) -> None:
    page = documents(window)
    pdfs = make_pdfs(2)
    page.add_files(pdfs)
    wait_idle(qtbot, page)
    page.pin_provider = demo_pins
    page.seal_all()
    wait_idle(qtbot, page)
    assert page.commands.save_all.isEnabled()
    folder = tmp_path / "handed-out"
    folder.mkdir()
    page.save_all_sealed_copies(folder)
    wait_idle(qtbot, page)
    saved = sorted(folder.iterdir())
    assert [p.name for p in saved] == ["doc-00.sealed.pdf", "doc-01.sealed.pdf"]
    for pdf, copy in zip(pdfs, saved, strict=True):
        assert sha256_file(copy) == page.model.row_for(pdf).sealed_sha256
