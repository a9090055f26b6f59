"""Reading runs and results for a front end: run list, result lines, one result's details.

Qt-free (the GUI's models call these from workers). Lines carry no reports, so a run over a
hundred thousand documents lists quickly; the report of one result is read when it is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sealdesk.core.validation import DocumentReport
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.detail import detail_html
from sealdesk.services.revalidation.report import document_report, store_problems
from sealdesk.storage.revalidation import repo as revalidation_repo
from sealdesk.storage.revalidation.repo import ResultLine

__all__ = ["ResultDetail", "ResultLine", "RunInfo", "list_runs", "result_detail", "result_lines"]


@dataclass(frozen=True)
class RunInfo:
    run_id: int
    status: str
    scope: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    total: int
    counts: dict[str, int]

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def label(self) -> str:
        when = self.started_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
        state = "finished" if self.finished else (
            "cancelled" if self.status == "cancelled" else "not finished")
        return f"Run {self.run_id} — {when} UTC — {self.scope} — {self.total} documents, {state}"


@dataclass(frozen=True)
class ResultDetail:
    line: ResultLine
    report: DocumentReport | None
    problems: tuple[str, ...]
    html: str
    """The details as compact HTML (reasons, records, signatures, certificate chains)."""


def list_runs(ctx: AppContext, limit: int = 50) -> list[RunInfo]:
    with ctx.database.reader() as session:
        return [
            RunInfo(run.id, run.status, run.scope, _utc(run.started_at),
                    _utc(run.finished_at) if run.finished_at else None, run.total,
                    revalidation_repo.counts(session, run.id))
            for run in revalidation_repo.list_runs(session, limit)
        ]


def result_lines(ctx: AppContext, run_id: int) -> list[ResultLine]:
    with ctx.database.reader() as session:
        return revalidation_repo.result_lines(session, run_id)


def result_detail(ctx: AppContext, run_id: int, position: int) -> ResultDetail:
    with ctx.database.reader() as session:
        row = revalidation_repo.result_at(session, run_id, position)
        if row is None:
            raise InputError(f"Run {run_id} has no document {position}.")
        line = next(line for line in revalidation_repo.result_lines(session, run_id)
                    if line.position == position)
        report, problems = document_report(row), tuple(store_problems(row))
    return ResultDetail(line, report, problems, detail_html(line, report, problems))


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
