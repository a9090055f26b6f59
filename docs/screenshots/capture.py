"""Capture the Documents page screenshots under Xvfb (DISPLAY must be set).

Usage (a window manager such as openbox gives the windows their frames):
    Xvfb :99 -screen 0 1280x720x24 &  DISPLAY=:99 openbox &   (openbox is optional)
    SEALDESK_HOME=/tmp/gui-shots DISPLAY=:99 .venv/bin/python docs/screenshots/capture.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png
Drives the real application objects (Launcher, MainWindow, default PIN dialog) and grabs the
whole X screen with ImageMagick's ``import -window root`` at each state.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from screen import grab_screen, spin, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinDialog
from sealdesk.ui.excepthook import install_excepthook
from sealdesk.ui.startup import Launcher
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
INBOX = Path(os.environ["SEALDESK_HOME"]).with_name("gui-shots-inbox")
W, H = 1280, 720
OUTPUT = INBOX.with_name("gui-shots-sealed")

app = QApplication(sys.argv[:1])
configure_application(app)
install_excepthook()


def shot(name: str, crop: tuple[int, int, int, int] | None = None) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.15, crop=crop)


def make_inbox() -> list[Path]:
    INBOX.mkdir(exist_ok=True)
    docs = [
        ("Invoice 2024-0113", ["Customer: Acme Logistics GmbH", "Amount due: EUR 12,480.00",
                               "Due date: 12 February 2024"]),
        ("Contract renewal - Acme", ["Service agreement renewal, term 2024-2026",
                                     "Signed for the supplier by the board."]),
        ("Board minutes March", ["Minutes of the board meeting of 14 March 2024",
                                 "Present: 5 of 5 members."]),
        ("Audit letter Q1", ["Confirmation of balances as of 31 March 2024"]),
        ("Delivery note 88412", ["Pallets: 14", "Carrier: Nordfracht"]),
        ("Price list 2024", ["Valid from 1 April 2024"]),
        ("Certificate of origin", ["Goods of EU origin"]),
        ("Credit note 2024-0031", ["Refund: EUR 312.50"]),
        ("Warranty terms", ["24 months from delivery"]),
        ("Purchase order 5521", ["Quantity: 1,200 units"]),
    ]
    paths = [make_text_pdf(INBOX / f"{title}.pdf", title, lines, pages=2)
             for title, lines in docs]
    receipt = INBOX / "Scanned receipt.jpg"
    receipt.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2048)
    return [*paths[:3], receipt, *paths[3:]]


jobs = JobRunner()
launcher = Launcher(jobs, lambda ctx: build_main_window(ctx, jobs))
splash = launcher.splash
splash.move((W - splash.width()) // 2, (H - splash.height()) // 2)
original_message = splash.set_message
captured_splash = False


def message_and_shot(done: int, total: int, text: str) -> None:
    global captured_splash
    original_message(done, total, text)
    if "demo token" in text and not captured_splash:
        captured_splash = True
        splash.repaint()
        spin(0.3)
        sw, sh = 600, 290
        shot("documents-1-first-start", (sw, sh, (W - sw) // 2, (H - sh) // 2))


splash.set_message = message_and_shot  # type: ignore[method-assign]
launcher.start()
wait_until(lambda: launcher.window is not None)
window = launcher.window
window.showMaximized()
window.setGeometry(0, 0, W, H)  # without a window manager "maximized" is only a wish
page = window.show_page("documents")  # the console opens on Home
page.splitter.setSizes([700, 480])
OUTPUT.mkdir(exist_ok=True)
page.output.set_folder(OUTPUT)
spin(0.5)

files = make_inbox()
page.add_files(files)
wait_until(lambda: not page.busy)
page.select_path(files[1])
wait_until(lambda: page.preview.page_count > 0)
spin(1.0)
shot("documents-2-added")

page.select_path(files[3])
spin(0.5)
shot("documents-2b-rejected")
page.table.clearSelection()
page.select_path(files[0])
wait_until(lambda: page.preview.page_count > 0)


def answer_pin() -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, PinDialog):
        QTimer.singleShot(50, answer_pin)
        return
    dialog.pin_edit.setText("1234")
    shot("documents-3-pin")
    dialog.accept()


QTimer.singleShot(100, answer_pin)
page.seal_all()
wait_until(lambda: page.flow.progress_dialog is not None
           and page.flow.progress_dialog.value() >= 3)
shot("documents-4-progress")
wait_until(lambda: not page.busy, timeout=120)
page.table.clearSelection()
page.select_path(files[1])
wait_until(lambda: page.preview.page_count > 0 and page.preview.caption.text().startswith("Sealed"))
spin(1.5)
shot("documents-5-sealed")

# the Documents menu, opened from the keyboard (Alt+D)
menu = window.page_menus["documents"]
menu.popup(window.menuBar().mapToGlobal(window.menuBar().actionGeometry(
    menu.menuAction()).bottomLeft()))
spin(0.5)
shot("documents-6-menu")
menu.close()

# a file sealed before, added again (as the original and as its sealed copy)
page.table.selectAll()
page.remove_selected()
received = INBOX / "Received by mail.pdf"
received.write_bytes(sorted(OUTPUT.iterdir())[0].read_bytes())
page.add_files([files[1], received, files[4]])
wait_until(lambda: not page.busy)
page.select_path(files[1])
wait_until(lambda: page.preview.page_count > 0)
spin(1.0)
shot("documents-7-sealed-before")

jobs.wait_for_all()
window.close()
launcher.close()
