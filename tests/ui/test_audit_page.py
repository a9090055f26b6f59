"""The Audit page driven with qtbot: rows, filters, details, Verify log, Show proof, tampering."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sealdesk.core.audit.proofs import check_proof_file
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.repo import log_size
from sealdesk.ui.models.audit_model import AuditTableModel
from sealdesk.ui.pages.audit.page import AuditLogPage
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.workers import JobRunner
from tests.audit.audit_support import append_events, demo_token

M = AuditTableModel
EVENTS = 300


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> Iterator[AuditLogPage]:
    append_events(demo_ctx, EVENTS)
    with demo_token(demo_ctx) as token:
        create_checkpoint(demo_ctx, token)  # covers entries 0..299; entry 300 records it
    notes: list[str] = []
    widget = AuditLogPage(PageServices(demo_ctx, jobs, notify=notes.append))
    widget.notes = notes  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == EVENTS + 1)
    yield widget
    widget.shutdown()
    jobs.wait_for_all()


def _select(page: AuditLogPage, entry: int) -> None:
    page.select_entry(entry)
    assert page.selected_entry() == entry


def test_rows_filters_and_details(qtbot: QtBot, page: AuditLogPage) -> None:
    model = page.model
    qtbot.waitUntil(lambda: model.data(model.index(0, M.TYPE)) == "Checkpoint signed")
    assert "301 events" in page.status.text()

    page.filters.type_box.setCurrentIndex(page.filters.type_box.findData("checkpoint.created"))
    qtbot.waitUntil(lambda: model.filtered and model.rowCount() == 1)
    assert "1 matching" in page.status.text()
    page.filters.search.setText("file-123.pdf")
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    assert page.empty_label.text().startswith("No events match these filters.")
    page.filters.clear()
    qtbot.waitUntil(lambda: not model.filtered and model.rowCount() == EVENTS + 1)

    page.filters.search.setText("file-123.pdf")  # debounced, then run in SQL
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.entry_at(0) == 123
    page.table.selectionModel().setCurrentIndex(
        model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert not page.empty_label.isVisible()
    qtbot.waitUntil(lambda: "Settings changed" in page.details.toPlainText())
    readable = page.details.toPlainText()
    assert readable.startswith("Entry 123 · Settings changed (settings.changed)\n"
                               "file-123.pdf (000000000000…) · n: 123\n")
    assert "Canonical payload" not in readable and "Entry hash" not in readable
    page.raw_button.setFocus()  # the raw payload is one key press away
    qtbot.keyClick(page.raw_button, Qt.Key.Key_Space)
    details = page.details.toPlainText()
    assert "Entry 123" in details and '"n":123' in details
    assert "Entry hash (Merkle leaf)" in details
    assert "Canonical payload, exactly as hashed" in details


def test_rows_read_as_words_and_the_view_exports(qtbot: QtBot, page: AuditLogPage,
                                                 tmp_path: Path) -> None:
    model = page.model
    qtbot.waitUntil(lambda: model.data(model.index(1, M.SUBJECT)) not in (None, "…"))
    sealed_row = next(r for r in range(1, 10)
                      if model.data(model.index(r, M.TYPE)) == "Document sealed")
    entry = model.entry_at(sealed_row)
    summary = model.data(model.index(sealed_row, M.SUBJECT))
    assert summary.startswith(f"file-{entry}.pdf ({f'{entry:064x}'[:12]}…)")  # name, hash
    assert model.data(model.index(sealed_row, M.TYPE), Qt.ItemDataRole.ToolTipRole) == (
        "document.sealed")

    page.filters.type_box.setCurrentIndex(page.filters.type_box.findData("document.sealed"))
    qtbot.waitUntil(lambda: model.filtered and model.rowCount() == EVENTS // 3)
    for name in ("view.csv", "view.json"):
        page.export_view(tmp_path / name)
        qtbot.waitUntil(lambda name=name: page.last_export == tmp_path / name)
    with (tmp_path / "view.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == EVENTS // 3 and {r["event"] for r in rows} == {"Document sealed"}
    assert rows[0]["summary"].startswith(f"file-{rows[0]['index']}.pdf (")
    exported = json.loads((tmp_path / "view.json").read_text(encoding="utf-8"))
    assert [e["index"] for e in exported] == [int(r["index"]) for r in rows]
    assert exported[0]["payload"]["type"] == "document.sealed" and len(
        exported[0]["entry_hash"]) == 64


def test_verify_log_in_a_worker_and_record_it(qtbot: QtBot, page: AuditLogPage,
                                              demo_ctx: AppContext) -> None:
    model = page.model
    assert model.data(model.index(0, M.CHECK)) == "Not yet checked"
    assert not page.problems_box.isEnabled()
    assert "Available after Verify log" in page.problems_box.toolTip()
    page.verify_button.click()
    assert not page.verify_button.isEnabled()
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=20_000)
    assert page.last_report is not None and page.last_report.ok
    assert "Audit log verified" in page.banner.text()
    assert page.verify_button.isEnabled() and not page.progress.isVisible()
    model = page.model
    assert model.data(model.index(model.row_of_entry(5), M.CHECK)) == "Verified"
    # entry 300 records the checkpoint: intact, no checkpoint covers it yet
    assert model.data(model.index(model.row_of_entry(EVENTS), M.CHECK)) == (
        "Intact, not yet signed")
    qtbot.waitUntil(lambda: page.model.rowCount() == EVENTS + 2)  # the recorded selftest
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, M.TYPE)) == "Self-test passed")


def test_verify_pinpoints_a_tampered_entry(qtbot: QtBot, page: AuditLogPage,
                                           demo_ctx: AppContext) -> None:
    with demo_ctx.database.engine.begin() as conn:
        payload = bytes(conn.execute(text(
            "SELECT payload FROM audit_entries WHERE idx = 42")).scalar_one())
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = 42"),
                     {"p": payload.replace(b'"n":42', b'"n":24')})
    page.verify()
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=20_000)
    banner = page.banner.text()
    assert "Verification FAILED" in banner
    assert ("Entry 42: The recorded event was changed after it was written" in banner)
    qtbot.waitUntil(lambda: page.selected_entry() == 42)
    # the Check column: icon and words, the reason in plain words as its tooltip
    row = page.model.row_of_entry(42)
    assert row is not None
    check = page.model.index(row, M.CHECK)
    assert page.model.data(check) == "Not verified"
    assert not page.model.data(check, Qt.ItemDataRole.DecorationRole).isNull()
    assert "changed after it was written" in page.model.data(check, Qt.ItemDataRole.ToolTipRole)
    later = page.model.index(page.model.row_of_entry(100), M.CHECK)
    assert page.model.data(later) == "Not verified (after 42)"
    assert "broken at entry 42" in page.model.data(later, Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: page.details.toPlainText().startswith("Check: Not verified."))

    # "Show only problems", by its keyboard shortcut from the menu action
    assert page.problems_box.isEnabled()
    page.actions_by_name["problems"].trigger()
    assert page.problems_box.isChecked()
    qtbot.waitUntil(lambda: page.model.filtered and page.model.rowCount() == 1)
    assert page.model.entry_at(0) == 42 and page.rows_not_verified() == [42]
    page.problems_box.setChecked(False)
    qtbot.waitUntil(lambda: not page.model.filtered and page.model.rowCount() > 1)


def test_show_proof_and_save_it(qtbot: QtBot, page: AuditLogPage, tmp_path: Path,
                                demo_ctx: AppContext) -> None:
    _select(page, 7)
    page.show_proof()
    qtbot.waitUntil(lambda: page.proof_dialog is not None)
    dialog = page.proof_dialog
    assert dialog is not None
    assert "Verified" in dialog.verdict.text()
    assert "Entry 7 is included in the audit log of 300 entries" in dialog.verdict.text()
    assert "Audit path (9 hashes" in dialog.details.toPlainText()
    target = tmp_path / "proof.json"
    dialog.save_to(target)
    qtbot.waitUntil(target.exists)
    assert check_proof_file(target.read_bytes()).leaf_index == 7
    dialog.close()

    with demo_ctx.database.reader() as session:
        newest = log_size(session) - 1
    page.proof_dialog = None
    _select(page, newest)  # the checkpoint's own event: not covered yet
    page.show_proof()
    qtbot.waitUntil(lambda: "not covered" in page.banner.text())
    assert page.proof_dialog is None
