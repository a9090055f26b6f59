"""Capture the PIN prompt of a signed act on the Roles page at 1280×720 under Xvfb.

Usage:
    Xvfb :99 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/signed-shots DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python \
        docs/screenshots/capture_signed_acts.py OUT

A role grant is a signed act: its job asks the console token's PIN once the change's own checks
passed (the real dialog of ``ui/pages/keys/support.ask_signing_pin``, "Log in and sign"). The
script types the demo PIN into it, grabs it, and lets the grant finish.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from screen import grab_screen, spin, wait_until

from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinDialog
from sealdesk.ui.pages.roles_page import RolesPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

app = QApplication(sys.argv[:1])
configure_application(app)
init_demo(app_paths())
ctx = AppContext.open()
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.move(0, 0)
window.show()


def centre(widget: QWidget) -> None:
    widget.adjustSize()
    size = widget.size()
    widget.move(max(0, (1280 - size.width()) // 2), max(0, (720 - size.height()) // 2))


roles = window.show_page("roles")
assert isinstance(roles, RolesPage)
wait_until(lambda: not roles.busy)
roles.role_combo.setCurrentIndex(roles.role_combo.findData("auditor"))
roles.account_edit.setText("ext-auditor")
roles.reason_edit.setText("Annual audit 2026 (KPMG engagement letter)")
asked: list[PinDialog] = []


def answer_prompt() -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, PinDialog):
        QTimer.singleShot(100, answer_prompt)
        return
    asked.append(box)
    box.pin_edit.setText(DEMO_PIN)
    centre(box)
    grab_screen(OUT / "roles-4-pin-prompt.png", settle=0.5)
    box.ok_button.click()


QTimer.singleShot(100, answer_prompt)
roles.grant()
wait_until(lambda: not roles.busy, timeout=120)
assert len(asked) == 1, "one PIN dialog per act"
spin(0.5)
grab_screen(OUT / "roles-5-granted-signed.png", settle=0.5)
jobs.wait_for_all()
window.close()
ctx.close()
