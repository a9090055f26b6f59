"""Issue 17 item 8 and issue 22 in the GUI, on a real sealed demo installation.

The main window is driven through its menu actions (each has a shortcut): Verify log on a log
whose payload was edited with raw SQL shows that entry as not verified, in words; the anchor
panel shows the newest anchored checkpoint; a checkpoint exported through the page is checked
for consistency; an evidence bundle exported on the Evidence page (PIN from a scripted
provider, signed on the demo token) is checked through "Check a bundle…", and an altered copy
of it is not verified. In auditor mode the checks stay available and export is locked with the
reason.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sealdesk.services.audit.entry_verdicts import EntryState
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.ui.app import build_main_window
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.dialogs.file_choice import ScriptedFiles
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.audit.page import AuditLogPage
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.workers import JobRunner
from tests.evidence.conftest import Installation, copy_installation, installation

__all__ = ["installation"]  # the session's sealed installation (two sealed contracts)

SLOW = 30_000


@pytest.fixture
def sealed_window(qtbot: QtBot, installation: Installation, tmp_path: Path,
                  jobs: JobRunner) -> Iterator[tuple[MainWindow, AppContext]]:
    paths = copy_installation(installation.home, tmp_path / "copy")
    ctx = AppContext.open(paths)
    window = build_main_window(ctx, jobs)
    window.token_poller.stop()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window, ctx
    jobs.wait_for_all()
    window.close()
    ctx.close()


def _sealed_entry(ctx: AppContext) -> int:
    with ctx.database.engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT idx FROM audit_entries WHERE event_type = 'document.sealed' ORDER BY idx "
            "LIMIT 1")).scalar_one())


def test_verify_names_the_edited_seal_entry_and_anchors_show(
        qtbot: QtBot, sealed_window: tuple[MainWindow, AppContext], tmp_path: Path) -> None:
    window, ctx = sealed_window
    window.show_page("home")
    audit = window.page("audit")
    assert isinstance(audit, AuditLogPage)
    entry = _sealed_entry(ctx)
    with ctx.database.engine.begin() as conn:  # a DBA renames the sealed document in the log
        payload = bytes(conn.execute(text("SELECT payload FROM audit_entries WHERE idx = :i"),
                                     {"i": entry}).scalar_one())
        assert b"contract-a.pdf" in payload
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                     {"p": payload.replace(b"contract-a.pdf", b"contract-z.pdf"), "i": entry})

    # the menu action (Ctrl+Shift+L) brings the Audit page forward and verifies
    verify = audit.actions_by_name["verify"]
    assert verify.shortcut().toString() == "Ctrl+Shift+L"
    assert verify in window.page_menus["audit"].actions()
    verify.trigger()
    assert window.current_key == "audit"
    qtbot.waitUntil(lambda: audit.last_report is not None, timeout=SLOW)
    assert "Verification FAILED" in audit.banner.text()
    assert f"Entry {entry}: The recorded event was changed" in audit.banner.text()
    model = audit.model
    qtbot.waitUntil(lambda: model.row_of_entry(entry) is not None)
    cell = model.index(model.row_of_entry(entry), model.CHECK)
    assert model.data(cell) == "Not verified"
    assert audit.verdicts is not None
    assert audit.verdicts.verdict(entry).state is EntryState.NOT_VERIFIED
    assert audit.verdicts.verdict(0).state is EntryState.UNSIGNED  # before the break, unsigned
    audit.problems_box.setChecked(True)
    qtbot.waitUntil(lambda: model.filtered and model.rowCount() == 1)
    assert audit.rows_not_verified() == [entry]

    # the anchor panel: the newest checkpoint anchored, where, with a TSA time
    qtbot.waitUntil(lambda: audit.anchor_panel.status is not None, timeout=SLOW)
    status = audit.anchor_panel.status
    assert status is not None and status.anchored_size and not status.unanchored
    facts = audit.anchor_panel.facts.text()
    assert f"Last anchored checkpoint: {status.anchored_size:,} entries" in facts
    assert "TSA time" in facts and str(status.folder) in facts
    assert "WORM" in facts  # the default folder: the panel says where to put it instead
    assert not audit.anchor_panel.warning.isVisible()


def test_consistency_against_an_exported_checkpoint(
        qtbot: QtBot, sealed_window: tuple[MainWindow, AppContext], tmp_path: Path) -> None:
    window, _ctx = sealed_window
    audit = window.show_page("audit")
    assert isinstance(audit, AuditLogPage)
    held = tmp_path / "held-checkpoint.json"
    audit.export_checkpoint(held)
    qtbot.waitUntil(held.exists, timeout=SLOW)
    audit.check_consistency(held)
    qtbot.waitUntil(lambda: audit.consistency_dialog is not None, timeout=SLOW)
    dialog = audit.consistency_dialog
    assert dialog is not None and dialog.outcome.consistent
    assert dialog.verdict.text().startswith("✔ Consistent")
    assert dialog.save_button.isEnabled()
    dialog.close()

    edited = tmp_path / "edited.json"
    edited.write_bytes(held.read_bytes().replace(b'"tree_size": ', b'"tree_size": 1', 1))
    audit.consistency_dialog = None
    audit.check_consistency(edited)
    qtbot.waitUntil(lambda: audit.consistency_dialog is not None, timeout=SLOW)
    assert audit.consistency_dialog.verdict.text().startswith("✘ NOT consistent")
    assert not audit.consistency_dialog.save_button.isEnabled()
    assert "No proof" in audit.consistency_dialog.save_button.toolTip()
    audit.consistency_dialog.close()


def test_export_a_bundle_and_check_it_in_the_gui(
        qtbot: QtBot, sealed_window: tuple[MainWindow, AppContext], installation: Installation,
        demo_pins: object, tmp_path: Path) -> None:
    window, _ctx = sealed_window
    page = window.show_page("evidence")
    assert isinstance(page, EvidencePage)
    page.pin_provider = demo_pins  # type: ignore[assignment]
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=SLOW)
    assert not page.export_action.isEnabled()
    assert page.export_action.toolTip() == "Select one or more sealed documents first."
    assert page.export_button.toolTip().startswith("Select one or more sealed documents")
    page.select_documents(["contract-a.pdf", "contract-b.pdf"])
    assert page.export_action.isEnabled() and page.export_action.shortcut().toString() == (
        "Ctrl+Shift+B")

    target = tmp_path / "evidence.zip"
    page.export(target)
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=60_000)
    assert target.is_file() and page.last_export.documents == 2
    assert "Exported 2 document(s)" in page.status.text()
    assert not page.progress.isVisible()

    page.check_bundle(target)  # without a trusted audit certificate: intact, not anchored
    qtbot.waitUntil(lambda: page.verdict_view.verdict is not None, timeout=SLOW)
    assert page.verdict_view.headline.text().startswith("⚠ Intact, but NOT ANCHORED")
    cert = tmp_path / "audit.pem"
    cert.write_bytes(installation.audit_cert_pem)
    page.verdict_view.verdict = None
    page.use_certificate(cert)  # re-checks the same bundle against it
    qtbot.waitUntil(lambda: page.verdict_view.verdict is not None, timeout=SLOW)
    assert page.verdict_view.headline.text().startswith("✔ VERIFIED"), (
        page.verdict_view.headline.text())
    findings = page.verdict_view.findings.toPlainText()
    assert "contract-a.pdf: ✔ all checks hold" in findings

    altered = tmp_path / "altered.zip"
    data = bytearray(target.read_bytes())
    position = data.find(b"contract-b")
    data[position + 2] ^= 0x01  # one byte in a member name or its contents
    altered.write_bytes(bytes(data))
    page.verdict_view.verdict = None
    page.check_bundle(altered)
    qtbot.waitUntil(lambda: "✘" in page.verdict_view.headline.text(), timeout=SLOW)


def _database_copy(home: Path, target: Path) -> Path:
    target.mkdir()
    source = home / "data" / "sealdesk.db"
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy2(f"{source}{suffix}", target / f"sealdesk.db{suffix}")
    folded = sqlite3.connect(target / "sealdesk.db")
    folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folded.close()
    return target / "sealdesk.db"


def test_auditor_mode_keeps_the_checks_and_locks_export(
        qtbot: QtBot, installation: Installation, jobs: JobRunner, tmp_path: Path) -> None:
    ctx = open_database_copy(_database_copy(installation.home, tmp_path / "copy"))
    window = copy_window(ctx, jobs)
    window.token_poller.stop()
    window.show()
    audit = window.page("audit")
    evidence = window.page("evidence")
    assert isinstance(audit, AuditLogPage) and isinstance(evidence, EvidencePage)
    for name in ("verify", "consistency", "export_checkpoint", "export_view"):
        assert audit.actions_by_name[name].isEnabled(), name
    assert evidence.check_action.isEnabled() and evidence.cert_action.isEnabled()
    window.show_page("evidence")
    qtbot.waitUntil(lambda: len(evidence.rows) == 2, timeout=SLOW)
    evidence.select_documents(["contract-a.pdf"])
    assert not evidence.export_action.isEnabled() and not evidence.export_button.isEnabled()
    assert not evidence.period_action.isEnabled() and not evidence.period_button.isEnabled()
    assert evidence.export_button.toolTip().startswith("Auditor mode: exporting signs")
    audit.actions_by_name["verify"].trigger()
    assert window.current_key == "audit"
    qtbot.waitUntil(lambda: audit.last_report is not None, timeout=SLOW)
    assert audit.last_report.ok and "Audit log verified" in audit.banner.text()
    assert "could not be recorded" in audit.banner.text()
    audit.select_entry(1)
    audit.actions_by_name["proof"].trigger()
    qtbot.waitUntil(lambda: audit.proof_dialog is not None, timeout=SLOW)
    audit.proof_dialog.close()
    jobs.wait_for_all()
    window.close()


def test_every_audit_and_evidence_action_has_a_distinct_shortcut(
        sealed_window: tuple[MainWindow, AppContext]) -> None:
    """No key is bound twice where both could fire (Qt would fire neither): a window-wide
    shortcut is unique everywhere; a page's own (Audit, Keys, Roles: F5, Ctrl+Shift+K…) is
    unique on its page and may mean something else on another page."""
    window, _ctx = sealed_window
    page_scoped = Qt.ShortcutContext.WidgetWithChildrenShortcut
    window_wide: dict[str, str] = {}
    for key, menu in window.page_menus.items():
        on_page: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator():
                continue
            keys = action.shortcut().toString()
            if key in ("audit", "evidence"):
                assert keys, action.text()
                assert action.toolTip(), action.text()
            if not keys:
                continue
            assert keys not in on_page, f"{keys}: {on_page.get(keys)} and {action.text()}"
            on_page[keys] = action.text()
            if action.shortcutContext() != page_scoped:
                assert keys not in window_wide, f"{keys}: {window_wide[keys]} and {action.text()}"
                window_wide[keys] = action.text()
    for menu in window.page_menus.values():
        for action in menu.actions():
            keys = action.shortcut().toString()
            if keys and action.shortcutContext() == page_scoped:
                assert keys not in window_wide, f"{keys}: {window_wide[keys]} and {action.text()}"
    audit = window.page("audit")
    assert audit.proof_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "Select an entry first" in audit.proof_button.toolTip()


def _tab_to(qtbot: QtBot, window: MainWindow, target: QWidget, limit: int = 30) -> None:
    """Press Tab until ``target`` has the focus (it must be reachable by Tab)."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target, f"{target.accessibleName()} not reachable"


def test_export_check_and_verify_by_keyboard_only(
        qtbot: QtBot, sealed_window: tuple[MainWindow, AppContext], installation: Installation,
        demo_pins: object, tmp_path: Path) -> None:
    window, _ctx = sealed_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    evidence = window.page("evidence")
    assert isinstance(evidence, EvidencePage)
    bundle, cert = tmp_path / "by-keyboard.zip", tmp_path / "audit.pem"
    cert.write_bytes(installation.audit_cert_pem)
    evidence.files = ScriptedFiles([bundle, cert, bundle])
    evidence.pin_provider = demo_pins  # type: ignore[assignment]

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "evidence"
    qtbot.waitUntil(lambda: len(evidence.rows) == 2, timeout=SLOW)
    _tab_to(qtbot, window, evidence.table)
    qtbot.keyClick(evidence.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(evidence.selected_rows()) == 2
    qtbot.keyClick(evidence.table, Qt.Key.Key_B, shift_ctrl)  # Export bundle…
    qtbot.waitUntil(lambda: evidence.last_export is not None, timeout=60_000)
    assert bundle.is_file()
    qtbot.keyClick(evidence.table, Qt.Key.Key_T, shift_ctrl)  # Trusted audit certificate…
    qtbot.keyClick(evidence.table, Qt.Key.Key_O, shift_ctrl)  # Check a bundle…
    qtbot.waitUntil(lambda: evidence.verdict_view.headline.text().startswith("✔ VERIFIED"),
                    timeout=SLOW)

    audit = window.page("audit")
    assert isinstance(audit, AuditLogPage)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Go › Audit
    assert window.current_key == "audit"
    audit.table.setFocus()  # the Audit shortcuts are the page's (the Keys page has its own)
    qtbot.keyClick(audit.table, Qt.Key.Key_L, shift_ctrl)  # Verify log
    qtbot.waitUntil(lambda: audit.last_report is not None, timeout=SLOW)
    assert audit.last_report.ok
    _tab_to(qtbot, window, audit.problems_box)
    qtbot.keyClick(audit.problems_box, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: audit.empty_label.isVisible())
    assert audit.empty_label.text().startswith("No problems")
    qtbot.keyClick(audit.problems_box, Qt.Key.Key_P, shift_ctrl)  # the same filter, off again
    assert not audit.problems_box.isChecked()


def test_export_a_period_from_the_menu(
        qtbot: QtBot, sealed_window: tuple[MainWindow, AppContext], demo_pins: object,
        tmp_path: Path) -> None:
    window, _ctx = sealed_window
    page = window.page("evidence")
    assert isinstance(page, EvidencePage)
    target = tmp_path / "today.zip"
    page.files = ScriptedFiles([target])
    page.pin_provider = demo_pins  # type: ignore[assignment]
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    page.period_provider = lambda _parent: (today - dt.timedelta(days=1),
                                            today + dt.timedelta(days=1))
    assert page.period_action.isEnabled()  # a period needs no selection
    page.period_action.trigger()
    assert window.current_key == "evidence"
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=60_000)
    assert page.last_export.documents == 2 and target.is_file()
