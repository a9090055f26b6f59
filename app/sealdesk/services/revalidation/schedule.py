"""The revalidation schedule: every ``[revalidation] interval_days`` days, on start-up when due.

SealDesk is a desktop console, not a daemon, so "every N days" means: when the console starts
(or ``sealdesk revalidate --if-due`` runs from cron or a systemd timer), a full run starts if
the last finished run is older than the interval, and an interrupted scheduled run is resumed
first. 0 days turns the schedule off (runs only on request). A store with no seals is never due.
"""

from __future__ import annotations

import datetime as dt
import json

from sealdesk.core.validation import ValidationPolicy
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag, ProgressCallback, no_progress
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.runs import RunSummary, create_run, execute_run
from sealdesk.storage.revalidation import repo as revalidation_repo

ACTIVE_WINDOW = dt.timedelta(minutes=5)
"""A running run updated within this window is taken to be in progress on some console."""


def due_revalidation(ctx: AppContext, now: dt.datetime | None = None) -> bool:
    """True when the schedule asks for a run now (or an interrupted full run awaits resuming)."""
    interval = ctx.config.revalidation.interval_days
    if interval <= 0:
        return False
    return _interrupted_full_run(ctx) is not None or _interval_elapsed(ctx, interval, now)


def next_scheduled_run(ctx: AppContext, policy: ValidationPolicy) -> int | None:
    """The run the schedule wants executed now: the interrupted full run, or a new full run
    (created here); None when nothing is due. The GUI executes it in its worker."""
    if not due_revalidation(ctx):
        return None
    run_id = _interrupted_full_run(ctx)
    return run_id if run_id is not None else create_run(ctx, Scope.everything(), policy)


def run_scheduled_revalidation(
    ctx: AppContext, policy: ValidationPolicy, *, workers: int | None = None,
    progress: ProgressCallback = no_progress, cancel: CancelFlag | None = None,
) -> RunSummary | None:
    """Resume the interrupted full run, or start a new one if due; None when nothing is due."""
    run_id = next_scheduled_run(ctx, policy)
    if run_id is None:
        return None
    return execute_run(ctx, run_id, workers=workers, progress=progress, cancel=cancel)


def _interval_elapsed(ctx: AppContext, interval_days: int, now: dt.datetime | None) -> bool:
    now = now or dt.datetime.now(dt.UTC)
    with ctx.database.reader() as session:
        last = revalidation_repo.latest_finished(session)
        if last is None or last.finished_at is None:
            return bool(revalidation_repo.seals_in_scope(session))
        finished = last.finished_at
    if finished.tzinfo is None:  # SQLite hands back naive UTC
        finished = finished.replace(tzinfo=dt.UTC)
    return now - finished >= dt.timedelta(days=interval_days)


def _interrupted_full_run(ctx: AppContext) -> int | None:
    """A cancelled full run, or a "running" one nobody has advanced for a while (crashed)."""
    quiet_since = dt.datetime.now(dt.UTC) - ACTIVE_WINDOW
    with ctx.database.reader() as session:
        for run in revalidation_repo.unfinished_runs(session):
            updated = run.updated_at if run.updated_at.tzinfo else run.updated_at.replace(
                tzinfo=dt.UTC)
            abandoned = run.status == "cancelled" or updated < quiet_since
            if abandoned and json.loads(run.scope_json).get("kind") == "all":
                return run.id
    return None
