"""Capture the Settings page's Language tab at 1280×720 under Xvfb (DISPLAY must be set).

Usage:
    Xvfb :88 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/lang-shots DISPLAY=:88 QT_QPA_PLATFORM=xcb .venv/bin/python \
        docs/screenshots/capture_settings_language.py OUT
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screen import grab_screen

from sealdesk.paths import app_paths
from sealdesk.services.console.demo import init_demo
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.pages.settings_page import SettingsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

app = QApplication(sys.argv[:1])
configure_application(app)
init_demo(app_paths())
ctx = AppContext.open()
window = build_main_window(ctx, JobRunner())
window.resize(1280, 720)
window.move(0, 0)
window.show()
page = window.show_page("settings")
assert isinstance(page, SettingsPage)
page.tabs.setCurrentWidget(page.tabs.widget(page.sections.index(page.display_section)))
page.display_section.language_combo.setCurrentIndex(
    page.display_section.language_combo.findData("de"))
grab_screen(OUT / "settings-6-language.png", settle=0.8)
window.close()
ctx.close()
