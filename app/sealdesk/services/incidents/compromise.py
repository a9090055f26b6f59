"""Key-compromise runbook: mark a seal key compromised since T, quarantine its later seals.

The steps (README, "Incidents and recovery"):

1. stop sealing (``sealdesk maintenance on``) and rotate the seal key (``rotation propose
   seal``): the compromised key must no longer be the active one;
2. :func:`propose_compromise` makes a ``retire_key`` proposal for the compromised key whose
   target carries ``compromised_since`` (T) and the certificate: the custodians approve exactly
   that statement, M of N, with their own tokens (the rotation ceremony's rules);
3. :func:`mark_compromised` executes the approved proposal (the key is retired, never deleted)
   and, in one transaction, records the compromise (``key.compromised``) and quarantines every
   seal made with that certificate at or after T (``seal.quarantined`` each; the time is the
   seal's RFC 3161 timestamp when it has one, else the recorded sealing time);
4. :func:`sealdesk.services.incidents.reseal.reseal` seals the originals again with the new
   active key on request and links old and new seals (``document.resealed``).

Quarantine is a status on the seal row (``quarantined``): the Documents page, ``sealdesk
verify`` and revalidation show it. Nothing is deleted; a quarantined seal stays evidence of what
was signed, and of when the compromise was discovered. Sealing refuses a compromised
certificate (:func:`require_usable_certificate`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sealdesk.core.audit.canonical import format_time, parse_time
from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType, ProposalStatus
from sealdesk.errors import InputError, PermissionDeniedError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import require_audit_key_login, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.detection import on_compromise
from sealdesk.services.keys import registry as key_registry
from sealdesk.services.keys import rotation
from sealdesk.services.keys.views import ProposalView
from sealdesk.services.sealing.times import effective_time
from sealdesk.storage.documents.models import Seal
from sealdesk.storage.incidents.models import KeyCompromise
from sealdesk.storage.keys import repo as rotation_repo

QUARANTINED = "quarantined"


@dataclass(frozen=True)
class MarkResult:
    certificate_sha256: str
    since: dt.datetime
    proposal_id: str
    quarantined: tuple[str, ...]
    """Sealed-file hashes quarantined by this marking (empty when already marked)."""


def propose_compromise(
    ctx: AppContext, key: str, since: dt.datetime, *, reason: str, **kwargs: object,
) -> ProposalView:
    """Propose retiring seal key ``key`` (label or certificate SHA-256) as compromised since."""
    if since.utcoffset() is None:
        raise InputError("Give the compromise time with a time zone (e.g. 2025-03-01T08:00Z).")
    if since > dt.datetime.now(dt.UTC):
        raise InputError("The compromise time lies in the future.",
                         hint="Give the earliest moment the key may have been misused.")
    key_registry.current_key(ctx, "seal")  # adopts the configured key on first use
    with ctx.database.reader() as session:
        found = [k for k in rotation_repo.managed_keys(session)
                 if k.purpose == "seal" and key in (k.label, k.certificate_sha256)]
    if not found:
        raise InputError(f"No seal key {key!r} is in the key registry.",
                         hint="'sealdesk rotation list' and the Keys page show the keys.")
    managed = found[-1]
    if managed.status == "active":
        raise InputError(
            f"Seal key {managed.label!r} is still the active seal key.",
            hint="Stop sealing ('sealdesk maintenance on --reason ...') and rotate the seal key "
            "first ('sealdesk rotation propose seal'); then mark the old key compromised.",
        )
    target = {"registry_id": str(managed.id), "label": managed.label, "purpose": "seal",
              "public_key_sha256": managed.public_key_sha256,
              "certificate_sha256": managed.certificate_sha256,
              "compromised_since": format_time(since.astimezone(dt.UTC))}
    return rotation.propose(ctx, ActionType.RETIRE_KEY, reason=f"Key compromise: {reason}",
                            target=target, **kwargs)  # type: ignore[arg-type]


def mark_compromised(ctx: AppContext, proposal_id: str,
                     now: dt.datetime | None = None) -> MarkResult:
    """Execute the approved compromise proposal, record the compromise, quarantine seals."""
    require_role(ctx, Role.ADMINISTRATOR, "mark a key compromised")
    require_audit_key_login(ctx, "mark a key compromised")
    now = now or dt.datetime.now(dt.UTC)
    view = rotation.show(ctx, proposal_id, now=now)
    target = view.content.target
    if view.content.action != ActionType.RETIRE_KEY or "compromised_since" not in target:
        raise InputError(f"Proposal {proposal_id} is not a key-compromise proposal.",
                         hint="Make one with 'sealdesk compromise propose'.")
    if view.status not in (ProposalStatus.EXECUTED, ProposalStatus.EXECUTING,
                           ProposalStatus.APPROVED):
        raise PermissionDeniedError(
            f"Proposal {proposal_id} is {view.status.value} ({view.approvals} of "
            f"{view.required} approvals): a compromise is marked only with the quorum.",
            hint=f"Custodians approve with 'sealdesk rotation approve {proposal_id}'; then run "
            "this again.",
        )
    if view.status != ProposalStatus.EXECUTED:
        rotation.execute(ctx, proposal_id, now=now)  # signs with the login around this call
    return _record_compromise(ctx, view, now)


def _record_compromise(ctx: AppContext, view: ProposalView, now: dt.datetime) -> MarkResult:
    target = view.content.target
    cert = target["certificate_sha256"]
    since = parse_time(target["compromised_since"])
    with ctx.database.reader() as session:  # read the seals' timestamps before taking the lock
        candidates = session.execute(select(Seal).where(
            Seal.certificate_sha256 == cert, Seal.status != QUARANTINED)).scalars()
        times = {seal.id: effective_time(ctx, seal) for seal in candidates}
    affected = {seal_id: timed for seal_id, timed in times.items() if timed[0] >= since}
    with signed_transaction(ctx, "mark a key compromised") as session:
        existing = session.execute(select(KeyCompromise).where(
            KeyCompromise.certificate_sha256 == cert)).scalar_one_or_none()
        if existing is not None:
            return MarkResult(cert, since, existing.proposal_id, ())
        entry = record(session, ctx.event(
            EventType.KEY_COMPROMISED, {"certificate_sha256": cert},
            {"label": target["label"], "compromised_since": target["compromised_since"],
             "proposal_id": view.proposal_id, "reason": view.content.reason,
             "approvals": view.approvals},
        ))
        session.add(KeyCompromise(
            certificate_sha256=cert, key_label=target["label"], compromised_since=since,
            proposal_id=view.proposal_id, reason=view.content.reason, marked_at=now,
            marked_by=ctx.actor.identity, audit_index=entry.index,
        ))
        quarantined: list[tuple[str, int]] = []
        seals = session.execute(select(Seal).where(Seal.id.in_(affected))
                                .order_by(Seal.id)).scalars()
        for seal in seals:
            when, source = affected[seal.id]
            seal.status = QUARANTINED
            quarantine = record(session, ctx.event(
                EventType.SEAL_QUARANTINED,
                {"document_sha256": seal.document.sha256, "sealed_sha256": seal.sealed_sha256},
                {"certificate_sha256": cert, "proposal_id": view.proposal_id,
                 "sealed_at": format_time(when), "time_source": source,
                 "compromised_since": target["compromised_since"]},
            ))
            quarantined.append((seal.sealed_sha256, quarantine.index))
        on_compromise(session, ctx, proposal_id=view.proposal_id, since=since,
                      key_entry=entry.index, quarantined=quarantined)
    return MarkResult(cert, since, view.proposal_id, tuple(sha for sha, _ in quarantined))
