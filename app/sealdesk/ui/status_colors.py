"""The few colours SealDesk sets itself: states (sealed, failed, warning), never the chrome.

Everything else follows the platform palette so light and dark themes both work. The colours are
mid-tones that read on white and on dark grey alike; each state also has a distinct icon shape
so colour is never the only signal.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

OK = "#2e8b57"
INFO = "#2f6fb5"
WARNING = "#c76a00"
DANGER = "#c62828"
MUTED = "#808080"

_STATUS = {
    "PENDING_CHECK": (MUTED, "dots"),
    "READY": (INFO, "ring"),
    "REJECTED": (DANGER, "cross"),
    "SEALING": (INFO, "dots"),
    "SEALED": (OK, "check"),
    "ALREADY_SEALED": (OK, "check"),
    "FAILED": (DANGER, "cross"),
    "QUARANTINED": (WARNING, "cross"),
}


def status_color(status_name: str) -> QColor | None:
    """The text colour for a document status; None keeps the palette's text colour."""
    if status_name == "READY":
        return None
    hex_color, _ = _STATUS.get(status_name, (MUTED, "ring"))
    return QColor(hex_color)


@cache
def status_icon(status_name: str) -> QIcon:
    """A small painted badge per status (cached; painting needs a QGuiApplication).

    Outline badges get a white variant for selected rows, where the highlight would hide them.
    """
    hex_color, shape = _STATUS.get(status_name, (MUTED, "ring"))
    icon = QIcon(_badge(QColor(hex_color), shape, 32))
    if shape == "ring":
        icon.addPixmap(_badge(QColor("white"), shape, 32), QIcon.Mode.Selected)
    return icon


def tinted(pixmap: QPixmap, color: QColor) -> QPixmap:
    """``pixmap``'s shape filled with one colour (for icons on a selection highlight)."""
    result = QPixmap(pixmap.size())
    result.setDevicePixelRatio(pixmap.devicePixelRatio())
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    painter.drawPixmap(0, 0, pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(result.rect(), color)
    painter.end()
    return result


def _badge(color: QColor, shape: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(3, 3, size - 6, size - 6)
    if shape == "ring":
        painter.setPen(QPen(color, 3))
        painter.drawEllipse(box)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(box)
        pen = QPen(QColor("white"), 3.5 * size / 32)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        _mark(painter, shape, size)
    painter.end()
    return pixmap


def _mark(painter: QPainter, shape: str, size: int) -> None:
    s = size / 32
    if shape == "check":
        path = QPainterPath(QPointF(9 * s, 16.5 * s))
        path.lineTo(14 * s, 21.5 * s)
        path.lineTo(23 * s, 11 * s)
        painter.drawPath(path)
    elif shape == "cross":
        painter.drawLine(QPointF(11 * s, 11 * s), QPointF(21 * s, 21 * s))
        painter.drawLine(QPointF(21 * s, 11 * s), QPointF(11 * s, 21 * s))
    elif shape == "dots":
        painter.setBrush(QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        for x in (10, 16, 22):
            painter.drawEllipse(QPointF(x * s, 16 * s), 1.8 * s, 1.8 * s)


def emphasis_style(hex_color: str) -> str:
    """A widget-local style sheet for a warning line, so it works with or without the app QSS."""
    return f"color: {hex_color}; font-weight: 600;"
