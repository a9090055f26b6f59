"""Retention in the GUI (issue 21 item 6): the Documents page's Retention column and hold
dialog, and the Retention page's due list and deletion proposal — real tokens, PDFs, SQLite."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sealdesk.services import retention
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.documents.retention import RetentionDialog
from sealdesk.ui.pages.retention_page import DueModel, RetentionPage
from sealdesk.ui.workers import JobRunner
from tests.retention.conftest import adopt_rules, make_due, seal
from tests.rotation.conftest import Ceremony
from tests.rotation.conftest import ceremony as ceremony
from tests.rotation.conftest import ceremony_template as ceremony_template
from tests.ui.conftest import ScriptedPins

WAIT_MS = 20000


def _column_text(page: DocumentsPage, row: int) -> str:
    column = page.retention_column.column
    return str(page.proxy.index(row, column).data() or "")


def test_documents_page_shows_retention_and_places_a_hold(
        qtbot: QtBot, ceremony: Ceremony, jobs: JobRunner, demo_pins: ScriptedPins,
        tmp_path: Path) -> None:
    adopt_rules(ceremony)
    sha = seal(ceremony, tmp_path, "invoice-77")[0]
    page = DocumentsPage(PageServices(ceremony.ctx, jobs))
    page.pin_provider = demo_pins
    qtbot.addWidget(page)
    header = page.proxy.headerData(page.retention_column.column, Qt.Orientation.Horizontal)
    assert header == "Retention"
    page.add_files([tmp_path / "invoice-77.pdf"])
    qtbot.waitUntil(lambda: "invoices" in _column_text(page, 0), timeout=WAIT_MS)
    page.table.selectRow(0)
    assert page.retention.place.isEnabled() and not page.retention.release.isEnabled()

    page.retention.ask(RetentionDialog.HOLD)
    dialog = page.retention.dialog
    assert dialog is not None
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled(), "a case and a reason are required"
    dialog.case.setText("LIT-2026-014")
    dialog.reason.setPlainText("Claim by a former supplier")
    dialog.accept()
    qtbot.waitUntil(lambda: _column_text(page, 0).startswith("HOLD"), timeout=WAIT_MS)
    status = next(s for s in retention.retention_overview(ceremony.ctx)
                  if s.document_sha256 == sha)
    assert [h.case for h in status.holds] == ["LIT-2026-014"]
    assert page.retention.release.isEnabled()
    tip = page.proxy.index(0, page.retention_column.column).data(Qt.ItemDataRole.ToolTipRole)
    assert "Claim by a former supplier" in tip
    assert demo_pins.requests == [], "placing a hold only keeps documents: no PIN"

    page.retention.ask(RetentionDialog.RELEASE)  # a release is a signed act: one PIN
    dialog = page.retention.dialog
    assert dialog is not None
    assert dialog.case_choice.currentText() == "LIT-2026-014"
    dialog.reason.setPlainText("Claim withdrawn")
    dialog.accept()
    qtbot.waitUntil(lambda: not _column_text(page, 0).startswith("HOLD"), timeout=WAIT_MS)
    assert len(demo_pins.requests) == 1
    assert "Releasing this legal hold" in demo_pins.requests[0].reason


def test_retention_page_lists_due_documents_and_proposes_deletion(
        qtbot: QtBot, ceremony: Ceremony, jobs: JobRunner, demo_pins: ScriptedPins,
        tmp_path: Path) -> None:
    adopt_rules(ceremony)
    due, held = seal(ceremony, tmp_path, "lease-a", "lease-b")
    make_due(ceremony, [due, held])
    retention.place_hold(ceremony.ctx, [held], reason="Dispute", case="LIT-9")
    page = RetentionPage(PageServices(ceremony.ctx, jobs))
    page.pin_provider = demo_pins
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    states = {r.document_sha256: r.state for r in page.model.rows}
    assert states == {due: "due", held: "held"}
    assert "contracts" in page.classes.text()
    page.table.selectAll()
    assert [s.document_sha256 for s in page.selected()] == [due], "a held row is not offered"
    assert page.propose_button.isEnabled()
    page.propose([due], "Lease retention ended")
    qtbot.waitUntil(lambda: "Deletion proposal" in page.result.text(), timeout=WAIT_MS)
    assert len(demo_pins.requests) == 1  # the proposal is signed: the PIN asked once
    assert "Recording this deletion proposal" in demo_pins.requests[0].reason
    row = next(i for i, r in enumerate(page.model.rows) if r.document_sha256 == held)
    assert page.model.index(row, DueModel.HOLD).data() == "LIT-9"


def test_revalidation_results_show_a_deleted_document_as_such(
        qtbot: QtBot, ceremony: Ceremony, jobs: JobRunner, tmp_path: Path) -> None:
    from sealdesk.services.revalidation import browse
    from sealdesk.services.revalidation.plan import Scope
    from sealdesk.services.revalidation.runs import revalidate
    from sealdesk.services.revalidation.verification import policy_from
    from sealdesk.ui.models.revalidation_model import ResultsModel
    from tests.retention.conftest import approve_deletion

    adopt_rules(ceremony)
    gone, _kept = seal(ceremony, tmp_path, "old-lease", "new-lease")
    make_due(ceremony, [gone])
    retention.execute_deletion(ceremony.ctx, approve_deletion(ceremony, [gone]))
    run = revalidate(ceremony.ctx, Scope.everything(), policy_from(ceremony.ctx), workers=1)
    model = ResultsModel()
    model.set_lines(run.run_id, browse.result_lines(ceremony.ctx, run.run_id))
    shown = {model.index(r, ResultsModel.STATUS).data() for r in range(model.rowCount())}
    assert shown == {"Passed", "Deleted under retention"}
