"""Capture the real-token screenshots under Xvfb (DISPLAY must be set).

Usage (from the repository root; the p11shim test module stands in for a USB token):
    Xvfb :93 -screen 0 1400x900x24 &  DISPLAY=:93 openbox &
    SEALDESK_HOME=/tmp/token-shots DISPLAY=:93 PYTHONPATH=. \
        .venv/bin/python docs/screenshots/capture_token.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Drives the real window: a batch whose token is pulled out after two documents (the removal
dialog, then reinsertion and Continue), a PIN-pad reader (the PIN dialog without a PIN field),
and the status bar once the token is pulled out again.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from screen import grab_screen, spin, wait_until

from sealdesk.config import with_token
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.prompts import TokenAbsence, WaitDecision
from sealdesk.core.token.softhsm import find_softhsm_module
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinReply, PinRequest
from sealdesk.ui.dialogs.token_removed_dialog import TokenRemovedDialog
from sealdesk.ui.pages.documents_page import DocumentsPage
from sealdesk.ui.workers import JobRunner
from tests.p11shim import ShimControl, build_shim

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str, widget: QWidget | None = None) -> None:
    path = OUT / f"{name}.png"
    if widget is None:
        grab_screen(path, settle=0.5)
        return
    spin(0.5)
    widget.grab().save(str(path))
    print("captured", path)


def prepare() -> tuple[AppContext, ShimControl]:
    """A demo installation whose token is reached through the p11shim."""
    init_demo(app_paths())
    ctx = AppContext.open()
    work = Path(tempfile.mkdtemp(prefix="token-shots-"))
    copy = work / "libsofthsm2-for-shim.so"
    shutil.copy2(find_softhsm_module(), copy)
    control = ShimControl(work / "shim.ctl")
    token = ctx.config.token
    ctx.config = with_token(ctx.config, module=str(build_shim(work)),
                            environment={**token.environment, **control.env(copy)},
                            timeout_seconds=10.0)
    return ctx, control


def add_documents(page: DocumentsPage, prefix: str, count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="inbox-"))
    pdfs = [make_text_pdf(folder / f"{prefix}-{i:02d}.pdf", f"{prefix} {i}",
                          ["A document to seal."]) for i in range(count)]
    page.add_files(pdfs)
    wait_until(lambda: not page.busy)


ctx, control = prepare()
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.resize(1240, 780)
window.move(80, 40)
window.show()
page = window.show_page("documents")
assert isinstance(page, DocumentsPage)
wait_until(lambda: "serial" in window.token_status.state_label.text())

# 1. Pulled out in the middle of a batch: the real removal dialog, watching the token.
add_documents(page, "invoice", 6)
page.pin_provider = lambda _request, _parent: PinReply(DEMO_PIN)


def removal_dialog(absence: TokenAbsence, parent: QWidget | None) -> WaitDecision:
    dialog = TokenRemovedDialog(absence, page.flow.removal_poller, parent)

    def answer() -> None:
        wait_until(lambda: page.flow.removal_poller.last is not None)
        shot("token-1-removed-dialog")
        control.insert_token()
        wait_until(lambda: "connected again" in dialog.state_label.text())
        shot("token-2-reinserted")
        dialog.continue_button.click()

    QTimer.singleShot(300, answer)
    dialog.exec()
    decision = dialog.decision
    dialog.deleteLater()
    return decision


page.token_waiter = removal_dialog
control.hang("C_Sign", 400)
page.seal_all()
wait_until(lambda: page.flow.progress_dialog is not None
           and page.flow.progress_dialog.value() >= 2)
control.remove_token()
wait_until(lambda: not page.flow.running, timeout=120)
control.clear()

# 2. A PIN-pad reader: no PIN field, the dialog says where to type it.
control.set(protected_auth_path=1, pinpad_pin=DEMO_PIN, pinpad_delay_ms=1500)
add_documents(page, "contract", 2)


def pin_pad_dialog(request: PinRequest, parent: QWidget | None) -> PinReply | None:
    dialog = PinDialog(request, parent)

    def answer() -> None:
        shot("token-3-pin-pad")
        dialog.ok_button.click()

    QTimer.singleShot(300, answer)
    dialog.exec()
    reply = dialog.take_answer()
    dialog.deleteLater()
    return reply


page.pin_provider = pin_pad_dialog
page.seal_all()
wait_until(lambda: page.flow.progress_dialog is not None)
shot("token-4-pin-pad-waiting")
wait_until(lambda: not page.flow.running, timeout=120)
control.clear()

# 3. The status bar, with the token pulled out between batches.
window.token_poller.set_interval(500)
control.remove_token()
wait_until(lambda: window.token_status.state_label.text() == "Token removed")
spin(0.5)
bottom = window.grab()
height = 150  # the end of the document list and the status bar, legible at full size
bottom.copy(0, bottom.height() - height, bottom.width(), height).save(
    str(OUT / "token-5-status-bar-removed.png"))
print("captured", OUT / "token-5-status-bar-removed.png")

control.insert_token()
window.token_poller.set_interval(0)
jobs.wait_for_all()
window.close()
