"""Drawing mode on the PDF preview: drag a rectangle to place this batch's visible seal.

A rubber band follows the mouse over the page; inside it the stamp's own text (the sealer's
template, :func:`~sealdesk.services.sealing.choices.stamp_text`) is painted, so the person sees
what will appear where. On release the rectangle becomes PDF points on the page under the
press (:mod:`sealdesk.ui.widgets.stamp_geometry`) and :attr:`StampPlacer.placed` is emitted.
Keyboard: Enter places the Settings' box on the current page (its numbers are then edited in
the seal dialog), Escape leaves drawing mode.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QRubberBand, QWidget

from sealdesk.ui.widgets.stamp_geometry import (
    Layout,
    page_at,
    page_rects,
    to_pdf_box,
    to_view_rect,
)

MIN_DRAG = 4
"""A press-release shorter than this (pixels) is a click, not a box."""


class StampBand(QRubberBand):
    """The rubber band, painted as the stamp: a frame, a light fill and the stamp's text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(QRubberBand.Shape.Rectangle, parent)
        self.setObjectName("stampBand")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect().adjusted(0, 0, -1, -1)
        painter.fillRect(rect, QColor(255, 255, 255, 210))
        painter.setPen(QColor(20, 90, 160))
        painter.drawRect(rect)
        font = painter.font()
        # shrink the text until it fits, as pyHanko scales the stamp text into the box
        for size in range(12, 4, -1):
            font.setPointSize(size)
            painter.setFont(font)
            need = painter.boundingRect(rect.adjusted(4, 4, -4, -4),
                                        Qt.TextFlag.TextWordWrap, self.text)
            if need.height() <= rect.height() - 8 and need.width() <= rect.width() - 8:
                break
        painter.setPen(QColor(0, 0, 0))
        painter.drawText(rect.adjusted(4, 4, -4, -4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                         | Qt.TextFlag.TextWordWrap, self.text)


class StampPlacer(QObject):
    """Watches the preview's viewport while drawing mode is on."""

    placed = Signal(int, tuple)
    """1-based page and ``(x1, y1, x2, y2)`` PDF points of the box drawn."""
    active_changed = Signal(bool)

    def __init__(self, view: QPdfView, default_box: tuple[int, int, int, int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.default_box = default_box
        self.band = StampBand(view.viewport())
        self.band.hide()
        self.active = False
        self._origin: QPoint | None = None
        self._page: int | None = None
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)

    def set_text(self, text: str) -> None:
        self.band.text = text
        self.band.update()

    def start(self) -> None:
        """Enter drawing mode (the cursor becomes a cross; the view takes the keyboard)."""
        if self.view.document() is None or self.view.document().pageCount() == 0:
            return
        self.active = True
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.view.setFocus()
        self.active_changed.emit(True)

    def stop(self) -> None:
        self.active = False
        self._origin = None
        self.band.hide()
        self.view.viewport().unsetCursor()
        self.active_changed.emit(False)

    def layout(self) -> Layout:
        """The view's current layout, read from the view itself."""
        margins = self.view.documentMargins()
        screen = QGuiApplication.primaryScreen()
        return Layout(
            viewport_width=self.view.viewport().width(),
            dpi_scale=screen.logicalDotsPerInch() / 72 if screen else 96 / 72,
            zoom=self.view.zoomFactor(),
            fit_width=self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth,
            margins=(margins.left(), margins.top(), margins.right(), margins.bottom()),
            spacing=self.view.pageSpacing(),
            scroll=(self.view.horizontalScrollBar().value(),
                    self.view.verticalScrollBar().value()),
        )

    def _points(self) -> list[tuple[float, float]]:
        doc = self.view.document()
        return [(doc.pagePointSize(i).width(), doc.pagePointSize(i).height())
                for i in range(doc.pageCount())]

    def page_rects(self) -> list[tuple[float, float, float, float]]:
        return page_rects(self._points(), self.layout())

    def show_box(self, page: int, box: tuple[int, int, int, int]) -> None:
        """Show ``box`` (PDF points) on ``page`` (1-based) as the band, e.g. after typing."""
        rects = self.page_rects()
        if not 1 <= page <= len(rects):
            return
        x, y, w, h = to_view_rect(box, rects[page - 1], self._points()[page - 1])
        self.band.setGeometry(QRectF(x, y, w, h).toRect())
        self.band.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        kind = event.type()
        if watched is self.view and kind == QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        if watched is not self.view.viewport():
            return False
        if kind == QEvent.Type.MouseButtonPress:
            return self._press(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.MouseMove and self._origin is not None:
            self.band.setGeometry(self._clipped(event.position().toPoint()))  # type: ignore[attr-defined]
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._origin is not None:
            return self._release(event)  # type: ignore[arg-type]
        return False

    def _clipped(self, to: QPoint) -> QRect:
        assert self._origin is not None
        assert self._page is not None
        x, y, w, h = self.page_rects()[self._page]
        page = QRect(round(x), round(y), round(w), round(h))
        left, top = min(self._origin.x(), to.x()), min(self._origin.y(), to.y())
        drawn = QRect(left, top, abs(to.x() - self._origin.x()), abs(to.y() - self._origin.y()))
        return drawn.intersected(page)

    def _press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.position().toPoint()
        page = page_at(self.page_rects(), pos.x(), pos.y())
        if page is None:
            return True  # beside the pages: nothing to place, stay in drawing mode
        self._origin, self._page = pos, page
        self.band.setGeometry(QRect(pos, QSize()))
        self.band.show()
        return True

    def _release(self, event: QMouseEvent) -> bool:
        rect = self._clipped(event.position().toPoint())
        page = self._page
        self._origin = None
        if page is None or rect.width() < MIN_DRAG or rect.height() < MIN_DRAG:
            self.band.hide()
            return True
        box = to_pdf_box((rect.x(), rect.y(), rect.width(), rect.height()),
                         self.page_rects()[page], self._points()[page])
        self.stop()
        self.band.show()  # the placed box stays visible until the next document or Clear
        self.placed.emit(page + 1, box)
        return True

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.stop()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            page = self.view.pageNavigator().currentPage()
            self.stop()
            self.show_box(page + 1, self.default_box)
            self.placed.emit(page + 1, self.default_box)
            return True
        return False
