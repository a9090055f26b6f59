"""Capture auditor mode under Xvfb: the evidence-bundle viewer and a read-only database copy.

Usage (a window manager such as openbox gives the windows their frames):
    Xvfb :94 -screen 0 1400x900x24 &  DISPLAY=:94 openbox &
    SEALDESK_HOME=/tmp/auditor-shots DISPLAY=:94 .venv/bin/python \
        docs/screenshots/capture_auditor.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

On first use it sets up demo mode in SEALDESK_HOME, seals a few contracts and exports an
evidence bundle (and a copy of it with one byte changed); then it copies the database and the
store to OUT/copy, as an auditor receives them, and drives the real windows.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import shutil
import sqlite3
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication
from screen import grab_screen, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import configure_application
from sealdesk.ui.auditor.bundle_viewer import BundleViewer
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
NAMES = ("Supply contract 2026-014", "Lease amendment Antwerp", "Board resolution March",
         "Invoice 2026-0042", "NDA Meridian Labs")


def prepare() -> tuple[Path, Path]:
    paths = app_paths()
    bundle = paths.data_dir / "case-2026-014.zip"
    if not paths.config_file.exists():
        init_demo(paths)
    if not bundle.exists():
        ctx = AppContext.open(paths)
        inbox = paths.data_dir / "inbox"
        inbox.mkdir(exist_ok=True)
        files = [make_text_pdf(inbox / f"{n}.pdf", n, [f"{n}: terms and signatures."])
                 for n in NAMES]
        assert seal_documents(ctx, files, DEMO_PIN).ok
        export_bundle(ctx, Selection(files=tuple(files[:3])), bundle, DEMO_PIN)
        ctx.close()
    damaged = paths.data_dir / "case-2026-014-altered.zip"
    with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(damaged, "w") as new:
        for info in old.infolist():  # a forger's edit: one byte of one PDF, CRCs redone
            data = old.read(info)
            if info.filename.startswith("documents/d0002/") and info.filename.endswith(".pdf"):
                data = data.replace(b"Lease amendment", b"Lease amendmeNt", 1)
            new.writestr(info, data)
    copy = OUT / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    for suffix in ("", "-wal"):
        if Path(f"{paths.data_dir / 'sealdesk.db'}{suffix}").exists():
            shutil.copy2(f"{paths.data_dir / 'sealdesk.db'}{suffix}", copy / f"sealdesk.db{suffix}")
    folded = sqlite3.connect(copy / "sealdesk.db")
    folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folded.close()
    shutil.copytree(paths.data_dir / "store", copy / "store")
    return bundle, copy / "sealdesk.db"


bundle, db_copy = prepare()
app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.4)


jobs = JobRunner()
viewer = BundleViewer(jobs)
viewer.resize(1300, 780)
viewer.move(40, 40)
viewer.show()
viewer.open_bundle(bundle)
wait_until(lambda: viewer.verdict is not None)
shot("auditor-1-bundle")

viewer.verdict = None
viewer.open_bundle(bundle.with_name("case-2026-014-altered.zip"))
wait_until(lambda: viewer.verdict is not None or "Cannot" in viewer.headline.text())
shot("auditor-3-bundle-altered")
viewer.close()

ctx = open_database_copy(db_copy)
window = copy_window(ctx, jobs)
window.resize(1300, 800)
window.move(40, 40)
window.show()
page = window.show_page("sealed")
wait_until(lambda: page.table.rowCount() > 0 and jobs.idle)
page.table.selectRow(1)
wait_until(lambda: "Audit trail" in page.details.toPlainText() and jobs.idle)
shot("auditor-2-database-copy")

documents = window.show_page("documents")
wait_until(lambda: jobs.idle)
shot("auditor-4-copy-documents")
window.close()
jobs.wait_for_all()
