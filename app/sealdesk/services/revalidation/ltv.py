"""LTV upkeep: add a document timestamp to stored seals before their evidence expires.

For each stored seal whose evidence horizon (:mod:`sealdesk.core.validation.horizon`) falls
within ``days``, on request:

1. the stored sealed file must still hash to what was recorded, and must validate PASSED under
   the configured policy — a damaged or invalid seal is never refreshed (a new timestamp over
   it would only lend it credibility; revalidation reports it instead);
2. pyHanko embeds the validation data (certificates, OCSP responses, CRLs) of everything so far
   and appends a document timestamp from the configured TSA (PAdES B-LTA; a document already
   at B-LTA gets the next link of its archival timestamp chain), written to ``store/staging``;
3. the new version must validate PASSED too; otherwise it is discarded;
4. one transaction records it as a new seal row of the same document (level B-LTA) with a
   ``document.ltv_refreshed`` event naming the previous version, and marks the previous seal
   ``superseded``; then the staged file is promoted to its content address.

A stored file is never modified in place: the previous version stays in the store and in the
log. A crash between 4 and the promotion is finished by start-up recovery like any seal. The
refresh needs the TSA, not the token; its events are covered by the next checkpoint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.core.validation import Indication, ValidationPolicy, validate_pdf
from sealdesk.core.validation.horizon import evidence_horizon
from sealdesk.errors import InputError, SealDeskError
from sealdesk.fsutil import sha256_file
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag, ProgressCallback, no_progress
from sealdesk.services.revalidation.ltv_stamp import stamp_archival
from sealdesk.storage.documents.models import Seal
from sealdesk.storage.revalidation import repo as revalidation_repo
from sealdesk.storage.revalidation.repo import SUPERSEDED

DEFAULT_DAYS = 90


@dataclass(frozen=True)
class LtvCandidate:
    seal_id: int
    name: str
    sealed_sha256: str
    expires: dt.datetime | None
    certificate: str


@dataclass
class LtvOutcome:
    candidate: LtvCandidate
    refreshed_sha256: str = ""
    skipped: str = ""


@dataclass
class LtvReport:
    outcomes: list[LtvOutcome] = field(default_factory=list)

    @property
    def refreshed(self) -> list[LtvOutcome]:
        return [o for o in self.outcomes if o.refreshed_sha256]

    @property
    def skipped(self) -> list[LtvOutcome]:
        return [o for o in self.outcomes if o.skipped]


def due_for_refresh(ctx: AppContext, days: int = DEFAULT_DAYS,
                    files: Iterable[Path] = (), now: dt.datetime | None = None
                    ) -> list[LtvCandidate]:
    """Stored seals (or those of ``files``) whose evidence horizon is within ``days``."""
    limit = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(days=days)
    wanted = {sha256_file(Path(f)) for f in files}
    with ctx.database.reader() as session:
        seals = revalidation_repo.seals_in_scope(session)
    found = []
    for seal in seals:
        if seal.status != "active" or (wanted and seal.sealed_sha256 not in wanted):
            continue  # quarantined seals are re-sealed, not refreshed
        try:
            with ctx.store.readable_path(seal.sealed_sha256) as path:
                horizon = evidence_horizon(path)
        except (InputError, OSError):
            horizon = None  # unreadable: revalidation reports it; nothing to refresh here
            if not wanted:
                continue
        expires = horizon.expires if horizon else None
        if wanted or (expires is not None and expires <= limit):
            found.append(LtvCandidate(seal.seal_id, seal.name, seal.sealed_sha256, expires,
                                      horizon.certificate if horizon else ""))
    if wanted and not found:
        raise InputError("None of the given files is a sealed document in the store.",
                         hint="Give the sealed files (or their exported copies) SealDesk made.")
    return found


def refresh_ltv(ctx: AppContext, candidates: list[LtvCandidate], policy: ValidationPolicy, *,
                progress: ProgressCallback = no_progress,
                cancel: CancelFlag | None = None) -> LtvReport:
    """Refresh ``candidates`` one by one (module docstring); refusals are reported, not raised."""
    require_role(ctx, Role.OPERATOR, "refresh long-term validation data")
    cancel = cancel or CancelFlag()
    timestamper = build_timestamper(ctx.config.tsa)
    report = LtvReport()
    progress(0, len(candidates), "")
    for done, candidate in enumerate(candidates, start=1):
        if cancel.cancelled:
            break
        outcome = LtvOutcome(candidate)
        try:
            outcome.refreshed_sha256 = _refresh_one(ctx, candidate, policy, timestamper)
        except _Refused as e:
            outcome.skipped = str(e)
        report.outcomes.append(outcome)
        progress(done, len(candidates), candidate.name)
    return report


class _Refused(Exception):
    """This seal is not refreshed; the message says why, for the person."""


def _refresh_one(ctx: AppContext, candidate: LtvCandidate, policy: ValidationPolicy,
                 timestamper: object) -> str:
    if not ctx.store.verify(candidate.sealed_sha256):
        raise _Refused("the store's copy is missing or damaged; run a revalidation")
    with ctx.store.readable_path(candidate.sealed_sha256) as source:
        before = validate_pdf(source, policy)
        if before.indication is not Indication.PASSED:
            raise _Refused(f"it does not validate now ({before.indication.value}); a new "
                           "timestamp would not make it trustworthy")
        with ctx.store.staged_output() as (handle, staged):
            field_name = stamp_archival(source, handle, policy, timestamper)
    try:
        with ctx.store.staged_path(staged) as refreshed:
            after = validate_pdf(refreshed, policy)
        if after.indication is not Indication.PASSED:
            raise _Refused(f"the refreshed version did not validate ({after.indication.value})")
        digest = ctx.store.staged_digest(staged, 0)
        ctx.store.record_staged(staged, digest.whole, digest.size)
        _commit(ctx, candidate, digest.whole, digest.size, field_name)
        new_sha256 = digest.whole
    except (SealDeskError, _Refused):
        ctx.store.discard_staged(staged)
        raise
    ctx.store.promote(staged, new_sha256)
    return new_sha256


def _commit(ctx: AppContext, candidate: LtvCandidate, new_sha256: str, size: int,
            field_name: str) -> None:
    now = dt.datetime.now(dt.UTC)
    with ctx.database.transaction() as session:
        old = session.get(Seal, candidate.seal_id)
        assert old is not None
        policy = json.loads(old.policy_json or "{}")
        policy["ltv_refresh_of"] = old.sealed_sha256
        entry = record(session, ctx.event(
            EventType.DOCUMENT_LTV_REFRESHED,
            {"document_sha256": old.document.sha256, "sealed_sha256": new_sha256},
            {"name": candidate.name, "previous_sealed_sha256": old.sealed_sha256,
             "field": field_name, "level": "B-LTA", "sealed_size": size,
             "previous_horizon": candidate.expires.isoformat() if candidate.expires else None},
        ))
        session.add(Seal(
            document_id=old.document_id,
            policy_id=hashlib.sha256(f"{old.policy_id}:ltv:{new_sha256}".encode()).hexdigest(),
            policy_json=json.dumps(policy, sort_keys=True), sealed_sha256=new_sha256,
            sealed_size=size, field_name=field_name, certificate_sha256=old.certificate_sha256,
            key_label=old.key_label, level="B-LTA", operator=ctx.actor.identity,
            sealed_at=now, audit_index=entry.index, status="active",
        ))
        old.status = SUPERSEDED
