"""Capture the Snapshots page and the Home tile under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :96 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-snap DISPLAY=:96 .venv/bin/python \
        docs/screenshots/capture_snapshots.py OUT

A demo installation seals a few documents, takes a snapshot with a reason, verifies it and
reconciles, all through the real page (the PIN provider answers the demo PIN).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from screen import spin, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.prompts import PinReply
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.pages.snapshots_page import SnapshotsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
app = QApplication(sys.argv[:1])
configure_application(app)



def grab_screen(path: Path, *, settle: float = 0.3) -> None:
    """The whole virtual screen, through Qt (no ImageMagick needed)."""
    spin(settle)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("captured", path)


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
inbox = paths.data_dir.parent / "inbox"
inbox.mkdir(exist_ok=True)
titles = ["Invoice 2024-0113", "Contract renewal - Acme", "Board minutes March"]
seal_documents(ctx, [make_text_pdf(inbox / f"{t}.pdf", t, [f"Contents of {t}."])
                     for t in titles], DEMO_PIN)

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()
page = window.page("snapshots")
assert isinstance(page, SnapshotsPage)
page._pin_provider = lambda: (lambda _request, _parent: PinReply(DEMO_PIN))
window.show_page("snapshots")
wait_until(lambda: "Snapshot folder" in page.folder_label.text())


def answer(reason: str) -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QInputDialog):
        dialog.setTextValue(reason)
        dialog.accept()


QTimer.singleShot(300, lambda: answer("before the update to 0.2"))
page.take()
wait_until(lambda: page.model.rowCount() == 1)
page.table.selectRow(0)
page.verify_selected()
wait_until(lambda: "VERIFIED" in page.summary.toPlainText())
grab_screen(OUT / "snapshots-1-verified.png", settle=0.4)
page.reconcile()
wait_until(lambda: "Signed report" in page.summary.toPlainText())
grab_screen(OUT / "snapshots-2-reconciled.png", settle=0.4)
window.show_page("home")
home = window.page("home")
assert isinstance(home, HomePage)
wait_until(lambda: home.dashboard is not None)
spin(0.5)
grab_screen(OUT / "snapshots-3-home-tile.png", settle=0.4)
jobs.wait_for_all()
window.close()
