"""Recording the results of a run: result rows and incident events, committed together.

Results are buffered and committed in small batches (every :data:`BATCH` results or
:data:`BATCH_SECONDS`): one SQLite commit with ``synchronous=FULL`` costs an fsync, which would
otherwise dominate a run of small documents. A crash loses at most the uncommitted batch,
whose documents are simply still pending on resume — a row and its event are in the same
transaction, so there is never a result without its event or an event without its result.

A row that is no longer pending when its batch commits (another console resumed the same run
at the same time) is skipped together with its event: the first writer wins, nothing doubles.
"""

from __future__ import annotations

import datetime as dt
import json
import time

from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import Indication
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.detection import on_revalidation_failed
from sealdesk.services.revalidation.worker import DELETED, WorkItem, WorkOutcome
from sealdesk.storage.revalidation import repo as revalidation_repo
from sealdesk.storage.revalidation.models import DONE

BATCH = 50
BATCH_SECONDS = 1.0


class ResultRecorder:
    """Buffers outcomes of one run and commits them with their incident events."""

    def __init__(self, ctx: AppContext, run_id: int) -> None:
        self._ctx = ctx
        self._run_id = run_id
        self._buffer: list[tuple[WorkItem, WorkOutcome, dt.datetime]] = []
        self._last_flush = time.monotonic()
        self.recorded = 0

    def add(self, item: WorkItem, outcome: WorkOutcome) -> None:
        self._buffer.append((item, outcome, dt.datetime.now(dt.UTC)))
        if len(self._buffer) >= BATCH or time.monotonic() - self._last_flush >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        self._last_flush = time.monotonic()
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        now = dt.datetime.now(dt.UTC)
        failed: list[tuple[str, int]] = []  # FAILED seals: their incident, same transaction
        with self._ctx.database.transaction() as session:
            for item, outcome, checked_at in batch:
                row = revalidation_repo.pending_result_for_update(
                    session, self._run_id, item.position)
                if row is None:
                    continue  # done by someone else meanwhile: theirs stands
                incident = outcome.indication not in (Indication.PASSED.value, DELETED)
                row.state = DONE
                row.indication = outcome.indication
                row.sub_indication = outcome.sub_indication
                row.reason = outcome.headline
                row.incident = incident
                row.checked_at = checked_at
                row.report_json = outcome.report_json
                row.store_json = json.dumps({"problems": list(outcome.problems)})
                if incident:
                    row.audit_index = record(session, self._ctx.event(
                        EventType.REVALIDATION_RESULT, _subject(self._run_id, item, outcome),
                        {
                            "name": row.name,
                            "position": item.position,
                            "indication": outcome.indication,
                            "sub_indication": outcome.sub_indication,
                            "reason": outcome.headline,
                            "store_problems": list(outcome.problems),
                            "incident": True,
                        },
                    )).index
                    if outcome.indication == Indication.FAILED.value:
                        failed.append((item.expected_sha256 or outcome.sha256,
                                       row.audit_index))
                self.recorded += 1
            on_revalidation_failed(session, self._ctx, self._run_id, failed)
            revalidation_repo.set_status(session, self._run_id, "running", now)


def _subject(run_id: int, item: WorkItem, outcome: WorkOutcome) -> dict[str, str]:
    subject = {"run": str(run_id)}
    sealed = item.expected_sha256 or outcome.sha256
    if sealed:
        subject["sealed_sha256"] = sealed
    else:
        subject["file"] = item.path
    return subject
