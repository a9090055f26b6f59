"""Custodians and policies from the Keys page, by keyboard, with real SoftHSM custodian tokens:
the bootstrap (register, first policy), a custodian added by proposal, approved in the approval
dialog by two custodians and executed, a signing policy and a quorum change proposed, and why
each grey button is grey."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from sealdesk.cli.main import cli
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.actions import ActionType, ProposalStatus
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians, rotation
from sealdesk.ui.auditor.lock import lock_page
from sealdesk.ui.dialogs.approval_dialog import ApprovalDialog
from sealdesk.ui.dialogs.custodian_forms import AddCustodianDialog
from sealdesk.ui.dialogs.proposal_form import ProposalForm
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.keys.page import KeysPage
from sealdesk.ui.workers import JobRunner
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, Holder, make_holder
from tests.ui.conftest import ScriptedPins

WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def _collect_token_leftovers() -> None:
    """python-pkcs11 finalises an abandoned object search when it is collected; collected
    inside Qt's event loop after its session closed, that raises there. Collect now, first."""
    gc.collect()


@pytest.fixture
def ca() -> CertificateAuthority:
    return CertificateAuthority.create_root("Custodian CA")


def keys_page(qtbot: QtBot, window: MainWindow) -> KeysPage:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)  # Go › Keys
    page = window.page("keys")
    assert isinstance(page, KeysPage) and window.current_key == "keys"
    page.pin_provider = ScriptedPins([DEMO_PIN] * 10)  # the console token's PIN dialog
    qtbot.waitUntil(lambda: not page.busy and page.keys_model.rowCount() > 0, timeout=WAIT_MS)
    return page


def shortcut(qtbot: QtBot, page: KeysPage, key: Qt.Key) -> None:
    page.window().activateWindow()  # back from a closed dialog
    qtbot.waitUntil(page.window().isActiveWindow)
    page.proposals_table.setFocus()
    qtbot.keyClick(page.proposals_table, key, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)


def open_form(qtbot: QtBot, page: KeysPage, key: Qt.Key) -> ProposalForm:
    """Press Ctrl+Shift+KEY on the page: the one form it opens, shown."""
    shortcut(qtbot, page, key)
    forms = [f for f in page.findChildren(ProposalForm) if f.isVisible()]
    assert len(forms) == 1
    return forms[0]


def fill_add_form(qtbot: QtBot, form: AddCustodianDialog, holder: Holder, cert: Path) -> None:
    qtbot.keyClicks(form.name_edit, holder.name)
    qtbot.keyClicks(form.certificate_edit, str(cert))
    qtbot.waitUntil(lambda: bool(form.token_box.tokens), timeout=WAIT_MS)
    assert form.token_box.select_token(f"Custodian {holder.name}")
    assert form.ok_button.toolTip() == "Type the custodian token's PIN."
    qtbot.keyClicks(form.token_box.pin_edit, CUSTODIAN_PIN)


def finish(qtbot: QtBot, page: KeysPage, form: ProposalForm) -> None:
    assert form.ok_button.isEnabled(), form.ok_button.toolTip()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_form is form or not form.error_label.isHidden(),
                    timeout=WAIT_MS)
    assert form.error_label.isHidden(), form.error_label.text()
    assert not form.isVisible()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


@pytest.fixture
def newcomers(demo_ctx: AppContext, ca: CertificateAuthority) -> dict[str, Holder]:
    """Alice and Bob with their tokens, not registered. Made before the window exists: the
    test thread touches tokens only while no job of the window can."""
    return {name: make_holder(demo_ctx, ca, name) for name in ("Alice", "Bob")}


def test_bootstrap_from_the_page_register_two_custodians_then_the_first_policy(
        qtbot: QtBot, newcomers: dict[str, Holder], window: MainWindow, demo_ctx: AppContext,
        tmp_path: Path) -> None:
    page = keys_page(qtbot, window)
    assert not page.rotate_button.isEnabled()
    assert page.rotate_button.toolTip() == ("Set the custodians' quorum policy first (Quorum "
                                            "policy…).")
    assert page.quorum_button.toolTip() == ("Register the first custodians first (Add "
                                            "custodian…).")
    for name, holder in newcomers.items():
        cert = tmp_path / f"{name}.pem"
        cert.write_bytes(holder.cert_pem)
        form = open_form(qtbot, page, Qt.Key.Key_N)
        assert isinstance(form, AddCustodianDialog) and form.bootstrap
        fill_add_form(qtbot, form, holder, cert)
        finish(qtbot, page, form)
        assert form.result_message.startswith(f"Registered custodian '{name}' (bootstrap")
    assert [c.name for c in page.state.custodians] == ["Alice", "Bob"]

    quorum = open_form(qtbot, page, Qt.Key.Key_P)
    assert quorum.bootstrap and quorum.ok_button.text() == "Set policy"
    quorum.default_spin.setValue(2)
    finish(qtbot, page, quorum)
    assert quorum.result_message.startswith("Quorum policy set (bootstrap closed)")
    assert custodians.current_policy(demo_ctx).required(ActionType.ROTATE_SEAL_KEY) == 2
    assert page.rotate_button.isEnabled()
    asked = [r.reason for r in page.pin_provider.requests]  # type: ignore[attr-defined]
    assert len(asked) == 3, "one PIN per act: two registrations and the first policy"
    assert asked[0].startswith("Registering this custodian is signed by the audit key")
    assert asked[2].startswith("Setting this quorum policy")


@pytest.fixture
def committee(demo_ctx: AppContext, ca: CertificateAuthority) -> dict[str, Holder]:
    made = {name: make_holder(demo_ctx, ca, name) for name in ("Alice", "Bob", "Carol")}
    with signing(demo_ctx):  # the custodian bootstrap is signed by the audit key
        for holder in made.values():
            custodians.register_custodian(demo_ctx, holder.name, holder.cert_pem,
                                          holder.where, CUSTODIAN_PIN)
        custodians.set_initial_policy(demo_ctx, QuorumPolicy.uniform(2))
    return made


@pytest.fixture
def dana(demo_ctx: AppContext, ca: CertificateAuthority) -> Holder:
    return make_holder(demo_ctx, ca, "Dana")


def test_add_a_custodian_by_proposal_approve_in_the_dialog_and_execute(
        qtbot: QtBot, committee: dict[str, Holder], dana: Holder, window: MainWindow,
        tmp_path: Path) -> None:
    cert = tmp_path / "dana.pem"
    cert.write_bytes(dana.cert_pem)
    page = keys_page(qtbot, window)
    form = open_form(qtbot, page, Qt.Key.Key_N)
    assert isinstance(form, AddCustodianDialog) and not form.bootstrap
    fill_add_form(qtbot, form, dana, cert)
    qtbot.keyClicks(form.reason_edit, "Dana joins the key committee")
    finish(qtbot, page, form)
    view = form.result_view
    assert view is not None and view.content.action == ActionType.ADD_CUSTODIAN
    assert page.selected_proposal().proposal_id == view.proposal_id  # type: ignore[union-attr]

    for name in ("Alice", "Bob"):  # the existing approval dialog, each with their own token
        shortcut(qtbot, page, Qt.Key.Key_A)
        dialogs = [d for d in page.findChildren(ApprovalDialog) if d.isVisible()]
        assert len(dialogs) == 1
        dialog = dialogs[0]
        qtbot.waitUntil(lambda d=dialog: bool(d._tokens), timeout=WAIT_MS)
        dialog.select_token(f"Custodian {name}")
        qtbot.keyClicks(dialog.pin_edit, CUSTODIAN_PIN)
        dialog.sign()
        qtbot.waitUntil(lambda d=dialog: d.result_view is not None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
        page.select_proposal(view.proposal_id)
    assert page.selected_proposal().status == ProposalStatus.APPROVED  # type: ignore[union-attr]

    shortcut(qtbot, page, Qt.Key.Key_E)  # no token needed to add a custodian
    qtbot.waitUntil(lambda: not page.flow.running and not page.busy, timeout=WAIT_MS)
    assert "Dana" in [c.name for c in page.state.custodians]
    listed = CliRunner().invoke(cli, ["custodian", "list"])
    assert listed.exit_code == 0 and "Dana" in listed.output
    shortcut(qtbot, page, Qt.Key.Key_U)  # the same list in the console
    qtbot.waitUntil(lambda: page.custodians_dialog is not None, timeout=WAIT_MS)
    assert "Dana: key label 'custodian', certificate valid until" in \
        page.custodians_dialog.text()  # type: ignore[union-attr]
    page.custodians_dialog.close()  # type: ignore[union-attr]


def test_signing_and_quorum_policies_are_proposed_from_their_forms(
        qtbot: QtBot, committee: dict[str, Holder], window: MainWindow,
        demo_ctx: AppContext) -> None:
    page = keys_page(qtbot, window)
    signing = open_form(qtbot, page, Qt.Key.Key_L)
    assert signing.ok_button.toolTip() == "Give a reason: the approving custodians read it."
    signing.level_combo.setCurrentText("B-LT")
    signing.algorithm_checks["ec-p384"].setChecked(True)
    assert not signing.add_anchor("not-a-hash")
    assert "is not a SHA-256" in signing.error_label.text()
    qtbot.keyClicks(signing.reason_edit, "Pin the signing set-up")
    finish(qtbot, page, signing)
    proposed = rotation.show(demo_ctx, signing.result_view.proposal_id)  # type: ignore[union-attr]
    policy = proposed.content.params["signing_policy"]
    assert policy["pades_level"] == "B-LT" and policy["algorithms"] == ["ec-p256", "ec-p384"]
    assert len(policy["trust_anchors"]) == 1  # the demo root, from the configuration

    quorum = open_form(qtbot, page, Qt.Key.Key_P)
    quorum.spins[ActionType.ROTATE_SEAL_KEY].setValue(3)
    finish(qtbot, page, quorum)
    proposed = rotation.show(demo_ctx, quorum.result_view.proposal_id)  # type: ignore[union-attr]
    assert proposed.content.action == ActionType.CHANGE_POLICY
    assert proposed.content.params["thresholds"]["rotate_seal_key"] == 3

    remove = open_form(qtbot, page, Qt.Key.Key_D)
    remove.custodian_combo.setCurrentIndex(remove.custodian_combo.findData("Carol"))
    qtbot.keyClicks(remove.reason_edit, "Carol leaves the company")
    finish(qtbot, page, remove)
    assert remove.result_view.content.action == ActionType.REMOVE_CUSTODIAN  # type: ignore[union-attr]


def test_auditor_mode_locks_the_custodian_and_policy_actions(
        qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> None:
    viewer = AppContext.open(demo_ctx.paths, read_only=True)
    try:
        page = KeysPage(PageServices(viewer, jobs))
        qtbot.addWidget(page)
        locked = lock_page("keys", page)
        for button in (page.add_custodian_button, page.remove_custodian_button,
                       page.quorum_button, page.signing_button, page.retire_button):
            assert button in locked and not button.isEnabled()
            assert page.actions_by_button[button] in locked
        page.refresh()
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
        assert not page.add_custodian_button.isEnabled()  # a refresh does not turn it on
        jobs.wait_for_all()
    finally:
        viewer.close()


def test_page_shortcuts_never_collide_with_each_other_or_the_window(
        window: MainWindow) -> None:
    """Qt ignores a shortcut bound twice in one scope; the keyboard path must never go dead."""
    page_scoped = Qt.ShortcutContext.WidgetWithChildrenShortcut
    everywhere = {a.shortcut().toString() for a in window.findChildren(QAction)
                  if not a.shortcut().isEmpty() and a.shortcutContext() != page_scoped}
    for key in ("keys", "roles", "audit"):
        page = window.page(key)
        mine = [a.shortcut().toString() for a in page.actions() if not a.shortcut().isEmpty()]
        assert len(mine) == len(set(mine)), key
        assert not set(mine) & everywhere, key
        menu = [a for a in window.page_menus[key].actions() if not a.isSeparator()]
        assert menu and all(not a.shortcut().isEmpty() for a in menu)
