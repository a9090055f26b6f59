"""The Keys & certificates page: models without widgets, then the page, wizard, approval dialog
and execution in the real window with a demo token and three custodians on their own tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians, rotation
from sealdesk.services.keys.inventory import KeyRow, TokenRow
from sealdesk.ui.dialogs.pin_dialog import PinAnswer
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.keys_model import KeysTableModel, SlotsTableModel
from sealdesk.ui.pages.keys.page import KeysPage
from sealdesk.ui.status_colors import DANGER, INFO, WARNING
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, Holder, make_holder

WAIT_MS = 30_000
NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def _key(label: str, days: float, role: str = "seal", status: str = "active") -> KeyRow:
    return KeyRow(label, "01", "EC P-256", role, status, "CN=x", "CN=ca",
                  NOW + dt.timedelta(days=days), "ab" * 32)


def test_keys_model_colours_expiry_at_90_30_and_7_days(qapp) -> None:  # type: ignore[no-untyped-def]
    model = KeysTableModel(now=lambda: NOW)
    model.set_rows([_key("a", 200), _key("b", 80), _key("c", 20), _key("d", 5), _key("e", -1),
                    _key("f", 5, role="", status="retired")])
    colours = [model.data(model.index(r, KeysTableModel.STATUS),
                          Qt.ItemDataRole.ForegroundRole) for r in range(6)]
    names = [c.name() if c is not None else None for c in colours]
    assert names == [None, INFO, WARNING, DANGER, DANGER, "#808080"]
    texts = [model.data(model.index(r, KeysTableModel.STATUS)) for r in range(5)]
    assert texts == ["expires in 200 days", "expires in 80 days", "expires in 20 days",
                     "expires in 5 days", "expired 1 days ago"]
    assert model.data(model.index(5, KeysTableModel.ROLE)) == "Retired"
    slots = SlotsTableModel()
    slots.set_rows([TokenRow(2, "Custodian Bob", "b", "SoftHSM", False, ""),
                    TokenRow(1, "SealDesk Demo", "s", "SoftHSM", True, "")])
    assert slots.data(slots.index(0, SlotsTableModel.LABEL)) == "SealDesk Demo"


@pytest.fixture
def holders(demo_ctx: AppContext) -> dict[str, Holder]:
    ca = CertificateAuthority.create_root("Custodian CA")
    made = {name: make_holder(demo_ctx, ca, name) for name in ("Alice", "Bob", "Carol")}
    with signing(demo_ctx):
        for holder in made.values():
            custodians.register_custodian(demo_ctx, holder.name, holder.cert_pem,
                                          holder.where, CUSTODIAN_PIN)
        custodians.set_initial_policy(demo_ctx, QuorumPolicy.uniform(2))
    return made


def keys_page(qtbot: QtBot, window: MainWindow) -> KeysPage:
    page = window.show_page("keys")
    assert isinstance(page, KeysPage)
    qtbot.waitUntil(lambda: not page.busy and page.keys_model.rowCount() > 0, timeout=WAIT_MS)
    return page


def test_the_page_lists_tokens_keys_and_the_policy(qtbot: QtBot, holders: dict,  # type: ignore[type-arg]
                                                   window: MainWindow) -> None:
    page = keys_page(qtbot, window)
    labels = {row.label: row.role for row in page.keys_model.rows()}
    assert labels == {"seal": "seal", "audit": "audit"}
    tokens = [row.label for row in page.slots_model.rows()]
    assert tokens[0] == "SealDesk Demo" and set(tokens[1:]) == {
        "Custodian Alice", "Custodian Bob", "Custodian Carol"}
    assert "every action needs 2 of 3" in page.policy_label.text()
    assert page.banner.isHidden()  # the demo certificates are valid for years
    assert page.rotate_button.isEnabled() and not page.execute_button.isEnabled()


def test_wizard_approval_dialog_and_execution(qtbot: QtBot, holders: dict[str, Holder],
                                              window: MainWindow, demo_ctx: AppContext) -> None:
    page = keys_page(qtbot, window)
    asked: list[str] = []

    def console_pin(request, _parent):  # type: ignore[no-untyped-def]
        asked.append(request.reason)  # every signed act of the page asks here
        return PinAnswer("1234")

    page.pin_provider = console_pin
    wizard = page.open_wizard()
    wizard.next()
    assert wizard.label_edit.text().startswith("seal-")
    assert wizard.cn_edit.text() == "SealDesk Demo Seal"
    wizard.label_edit.setText("seal-gui")
    wizard.reason_edit.setPlainText("Rotation from the GUI")
    wizard.next()
    assert "Needs 2 of 3 custodian approvals" in wizard.review.text.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_view is not None, timeout=WAIT_MS)
    view = wizard.result_view
    assert view is not None and view.sha256 in wizard.done_label.text()
    wizard.accept()
    qtbot.waitUntil(lambda: not page.busy and page.selected_proposal() is not None,
                    timeout=WAIT_MS)
    assert page.selected_proposal().proposal_id == view.proposal_id  # type: ignore[union-attr]

    dialog = page.open_approval()
    assert dialog is not None
    assert dialog.hash_edit.text() == view.sha256
    assert dialog.statement_text.toPlainText() == view.statement().decode()
    qtbot.waitUntil(lambda: bool(dialog._tokens), timeout=WAIT_MS)
    assert "SealDesk Demo" not in [t.label for t in dialog._tokens]  # never the seal token
    dialog.select_token("Custodian Alice")
    dialog.pin_edit.setText("0000")
    dialog.sign()
    assert dialog.pin_edit.text() == ""  # the PIN left the field at once
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert "PIN was not accepted" in dialog.error_label.text() and dialog.isVisible()
    dialog.pin_edit.setText(CUSTODIAN_PIN)
    dialog.sign()
    qtbot.waitUntil(lambda: dialog.result_view is not None, timeout=WAIT_MS)
    assert dialog.result_view.approvals == 1  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)  # its refresh reads the token

    # The test thread touches tokens only while no job does (as the page's jobs never overlap).
    again = rotation.show(demo_ctx, view.proposal_id)
    with signing(demo_ctx):
        with pytest.raises(Exception, match="already decided"):
            rotation.decide(demo_ctx, again.proposal_id, Decision.APPROVE,
                            holders["Alice"].where, CUSTODIAN_PIN)
        rotation.decide(demo_ctx, view.proposal_id, Decision.APPROVE, holders["Carol"].where,
                        CUSTODIAN_PIN)
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.select_proposal(view.proposal_id)
    assert page.selected_proposal().status == ProposalStatus.APPROVED  # type: ignore[union-attr]
    assert page.execute_button.isEnabled()

    assert len(asked) == 2 and "Recording this proposal" in asked[0]  # the failed try (a
    assert "Recording this decision" in asked[1]  # wrong custodian PIN) asked none: refused first
    assert page.execute_selected()
    qtbot.waitUntil(lambda: not page.flow.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    roles = {row.label: (row.role, row.registry_status) for row in page.keys_model.rows()}
    assert roles["seal-gui"] == ("seal", "active") and roles["seal"] == ("", "retired")
    assert demo_ctx.config.token.seal_key_label == "seal-gui"
    page.select_proposal(view.proposal_id)
    assert "✓ old_retired" in page.details.toPlainText()
