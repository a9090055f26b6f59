"""A read-only PDF preview: the file is read by a worker, then rendered by QtPdf from memory.

Reading in a worker keeps the GUI responsive when the document sits on a slow network share;
loading QPdfDocument from a buffer then parses without touching the disk on the GUI thread.
Only the latest request is shown: a fast click through the table never paints a stale page.
Page navigation and zoom (with their keys) are :class:`PdfControls`, above the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from sealdesk.errors import InputError
from sealdesk.fsutil import read_bounded
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.status_colors import DANGER, OK, emphasis_style, status_icon
from sealdesk.ui.widgets.pdf_controls import PdfControls
from sealdesk.ui.workers import JobFailure, JobRunner

MAX_PREVIEW_BYTES = 256 * 1024 * 1024


def read_for_preview(path: Path) -> bytes:
    """The file's bytes, or an InputError when it is gone or too large to hold in memory."""
    try:
        size = path.stat().st_size
        if size > MAX_PREVIEW_BYTES:
            raise InputError(
                f"{path.name} is too large to preview ({size // (1024 * 1024)} MB).",
                hint="Open it in a PDF reader; sealing works regardless of size.",
            )
    except OSError as exc:
        raise InputError(f"Cannot read {path.name} for the preview: {exc.strerror}.") from exc
    return read_bounded(path, MAX_PREVIEW_BYTES, "document")  # never a device or a pipe


class PdfPreview(QWidget):
    """Shows one PDF (or a sentence saying why none is shown)."""

    loaded = Signal(object)
    """Emitted with the path once its pages are ready to render."""

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._request = 0
        self._buffer: QBuffer | None = None
        self.current_path: Path | None = None

        self.caption = QLabel()
        self.caption.setObjectName("previewCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_icon = QLabel()
        self.caption_icon.setFixedSize(18, 18)
        self.caption_icon.hide()
        caption_row = QHBoxLayout()
        caption_row.setContentsMargins(0, 0, 0, 0)
        caption_row.addWidget(self.caption_icon)
        caption_row.addWidget(self.caption, 1)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setAccessibleName(self.tr("Document preview"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll it
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        self.controls = PdfControls(self.view, self.document, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(caption_row)
        layout.addWidget(self.controls)
        layout.addWidget(self.stack, 1)
        self.show_message(self.tr("Select a document to preview it."))

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab reaches in the preview (for the page's Tab order)."""
        return [self.view, *self.controls.widgets()]  # the pages first, then their controls

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.stack.currentWidget() is self.view else 0

    def show_message(self, text: str, caption: str = "", *, problem: bool = False) -> None:
        """Show ``text`` instead of a document; ``problem`` colours it as an error."""
        self._request += 1  # any pending read is now stale
        self.current_path = None
        self._unload()
        self._set_caption(caption, sealed=False)
        self.message.setText(text)
        self.message.setStyleSheet(emphasis_style(DANGER) if problem else "")
        self.stack.setCurrentWidget(self.message)
        self.controls.refresh(self.stack.currentWidget() is self.view)

    def show_file(self, path: Path, caption: str, *, sealed: bool = False) -> None:
        """Preview ``path``; ``sealed`` marks the caption as a sealed copy (icon and colour)."""
        self._set_caption(caption, sealed=sealed)
        if path == self.current_path:
            return
        self._request += 1
        request = self._request
        self.current_path = path
        self.message.setText(self.tr("Loading preview…"))
        self.message.setStyleSheet("")
        self.stack.setCurrentWidget(self.message)
        self.controls.refresh(self.stack.currentWidget() is self.view)
        self._jobs.run(
            lambda: read_for_preview(path), name="Reading the preview",
            on_success=lambda data: self._show_bytes(request, path, data),
            on_failure=lambda failure: self._read_failed(request, failure),
        )

    def show_loaded(self, key: Path, load: Callable[[], bytes], caption: str, *,
                    sealed: bool = False) -> None:
        """Preview the bytes ``load`` returns (run in a worker): a document that is not a file of
        its own, e.g. a member of an evidence bundle or a stored file checked against its hash.

        ``key`` names it (it need not exist on disk); the same key again keeps what is shown.
        """
        self._set_caption(caption, sealed=sealed)
        if key == self.current_path:
            return
        self._request += 1
        request = self._request
        self.current_path = key
        self.message.setText(self.tr("Loading preview…"))
        self.message.setStyleSheet("")
        self.stack.setCurrentWidget(self.message)
        self._jobs.run(
            load, name="Reading the preview",
            on_success=lambda data: self._show_bytes(request, key, data),
            on_failure=lambda failure: self._read_failed(request, failure),
        )

    def _show_bytes(self, request: int, path: Path, data: bytes) -> None:
        if request != self._request:
            return
        self._unload()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.show_message(self.tr("This file cannot be previewed (QtPdf could not read it)."),
                              problem=True)
            return
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self.controls.refresh(self.stack.currentWidget() is self.view)
        self.loaded.emit(path)

    def _read_failed(self, request: int, failure: JobFailure) -> None:
        if request != self._request:
            return
        self.show_message(inline_failure(self, failure), problem=True)

    def _set_caption(self, text: str, *, sealed: bool) -> None:
        self.caption.setText(text)
        self.caption.setStyleSheet(emphasis_style(OK) if sealed else "")
        if sealed:
            self.caption_icon.setPixmap(status_icon("SEALED").pixmap(18, 18))
        self.caption_icon.setVisible(sealed)

    def _unload(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
