"""Capture the question a PostgreSQL snapshot's restore asks: which new, empty database.

Usage:
    Xvfb :96 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-pgr DISPLAY=:96 .venv/bin/python \
        docs/screenshots/capture_snapshot_pg_restore.py OUT

The dialog is the one the Snapshots page opens after the folder when the selected snapshot holds
a PostgreSQL dump; here it is opened on a demo installation, typed into and captured, then
cancelled (no PostgreSQL server is needed for the picture).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from screen import grab_screen, wait_until

from sealdesk.paths import app_paths
from sealdesk.services.console.demo import init_demo
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.pages.snapshots_page import SnapshotsPage, _ask_new_database_url
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
app = QApplication(sys.argv[:1])
configure_application(app)

paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()
page = window.page("snapshots")
assert isinstance(page, SnapshotsPage)
window.show_page("snapshots")
wait_until(lambda: "Snapshot folder" in page.folder_label.text())


def capture_and_cancel() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog), dialog
    dialog.setTextValue("postgresql://sealdesk@db.example.org:5432/sealdesk_restored")
    grab_screen(OUT / "snapshots-4-restore-postgres-url.png", settle=0.4)
    dialog.reject()


QTimer.singleShot(400, capture_and_cancel)
assert _ask_new_database_url(page) is None
jobs.wait_for_all()
window.close()
