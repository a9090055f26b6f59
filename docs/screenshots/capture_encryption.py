"""Capture the console with an encrypted document archive: unlocking it, and its Encryption tab.

Usage (under Xvfb at 1280x720):
    Xvfb :58 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/encryption-shots DISPLAY=:58 QT_QPA_PLATFORM=xcb \\
        .venv/bin/python docs/screenshots/capture_encryption.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Demo mode in a fresh SEALDESK_HOME; the store is encrypted (the storage key made on the demo
token) and two contracts are sealed into it; the window then opens on a fresh context, offers to
unlock the archive (the PIN dialog is captured), shows the sealed copy read through the store,
and the Settings page's Encryption tab.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QWidget
from screen import grab_screen, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.encryption import enable_encryption
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinAnswer, PinDialog, PinRequest
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
NAMES = ("lease-2026-014", "supplier-contract-a")

paths = app_paths()
init_demo(paths)
setup = AppContext.open(paths)
with audit_key_login(setup, DEMO_PIN, reason="screenshots"):
    enable_encryption(setup)
inbox = OUT / "inbox"
inbox.mkdir(exist_ok=True)
files = [make_text_pdf(inbox / f"{n}.pdf", n, [f"Document {n}", "Terms and conditions"])
         for n in NAMES]
assert seal_documents(setup, files, DEMO_PIN).ok
setup.close()

ctx = AppContext.open(paths)  # a new console: the archive is locked
app = QApplication(sys.argv[:1])
configure_application(app)
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.token_poller.stop()


def show_and_answer(request: PinRequest, parent: QWidget | None) -> PinAnswer:
    dialog = PinDialog(request, parent)
    dialog.show()
    grab_screen(OUT / "encryption-1-unlock.png", settle=0.8)
    dialog.close()
    dialog.deleteLater()
    return PinAnswer(DEMO_PIN)


window.archive_lock.pin_provider = show_and_answer
documents = window.show_page("documents")
documents.add_files(files)
window.showMaximized()
window.setGeometry(0, 0, 1280, 720)
wait_until(lambda: window.archive_lock.offered and not window.archive_lock.busy, timeout=120)
assert not window.archive_lock.locked
wait_until(lambda: not documents.busy)
documents.select_path(files[0])
wait_until(lambda: documents.preview.page_count > 0
           and documents.signature_panel.view is not None, timeout=120)
grab_screen(OUT / "encryption-2-documents.png", settle=0.8)

settings = window.show_page("settings")
settings.tabs.setCurrentIndex(settings.tabs.count() - 1)
wait_until(lambda: settings.encryption_section.facts is not None)
settings.encryption_section.refresh_button.setFocus()
grab_screen(OUT / "encryption-3-settings.png", settle=0.8)
jobs.wait_for_all()
window.close()
ctx.close()
