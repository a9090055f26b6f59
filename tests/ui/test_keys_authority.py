"""The Keys page shows the signing policy in force with its approvals and the quorum policy
version (issue 17 item 8), and an authority refusal is a dialog that says what was found and
what to do; driven by keyboard."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sealdesk.core.rotation.decision import Decision
from sealdesk.services.context import AppContext
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_signing_policy
from sealdesk.services.keys.signing_policy import policy_from_configuration
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.keys.page import KeysPage
from tests.fixtures.signing import signing
from tests.rotation.helpers import CUSTODIAN_PIN, Holder
from tests.ui.test_keys_page import WAIT_MS, holders, keys_page  # noqa: F401 - fixture

# Screenshots: SEALDESK_SCREENSHOTS=1 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24"
# .venv/bin/python -m pytest -n 0 tests/ui/test_keys_authority.py
SCREENSHOT = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
              / "keys-signing-policy.png")


def _adopt_signing_policy(ctx: AppContext, holders: dict[str, Holder]) -> str:  # noqa: F811
    policy = policy_from_configuration(ctx.config, ("ec-p256",))
    with signing(ctx):
        view = propose_signing_policy(ctx, policy, reason="Pin the signing setup")
        pid = view.proposal_id  # type: ignore[attr-defined]
        for name in ("Alice", "Bob"):
            rotation.decide(ctx, pid, Decision.APPROVE, holders[name].where, CUSTODIAN_PIN)
        rotation.execute(ctx, pid)
    return pid


def _refresh_by_keyboard(qtbot: QtBot, page: KeysPage) -> None:
    page.refresh_button.setFocus()
    qtbot.keyClick(page.refresh_button, Qt.Key.Key_Space)


def test_keys_page_shows_the_signing_policy_and_its_approvals(
        qtbot: QtBot, holders: dict[str, Holder], window: MainWindow,  # noqa: F811
        demo_ctx: AppContext) -> None:
    page = keys_page(qtbot, window)
    assert "Signing policy: none adopted" in page.signing_label.text()
    assert "Quorum policy v1" in page.signing_label.text()

    pid = _adopt_signing_policy(demo_ctx, holders)
    _refresh_by_keyboard(qtbot, page)
    qtbot.waitUntil(lambda: not page.busy and "v1 in force" in page.signing_label.text(),
                    timeout=WAIT_MS)
    shown = page.signing_label.text()
    assert f"Proposal {pid}" in shown and "Quorum policy v1" in shown
    assert "Approved by: Alice at " in shown and "; Bob at " in shown
    assert f"PAdES {demo_ctx.config.seal.level.value}" in shown
    if os.environ.get("SEALDESK_SCREENSHOTS") == "1":  # under Xvfb at 1280x720, see README
        window.setGeometry(0, 0, 1280, 720)
        qtbot.wait(500)
        assert QApplication.primaryScreen().grabWindow(0).save(str(SCREENSHOT))


def test_an_authority_refusal_is_a_dialog_naming_what_was_found(
        qtbot: QtBot, holders: dict[str, Holder], window: MainWindow,  # noqa: F811
        demo_ctx: AppContext) -> None:
    page = keys_page(qtbot, window)
    # A database writer rewrites the newest audit entry: the log proves no authority any more.
    with demo_ctx.database.engine.begin() as connection:
        last = connection.execute(text("SELECT MAX(idx) FROM audit_entries")).scalar_one()
        connection.execute(text("UPDATE audit_entries SET entry_hash = :h WHERE idx = :i"),
                           {"h": b"\x00" * 32, "i": last})
    _refresh_by_keyboard(qtbot, page)
    qtbot.waitUntil(lambda: page.refusal is not None and page.refusal.isVisible(),
                    timeout=WAIT_MS)
    dialog = page.refusal
    assert dialog is not None
    assert dialog.windowTitle() == "Refused: the records disagree with the audit log"
    assert dialog.message_label.text().startswith("What was found: The audit log's hash chain "
                                                  "is broken")
    assert f"{last}" in dialog.message_label.text()  # names the entry
    assert dialog.hint_label.text().startswith("What to do: Do not act on it.")
    assert "not shown: the authority check refused" in page.signing_label.text()
    if os.environ.get("SEALDESK_SCREENSHOTS") == "1":
        window.setGeometry(0, 0, 1280, 720)
        qtbot.wait(500)
        assert QApplication.primaryScreen().grabWindow(0).save(
            str(SCREENSHOT.with_name("keys-authority-refusal.png")))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
