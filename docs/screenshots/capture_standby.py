"""Capture the "Switch to standby" dialog under Xvfb (DISPLAY must be set).

Usage (from the repository root):
    Xvfb :94 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/standby-shots DISPLAY=:94 QT_QPA_PLATFORM=xcb PYTHONPATH=.:app \
        .venv/bin/python docs/screenshots/capture_standby.py OUT

A demo installation with three custodians (2-of-3), a standby token registered by their quorum,
then the primary token removed: sealing raises the offer, and the dialog shows it
(standby-1-switch-offer.png); after the switch, the Home page's token tile says the standby
seals (standby-2-home-tile.png).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screen import spin, wait_until

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.standby import switch_to_standby
from sealdesk.services.keys import custodians, rotation
from sealdesk.services.keys.standby import PrimaryTokenUnavailableError, find_seal_token
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.standby_switch_dialog import StandbySwitchDialog
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.workers import JobRunner
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder
from tests.rotation.standby_support import approve_and_execute, make_standby, propose_standby

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
app = QApplication(sys.argv[:1])
configure_application(app)

init_demo(app_paths(), force=True)
ctx = AppContext.open()
issuer = CertificateAuthority.create_root("Custodian CA")
holders = {name: make_holder(ctx, issuer, name) for name in ("Alice", "Bob", "Carol")}
for name, holder in holders.items():
    custodians.register_custodian(ctx, name, holder.cert_pem, holder.where, CUSTODIAN_PIN)
custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
standby, primary_dir = make_standby(ctx, DEMO_PIN)
pid = propose_standby(ctx, standby)


def approve(proposal: str) -> None:
    for name in ("Alice", "Bob"):
        rotation.decide(ctx, proposal, Decision.APPROVE, holders[name].where, CUSTODIAN_PIN)


approve_and_execute(ctx, pid, approve)
shutil.rmtree(primary_dir)  # the primary token is gone
try:
    find_seal_token(ctx)
    raise SystemExit("the primary token is still there")
except PrimaryTokenUnavailableError as offer:
    error = offer

jobs = JobRunner()
dialog = StandbySwitchDialog(ctx, jobs, error)
dialog.show()
dialog.move(120, 80)
spin(1.0)
path = OUT / "standby-1-switch-offer.png"
dialog.grab().save(str(path))
print("captured", path)
dialog.close()

# the operator switched: the Home page's token tile says the standby seals
switch_to_standby(ctx, DEMO_PIN, reason="Primary seal token not connected")
window = build_main_window(ctx, jobs)
window.resize(1280, 720)
window.show()
home = window.page("home")
assert isinstance(home, HomePage)
home.refresh()
wait_until(lambda: home.dashboard is not None and not home.refreshing)
spin(0.8)
path = OUT / "standby-2-home-tile.png"
window.grab().save(str(path))
print("captured", path)
jobs.wait_for_all()
window.close()
ctx.close()
