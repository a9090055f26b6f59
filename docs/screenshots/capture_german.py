"""Capture the main window and the Documents page in German under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :96 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/gui-de DISPLAY=:96 .venv/bin/python docs/screenshots/capture_german.py OUT
Starts the real application with ``[ui] language = "de"`` installed the way ``main()`` does
(SealDesk's catalogue and Qt's qtbase_de), seals a few documents and grabs each state: German
words are longer, so these pictures are where cut-off labels and buttons show. Then every
other page as it first shows (de-7 … de-15), and the audit log after Verify log.
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
from sealdesk.ui import translations
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinDialog
from sealdesk.ui.excepthook import install_excepthook
from sealdesk.ui.startup import Launcher
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
INBOX = Path(os.environ["SEALDESK_HOME"]).with_name("gui-de-inbox")
OUTPUT = INBOX.with_name("gui-de-sealed")
W, H = 1280, 720

app = QApplication(sys.argv[:1])
configure_application(app)
translations.install(app, "de")
install_excepthook()


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.15)


def make_inbox() -> list[Path]:
    INBOX.mkdir(exist_ok=True)
    docs = [("Rechnung 2024-0113", ["Kunde: Acme Logistik GmbH", "Betrag: EUR 12.480,00"]),
            ("Vertragsverlaengerung Acme", ["Dienstleistungsvertrag 2024-2026"]),
            ("Vorstandsprotokoll Maerz", ["Sitzung vom 14. Maerz 2024"]),
            ("Lieferschein 88412", ["Paletten: 14"])]
    paths = [make_text_pdf(INBOX / f"{title}.pdf", title, lines, pages=2)
             for title, lines in docs]
    receipt = INBOX / "Beleg gescannt.jpg"
    receipt.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2048)
    return [*paths, receipt]


jobs = JobRunner()
launcher = Launcher(jobs, lambda ctx: build_main_window(ctx, jobs))
launcher.start()
wait_until(lambda: launcher.window is not None, timeout=120)
window = launcher.window
window.setGeometry(0, 0, W, H)
spin(3.0)  # the Home tiles fill in from workers
shot("de-1-home")

page = window.show_page("documents")
page.splitter.setSizes([700, 480])
OUTPUT.mkdir(exist_ok=True)
page.output.set_folder(OUTPUT)
spin(0.5)
shot("de-2-documents-empty")
files = make_inbox()
page.add_files(files)
wait_until(lambda: not page.busy)
page.select_path(files[0])
wait_until(lambda: page.preview.page_count > 0)
spin(1.0)
shot("de-3-documents-added")


def answer_pin() -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, PinDialog):
        QTimer.singleShot(50, answer_pin)
        return
    dialog.pin_edit.setText("1234")
    shot("de-4-pin")
    dialog.accept()


QTimer.singleShot(100, answer_pin)
page.seal_all()
wait_until(lambda: not page.busy, timeout=120)
page.table.clearSelection()
page.select_path(files[1])
wait_until(lambda: page.preview.page_count > 0)
spin(1.5)
shot("de-5-documents-sealed")

menu = window.page_menus["documents"]
menu.popup(window.menuBar().mapToGlobal(window.menuBar().actionGeometry(
    menu.menuAction()).bottomLeft()))
spin(0.5)
shot("de-6-documents-menu")
menu.close()

# the other pages translated so far, as they first show (cut-off German words show here)
for number, key in enumerate(("revalidation", "incidents", "snapshots"), start=7):
    window.show_page(key)
    spin(2.0)
    shot(f"de-{number}-{key}")

# the pages translated since (issue 22 and after): as they first show, with a few documents
# sealed, and the audit log after Verify log (its result banner is the longest German line)
for number, key in enumerate(("audit", "evidence", "retention", "keys", "roles", "settings"),
                             start=10):
    window.show_page(key)
    spin(2.5)
    shot(f"de-{number}-{key}")
    if key == "audit":
        audit = window.page("audit")
        audit.table.selectRow(0)
        audit.verify()
        wait_until(lambda: audit._cancel is None, timeout=120)  # noqa: B023 (runs at once)
        spin(1.0)
        shot(f"de-{number}b-audit-verified")

jobs.wait_for_all()
window.close()
launcher.close()
