"""Reports of a revalidation run: JSON (schema ``sealdesk.revalidation/1``) and HTML.

The JSON is for programs and archives: documented in docs/revalidation-report-schema.md, it
embeds each document's validation report (schema ``sealdesk.validation/1``) unchanged, so a
reader that understands single-document reports understands these. The HTML is for people:
counts by indication, the incidents first with their reasons, then every document's details.
Both list failures first, then indeterminate results, then passed, then anything still pending.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

from sealdesk.core.validation import DocumentReport, Finding, Indication, Severity, render_html
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.policy_check import signing_policy_finding
from sealdesk.services.revalidation.worker import PolicySpec
from sealdesk.storage.revalidation import repo as revalidation_repo
from sealdesk.storage.revalidation.models import PENDING, RevalidationResult, RevalidationRun

SCHEMA = "sealdesk.revalidation/1"
_ORDER = {"FAILED": 0, "INDETERMINATE": 1, "PASSED": 2, None: 3}


@dataclass(frozen=True)
class RunReport:
    """A run and its results as read from the database (results failures first)."""

    run: RevalidationRun
    results: tuple[RevalidationResult, ...]
    counts: dict[str, int]
    policy_findings: tuple[Finding, ...] = field(default=())
    """Whether the run's trust anchors are the signing policy's the log proves (never a verdict)."""

    @property
    def incidents(self) -> list[RevalidationResult]:
        return [r for r in self.results if r.incident]


def load_run_report(ctx: AppContext, run_id: int) -> RunReport:
    with ctx.database.reader() as session:
        run = revalidation_repo.get_run(session, run_id)
        if run is None:
            raise InputError(f"There is no revalidation run {run_id}.",
                             hint="'sealdesk revalidate runs' lists the runs.")
        rows = revalidation_repo.results(session, run_id)
        tally = revalidation_repo.counts(session, run_id)
    ordered = sorted(rows, key=lambda r: (_ORDER.get(r.indication, 3), r.position))
    anchors = [a.sha256 for a in
               PolicySpec.from_dict(json.loads(run.policy_json)).build().summary().trust_anchors]
    finding = signing_policy_finding(ctx, anchors, ())
    return RunReport(run, tuple(ordered), tally, () if finding is None else (finding,))


def store_problems(row: RevalidationResult) -> list[str]:
    if not row.store_json:
        return []
    return list(json.loads(row.store_json).get("problems", []))


def document_report(row: RevalidationResult) -> DocumentReport | None:
    return DocumentReport.from_json(row.report_json) if row.report_json else None


# --- JSON ---------------------------------------------------------------------------------------
def to_json(report: RunReport, *, indent: int | None = 2) -> str:
    run = report.run
    policy = PolicySpec.from_dict(json.loads(run.policy_json)).build()
    return json.dumps({
        "schema": SCHEMA,
        "run": {
            "id": run.id,
            "status": run.status,
            "scope": json.loads(run.scope_json),
            "started_at": _dt(run.started_at),
            "finished_at": _dt(run.finished_at),
            "actor": run.actor,
            "console_id": run.console_id,
            "policy": {
                "revocation_mode": policy.revocation_mode.value,
                "moment": _dt(policy.moment),
                "trust_anchors": [{"subject": a.subject, "sha256": a.sha256}
                                  for a in policy.summary().trust_anchors],
            },
            "audit": {"started_entry": run.audit_index},
            "policy_findings": [{"code": f.code, "severity": f.severity.value,
                                 "message": f.message} for f in report.policy_findings],
        },
        "counts": {"documents": run.total, **report.counts},
        "results": [_result(r) for r in report.results],
    }, indent=indent, ensure_ascii=False)


def _result(row: RevalidationResult) -> dict[str, Any]:
    return {
        "position": row.position,
        "name": row.name,
        "path": row.path,
        "recorded_sealed_sha256": row.expected_sha256 or None,
        "state": row.state,
        "indication": row.indication,
        "sub_indication": row.sub_indication,
        "reason": row.reason or None,
        "incident": row.incident,
        "checked_at": _dt(row.checked_at),
        "store_problems": store_problems(row),
        "audit_entry": row.audit_index,
        "report": json.loads(row.report_json) if row.report_json else None,
    }


def _dt(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


# --- HTML ---------------------------------------------------------------------------------------
def to_html(report: RunReport) -> str:
    run = report.run
    reports: list[DocumentReport] = []
    verdicts: dict[int, Indication] = {}
    for row in report.results:
        doc = document_report(row)
        if doc is None or row.indication is None:
            continue
        problems = [Finding("store.problem", Severity.ERROR, p[:1].upper() + p[1:] + ".")
                    for p in store_problems(row)]
        doc = DocumentReport(f"{row.name} — {row.path}", doc.sha256, doc.signatures,
                             doc.checked_at, doc.policy, (*problems, *doc.notes))
        reports.append(doc)
        verdicts[id(doc)] = Indication(row.indication)
    title = f"SealDesk revalidation run {run.id}"
    return render_html(reports, title, indication_of=lambda d: verdicts[id(d)],
                       preamble_html=_preamble(report))


def _preamble(report: RunReport) -> str:
    run, counts = report.run, report.counts
    scope = json.loads(run.scope_json)
    state = {"finished": "finished", "cancelled": "cancelled (resumable)"}.get(
        run.status, "not finished (resumable)")
    lines = [
        f'<p class="meta">Run {run.id}: {escape(str(scope.get("kind")))} scope, '
        f"{run.total} document(s), {state}. Started {_day(run.started_at)} by "
        f"{escape(run.actor)} on {escape(run.console_id)}"
        + (f", finished {_day(run.finished_at)}" if run.finished_at else "")
        + f". Audit entry {run.audit_index}. Incidents: {counts.get('incidents', 0)}"
        + (f"; still pending: {counts['pending']}" if counts.get("pending") else "") + ".</p>",
    ]
    lines.extend(f'<p class="meta"><strong>{escape(f.message)}</strong></p>'
                 for f in report.policy_findings)
    unreadable = [r for r in report.results if r.incident and not r.report_json]
    rows = "".join(
        f'<tr><td><span class="badge {escape(r.indication or "")}">{escape(r.indication or "")}'
        f"</span></td><td>{escape(r.name)}</td><td>{escape(r.reason)}</td></tr>"
        for r in report.incidents
    )
    if rows:
        lines.append("<h2>Incidents</h2><table><tr><th>Indication</th><th>Document</th>"
                     f"<th>Reason</th></tr>{rows}</table>")
    if unreadable:
        lines.append(f'<p class="meta">{len(unreadable)} incident(s) above have no validation '
                     "details below: the file could not be read as a sealed PDF.</p>")
    pending = [r for r in report.results if r.state == PENDING]
    if pending:
        lines.append(f'<p class="meta">{len(pending)} document(s) not checked yet.</p>')
    return "\n".join(lines)


def _day(value: dt.datetime | None) -> str:
    return "—" if value is None else value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
