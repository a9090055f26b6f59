"""The Revalidation page: a run started from the page, live results, details, filter, export."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.models.revalidation_model import ResultsModel
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.revalidation.page import RevalidationPage
from sealdesk.ui.workers import JobRunner


def _page(qtbot: QtBot, ctx: AppContext, jobs: JobRunner) -> RevalidationPage:
    page = RevalidationPage(PageServices(ctx, jobs))
    qtbot.addWidget(page)
    page.show()
    jobs.wait_for_all()
    return page


def test_a_run_from_the_page_shows_failures_first_with_details(  # type: ignore[no-untyped-def]
    qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner, make_pdfs, tmp_path: Path,
) -> None:
    batch = seal_documents(demo_ctx, make_pdfs(3), DEMO_PIN)
    damaged = batch.results[1]
    stored = demo_ctx.store.path_of(damaged.sealed_sha256)
    data = bytearray(stored.read_bytes())
    data[len(data) // 3] ^= 0x01
    stored.write_bytes(bytes(data))
    page = _page(qtbot, demo_ctx, jobs)
    assert page.runs.count() == 0 and page.start_button.isEnabled()

    page.start_run(Scope.everything())
    jobs.wait_for_all()
    jobs.wait_for_all()

    assert page.runs.count() == 1 and page.model.rowCount() == 3
    first = page.proxy.index(0, ResultsModel.STATUS)
    assert first.data() == "Failed"
    assert "store's copy" in page.proxy.index(0, ResultsModel.REASON).data()
    assert "1 FAILED" in page.banner.text() and "2 PASSED" in page.banner.text()
    page.table.setCurrentIndex(first)
    jobs.wait_for_all()
    assert "SealDesk's records" in page.details.toPlainText() or \
        "damaged" in page.details.toPlainText()

    page.filter.setCurrentIndex(1)  # incidents only
    assert page.proxy.rowCount() == 1

    out = tmp_path / "run.json"
    page.export_report(page.selected_run() or 0, out, "json")
    jobs.wait_for_all()
    report = json.loads(out.read_text())
    assert report["schema"] == "sealdesk.revalidation/1"
    assert [r["indication"] for r in report["results"]] == ["FAILED", "PASSED", "PASSED"]


def test_write_actions_are_the_run_buttons(  # type: ignore[no-untyped-def]
    qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner,
) -> None:
    page = _page(qtbot, demo_ctx, jobs)
    assert page.write_actions() == [page.start_button, page.resume_button]
    assert not page.resume_button.isEnabled()  # no unfinished run to resume


def test_start_up_runs_the_scheduled_revalidation_when_due(  # type: ignore[no-untyped-def]
    qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner, make_pdfs,
) -> None:
    seal_documents(demo_ctx, make_pdfs(2), DEMO_PIN)
    page = _page(qtbot, demo_ctx, jobs)

    page.start_scheduled_if_due()
    for _ in range(3):
        jobs.wait_for_all()

    assert page.runs.count() == 1 and "2 PASSED" in page.banner.text()
    page.start_scheduled_if_due()  # just ran: not due again
    jobs.wait_for_all()
    assert page.runs.count() == 1 and page.start_button.isEnabled()
