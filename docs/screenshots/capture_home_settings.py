"""Capture the Home and Settings screenshots under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :95 -screen 0 1400x900x24 &  DISPLAY=:95 openbox &
    SEALDESK_HOME=/tmp/home-shots DISPLAY=:95 .venv/bin/python \
        docs/screenshots/capture_home_settings.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Sets up a demo installation, seals a few documents through the sealing service (one login),
verifies the audit log, then drives the real Home and Settings pages: the healthy dashboard,
the dashboard when the token is gone, the Settings page after "Detect tokens", a save refused
with the problems shown under their fields, and a database connection test.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screen import grab_screen, spin, wait_until

from sealdesk.config import with_token
from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.pages.settings_page import SettingsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.4)


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
inbox = paths.data_dir.parent / "inbox"
inbox.mkdir(exist_ok=True)
titles = ["Invoice 2024-0113", "Contract renewal - Acme", "Board minutes March",
          "Delivery note 88412", "Price list 2024"]
pdfs = [make_text_pdf(inbox / f"{t}.pdf", t, [f"Contents of {t}."]) for t in titles]
seal_documents(ctx, pdfs, DEMO_PIN)
verify_log(ctx, record=True)

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.showMaximized()
home = window.page("home")
assert isinstance(home, HomePage)
wait_until(lambda: home.dashboard is not None and not home.refreshing)
spin(0.5)
shot("home-1-dashboard")

configured = ctx.config
ctx.config = with_token(ctx.config, label="Company Seal 2", serial="")  # in memory only
home.refresh()
wait_until(lambda: not home.refreshing)
window.refresh_token_status()
spin(1.5)
shot("home-2-token-missing")
ctx.config = configured
window.refresh_token_status()

settings = window.show_page("settings")
assert isinstance(settings, SettingsPage)
settings.token_section.detect()
wait_until(lambda: bool(settings.token_section.detected))
settings.revert()  # keep the configured identity; show the detected list only
settings.token_section.detect()
wait_until(lambda: bool(settings.token_section.detected))
spin(0.5)
shot("settings-1-detected")

settings.tsa_section.url_edit.setText("tsa.example.com/tsr")
settings.seal_section.visible_check.setChecked(True)
settings.seal_section.box_edit.setText("36, 36, 20")
settings.token_section.module_edit.setText("/usr/lib/x86_64-linux-gnu/libz.so.1")
settings.token_section.edited.emit()
settings.save()
wait_until(lambda: not settings.saving)
shot("settings-2-refused")

settings.revert()
settings.storage_section.url_edit.setText(f"sqlite:///{paths.data_dir / 'shared-copy.db'}")
settings.storage_section.edited.emit()
settings.storage_section.test_connection()
wait_until(lambda: not settings.storage_section.testing)
shot("settings-3-database-test")

jobs.wait_for_all()
window.close()
ctx.close()
