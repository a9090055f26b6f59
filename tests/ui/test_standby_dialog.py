"""The "Switch to standby" dialog, with a real standby token registered under quorum.

Sealing finds the primary token removed and raises the offer; the dialog shows it, a person
clicks "Switch to standby", the switch is recorded (linked to an availability incident) and the
log then says the standby seals. "Not now" changes nothing.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from sealdesk.core.rotation.standby import PRIMARY, STANDBY
from sealdesk.services.incidents import register as incidents
from sealdesk.services.keys.standby import (
    PrimaryTokenUnavailableError,
    find_seal_token,
    seal_token,
)
from sealdesk.ui.dialogs.standby_switch_dialog import StandbySwitchDialog
from sealdesk.ui.workers import JobRunner
from tests.rotation.conftest import Ceremony, ceremony, ceremony_template  # noqa: F401
from tests.rotation.standby_support import (
    STANDBY_LABEL,
    approve_and_execute,
    make_standby,
    propose_standby,
)


def _offer(c: Ceremony) -> PrimaryTokenUnavailableError:
    standby, primary_dir = make_standby(c.ctx, c.seal_pin)
    pid = propose_standby(c.ctx, standby)
    approve_and_execute(c.ctx, pid, lambda p: (c.decide(p, "Alice"), c.decide(p, "Carol")))
    shutil.rmtree(primary_dir)
    with pytest.raises(PrimaryTokenUnavailableError) as offered:
        find_seal_token(c.ctx)
    return offered.value


@pytest.mark.timeout(240)
def test_switch_to_standby_from_the_dialog(qtbot: QtBot, ceremony: Ceremony,  # noqa: F811
                                           jobs: JobRunner) -> None:
    c = ceremony
    dialog = StandbySwitchDialog(c.ctx, jobs, _offer(c))
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert STANDBY_LABEL in texts and "never switches by itself" in texts
    assert seal_token(c.ctx).which == PRIMARY
    dialog.incident.setText("not an incident")
    dialog.switch_button.click()
    assert dialog.problem.isVisibleTo(dialog) and seal_token(c.ctx).which == PRIMARY
    dialog.incident.clear()
    dialog.pin.setText("0000")  # a wrong PIN: refused in the dialog, nothing switched
    dialog.switch_button.click()
    qtbot.waitUntil(lambda: dialog.switch_button.isEnabled(), timeout=60_000)
    assert "PIN" in dialog.problem.text() and seal_token(c.ctx).which == PRIMARY
    dialog.pin.setText(c.seal_pin)
    with qtbot.waitSignal(dialog.switched, timeout=60_000):
        dialog.switch_button.click()
    assert seal_token(c.ctx).which == STANDBY
    result = dialog.result_
    assert result is not None
    incident = incidents.get_incident(c.ctx, result.incident)
    assert incident.type is incidents.IncidentType.AVAILABILITY and incident.is_open


@pytest.mark.timeout(240)
def test_not_now_changes_nothing(qtbot: QtBot, ceremony: Ceremony,  # noqa: F811
                                 jobs: JobRunner) -> None:
    c = ceremony
    dialog = StandbySwitchDialog(c.ctx, jobs, _offer(c))
    qtbot.addWidget(dialog)
    dialog.cancel_button.click()
    jobs.wait_for_all()
    assert seal_token(c.ctx).which == PRIMARY
    assert not incidents.list_incidents(c.ctx, open_only=True)
