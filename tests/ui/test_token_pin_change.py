"""Changing a token's user PIN: service, CLI (hidden prompts) and the dialog, on real SoftHSM2
tokens. After each change the new PIN logs in and the old one is refused; the audit log records
the change and never a PIN."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sealdesk.cli.main import cli
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.token import open_token_session
from sealdesk.errors import InputError, WrongPinError
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.keys import token_pin
from sealdesk.storage.audit.repo import iter_entries
from sealdesk.ui.dialogs.change_pin_dialog import ChangePinDialog
from sealdesk.ui.workers import JobRunner
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder

WAIT_MS = 30_000


def _logs_in(ctx: AppContext, where: token_pin.CustodianToken, pin: str) -> bool:
    try:
        with open_token_session(where.module, where.selector, pin,
                                environment=where.environment):
            return True
    except WrongPinError:
        return False


def _audit_text(ctx: AppContext) -> str:
    with ctx.database.reader() as session:
        return "\n".join(e.payload_json.decode() for e in iter_entries(session))


def test_service_changes_the_seal_pin_and_records_it_without_pins(demo_ctx: AppContext) -> None:
    where = token_pin.seal_token_location(demo_ctx)
    rules = token_pin.pin_rules(demo_ctx, where)
    assert rules.from_token and rules.minimum >= 4
    with pytest.raises(InputError, match="differ"):
        token_pin.change_token_pin(demo_ctx, where, DEMO_PIN, "77441122", "77441123", role="seal")
    with pytest.raises(InputError, match="too short"):
        token_pin.change_token_pin(demo_ctx, where, DEMO_PIN, "1", "1", role="seal")
    with pytest.raises(WrongPinError) as wrong:
        token_pin.change_token_pin(demo_ctx, where, "99999999", "77441122", "77441122",
                                   role="seal")
    assert "99999999" not in wrong.value.describe() and "77441122" not in wrong.value.describe()
    done = token_pin.change_token_pin(demo_ctx, where, DEMO_PIN, "77441122", "77441122",
                                      role="seal")
    assert done.role == "seal"
    assert _logs_in(demo_ctx, where, "77441122") and not _logs_in(demo_ctx, where, DEMO_PIN)
    text = _audit_text(demo_ctx)
    assert "token.pin_changed" in text and "token.login_failed" in text
    for secret in (DEMO_PIN, "77441122", "77441123", "99999999"):
        assert f'"{secret}"' not in text


def test_cli_changes_a_custodian_pin_from_hidden_prompts(demo_ctx: AppContext) -> None:
    holder = make_holder(demo_ctx, CertificateAuthority.create_root("CA"), "Dora")
    typed = f"{CUSTODIAN_PIN}\n55667788\n55667788\n"
    result = CliRunner().invoke(cli, ["token", "change-pin", "--custodian-token",
                                      holder.token.selector.label], input=typed)
    assert result.exit_code == 0, result.output
    assert "was changed" in result.output and "55667788" not in result.output
    assert _logs_in(demo_ctx, holder.where, "55667788")
    assert not _logs_in(demo_ctx, holder.where, CUSTODIAN_PIN)


def test_dialog_changes_the_pin_by_keyboard(qtbot: QtBot, demo_ctx: AppContext,
                                            jobs: JobRunner) -> None:
    holder = make_holder(demo_ctx, CertificateAuthority.create_root("CA"), "Erin")
    dialog = ChangePinDialog(demo_ctx, jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.token_combo.count() >= 2 and not dialog.loading,
                    timeout=WAIT_MS)
    dialog.token_combo.setFocus()
    wanted = dialog.index_of(holder.token.selector.label)
    while dialog.token_combo.currentIndex() != wanted:
        QTest.keyClick(dialog.token_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    QTest.keyClick(dialog.token_combo, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.old_edit, CUSTODIAN_PIN)
    QTest.keyClick(dialog.old_edit, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.new_edit, "12")
    QTest.keyClick(dialog.new_edit, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.again_edit, "12")
    assert not dialog.change_button.isEnabled() and "too short" in dialog.rule_label.text()
    dialog.new_edit.clear()
    dialog.again_edit.clear()
    QTest.keyClicks(dialog.new_edit, "31415926")
    QTest.keyClicks(dialog.again_edit, "31415926")
    assert dialog.change_button.isEnabled()
    QTest.keyClick(dialog.again_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_changed is not None, timeout=WAIT_MS)
    assert dialog.result_changed.role == "custodian"  # type: ignore[union-attr]
    assert not dialog.old_edit.text() and not dialog.new_edit.text()
    assert _logs_in(demo_ctx, holder.where, "31415926")
    assert not _logs_in(demo_ctx, holder.where, CUSTODIAN_PIN)
