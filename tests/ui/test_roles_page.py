"""The Roles page driven by keyboard: grant a role and find it in ``sealdesk role list``, see the
log entry that proves it and its checked inclusion proof, a refusal in plain words, the
tampered table refused, and auditor mode with nothing to change."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sealdesk.cli.main import cli
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.names import Role
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import Actor, AppContext
from sealdesk.services.keys import custodians
from sealdesk.ui.auditor.lock import lock_page
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.roles_page import RolesPage
from sealdesk.ui.workers import JobRunner
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder
from tests.ui.conftest import ScriptedPins

WAIT_MS = 30_000


def roles_page(qtbot: QtBot, window: MainWindow) -> RolesPage:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # Go › Roles
    page = window.page("roles")
    assert isinstance(page, RolesPage) and window.current_key == "roles"
    page.pin_provider = ScriptedPins([DEMO_PIN] * 5)  # the console token's PIN dialog
    qtbot.waitUntil(lambda: not page.busy and page.model.rowCount() > 0, timeout=WAIT_MS)
    return page


def checkpoint_now(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    """Sign a checkpoint, as the next sealing would; from the test thread, so only while no
    job of the window touches the token (the poller stopped, the jobs done)."""
    window.token_poller.stop()
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=WAIT_MS)
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector(cfg.label, cfg.serial), DEMO_PIN,
                            environment=cfg.environment) as token:
        create_checkpoint(ctx, token)


def type_into(qtbot: QtBot, page: RolesPage, account: str, role: Role, reason: str) -> None:
    """Fill the form by keyboard: Alt+R role, Alt+A account, Alt+S reason."""
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert page.role_combo.hasFocus()
    page.role_combo.setCurrentIndex(page.role_combo.findData(role.value))
    qtbot.keyClick(page, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert page.account_edit.hasFocus()
    page.account_edit.selectAll()
    qtbot.keyClicks(page.account_edit, account)
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(page.reason_edit, reason)


def test_a_role_granted_on_the_page_is_in_the_cli_list_with_its_proof(
        qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    page = roles_page(qtbot, window)
    owner = demo_ctx.actor.os_user
    assert page.model.rowCount() == 4  # the owner's implicit roles (bootstrap)
    assert "Administrator" in page.you_label.text()
    assert page.grant_button.toolTip() == "Type the person's operating-system account first."

    type_into(qtbot, page, "ext-auditor", Role.AUDITOR, "Annual audit 2026")
    assert page.grant_button.isEnabled()
    qtbot.keyClick(page.account_edit, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.status_label.text() == ("Auditor role granted to ext-auditor. Recorded in the "
                                        "audit log.")
    asked = [r.reason for r in page.pin_provider.requests]  # type: ignore[attr-defined]
    assert len(asked) == 1 and asked[0].startswith("Granting the Auditor role to ext-auditor "
                                                   "is signed by the audit key")

    listed = CliRunner().invoke(cli, ["role", "list"])
    assert listed.exit_code == 0
    line = next(line for line in listed.output.splitlines() if "ext-auditor" in line)
    assert line.startswith("auditor") and "direct" in line
    views = {(v.os_user, v.role): v for v in page.model.rows()}
    granted = views[("ext-auditor", Role.AUDITOR)]
    assert f"(log entry {granted.entry})" in line
    assert views[(owner, Role.ADMINISTRATOR)].source == "bootstrap"  # the bootstrap ended

    assert page.select("ext-auditor", Role.AUDITOR)
    assert f"Audit log entry: {granted.entry}" in page.details.toPlainText()
    assert granted.entry_hash in page.details.toPlainText()
    # A grant is a signed act: the checkpoint that covers it was signed with it, at once.
    assert "Covered by the latest signed checkpoint" in page.details.toPlainText()
    assert page.show_proof_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.proof_dialog is not None, timeout=WAIT_MS)
    assert page.proof_dialog.outcome.result.leaf_index == granted.entry
    assert page.proof_dialog.verdict.text().startswith("✔ Verified.")
    page.proof_dialog.close()


def test_a_refusal_is_presented_in_plain_words(qtbot: QtBot, window: MainWindow) -> None:
    page = roles_page(qtbot, window)
    type_into(qtbot, page, "nobody-here", Role.OPERATOR, "")
    qtbot.keyClick(page.account_edit, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # revoke
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ErrorDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].message_label.text() == ("nobody-here does not hold the operator role, "
                                               "so there is nothing to revoke.")
    assert page.status_label.text().startswith("Not changed. nobody-here does not hold")
    assert page.pin_provider.requests == []  # type: ignore[attr-defined]  # refused first
    dialogs[0].close()


def test_a_row_written_behind_the_log_s_back_is_refused_and_not_listed(
        qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    """The attack: someone with write access to the database inserts an administrator row."""
    page = roles_page(qtbot, window)
    with demo_ctx.database.transaction() as session:
        session.execute(text(
            "INSERT INTO role_assignments (os_user, os_uid, operator, role, granted_at, "
            "granted_by, proposal_id, bootstrap, revoked_by) VALUES ('mallory', NULL, '*', "
            "'administrator', CURRENT_TIMESTAMP, 'root', '', 0, '')"))
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert "mallory" not in {v.os_user for v in page.model.rows()}
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ErrorDialog) and w.isVisible()]
    assert dialogs and "audit log records no such grant" in dialogs[0].message_label.text()
    for dialog in dialogs:
        dialog.close()


def test_auditor_mode_lists_roles_and_offers_no_change(
        qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> None:
    viewer = AppContext.open(demo_ctx.paths, read_only=True)
    try:
        page = RolesPage(PageServices(viewer, jobs))
        qtbot.addWidget(page)
        locked = lock_page("roles", page)
        page.refresh()
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
        assert page.model.rowCount() == 4
        page.account_edit.setText("someone")
        assert page.grant_button in locked and page.revoke_button in locked
        assert not page.grant_button.isEnabled() and not page.grant_action.isEnabled()
        assert "read only" in page.grant_button.toolTip()
        assert not page.grant()
        jobs.wait_for_all()
    finally:
        viewer.close()


def test_a_grant_whose_recorded_entry_was_rewritten_fails_its_proof(
        qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    """The attack: someone rewrites the reason recorded with a grant, in the database, after a
    signed checkpoint covered it. The row still matches the log's keys; the proof does not."""
    page = roles_page(qtbot, window)
    type_into(qtbot, page, "ext-auditor", Role.AUDITOR, "Annual audit 2026")
    qtbot.keyClick(page.account_edit, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    checkpoint_now(qtbot, window, demo_ctx)
    entry = next(v.entry for v in page.model.rows() if v.os_user == "ext-auditor")
    with demo_ctx.database.transaction() as session:
        payload = session.execute(text("SELECT payload FROM audit_entries WHERE idx = :i"),
                                  {"i": entry}).scalar_one()
        forged = bytes(payload).replace(b"Annual audit 2026", b"Board approved it")
        assert forged != bytes(payload)
        session.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                        {"p": forged, "i": entry})
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.select("ext-auditor", Role.AUDITOR)
    page.show_proof()
    qtbot.waitUntil(lambda: any(isinstance(w, ErrorDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT_MS)
    assert page.proof_dialog is None  # no "Verified" for a rewritten entry
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, ErrorDialog) and w.isVisible()]
    assert "the entry was altered" in shown[0].message_label.text()
    for dialog in shown:
        dialog.close()


def test_a_person_who_is_not_an_administrator_is_told_why_nothing_can_be_changed(
        qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> None:
    owner = demo_ctx.actor.os_user
    with signing(demo_ctx):
        change_role(demo_ctx, Role.ADMINISTRATOR, owner, "Head of records")  # only this name
        change_role(demo_ctx, Role.ADMINISTRATOR, owner, grant=False)  # not under any name
    clerk = AppContext.open(demo_ctx.paths, actor=Actor("Clerk"))
    try:
        page = RolesPage(PageServices(clerk, jobs))
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
        page.account_edit.setText("someone")
        assert not page.grant_button.isEnabled()
        assert page.grant_button.toolTip() == (
            f"Only an administrator can grant or revoke roles; you ({clerk.actor.identity}) are "
            f"not one. Administrators: {owner}.")
        assert "Administrator" not in page.you_label.text()
        jobs.wait_for_all()
    finally:
        clerk.close()


@pytest.fixture
def quorum(demo_ctx: AppContext) -> None:
    """Two custodians on their own tokens and a 2-of-2 policy, made before the window."""
    ca = CertificateAuthority.create_root("Custodian CA")
    holders = [make_holder(demo_ctx, ca, name) for name in ("Alice", "Bob")]
    with signing(demo_ctx):  # the custodian bootstrap is signed by the audit key
        for holder in holders:
            custodians.register_custodian(demo_ctx, holder.name, holder.cert_pem,
                                          holder.where, CUSTODIAN_PIN)
        custodians.set_initial_policy(demo_ctx, QuorumPolicy.uniform(2))


def test_under_a_quorum_an_administrator_grant_waits_for_the_custodians(
        qtbot: QtBot, quorum: None, window: MainWindow) -> None:
    page = roles_page(qtbot, window)
    assert "custodians approve it on the Keys & certificates page" in page.quorum_note.text()
    type_into(qtbot, page, "deputy", Role.ADMINISTRATOR, "Deputy head of records")
    qtbot.keyClick(page.account_edit, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    change = page.last_change
    assert change is not None and not change.applied
    assert len(page.pin_provider.requests) == 1  # type: ignore[attr-defined]  # the proposal
    assert page.status_label.text().startswith(f"Proposal {change.proposal_id} made: the "
                                               "Administrator role goes to deputy")
    assert "deputy" not in {v.os_user for v in page.model.rows()}  # not before the quorum
    assert page.waiting_label.isVisible()
    assert page.waiting_label.text() == (
        f"Waiting for the custodians: proposal {change.proposal_id} grants the Administrator "
        "role to deputy (0 of 2 approvals).")
