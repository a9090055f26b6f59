"""Capture the Audit page with a large log under Xvfb (DISPLAY must be set).

Usage (a window manager such as openbox gives the windows their frames):
    Xvfb :98 -screen 0 1400x900x24 &  DISPLAY=:98 openbox &
    SEALDESK_HOME=/tmp/audit-shots DISPLAY=:98 .venv/bin/python docs/screenshots/capture_audit.py \
        OUT [EVENTS]
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

On first use it sets up demo mode in SEALDESK_HOME and fills the database with EVENTS
(default 1,000,000) realistic entries in bulk (bench/audit_db_gen.py), with a checkpoint every
10,000 entries signed by the demo token's audit key, so verification and proofs are genuine.
Then it drives the real main window and grabs the whole X screen at each state.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication
from screen import grab_screen, wait_until

from bench.audit_db_gen import generate_log
from sealdesk.paths import app_paths
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner
from sealdesk.services.console.demo import init_demo
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.repo import log_size
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.pages.audit_page import AuditLogPage
from sealdesk.ui.workers import JobRunner
from tests.audit.audit_support import demo_token

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
EVENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000


def prepare() -> AppContext:
    paths = app_paths()
    if not paths.config_file.exists():
        init_demo(paths)
    ctx = AppContext.open(paths)
    with ctx.database.reader() as session:
        size = log_size(session)
    if size == 0:
        started = time.monotonic()
        with demo_token(ctx) as token:
            signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
            generate_log(ctx.database, EVENTS, signer, signer.certificate_der,
                         console_id=ctx.console_id,
                         progress=lambda n: print(f"\r{n:,} entries", end="", flush=True))
        print(f"\ngenerated {EVENTS:,} entries in {time.monotonic() - started:.0f} s")
    return ctx


ctx = prepare()
app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.3)


def rows_loaded(page: AuditLogPage) -> bool:
    model = page.model
    return model.rowCount() > 0 and model.data(model.index(0, model.TYPE)) != "…"


jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.showMaximized()
started = time.monotonic()
page = window.show_page("audit")
assert isinstance(page, AuditLogPage)
wait_until(lambda: rows_loaded(page))
print(f"first rows on screen after {1000 * (time.monotonic() - started):.0f} ms")

model = page.model
row = next(r for r in range(5, 60) if model.data(model.index(r, model.TYPE)) == "document.sealed")
page.table.selectionModel().setCurrentIndex(
    model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    | QItemSelectionModel.SelectionFlag.Rows)
wait_until(lambda: "Entry hash" in page.details.toPlainText())
shot("audit-1-log")

page.table.scrollToBottom()
wait_until(lambda: model.data(model.index(model.rowCount() - 1, model.TYPE)) != "…")
page.table.scrollTo(model.index(model.rowCount() // 2, 0))
wait_until(lambda: all(model.data(model.index(r, model.TYPE)) != "…"
                       for r in range(model.rowCount() // 2, model.rowCount() // 2 + 20)))
shot("audit-2-scrolled-middle")
page.table.scrollToTop()

page.filters.search.setText("contract")  # the type change below applies both at once
page.filters.type_box.setCurrentIndex(page.filters.type_box.findData("document.seal_failed"))
started = time.monotonic()
wait_until(lambda: model.filtered and not model.loading and rows_loaded(page))
print(f"filter applied after {1000 * (time.monotonic() - started):.0f} ms")
page.table.selectionModel().setCurrentIndex(
    model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    | QItemSelectionModel.SelectionFlag.Rows)
wait_until(lambda: f"Entry {model.entry_at(2)} " in page.details.toPlainText())
shot("audit-3-filtered")

page.filters.clear()
wait_until(lambda: not model.filtered and rows_loaded(page))
page.verify()
wait_until(lambda: page.progress.value() > page.progress.maximum() // 3, timeout=120)
shot("audit-4-verifying")
wait_until(lambda: page.last_report is not None, timeout=300)
assert page.last_report is not None
print(f"verified {page.last_report.entries_checked:,} entries in "
      f"{page.last_report.seconds:.1f} s: ok={page.last_report.ok}")
row = next(r for r in range(5, 60) if model.data(model.index(r, model.TYPE)) == "document.sealed")
page.select_entry(model.entry_at(row) or 0)
wait_until(lambda: "Entry hash" in page.details.toPlainText())
shot("audit-5-verified")

page.show_proof()
wait_until(lambda: page.proof_dialog is not None and page.proof_dialog.isVisible())
page.proof_dialog.move(300, 160)  # type: ignore[union-attr]
shot("audit-6-proof")
page.proof_dialog.close()  # type: ignore[union-attr]

window.close()
jobs.wait_for_all()
ctx.close()
