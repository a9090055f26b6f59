"""Where a rectangle drawn on the preview lies on the PDF page, in PDF points.

Pure arithmetic (no Qt), so it is tested on its own: QPdfView lays pages out top to bottom,
each centred horizontally, inside document margins with a spacing between pages, scaled by the
zoom (or fitted to the viewport width); PDF points have their origin at the page's bottom-left
corner and grow upwards, screen pixels at the top-left and grow downwards. The layout mirrors
``QPdfViewPrivate::calculateDocumentLayout`` (Qt 6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Size = tuple[float, float]
Rect = tuple[float, float, float, float]
"""x, y, width, height in viewport pixels."""


@dataclass(frozen=True)
class Layout:
    """How the view shows the pages: zoom, fit, margins, spacing and scroll position."""

    viewport_width: int
    dpi_scale: float = 96 / 72
    """Screen pixels per PDF point at zoom 1 (logical DPI / 72)."""
    zoom: float = 1.0
    fit_width: bool = False
    margins: tuple[int, int, int, int] = (6, 6, 6, 6)
    """left, top, right, bottom."""
    spacing: int = 3
    scroll: tuple[int, int] = (0, 0)


def page_rects(points: Sequence[Size], layout: Layout) -> list[Rect]:
    """Each page's rectangle in viewport pixels (scroll applied), as QPdfView paints it."""
    left, top, right, _bottom = layout.margins
    sizes: list[tuple[int, int]] = []
    for width, height in points:
        w, h = width * layout.dpi_scale, height * layout.dpi_scale
        if layout.fit_width:
            w, h = round(w), round(h)
            factor = (layout.viewport_width - left - right) / w
            w, h = w * factor, h * factor
        else:
            w, h = w * layout.zoom, h * layout.zoom
        sizes.append((round(w), round(h)))
    total_width = max((w for w, _ in sizes), default=0) + left + right
    rects: list[Rect] = []
    y = top
    for w, h in sizes:
        x = (max(total_width, layout.viewport_width) - w) // 2
        rects.append((x - layout.scroll[0], y - layout.scroll[1], w, h))
        y += h + layout.spacing
    return rects


def page_at(rects: Sequence[Rect], x: float, y: float) -> int | None:
    """The 0-based page under the viewport point, or None between or beside pages."""
    for index, (left, top, width, height) in enumerate(rects):
        if left <= x <= left + width and top <= y <= top + height:
            return index
    return None


def to_pdf_box(drawn: Rect, page: Rect, page_points: Size) -> tuple[int, int, int, int]:
    """The drawn rectangle (viewport pixels) as ``(x1, y1, x2, y2)`` PDF points on ``page``.

    Clipped to the page; origin bottom-left, so y is flipped; rounded to whole points (the
    settings' box is whole points too).
    """
    px, py, pw, ph = page
    sx, sy = page_points[0] / pw, page_points[1] / ph
    x1 = min(max(drawn[0] - px, 0), pw)
    x2 = min(max(drawn[0] + drawn[2] - px, 0), pw)
    top = min(max(drawn[1] - py, 0), ph)
    low = min(max(drawn[1] + drawn[3] - py, 0), ph)
    return (round(x1 * sx), round(page_points[1] - low * sy),
            round(x2 * sx), round(page_points[1] - top * sy))


def to_view_rect(box: Sequence[float], page: Rect, page_points: Size) -> Rect:
    """The inverse of :func:`to_pdf_box`: a PDF-point box as a viewport rectangle."""
    px, py, pw, ph = page
    sx, sy = pw / page_points[0], ph / page_points[1]
    x1, y1, x2, y2 = box
    return (px + x1 * sx, py + (page_points[1] - y2) * sy, (x2 - x1) * sx, (y2 - y1) * sy)
