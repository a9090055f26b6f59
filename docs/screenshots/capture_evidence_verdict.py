"""Capture the Evidence page's verdict export, printout and document preview, and the auditor's
preview of stored sealed files on a database copy.

Usage (under Xvfb at 1280x720):
    Xvfb :85 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/verdict-shots DISPLAY=:85 QT_QPA_PLATFORM=xcb \\
        .venv/bin/python docs/screenshots/capture_evidence_verdict.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Demo mode in a fresh SEALDESK_HOME, six contracts sealed on the demo token, two of them exported
to a real signed bundle, checked against the audit certificate, previewed and printed to PDF.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QTextBrowser
from screen import grab_screen, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.audit.checkpoints import latest_checkpoint_file
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.auditor.sealed_page import SealedDocumentsPage
from sealdesk.ui.dialogs.file_choice import ScriptedFiles
from sealdesk.ui.dialogs.pin_dialog import PinAnswer
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
NAMES = ("lease-2026-014", "supplier-contract-a", "supplier-contract-b", "nda-acme",
         "board-minutes-11", "invoice-88231")

paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
inbox = OUT / "inbox"
inbox.mkdir(exist_ok=True)
files = [make_text_pdf(inbox / f"{n}.pdf", n, [f"Document {n}", "Terms and conditions"])
         for n in NAMES]
assert seal_documents(ctx, files, DEMO_PIN, export_dir=OUT / "sealed").ok

app = QApplication(sys.argv[:1])
configure_application(app)
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.token_poller.stop()
window.showMaximized()
window.setGeometry(0, 0, 1280, 720)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.8)


evidence = window.show_page("evidence")
assert isinstance(evidence, EvidencePage)
evidence.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)
wait_until(lambda: len(evidence.rows) == len(NAMES))
evidence.select_documents(["supplier-contract-a.pdf", "supplier-contract-b.pdf"])
bundle = OUT / "evidence-supplier-contracts.zip"
evidence.export(bundle)
wait_until(lambda: evidence.last_export is not None, timeout=120)
cert = OUT / "audit.pem"
cert.write_bytes(latest_checkpoint_file(ctx).certificate_pem)
evidence.use_certificate(cert)
evidence.check_bundle(bundle)
wait_until(lambda: evidence.verdict_view.verdict is not None, timeout=120)
evidence.preview_document("supplier-contract-a.pdf")
wait_until(lambda: evidence.preview.page_count > 0, timeout=60)
evidence.files = ScriptedFiles([OUT / "reports" / "supplier-contracts-verdict.html"])
evidence.report_action.trigger()
wait_until(lambda: evidence.last_report is not None, timeout=60)
shot("evidence-4-verdict-preview")

printer = QPrinter(QPrinter.PrinterMode.HighResolution)
printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
printer.setOutputFileName(str(OUT / "supplier-contracts-verdict.pdf"))
evidence.printer_provider = lambda _parent: printer
evidence.print_action.trigger()
report = QTextBrowser()
report.setWindowTitle("supplier-contracts-verdict.html")
report.setHtml(evidence.last_report[0].read_text())
report.setGeometry(80, 40, 1120, 640)
report.show()
shot("evidence-5-verdict-report")
report.close()

copy = OUT / "copy"
shutil.rmtree(copy, ignore_errors=True)
copy.mkdir()
source = paths.data_dir / "sealdesk.db"
for suffix in ("", "-wal"):
    if Path(f"{source}{suffix}").exists():
        shutil.copy2(f"{source}{suffix}", copy / f"sealdesk.db{suffix}")
folded = sqlite3.connect(copy / "sealdesk.db")
folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
folded.close()
shutil.copytree(paths.data_dir / "store", copy / "store")
window.hide()
auditor = copy_window(open_database_copy(copy / "sealdesk.db"), jobs)
auditor.token_poller.stop()
auditor.showMaximized()
auditor.setGeometry(0, 0, 1280, 720)
sealed = auditor.page("sealed")
assert isinstance(sealed, SealedDocumentsPage)
wait_until(lambda: sealed.table.rowCount() == len(NAMES))
sealed.table.selectRow(2)
wait_until(lambda: sealed.preview.page_count > 0, timeout=60)
shot("auditor-6-copy-preview")
jobs.wait_for_all()
