"""The Settings page asks before unsaved changes are lost (leaving the page, closing the window)
and fits a 1280×720 window without cut-off controls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea
from pytestqt.qtbot import QtBot

from sealdesk.config import load_config, with_token
from sealdesk.services.context import AppContext
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.registry import PAGES
from sealdesk.ui.pages.settings_page import SettingsPage

WAIT_MS = 30_000


def settings_page(qtbot: QtBot, window: MainWindow) -> SettingsPage:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    page = window.page("settings")
    assert isinstance(page, SettingsPage) and window.current_key == "settings"
    return page


def edit_reason(qtbot: QtBot, page: SettingsPage, text: str) -> None:
    page.tabs.setCurrentWidget(page.tabs.widget(page.sections.index(page.seal_section)))
    page.seal_section.reason_edit.selectAll()
    qtbot.keyClicks(page.seal_section.reason_edit, text)
    assert page.dirty


def answer_prompt(key: Qt.Key, seen: list[str]) -> Callable[[], None]:
    """Press ``key`` in the unsaved-changes question as soon as it shows (it is modal)."""

    def press(tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:  # bounded: a question that never comes must not outlive the test
                QTimer.singleShot(20, lambda: press(tries - 1))
            return
        seen.append(box.text())
        if key == Qt.Key.Key_Escape:
            box.reject()
        else:
            buttons = {Qt.Key.Key_S: QMessageBox.StandardButton.Save,
                       Qt.Key.Key_D: QMessageBox.StandardButton.Discard}
            box.button(buttons[key]).click()

    return press


def leave_with(qtbot: QtBot, window: MainWindow, answer: Qt.Key) -> list[str]:
    seen: list[str] = []
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(0, answer_prompt(answer, seen))
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Go › Home
    return seen


def test_leaving_with_unsaved_changes_asks_cancel_discard_save(
        qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    page = settings_page(qtbot, window)
    saved_reason = demo_ctx.config.seal.reason
    edit_reason(qtbot, page, "Sealed by the records office")

    assert leave_with(qtbot, window, Qt.Key.Key_Escape) == [
        "You changed settings that are not saved yet."]
    settings_row = [spec.key for spec in PAGES].index("settings")  # last, after the merges
    assert window.current_key == "settings" and window.sidebar.currentRow() == settings_row
    assert page.seal_section.reason_edit.text() == "Sealed by the records office"

    assert leave_with(qtbot, window, Qt.Key.Key_D)  # Discard: the edit goes, the page too
    assert window.current_key == "home"
    assert page.seal_section.reason_edit.text() == saved_reason and not page.dirty

    settings_page(qtbot, window)
    edit_reason(qtbot, page, "Sealed by the records office")
    assert leave_with(qtbot, window, Qt.Key.Key_S)  # Save: checked, saved, then left
    qtbot.waitUntil(lambda: window.current_key == "home", timeout=WAIT_MS)
    assert load_config(demo_ctx.paths.config_file).seal.reason == "Sealed by the records office"
    assert not page.dirty


def test_closing_the_window_with_unsaved_changes_asks_first(
        qtbot: QtBot, window: MainWindow) -> None:
    page = settings_page(qtbot, window)
    edit_reason(qtbot, page, "Not kept")
    seen: list[str] = []
    QTimer.singleShot(0, answer_prompt(Qt.Key.Key_Escape, seen))
    window.close()
    assert seen and window.isVisible()  # Cancel: the window stays open, the edit too
    QTimer.singleShot(0, answer_prompt(Qt.Key.Key_D, seen))
    window.close()
    assert not window.isVisible() and len(seen) == 2


def test_no_question_without_an_edit_or_after_a_change_made_elsewhere(
        qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    page = settings_page(qtbot, window)
    assert page.may_leave(lambda: None)
    assert not page.save_button.isEnabled()
    assert page.save_button.toolTip() == "Nothing to save: no setting was changed."
    demo_ctx.config = with_token(demo_ctx.config, label="Another token")  # e.g. the picker
    assert not page.dirty  # compared with what the page loaded, not the configuration now


def test_the_page_fits_1280_by_720_without_scrolling_sideways(
        qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 720)
    page = settings_page(qtbot, window)
    qtbot.waitUntil(lambda: window.size().width() == 1280)
    hint = page.minimumSizeHint()
    assert hint.width() <= page.width() and hint.height() <= page.height()
    assert page.save_button.isVisible() and page.revert_button.isVisible()
    for number in range(page.tabs.count()):
        page.tabs.setCurrentIndex(number)
        scroll = page.tabs.currentWidget()
        assert isinstance(scroll, QScrollArea)
        QApplication.processEvents()
        body = scroll.widget().minimumSizeHint()
        viewport = scroll.viewport().size()
        assert body.width() <= viewport.width(), page.tabs.tabText(number)
        assert body.height() <= viewport.height(), page.tabs.tabText(number)
        assert not scroll.verticalScrollBar().isVisible()


def test_the_language_is_chosen_on_the_page_and_saved_for_the_next_start(
        qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    """Automatic leaves config.toml without a [ui] section (a rolled-back release reads it);
    choosing Deutsch writes it, audited like every setting, and Automatic again keeps it."""
    page = settings_page(qtbot, window)
    assert "[ui]" not in demo_ctx.paths.config_file.read_text()
    assert not page.dirty
    combo = page.display_section.language_combo
    page.tabs.setCurrentWidget(page.tabs.widget(page.sections.index(page.display_section)))
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("de"))
    assert page.dirty
    qtbot.keyClick(combo, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.saving and not page.dirty, timeout=WAIT_MS)
    assert load_config(demo_ctx.paths.config_file).ui.language == "de"
    combo.setCurrentIndex(combo.findData("auto"))
    qtbot.keyClick(combo, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.saving and not page.dirty, timeout=WAIT_MS)
    assert load_config(demo_ctx.paths.config_file).ui.language == "auto"
