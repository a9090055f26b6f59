"""Capture an auditor window over an encrypted database copy asking for the auditor's token.

Usage (under Xvfb at 1280x720):
    Xvfb :59 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/auditor-token-shots DISPLAY=:59 QT_QPA_PLATFORM=xcb \\
        .venv/bin/python docs/screenshots/capture_auditor_token.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Demo mode in a fresh SEALDESK_HOME; the store is encrypted and one contract sealed into it; the
database and the store folder are copied, the copy is opened in auditor mode, a second token
("Auditor Firm") is initialised in the demo's SoftHSM2 folder, and Keys > Unlock document
archive… shows "Open documents with your token" filled in (captured, not submitted).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication
from screen import grab_screen, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.encryption import enable_encryption
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import configure_application
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

paths = app_paths()
init_demo(paths)
setup = AppContext.open(paths)
with audit_key_login(setup, DEMO_PIN, reason="screenshots"):
    enable_encryption(setup)
inbox = OUT / "inbox"
inbox.mkdir(exist_ok=True)
pdf = make_text_pdf(inbox / "lease-2026-014.pdf", "lease-2026-014", ["Terms and conditions"])
assert seal_documents(setup, [pdf], DEMO_PIN).ok
module, environment = setup.config.token.module, dict(setup.config.token.environment)
copy = OUT / "copy"
shutil.rmtree(copy, ignore_errors=True)
copy.mkdir()
for name in ("sealdesk.db", "sealdesk.db-wal"):
    if (paths.data_dir / name).exists():
        shutil.copy2(paths.data_dir / name, copy / name)
shutil.copytree(setup.store.root, copy / "store")
setup.close()
folded = sqlite3.connect(copy / "sealdesk.db")
folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
folded.close()
os.environ.update(environment)  # the auditor's machine: SoftHSM2 configured in the environment
subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "Auditor Firm",
                "--pin", "31337", "--so-pin", "12345678"], check=True, capture_output=True)

app = QApplication(sys.argv[:1])
configure_application(app)
jobs = JobRunner()
window = copy_window(open_database_copy(copy / "sealdesk.db"), jobs)
window.show_page("sealed")
window.showMaximized()
window.setGeometry(0, 0, 1280, 720)
wait_until(lambda: jobs.idle)
window.archive_lock.action.trigger()
dialog = window.auditor_unlock.dialog
dialog.box.module_edit.setText(module)
dialog.key_edit.setFocus()
dialog.box.refresh_button.click()
wait_until(lambda: not dialog.box.listing and jobs.idle)
assert dialog.box.select_token("Auditor Firm")
dialog.key_edit.setText("auditor-1")
grab_screen(OUT / "encryption-4-auditor-token.png", settle=0.8)
dialog.reject()
jobs.wait_for_all()
window.close()
