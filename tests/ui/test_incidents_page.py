"""The Incidents page driven by the keyboard: open, note, link, act, close and the signed
statement, against a real demo installation (SoftHSM2 token, SQLite audit log).

Modal forms are answered from a ``QTimer.singleShot`` with the keys a person would press
(``QApplication.activeModalWidget()``); every change is checked in the register (the audit log),
not only on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sealdesk.services.incidents import register
from sealdesk.services.incidents.statement import statements_folder, verify_statement
from sealdesk.ui.auditor.lock import lock_page
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.dialogs.incident_forms import IncidentForm
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.incidents_model import IncidentsModel
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.pages.incidents.page import IncidentsPage

WAIT_MS = 20_000
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def page(qtbot: QtBot, window: MainWindow) -> IncidentsPage:
    shown = window.show_page("incidents")
    assert isinstance(shown, IncidentsPage)
    settle(qtbot, shown)
    shown.table.setFocus()
    return shown


def settle(qtbot: QtBot, page: IncidentsPage) -> None:
    qtbot.waitUntil(lambda: not page.busy and page.services.jobs.idle, timeout=WAIT_MS)


def answer(keys: Callable[[QWidget], None], seen: list[str]) -> None:
    """Answer the next modal form with ``keys`` (typed into whatever has the focus)."""
    tries = [250]

    def run() -> None:
        form = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(form, IncidentForm) or focus is None or focus.window() is not form:
            tries[0] -= 1
            if tries[0]:
                QTimer.singleShot(20, run)  # not shown or not focused yet
            else:
                seen.append("no form appeared")
            return
        seen.append(form.windowTitle())
        keys(form)
        if form.isVisible():  # the keys did not finish the form: fail, do not hang
            seen.append(f"left open: {form.values()}")
            form.reject()
    QTimer.singleShot(0, run)


def typed(*steps: Any) -> Callable[[QWidget], None]:
    """Steps: a str is typed, a key (with modifiers as a tuple) is pressed, into the focus."""
    def keys(_form: QWidget) -> None:
        for step in steps:
            target = QApplication.focusWidget()
            if isinstance(step, str):
                QTest.keyClicks(target, step)
            elif isinstance(step, tuple):
                QTest.keyClick(target, step[0], step[1])
            else:
                QTest.keyClick(target, step)
    return keys


def press(page: IncidentsPage, key: Qt.Key, modifiers: Qt.KeyboardModifier,
          target: QWidget | None = None) -> None:
    """Press a shortcut with the focus in the page (where a person's focus is after a form)."""
    target = target or page.table
    page.window().activateWindow()
    for _ in range(200):  # after a modal form closes, the window becomes active again
        if QApplication.activeWindow() is page.window():
            break
        QTest.qWait(10)
    assert QApplication.activeWindow() is page.window()
    target.setFocus()
    QTest.keyClick(target, key, modifiers)


def cell(page: IncidentsPage, row: int, column: int) -> str:
    return str(page.proxy.index(row, column).data())


def test_an_incident_from_opening_to_closing_by_keyboard(
    qtbot: QtBot, page: IncidentsPage,
) -> None:
    seen: list[str] = []
    answer(typed(Qt.Key.Key_Down, Qt.Key.Key_Tab, "TSA unreachable since 08:00",
                 Qt.Key.Key_Return), seen)
    press(page, Qt.Key.Key_N, CTRL)
    settle(qtbot, page)
    assert seen == ["Open incident"]
    assert page.proxy.rowCount() == 1
    incident = register.list_incidents(page.services.ctx)[0]
    assert (incident.type.value, incident.title) == ("integrity", "TSA unreachable since 08:00")
    assert page.current_incident() is not None and page.current_incident().id == incident.id
    assert cell(page, 0, IncidentsModel.ID) == incident.name
    assert cell(page, 0, IncidentsModel.TYPE) == "Data integrity"
    assert cell(page, 0, IncidentsModel.STATE) == "Open"
    assert page.details.timeline.item(0, 2).text() == (
        "Incident opened: TSA unreachable since 08:00")

    answer(typed("Operator saw red tiles at 08:05.", (Qt.Key.Key_Return, CTRL)), seen)
    press(page, Qt.Key.Key_N, CTRL_SHIFT)
    settle(qtbot, page)
    answer(typed(*[Qt.Key.Key_Down] * 4, Qt.Key.Key_Tab, str(incident.id),
                 Qt.Key.Key_Return), seen)
    press(page, Qt.Key.Key_L, CTRL)
    settle(qtbot, page)
    answer(typed("Ask the TSA for an SLA", Qt.Key.Key_Tab, "alice", Qt.Key.Key_Return), seen)
    press(page, Qt.Key.Key_A, CTRL_SHIFT)
    settle(qtbot, page)
    assert page.details.actions.rowCount() == 1, seen
    assert not page.close_action_action.isEnabled()  # no action item selected yet
    page.details.tabs.setCurrentWidget(page.details.actions)
    press(page, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier, page.details.actions)
    assert page.close_action_action.isEnabled()
    answer(typed("SLA signed.", Qt.Key.Key_Return), seen)
    press(page, Qt.Key.Key_D, CTRL_SHIFT, page.details.actions)
    settle(qtbot, page)
    answer(typed("TSA certificate expired.", (Qt.Key.Key_Return, CTRL)), seen)
    press(page, Qt.Key.Key_W, CTRL_SHIFT)
    settle(qtbot, page)

    assert seen[1:] == [f"Add note to {incident.name}", f"Link to {incident.name}",
                        f"Add action item to {incident.name}",
                        f"Close action item {next(iter(page.details.detail.incident.actions))}",
                        f"Close {incident.name}"]
    done = register.get_incident(page.services.ctx, incident.id)
    assert [n[3] for n in done.notes] == ["Operator saw red tiles at 08:05."]
    assert [(lk.kind, lk.ref) for lk in done.links] == [("entry", str(incident.id))]
    [item] = done.actions.values()
    assert (item.text, item.owner, item.outcome, item.is_open) == (
        "Ask the TSA for an SLA", "alice", "SLA signed.", False)
    assert not done.is_open and done.root_cause == "TSA certificate expired."
    assert cell(page, 0, IncidentsModel.STATE) == "Closed"
    assert "Root cause: TSA certificate expired." in page.details.summary.text()
    words = [page.details.timeline.item(r, 2).text()
             for r in range(page.details.timeline.rowCount())]
    assert words[1:] == ["Note added: Operator saw red tiles at 08:05.",
                         f"Item linked: entry {incident.id}",
                         "Action item added: Ask the TSA for an SLA",
                         "Action item closed: SLA signed.",
                         "Incident closed: TSA certificate expired."]
    assert page.details.timeline.item(1, 1).text() == done.notes[0][2]  # who acted
    # a closed incident takes notes but no links, action items or second closing
    assert page.note_action.isEnabled() and not page.link_action.isEnabled()
    assert not page.close_action.isEnabled() and not page.add_action_action.isEnabled()
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("open"))
    assert page.proxy.rowCount() == 0
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("closed"))
    assert page.proxy.rowCount() == 1


def test_a_link_to_nothing_shows_the_service_error_and_records_nothing(
    qtbot: QtBot, page: IncidentsPage,
) -> None:
    incident_id = register.open_incident(page.services.ctx, "config", "Wrong TSA URL")
    page.refresh()
    settle(qtbot, page)
    assert page.select_incident(incident_id)
    settle(qtbot, page)
    seen: list[str] = []
    answer(typed(*[Qt.Key.Key_Down] * 4, Qt.Key.Key_Tab, "99999", Qt.Key.Key_Return), seen)
    press(page, Qt.Key.Key_L, CTRL)
    settle(qtbot, page)
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ErrorDialog) and w.isVisible()]
    assert len(dialogs) == 1, (seen, page.status_label.text())
    assert "There is no entry '99999' to link." in dialogs[0].message_label.text()
    dialogs[0].close()
    assert register.get_incident(page.services.ctx, incident_id).links == []
    assert page.status_label.text() == "Failed: There is no entry '99999' to link."


def test_write_statement_asks_the_pin_and_writes_a_signed_statement(
    qtbot: QtBot, page: IncidentsPage, demo_pins: Any,
) -> None:
    incident_id = register.open_incident(page.services.ctx, "availability", "Token hung")
    page.refresh()
    settle(qtbot, page)
    assert page.select_incident(incident_id)
    settle(qtbot, page)
    page.pin_provider = demo_pins
    press(page, Qt.Key.Key_S, CTRL_SHIFT)
    settle(qtbot, page)
    assert len(demo_pins.requests) == 1
    assert "audit key" in demo_pins.requests[0].reason
    issued = page.last_statement
    assert issued is not None
    assert issued.json_path.parent == statements_folder(page.services.ctx)
    content = verify_statement(issued.json_path, issued.signature_path)
    assert content["incident"]["id"] == register.incident_name(incident_id)
    assert register.get_incident(page.services.ctx, incident_id).reports == [issued.sha256]
    assert page.details.timeline.item(page.details.timeline.rowCount() - 1, 2).text() \
        .startswith("Signed statement issued")


def test_cancelling_the_pin_writes_no_statement(
    qtbot: QtBot, page: IncidentsPage, pin_script: Any,
) -> None:
    incident_id = register.open_incident(page.services.ctx, "availability", "Token hung")
    page.refresh()
    settle(qtbot, page)
    assert page.select_incident(incident_id)
    settle(qtbot, page)
    page.pin_provider = pin_script([None])
    press(page, Qt.Key.Key_S, CTRL_SHIFT)
    settle(qtbot, page)
    assert page.last_statement is None
    assert page.status_label.text() == "Statement not written: no PIN was entered."
    assert not statements_folder(page.services.ctx).exists()
    assert register.get_incident(page.services.ctx, incident_id).reports == []


def test_auditor_mode_keeps_every_write_action_off(
    qtbot: QtBot, page: IncidentsPage,
) -> None:
    incident_id = register.open_incident(page.services.ctx, "security", "Seal key copied")
    locked = lock_page("incidents", page)
    assert set(locked) == set(page.write_actions())
    page.refresh()
    settle(qtbot, page)
    assert page.select_incident(incident_id)
    settle(qtbot, page)
    assert not any(action.isEnabled() for action in page.write_actions())
    press(page, Qt.Key.Key_N, CTRL)  # the shortcut of a disabled action does nothing
    assert QApplication.activeModalWidget() is None
    assert len(register.list_incidents(page.services.ctx)) == 1


def test_write_actions_have_shortcuts_and_accessible_names(page: IncidentsPage) -> None:
    for action in page.write_actions():
        assert not action.shortcut().isEmpty()
        button = page.toolbar.widgetForAction(action)
        assert button is not None and button.accessibleName()


def test_home_shows_open_incidents_and_the_newest_alerts(
    qtbot: QtBot, window: MainWindow,
) -> None:
    from sealdesk.core.audit.events import EventType
    from sealdesk.services.audit.log import record_now

    home = window.page("home")
    assert isinstance(home, HomePage)
    ctx = home.services.ctx
    register.open_incident(ctx, "availability", "TSA unreachable")
    record_now(ctx, ctx.event(EventType.ALERT_RAISED, {"alert": "failed_seals", "key": "1"},
                              {"severity": "warning", "message": "5 failed seals in 10 min."}))
    qtbot.waitUntil(lambda: not home.refreshing, timeout=WAIT_MS)
    home.refresh()
    qtbot.waitUntil(lambda: home.dashboard is not None and not home.refreshing,
                    timeout=WAIT_MS)
    assert home.tiles["incidents"].headline_label.text() == "1 open incident"
    assert home.tiles["alerts"].headline_label.text() == "1 alert in 24 hours"
    assert "5 failed seals in 10 min." in home.tiles["alerts"].detail_label.text()
