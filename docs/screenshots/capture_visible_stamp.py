"""Capture placing a visible seal by drawing a box on the preview (issue 22).

Usage:
    Xvfb :84 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-stampbox DISPLAY=:84 QT_QPA_PLATFORM=xcb PYTHONPATH=app \
        .venv/bin/python docs/screenshots/capture_visible_stamp.py OUT

A demo installation; a two-page document is added and selected, "Place visible seal…" is
triggered and a box dragged on the preview (captured mid-drag, the stamp's text in the band),
then the seal dialog is captured showing the placed box in its "Seal with" group.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point)
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from screen import spin, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.prompts import PinReply
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinRequest
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
app = QApplication(sys.argv[:1])
configure_application(app)


def grab_screen(path: Path, *, settle: float = 0.5) -> None:
    spin(settle)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("captured", path)


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
inbox = paths.data_dir.parent / "inbox"
inbox.mkdir(exist_ok=True)
document = make_text_pdf(inbox / "Supplier contract Acme.pdf", "Supplier contract Acme",
                         ["Contract terms.", "Signed for Acme GmbH."], pages=2)

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()
window.show_page("documents")
page = window.page("documents")
assert isinstance(page, DocumentsPage)
page.add_files([document])
wait_until(lambda: not page.busy)
page.select_path(document)
wait_until(lambda: page.preview.page_count == 2)
spin(0.5)

page.place_stamp.trigger()
viewport = page.preview.view.viewport()
x, y, w, h = page.stamp_placer.page_rects()[0]
start = QPoint(round(x + w * 0.45), round(y + h * 0.25))
end = QPoint(round(x + w * 0.92), round(y + h * 0.36))
QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
QTest.mouseMove(viewport, end)
grab_screen(OUT / "documents-11-place-visible-seal.png")
QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
spin(0.3)


def grab_dialog(request: PinRequest, parent: QWidget | None) -> PinReply | None:
    dialog = PinDialog(request, parent)
    dialog.show()
    dialog.pin_edit.setText(DEMO_PIN)
    grab_screen(OUT / "documents-12-seal-dialog-visible-seal.png")
    dialog.reject()
    return None


page.pin_provider = grab_dialog
page.seal_selected()
wait_until(lambda: not page.busy)
jobs.wait_for_all()
window.close()
