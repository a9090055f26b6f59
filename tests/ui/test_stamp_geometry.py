"""The rectangle drawn on the preview, converted to PDF points (pure arithmetic, issue 22)."""

from __future__ import annotations

import pytest

from sealdesk.ui.widgets.stamp_geometry import Layout, page_at, page_rects, to_pdf_box

A4 = (595.0, 842.0)


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_a_drawn_box_becomes_pdf_points_at_two_zoom_levels(zoom: float) -> None:
    layout = Layout(viewport_width=400, dpi_scale=96 / 72, zoom=zoom)
    scale = 96 / 72 * zoom
    rects = page_rects([A4, A4], layout)
    width, height = round(A4[0] * scale), round(A4[1] * scale)
    assert rects[0] == ((max(width + 12, 400) - width) // 2, 6, width, height)
    assert rects[1][1] == 6 + height + 3  # below the first page and the spacing
    # a box 100 pt from the left and 50 pt from the top of page 2, 200 x 70 pt
    px, py, _w, _h = rects[1]
    drawn = (px + 100 * scale, py + 50 * scale, 200 * scale, 70 * scale)
    assert page_at(rects, drawn[0], drawn[1]) == 1
    assert to_pdf_box(drawn, rects[1], A4) == (100, 842 - 120, 300, 842 - 50)


def test_scrolling_and_fit_to_width_are_accounted_for() -> None:
    layout = Layout(viewport_width=612, dpi_scale=1.0, fit_width=True, scroll=(0, 100))
    rects = page_rects([A4], layout)
    assert rects[0] == (6, 6 - 100, 600, round(842 * 600 / 595))
    x, y, w, h = rects[0]
    box = to_pdf_box((x, y + h - 10, w / 2, 10), rects[0], A4)  # the bottom strip, left half
    assert box[0] == 0 and box[1] == 0 and abs(box[2] - 297) <= 1 and abs(box[3] - 10) <= 1


def test_a_box_drawn_past_the_page_edge_is_clipped_to_the_page() -> None:
    page = (10.0, 10.0, 595.0, 842.0)
    assert to_pdf_box((0, 0, 100, 100), page, A4) == (0, 842 - 90, 90, 842)
