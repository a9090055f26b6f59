"""Page navigation and zoom for :class:`~sealdesk.ui.widgets.pdf_preview.PdfPreview`.

What a person expects from a PDF reader (Acrobat, Okular): previous/next page with Page Up and
Page Down, a page number to type, zoom in and out with Ctrl++ and Ctrl+-, and fit to width
with F. Ctrl+0 is the "Go" menu's, so "fit" is F; the keys work while the preview has the
focus (they are scoped to it, so the table keeps its own Page Up/Down and type-to-find).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
POINTS_PER_INCH = 72.0


class PdfControls(QWidget):
    """The bar above the preview: ◀ page [n] of N ▶ · − zoom + · Fit width."""

    def __init__(self, view: QPdfView, document: QPdfDocument, scope: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfControls")
        self._view, self._document = view, document
        self._count = 0
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut

        def action(text: str, keys: list[QKeySequence], slot: object, tip: str) -> QAction:
            made = QAction(text, scope)
            made.setShortcuts(keys)
            made.setShortcutContext(context)
            made.setToolTip(f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})")
            made.triggered.connect(slot)
            scope.addAction(made)
            return made

        self.previous_action = action(self.tr("Previous page"),
                                      [QKeySequence(Qt.Key.Key_PageUp)], self.previous_page,
                                      self.tr("Previous page"))
        self.next_action = action(self.tr("Next page"), [QKeySequence(Qt.Key.Key_PageDown)],
                                  self.next_page, self.tr("Next page"))
        self.zoom_in_action = action(
            self.tr("Zoom in"), [QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                 QKeySequence("Ctrl+=")], self.zoom_in, self.tr("Zoom in"))
        self.zoom_out_action = action(self.tr("Zoom out"),
                                      [QKeySequence(QKeySequence.StandardKey.ZoomOut)],
                                      self.zoom_out, self.tr("Zoom out"))
        self.fit_action = action(self.tr("Fit width"), [QKeySequence(Qt.Key.Key_F)],
                                 self.fit_width, self.tr("Fit the page to the width"))

        def button(act: QAction, text: str, name: str) -> QToolButton:
            act.setIconText(text)  # what the narrow bar shows; the tooltip says it in words
            made = QToolButton()
            made.setDefaultAction(act)
            made.setAccessibleName(name)
            made.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            return made

        self.previous_button = button(self.previous_action, "◀", self.tr("Previous page"))
        self.next_button = button(self.next_action, "▶", self.tr("Next page"))
        self.zoom_out_button = button(self.zoom_out_action, "−", self.tr("Zoom out"))
        self.zoom_in_button = button(self.zoom_in_action, "+", self.tr("Zoom in"))
        self.fit_button = button(self.fit_action, self.tr("Fit"), self.tr("Fit width"))
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.setKeyboardTracking(False)  # jump once the number is typed
        self.page_spin.setMinimum(1)
        self.page_count_label = QLabel()
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(QLabel(self.tr("Page")))
        layout.addWidget(self.page_spin)
        layout.addWidget(self.page_count_label)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        layout.addWidget(self.zoom_out_button)
        layout.addWidget(self.zoom_label)
        layout.addWidget(self.zoom_in_button)
        layout.addWidget(self.fit_button)

        self.page_spin.valueChanged.connect(lambda number: self.go_to(number - 1))
        view.pageNavigator().currentPageChanged.connect(self._page_changed)
        view.zoomFactorChanged.connect(self._update)
        view.zoomModeChanged.connect(self._update)
        self.refresh()

    def widgets(self) -> list[QWidget]:
        """For the page's Tab order."""
        return [self.previous_button, self.page_spin, self.next_button, self.zoom_out_button,
                self.zoom_in_button, self.fit_button]

    @property
    def page_count(self) -> int:
        return self._count

    @property
    def current_page(self) -> int:
        """0-based."""
        return self._view.pageNavigator().currentPage()

    @property
    def zoom(self) -> float:
        """The factor shown now (computed from the width when fitting)."""
        if self._view.zoomMode() is QPdfView.ZoomMode.FitToWidth:
            return self._fit_factor()
        return self._view.zoomFactor()

    @property
    def fitting(self) -> bool:
        return self._view.zoomMode() is QPdfView.ZoomMode.FitToWidth

    def refresh(self, shown: bool = False) -> None:
        """After a document was loaded or unloaded; ``shown``: its pages are on screen."""
        ready = self._document.status() is QPdfDocument.Status.Ready
        count = self._count = self._document.pageCount() if shown and ready else 0
        self.setEnabled(count > 0)
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, count))
        self.page_spin.setValue(self.current_page + 1 if count else 1)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(self.tr("of {count}").format(count=count))
        self._update()

    def go_to(self, page: int) -> None:
        count = self._count
        if count and 0 <= page < count and page != self.current_page:
            self._view.pageNavigator().jump(page, QPointF(), self._view.pageNavigator()
                                            .currentZoom())

    def previous_page(self) -> None:
        self.go_to(self.current_page - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page + 1)

    def zoom_in(self) -> None:
        now = self.zoom
        self._set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update()

    def _set_zoom(self, factor: float) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.Custom)
        self._view.setZoomFactor(factor)
        self._update()

    def _fit_factor(self) -> float:
        if self._document.pageCount() == 0:
            return 1.0
        width = self._document.pagePointSize(max(0, self.current_page)).width()
        pixels = width / POINTS_PER_INCH * self._view.logicalDpiX()
        margins = 2 * self._view.documentMargins().left() + 4
        return max(0.01, (self._view.viewport().width() - margins) / pixels) if pixels else 1.0

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update()

    def _update(self, *_args: object) -> None:
        count = self._count
        page = self.current_page
        self.previous_action.setEnabled(count > 0 and page > 0)
        self.next_action.setEnabled(count > 0 and page < count - 1)
        self.zoom_in_action.setEnabled(count > 0 and self.zoom < ZOOM_STEPS[-1] - 0.01)
        self.zoom_out_action.setEnabled(count > 0 and self.zoom > ZOOM_STEPS[0] + 0.01)
        self.fit_action.setEnabled(count > 0 and not self.fitting)
        self.zoom_label.setText(
            self.tr("Fit") if self.fitting else f"{round(self._view.zoomFactor() * 100)} %")
