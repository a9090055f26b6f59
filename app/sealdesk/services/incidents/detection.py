"""Where failures are recorded, open (or join) the incident they belong to.

One small function per kind of failure, each a one-line call from its recorder; they decide the
incident type, the title and what is linked, and leave the folding to
:mod:`sealdesk.services.incidents.register`. Except for a stopped batch (whose failures were
committed wave by wave), each runs in the recorder's transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from sqlalchemy.orm import Session

from sealdesk.errors import InputError, OperationCancelledError, SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.register import (
    IncidentType,
    LinkKind,
    Trigger,
    attach_or_open,
)

log = logging.getLogger(__name__)


def on_revalidation_failed(session: Session, ctx: AppContext, run_id: int,
                           failed: Iterable[tuple[str, int]]) -> int | None:
    """Seals re-proved FAILED (``(sealed_sha256, audit index)`` each, one flush of a run): an
    integrity incident, linked to the run and the seals. One call per flush, not per seal."""
    failed = list(failed)
    if not failed:
        return None
    triggers = [Trigger(LinkKind.RUN, str(run_id))]
    for sealed_sha256, entry in failed:
        triggers.append(Trigger(LinkKind.SEAL, sealed_sha256, entry) if sealed_sha256
                        else Trigger(LinkKind.ENTRY, str(entry), entry))
    return attach_or_open(session, ctx, IncidentType.INTEGRITY,
                          "Revalidation found FAILED seals", triggers)


def on_compromise(session: Session, ctx: AppContext, *, proposal_id: str, since: dt.datetime,
                  key_entry: int, quarantined: Iterable[tuple[str, int]]) -> int:
    """A key marked compromised: a security incident since ``since``, linked to the quarantined
    seals. Sealing with the key is refused from this moment: that is the containment."""
    triggers = [Trigger(LinkKind.PROPOSAL, proposal_id, key_entry),
                *(Trigger(LinkKind.SEAL, sha, entry) for sha, entry in quarantined)]
    return attach_or_open(session, ctx, IncidentType.SECURITY, "Seal key compromised",
                          triggers, occurred_at=since, contained=True)


def on_selftest_failed(session: Session, ctx: AppContext, version: str, entry: int) -> int:
    """A failed self-test (sealing stays refused: contained): a configuration incident."""
    return attach_or_open(session, ctx, IncidentType.CONFIG,
                          f"Self-test of SealDesk {version} failed",
                          [Trigger(LinkKind.ENTRY, str(entry), entry)], contained=True)


def on_batch_stopped(ctx: AppContext, error: SealDeskError | None, failed: Iterable[str],
                     started_at: dt.datetime) -> int | None:
    """A batch stopped by the TSA, the token or storage: an availability incident.

    Refused inputs and a cancellation are no incident. The batch stopped itself, so the
    incident is contained when it opens. Its own transaction (the failures were committed wave
    by wave); if it cannot be written the batch's result still stands, and the failures are in
    the log for the alert rules.
    """
    if error is None or isinstance(error, InputError | OperationCancelledError):
        return None
    if ctx.read_only:
        return None
    triggers = [Trigger(LinkKind.DOCUMENT, sha) for sha in failed if sha]
    title = f"Sealing stopped: {error.__class__.__name__}"
    try:
        with ctx.database.transaction() as session:
            return attach_or_open(session, ctx, IncidentType.AVAILABILITY, title, triggers,
                                  occurred_at=started_at, contained=True)
    except SealDeskError as exc:
        log.warning("The incident for a stopped batch could not be recorded: %s", exc.message)
        return None
