"""Capture the Incidents page and the Home incident and alert tiles under Xvfb at 1280x720.

Usage:
    Xvfb :97 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/home-incidents DISPLAY=:97 .venv/bin/python \
        docs/screenshots/capture_incidents.py docs/screenshots

Sets up a demo installation and seals a few documents with alerts switched on and sealing
hours that exclude the present hour (so the real alert rules raise "sealing outside hours"),
records incidents through the register service (an availability incident with a note, linked
documents and an action item; a closed configuration incident; an open security incident),
then drives the real window: the Incidents page with the timeline, the "Open incident" form,
the action items of the selected incident, and Home with the incident and alert tiles.
The screen is grabbed with ``QScreen.grabWindow(0)`` (ImageMagick is not installed here).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from screen import spin, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services import alerts
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.pages.incidents.page import IncidentsPage
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)

app = QApplication(sys.argv[:1])
configure_application(app)


def shot(name: str, settle: float = 0.5) -> None:
    spin(settle)
    path = OUT / f"{name}.png"
    assert app.primaryScreen().grabWindow(0).save(str(path))
    print("captured", path)


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
hour = dt.datetime.now(dt.UTC).hour
ctx.config = dataclasses.replace(ctx.config, alerts=dataclasses.replace(
    ctx.config.alerts, enabled=True, sealing_start_hour=(hour + 2) % 24,
    sealing_end_hour=(hour + 3) % 24 or 24))  # in memory only: now is outside sealing hours
inbox = paths.data_dir.parent / "inbox"
inbox.mkdir(exist_ok=True)
titles = ["Invoice 2026-0113", "Contract renewal - Acme", "Board minutes March"]
pdfs = [make_text_pdf(inbox / f"{t}.pdf", t, [f"Contents of {t}."]) for t in titles]
seal_documents(ctx, pdfs, DEMO_PIN)
raised = alerts.evaluate(ctx)
print("alerts raised:", [a.rule for a in raised])

config = register.open_incident(ctx, "config", "TSA URL wrong after the update")
register.add_note(ctx, config, "Settings showed the old TSA host; corrected by the admin.")
register.close_incident(ctx, config, "The update kept a stale TSA URL in config.toml.")
register.open_incident(ctx, "security", "Unknown USB token seen on the sealing PC")
tsa = register.open_incident(ctx, "availability", "Timestamp authority slow since 08:00")
register.add_note(ctx, tsa, "Seals take 20 s each; the TSA provider confirmed an outage.")
for pdf in pdfs[:2]:
    register.link(ctx, tsa, "document", hashlib.sha256(pdf.read_bytes()).hexdigest())
item = register.add_action(ctx, tsa, "Configure a second TSA as fallback", "alice")
register.add_action(ctx, tsa, "Ask the provider for their post-incident report", "bob")
register.close_action(ctx, tsa, item, "Second TSA configured and tested.")

jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.setGeometry(0, 0, 1280, 720)
window.show()
home = window.page("home")
assert isinstance(home, HomePage)
wait_until(lambda: home.dashboard is not None and not home.refreshing)

page = window.show_page("incidents")
assert isinstance(page, IncidentsPage)
wait_until(lambda: not page.busy and jobs.idle)
page.select_incident(tsa)
wait_until(lambda: not page.busy and jobs.idle and page.details.detail is not None)
shot("incidents-1-timeline")


def grab_form_then_cancel() -> None:
    form = QApplication.activeModalWidget()
    if form is None:
        QTimer.singleShot(50, grab_form_then_cancel)
        return
    form.widgets["title"].setText("Audit log verification failed on console 2")
    shot("incidents-2-open-form")
    form.reject()


QTimer.singleShot(100, grab_form_then_cancel)
page.open_incident()
wait_until(lambda: not page.busy and jobs.idle)
page.details.tabs.setCurrentWidget(page.details.actions)
page.details.actions.selectRow(1)
shot("incidents-3-action-items")

window.show_page("home")
home.refresh()
wait_until(lambda: not home.refreshing)
shot("home-3-incidents-alerts")
jobs.wait_for_all()
window.close()
ctx.close()
