"""Zoom, fit to width and page navigation in the Documents preview, by keyboard (issue 22).

A real three-page PDF on the Documents page: Page Down / Page Up move through the pages, a
typed page number jumps, Ctrl++ and Ctrl+- zoom in steps, F fits the width again; the keys act
while the preview has the focus, so the table keeps its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from pytestqt.qtbot import QtBot

from sealdesk.core.samples import make_text_pdf
from sealdesk.ui.main_window import MainWindow

WAIT_MS = 30_000


def test_pages_and_zoom_by_keyboard(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = window.show_page("documents")
    pdf = make_text_pdf(tmp_path / "contract.pdf", "Contract", ["Clause 1."], pages=3)
    with qtbot.waitSignal(page.preview.loaded, timeout=WAIT_MS):
        page.add_files([pdf])
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
        page.select_path(pdf)
    preview, controls = page.preview, page.preview.controls
    assert controls.isEnabled() and controls.page_count == 3
    assert controls.page_count_label.text() == "of 3"
    assert controls.fitting and controls.zoom_label.text() == "Fit"
    assert not controls.previous_action.isEnabled() and controls.next_action.isEnabled()

    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert controls.current_page == 1 and controls.page_spin.value() == 2
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert controls.current_page == 2 and not controls.next_action.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    assert controls.current_page == 1

    controls.page_spin.setFocus()  # a page number typed, then Return
    controls.page_spin.selectAll()
    qtbot.keyClicks(controls.page_spin, "1")
    qtbot.keyClick(controls.page_spin, Qt.Key.Key_Return)
    assert controls.current_page == 0 and not controls.previous_action.isEnabled()

    preview.view.setFocus()
    fit = controls.zoom
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() > fit
    bigger = preview.view.zoomFactor()
    assert controls.zoom_label.text() == f"{round(bigger * 100)} %"
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomFactor() < bigger
    qtbot.keyClick(preview.view, Qt.Key.Key_F)
    assert controls.fitting and controls.zoom_label.text() == "Fit"
    assert not controls.fit_action.isEnabled()

    page.table.setFocus()  # the keys are the preview's only: in the table, Ctrl+- leaves it alone
    qtbot.keyClick(page.table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert controls.fitting


def test_no_document_no_controls(qtbot: QtBot, window: MainWindow) -> None:
    page = window.show_page("documents")
    controls = page.preview.controls
    assert not controls.isEnabled() and controls.page_count == 0
    assert controls.page_count_label.text() == "of 0"
