"""The rotation ceremony's use cases: propose, approve, reject, list, show (execute: see below).

Each use case is one transaction that changes the proposal and appends its audit event
together, with a checkpoint signed by the audit key over them
(:func:`~sealdesk.services.audit.signed_acts.signed_transaction`): the front end logs in to
the console's token first. Custodian signatures come from the custodian's own token
(:mod:`custodian_tokens`); the rules are the core's (:mod:`sealdesk.core.rotation.machine`).
Execution lives in
:mod:`sealdesk.services.keys.execution`, offline quorum verification in
:mod:`sealdesk.services.keys.quorum_audit`; both are re-exported here.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
from typing import Any

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType, ProposalStatus
from sealdesk.core.rotation.decision import Decision, SignedDecision, statement, statement_bytes
from sealdesk.core.rotation.errors import BootstrapClosedError
from sealdesk.core.rotation.machine import check_decision, check_open
from sealdesk.core.rotation.offline import expected_now
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import require_audit_key_login, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import authorize_decision, policy_in_force
from sealdesk.services.keys.custodian_tokens import (
    CustodianToken,
    custodian_signer,
    sign_as_custodian,
)
from sealdesk.services.keys.execution import ExecutionResult, StepHook, execute
from sealdesk.services.keys.quorum_audit import QuorumReport, verify_quorum_offline
from sealdesk.services.keys.views import (
    ProposalView,
    build_view,
    count,
    effective_status,
    load_checked,
)
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import DecisionRecord, ProposalRecord

DEFAULT_LIFETIME = dt.timedelta(hours=72)

__all__ = [
    "DEFAULT_LIFETIME", "ExecutionResult", "ProposalView", "QuorumReport", "StepHook",
    "decide", "execute", "list_proposals", "propose", "show", "submit_decision",
    "verify_quorum_offline",
]


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def propose(
    ctx: AppContext,
    action: ActionType,
    *,
    reason: str,
    target: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
    expires_in: dt.timedelta = DEFAULT_LIFETIME,
    proposer_token: CustodianToken | None = None,
    pin: str | None = None,
    details: dict[str, object] | None = None,
    now: dt.datetime | None = None,
) -> ProposalView:
    """Record a proposal; a custodian proposing signs it with their token (no self-approval)."""
    require_role(ctx, (Role.ADMINISTRATOR, Role.CUSTODIAN), "make proposals")
    require_audit_key_login(ctx, "make a proposal")  # before any custodian PIN is used
    now = _now(now)
    with ctx.database.reader() as session:
        if policy_in_force(session) is None:
            raise BootstrapClosedError(
                "No quorum policy is set yet, so nothing can be proposed.",
                hint="Finish the bootstrap: register the custodians and set the policy "
                "('sealdesk custodian add', 'sealdesk custodian policy --default M').",
            )
        custodians = list(repo.custodians_by_sha(session).values())

    def content_for(proposer_custodian: str) -> ProposalContent:
        return ProposalContent(
            proposal_id=secrets.token_hex(8), action=action, reason=reason,
            proposer=ctx.actor.identity, created=now, expires=now + expires_in,
            target=target or {}, params=params or {}, proposer_custodian=proposer_custodian,
        )

    extra = dict(details or {})
    if proposer_token is None:
        content = content_for("")
    else:
        with custodian_signer(proposer_token, pin, custodians) as signer:
            content = content_for(signer.custodian.cert_sha256)
            signed = signer.sign(statement_bytes(Decision.PROPOSE, content.proposal_id,
                                                 content.sha256()))
        extra["proposer_signature"] = _signature_details(
            SignedDecision(statement(Decision.PROPOSE, content.proposal_id, content.sha256()),
                           signed.custodian.cert_sha256, signed.signature, signed.algorithm))
    with signed_transaction(ctx, "make a proposal") as session:
        session.add(ProposalRecord(
            id=content.proposal_id, action=content.action.value, content=content.canonical_bytes(),
            content_sha256=content.sha256(), status=ProposalStatus.PROPOSED.value,
            created_at=content.created, expires_at=content.expires, proposer=content.proposer,
            updated_at=now,
        ))
        session.flush()
        record(session, ctx.event(
            EventType.ROTATION_PROPOSED, {"proposal_id": content.proposal_id},
            {"content": content.to_json(), "content_sha256": content.sha256(), **extra},
        ))
    return show(ctx, content.proposal_id, now=now)


def decide(
    ctx: AppContext, proposal_id: str, decision: Decision, where: CustodianToken,
    pin: str | None, *, comment: str = "", now: dt.datetime | None = None,
) -> ProposalView:
    """A custodian approves or rejects with their own token (module, token, PIN)."""
    require_role(ctx, Role.CUSTODIAN, "approve or reject proposals")
    require_audit_key_login(ctx, "approve or reject a proposal")  # before the custodian's PIN
    now = _now(now)
    with ctx.database.reader() as session:
        proposal, content = load_checked(session, proposal_id)
        check_open(content, effective_status(proposal, content, now), now)  # before any PIN
        custodians = list(repo.custodians_by_sha(session).values())
    data = statement_bytes(decision, proposal_id, proposal.content_sha256)
    signed = sign_as_custodian(where, pin, custodians, data)
    return submit_decision(
        ctx, proposal_id,
        SignedDecision(json.loads(data), signed.custodian.cert_sha256, signed.signature,
                       signed.algorithm),
        comment=comment, now=now,
    )


def submit_decision(
    ctx: AppContext, proposal_id: str, signed: SignedDecision, *, comment: str = "",
    now: dt.datetime | None = None,
) -> ProposalView:
    """Accept a signed decision after every rule of the core; record it with its event."""
    require_role(ctx, Role.CUSTODIAN, "record approvals or rejections")
    now = _now(now)
    with signed_transaction(ctx, "record an approval or rejection") as session:
        authority = authorize_decision(session, proposal_id)  # rows checked against the log
        proposal, content = load_checked(session, proposal_id)
        status = expected_now(authority, proposal_id, now)
        custodian = check_decision(content, status, signed, authority.custodians,
                                   authority.proposals[proposal_id].decisions, now)
        kind = (EventType.ROTATION_APPROVED if signed.decision == Decision.APPROVE
                else EventType.ROTATION_REJECTED)
        decision_row = DecisionRecord(
            proposal_id=proposal_id, custodian_sha256=custodian.cert_sha256,
            decision=signed.decision.value, statement=signed.signed_bytes,
            signature=signed.signature, algorithm=signed.algorithm, comment=comment,
            decided_at=now, audit_index=-1,
        )
        session.add(decision_row)
        session.flush()
        new_status = count(session, content).status()
        entry = record(session, ctx.event(
            kind, {"proposal_id": proposal_id},
            {"custodian": custodian.name, "comment": comment, "status_after": new_status.value,
             **_signature_details(signed)},
        ))
        decision_row.audit_index = entry.index
        proposal.status = new_status.value
        proposal.updated_at = now
    return show(ctx, proposal_id, now=now)


def _signature_details(signed: SignedDecision) -> dict[str, object]:
    """What an auditor needs to re-verify a signature offline (no secret among it)."""
    return {
        "custodian_sha256": signed.custodian_cert_sha256,
        "statement": signed.statement,
        "signature_b64": base64.b64encode(signed.signature).decode("ascii"),
        "algorithm": signed.algorithm,
    }


def show(ctx: AppContext, proposal_id: str, *, now: dt.datetime | None = None) -> ProposalView:
    with ctx.database.reader() as session:
        return build_view(session, proposal_id, _now(now))


def list_proposals(
    ctx: AppContext, *, open_only: bool = False, now: dt.datetime | None = None
) -> list[ProposalView]:
    now = _now(now)
    with ctx.database.reader() as session:
        ids = [r.id for r in repo.proposals(session, open_only=open_only)]
        views = [build_view(session, pid, now) for pid in ids]
    if open_only:
        views = [v for v in views if not v.status.final]
    return views
