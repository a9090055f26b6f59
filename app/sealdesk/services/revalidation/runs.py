"""Bulk revalidation: re-prove every seal (or a chosen set), in parallel, resumable, audited.

A run goes through three steps:

1. :func:`create_run` fixes the plan: one pending result row per document, the policy (trust
   anchors, revocation mode, moment) and the ``revalidation.started`` event, in one transaction.
2. :func:`execute_run` checks the pending documents in worker processes
   (:mod:`~sealdesk.services.revalidation.pool`) and records each result as it arrives
   (:mod:`~sealdesk.services.revalidation.record`): a result other than PASSED is an
   *incident* — flagged on its row and recorded as a ``revalidation.result`` event in the same
   transaction as the row, so result and event exist together or not at all.
3. When nothing is pending, the run is finished with one ``revalidation.finished`` event
   carrying the counts.

Resuming after a cancel or a crash (even SIGKILL) is :func:`execute_run` again on the same run:
only rows still pending are checked, and since a row and its event commit together, nothing is
checked twice and no event is recorded twice. The run needs no token: signed audit checkpoints
need the audit key, so the events of a run are covered by the checkpoint of the next operation
that uses the token (``sealdesk audit verify`` shows entries not yet covered).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import ValidationPolicy
from sealdesk.errors import InputError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag, ProgressCallback, no_progress
from sealdesk.services.revalidation import queue
from sealdesk.services.revalidation.plan import Scope, planned_rows
from sealdesk.services.revalidation.pool import check_all
from sealdesk.services.revalidation.record import ResultRecorder
from sealdesk.services.revalidation.worker import PolicySpec
from sealdesk.storage.revalidation import repo as revalidation_repo
from sealdesk.storage.revalidation.models import RevalidationRun

RUNNING, CANCELLED, FINISHED = "running", "cancelled", "finished"

__all__ = [
    "CANCELLED",
    "FINISHED",
    "RUNNING",
    "RunSummary",
    "Scope",
    "create_run",
    "execute_run",
    "revalidate",
]


@dataclass
class RunSummary:
    """Where a run stands: counts by indication, incidents, and whether it is complete."""

    run_id: int
    status: str
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    checked_now: int = 0
    """Documents checked by this call (a resumed run skips the ones done before)."""

    @property
    def finished(self) -> bool:
        return self.status == FINISHED

    @property
    def pending(self) -> int:
        return self.counts.get("pending", 0)

    @property
    def incidents(self) -> int:
        return self.counts.get("incidents", 0)

    def count(self, indication: str) -> int:
        return self.counts.get(indication, 0)


def revalidate(ctx: AppContext, scope: Scope, policy: ValidationPolicy, *,
               workers: int | None = None, progress: ProgressCallback = no_progress,
               cancel: CancelFlag | None = None) -> RunSummary:
    """Create a run for ``scope`` and execute it (see the module docstring)."""
    run_id = create_run(ctx, scope, policy)
    return execute_run(ctx, run_id, workers=workers, progress=progress, cancel=cancel)


def create_run(ctx: AppContext, scope: Scope, policy: ValidationPolicy) -> int:
    """Plan a run: its documents, its policy, its ``revalidation.started`` event."""
    require_role(ctx, (Role.AUDITOR, Role.OPERATOR), "run revalidation")
    spec = PolicySpec.of(policy)
    now = dt.datetime.now(dt.UTC)
    with ctx.database.transaction() as session:
        rows = planned_rows(ctx, session, scope)
        run = RevalidationRun(
            status=RUNNING, scope=scope.kind, scope_json=json.dumps(scope.to_dict()),
            policy_json=json.dumps(spec.to_dict()), started_at=now, updated_at=now,
            actor=ctx.actor.identity, console_id=ctx.console_id, total=len(rows),
            passed=0, indeterminate=0, failed=0, incidents=0, audit_index=-1,
        )
        session.add(run)
        session.flush()
        revalidation_repo.add_results(session, run.id, rows)
        entry = record(session, ctx.event(
            EventType.REVALIDATION_STARTED, {"run": str(run.id)},
            {
                "scope": scope.kind,
                "since": scope.since.isoformat() if scope.since else None,
                "documents": len(rows),
                "revocation": policy.revocation_mode.value,
                "moment": policy.moment.isoformat() if policy.moment else None,
                "trust_anchors": [a.sha256 for a in policy.summary().trust_anchors],
            },
        ))
        run.audit_index = entry.index
        return run.id


def execute_run(ctx: AppContext, run_id: int, *, workers: int | None = None,
                progress: ProgressCallback = no_progress,
                cancel: CancelFlag | None = None,
                lease_seconds: float = queue.LEASE_SECONDS) -> RunSummary:
    """Check the run's pending documents with the others working on it; finish it when none
    is left (module docstring). Rows are claimed from the run's queue (:mod:`.queue`), so any
    number of consoles or ``sealdesk revalidate work`` processes can share one run."""
    require_role(ctx, (Role.AUDITOR, Role.OPERATOR), "run revalidation")
    cancel = cancel or CancelFlag()
    with ctx.database.transaction() as session:
        run = revalidation_repo.lock_run(session, run_id)
        if run is None:
            raise InputError(f"There is no revalidation run {run_id}.",
                             hint="'sealdesk revalidate runs' lists the runs.")
        total, status = run.total, run.status
        spec = PolicySpec.from_dict(json.loads(run.policy_json))
        pending = revalidation_repo.counts(session, run_id)["pending"]
        if status != FINISHED:
            revalidation_repo.set_status(session, run_id, RUNNING, dt.datetime.now(dt.UTC))
    if status == FINISHED:
        return summary(ctx, run_id)
    names = _names(ctx, run_id)
    worker = queue.worker_id(ctx)
    done = total - pending
    progress(done, total, "")
    recorder = ResultRecorder(ctx, run_id)
    try:
        while True:
            items = queue.claimed_items(ctx, run_id, worker, cancel, lease_seconds=lease_seconds)
            for item, outcome in check_all(spec, items, cancel, workers, expected=pending):
                recorder.add(item, outcome)
                done += 1
                progress(done, total, names.get(item.position, ""))
            recorder.flush()
            if not queue.wait_for_lapse(ctx, run_id, cancel):
                break
    finally:
        recorder.flush()
        if cancel.cancelled:
            queue.release(ctx, run_id, worker)
    return _conclude(ctx, run_id, recorder.recorded, cancelled=cancel.cancelled)


def summary(ctx: AppContext, run_id: int, checked_now: int = 0) -> RunSummary:
    with ctx.database.reader() as session:
        run = revalidation_repo.get_run(session, run_id)
        if run is None:
            raise InputError(f"There is no revalidation run {run_id}.",
                             hint="'sealdesk revalidate runs' lists the runs.")
        return RunSummary(run_id, run.status, run.total,
                          revalidation_repo.counts(session, run_id), checked_now)


def _conclude(ctx: AppContext, run_id: int, checked_now: int, *, cancelled: bool) -> RunSummary:
    now = dt.datetime.now(dt.UTC)
    with ctx.database.transaction() as session:
        run = revalidation_repo.lock_run(session, run_id)
        assert run is not None
        tally = revalidation_repo.counts(session, run_id)
        if run.status == FINISHED:  # another console finished it meanwhile
            pass
        elif tally["pending"]:
            revalidation_repo.set_status(session, run_id, CANCELLED if cancelled else RUNNING,
                                         now, tally=tally)
        else:
            revalidation_repo.set_status(session, run_id, FINISHED, now, finished=True,
                                         tally=tally)
            record(session, ctx.event(
                EventType.REVALIDATION_FINISHED, {"run": str(run_id)},
                {
                    "documents": run.total,
                    "passed": tally["PASSED"],
                    "indeterminate": tally["INDETERMINATE"],
                    "failed": tally["FAILED"],
                    **({"deleted_under_retention": tally["DELETED"]}
                       if tally.get("DELETED") else {}),
                    "incidents": tally["incidents"],
                    "started_entry": run.audit_index,
                },
            ))
    return summary(ctx, run_id, checked_now)


def _names(ctx: AppContext, run_id: int) -> dict[int, str]:
    with ctx.database.reader() as session:
        return revalidation_repo.names(session, run_id)
