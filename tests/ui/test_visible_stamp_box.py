"""A visible seal placed by drawing a box on the preview (issue 22).

Mouse events drag a rubber band on page 2 of a real PDF shown by QtPdf at a custom zoom; the
batch is sealed with the real demo SoftHSM token through the real seal dialog, which shows the
placed box; pyHanko reads the signature field's widget back: its /Rect is the drawn box
(±1 pt) on page 2, and pdfsig still says the signature is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.prompts import PinReply
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinRequest
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentStatus
from sealdesk.ui.widgets.stamp_geometry import to_view_rect

WAIT_MS = 60_000
TARGET = (120, 300, 330, 380)  # PDF points on page 2


def _widget(path: Path) -> tuple[int, list[float]]:
    """The 0-based page holding the signature widget, and its /Rect."""
    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        for index in range(reader.root["/Pages"]["/Count"]):
            page = reader.root["/Pages"]["/Kids"][index]
            for annot in page.get("/Annots", []):
                annot = annot.get_object()
                if annot.get("/FT") == "/Sig" or "/Parent" in annot:
                    return index, [float(v) for v in annot["/Rect"]]
    raise AssertionError("no signature widget")


class DialogWithPin:
    """Opens the real seal dialog, checks the placed box is shown, types the PIN."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.shown: tuple[int, str] | None = None

    def __call__(self, request: PinRequest, parent: QWidget | None) -> PinReply | None:
        dialog = PinDialog(request, parent)
        dialog.show()
        box = dialog.choices_box
        assert box is not None and box.visible_row is not None
        self.shown = (box.visible_page.value(), box.visible_box.text())
        self.qtbot.keyClicks(dialog.pin_edit, DEMO_PIN)
        self.qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        return dialog.take_answer()


def test_a_box_drawn_on_page_2_becomes_the_seal_widget_rect(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, tmp_path: Path,
    pdfsig_valid: Callable[[Path], bool],
) -> None:
    source = make_text_pdf(tmp_path / "two-pages.pdf", "Two pages", ["Body."], pages=2)
    page = window.show_page("documents")
    page.add_files([source])
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.preview.page_count == 2, timeout=WAIT_MS)
    view = page.preview.view
    view.setZoomMode(QPdfView.ZoomMode.Custom)
    view.setZoomFactor(0.5)  # both pages in view: no scrolling between press and release
    qtbot.wait(50)

    page.place_stamp.trigger()
    assert page.stamp_placer.active
    placer = page.stamp_placer
    rects = placer.page_rects()
    x, y, w, h = to_view_rect(TARGET, rects[1], (595.0, 842.0))
    start, end = QPoint(round(x), round(y)), QPoint(round(x + w), round(y + h))
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    assert placer.band.isVisible() and "Electronically sealed by" in placer.band.text
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert not placer.active
    stamp = page.flow.visible_stamp
    assert stamp is not None and stamp.page == 2
    assert all(abs(a - b) <= 1 for a, b in zip(stamp.box, TARGET, strict=True))

    dialog = DialogWithPin(qtbot)
    page.pin_provider = dialog
    page.seal_all()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert dialog.shown == (2, ", ".join(map(str, stamp.box)))
    row = page.model.rows()[0]
    assert row.status is DocumentStatus.SEALED and row.sealed_path is not None
    on_page, rect = _widget(row.sealed_path)
    assert on_page == 1
    assert all(abs(a - b) <= 1 for a, b in zip(rect, TARGET, strict=True)), rect
    assert pdfsig_valid(row.sealed_path)
    assert page.flow.visible_stamp is None  # placed for that batch only
    assert demo_ctx.config.seal.visible.enabled is False  # Settings untouched


def test_enter_places_the_settings_box_and_escape_leaves_drawing_mode(
    qtbot: QtBot, window: MainWindow, make_pdfs: Callable[..., list[Path]],
    demo_ctx: AppContext,
) -> None:
    page = window.show_page("documents")
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=WAIT_MS)
    view = page.preview.view
    page.place_stamp.trigger()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not page.stamp_placer.active and page.flow.visible_stamp is None
    page.place_stamp.trigger()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    stamp = page.flow.visible_stamp
    assert stamp is not None and stamp.page == 1
    assert stamp.box == demo_ctx.config.seal.visible.box


def _is_page_white(view: QPdfView, x: float, y: float) -> bool:
    color = view.viewport().grab().toImage().pixelColor(round(x), round(y))
    return min(color.red(), color.green(), color.blue()) > 245


def test_the_computed_page_rectangles_match_what_qtpdf_paints(
    qtbot: QtBot, window: MainWindow, make_pdfs: Callable[..., list[Path]],
) -> None:
    """The layout arithmetic is checked against QtPdf's own painting, not against itself."""
    page = window.show_page("documents")
    page.add_files(make_pdfs(1))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.preview.page_count == 1, timeout=WAIT_MS)
    view = page.preview.view
    for mode, zoom in ((QPdfView.ZoomMode.FitToWidth, 1.0), (QPdfView.ZoomMode.Custom, 0.5)):
        view.setZoomMode(mode)
        view.setZoomFactor(zoom)
        qtbot.wait(100)
        x, y, w, h = page.stamp_placer.page_rects()[0]
        assert _is_page_white(view, x + 2, y + 2)  # just inside the top-left corner
        assert not _is_page_white(view, x - 2, y + 2)  # just outside, in the margin
        assert not _is_page_white(view, x + 2, y - 2)
        if mode is QPdfView.ZoomMode.Custom:  # the whole page is in view at half size
            assert _is_page_white(view, x + w - 3, y + h - 3)
            assert not _is_page_white(view, x + w + 2, y + h - 3)
