"""The "Switch to standby" dialog, with a real standby token registered under quorum.

Sealing finds the primary token removed and raises the offer; the dialog shows it, a person
clicks "Switch to standby", the switch is recorded (linked to an availability incident) and the
log then says the standby seals. "Not now" changes nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from sealdesk.core.rotation.standby import PRIMARY, STANDBY
from sealdesk.services.incidents import register as incidents
from sealdesk.services.keys.standby import (
    PrimaryTokenUnavailableError,
    find_seal_token,
    seal_token,
)
from sealdesk.storage.documents import repo as seal_repo
from sealdesk.ui.app import build_main_window
from sealdesk.ui.dialogs.standby_switch_dialog import StandbySwitchDialog
from sealdesk.ui.models.documents_model import DocumentStatus
from sealdesk.ui.pages.documents.page import DocumentsPage
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


@pytest.mark.timeout(300)
def test_sealing_offers_the_switch_and_seals_with_the_standby(
        qtbot: QtBot, ceremony: Ceremony, jobs: JobRunner,  # noqa: F811
        demo_pins: Any, make_pdfs: Callable[..., list[Path]]) -> None:
    """Documents page: Seal all finds the primary gone, the dialog is offered, the person
    switches, and the same documents are sealed with the standby key."""
    c = ceremony
    _offer(c)  # registered, primary removed
    window = build_main_window(c.ctx, jobs)
    qtbot.addWidget(window)
    window.show()
    page = window.page("documents")
    assert isinstance(page, DocumentsPage)
    pdfs = make_pdfs(2)
    page.add_files(pdfs)
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    page.pin_provider = demo_pins
    page.commands.seal_all.trigger()

    def offered() -> StandbySwitchDialog | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, StandbySwitchDialog) and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: offered() is not None, timeout=20_000)
    dialog = offered()
    assert dialog is not None and seal_token(c.ctx).which == PRIMARY  # offered, not done
    dialog.pin.setText(c.seal_pin)
    dialog.switch_button.click()
    qtbot.waitUntil(lambda: all(r.status is DocumentStatus.SEALED for r in page.model.rows()),
                    timeout=60_000)
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    assert seal_token(c.ctx).which == STANDBY
    standby = seal_token(c.ctx).standby
    assert standby is not None
    with c.ctx.database.reader() as session:
        certs = {s.certificate_sha256 for s in seal_repo.all_seals(session)}
    assert certs == {standby.certificate_sha256}
    jobs.wait_for_all()
    window.close()
