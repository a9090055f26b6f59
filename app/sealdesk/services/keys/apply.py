"""Applying the actions that change SealDesk's records only: one step, ``applied``.

``change_policy``, ``add_custodian``, ``remove_custodian``, ``retire_key`` and
``register_standby`` (:mod:`.standby`) each change the database and record their event in the
same transaction as the step and the checkpoint the audit key signs over them, so they happen
entirely (and signed) or not at all. Each re-checks what may have changed since the proposal was
made (the policy must still be satisfiable by the custodians left; the custodian must still be
unregistered).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Mapping

from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType, Step
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.rotation.errors import ProposalStateError
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.services.access.assignments import apply_role_change
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.keys.custodians import (
    custodian_event_details,
    insert_custodian,
    store_policy,
)
from sealdesk.services.keys.signing_policy import change_signing_policy
from sealdesk.services.keys.standby import apply_register_standby
from sealdesk.services.keys.steps import StepHook, record_step
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import CustodianRecord, ManagedKey

Applier = Callable[[AppContext, Session, ProposalContent, dt.datetime], dict[str, object]]
"""Does an action's one database step in the step's transaction; returns the step's details."""

OWNED_ELSEWHERE = {
    ActionType.DELETE_UNDER_RETENTION: "sealdesk retention execute",
    ActionType.ROTATE_STORAGE_KEY: "sealdesk store rotate-key execute",
}
"""Actions applied by a capability above this one, which passes its applier to ``execute``
(keys cannot import it): running them without it names the command that does."""


def apply_action(ctx: AppContext, content: ProposalContent, now: dt.datetime,
                 hook: StepHook, extra: Mapping[ActionType, Applier] | None = None) -> None:
    appliers: dict[ActionType, Applier] = {
        ActionType.CHANGE_POLICY: _change_policy,
        ActionType.ADD_CUSTODIAN: _add_custodian,
        ActionType.REMOVE_CUSTODIAN: _remove_custodian,
        ActionType.RETIRE_KEY: _retire_key,
        ActionType.CHANGE_SIGNING_POLICY: change_signing_policy,
        ActionType.GRANT_ROLE: apply_role_change,
        ActionType.REVOKE_ROLE: apply_role_change,
        ActionType.REGISTER_STANDBY: apply_register_standby,
        **(extra or {}),
    }
    if content.action not in appliers:
        raise ProposalStateError(
            f"Proposal {content.proposal_id} ({content.action.value}) is carried out by "
            f"another command.",
            hint=f"Run '{OWNED_ELSEWHERE.get(content.action, 'sealdesk')} "
            f"{content.proposal_id}'.")
    with signed_transaction(ctx, "apply an approved proposal") as session:
        details = appliers[content.action](ctx, session, content, now)
        record_step(ctx, session, content.proposal_id, Step.APPLIED, details, now)
        hook(Step.APPLIED, "performed")
    hook(Step.APPLIED, "recorded")


def _change_policy(ctx: AppContext, session: Session, content: ProposalContent,
                   now: dt.datetime) -> dict[str, object]:
    current = repo.current_policy(session)
    version = (current.version if current else 0) + 1
    policy = QuorumPolicy.from_json(content.params["thresholds"], version)
    policy.check_satisfiable(len(repo.custodian_records(session)))
    store_policy(session, policy, version=version, proposal_id=content.proposal_id)
    record(session, ctx.event(
        EventType.POLICY_CHANGED, {"policy": "quorum"},
        {"version": version, "thresholds": policy.to_json(), "bootstrap": False,
         "proposal_id": content.proposal_id},
    ))
    return {"version": version}


def _add_custodian(ctx: AppContext, session: Session, content: ProposalContent,
                   now: dt.datetime) -> dict[str, object]:
    params = content.params
    custodian = Custodian(str(params["name"]), base64.b64decode(params["certificate_der_b64"]),
                          str(params["key_label"]))
    if custodian.cert_sha256 in repo.custodians_by_sha(session) or repo.custodian_named(
            session, custodian.name) is not None:
        raise ProposalStateError(f"Custodian {custodian.name!r} (or this certificate) is "
                                 "already registered.")
    insert_custodian(session, custodian, proposal_id=content.proposal_id)
    record(session, ctx.event(
        EventType.CUSTODIAN_ADDED, {"custodian": custodian.cert_sha256},
        custodian_event_details(custodian, bootstrap=False, proposal_id=content.proposal_id),
    ))
    return {"custodian_sha256": custodian.cert_sha256}


def _remove_custodian(ctx: AppContext, session: Session, content: ProposalContent,
                      now: dt.datetime) -> dict[str, object]:
    sha = content.target["custodian_sha256"]
    row = next((r for r in repo.custodian_records(session) if r.certificate_sha256 == sha), None)
    if row is None:
        raise ProposalStateError(f"Custodian {content.target.get('name')!r} is not registered "
                                 "(any more).")
    policy = repo.current_policy(session)
    if policy is not None:
        policy.check_satisfiable(len(repo.custodian_records(session)) - 1)
    _mark_removed(row, now)
    record(session, ctx.event(
        EventType.CUSTODIAN_REMOVED, {"custodian": sha},
        {"name": row.name, "proposal_id": content.proposal_id},
    ))
    return {"custodian_sha256": sha}


def _mark_removed(row: CustodianRecord, now: dt.datetime) -> None:
    row.status, row.removed_at = "removed", now


def _retire_key(ctx: AppContext, session: Session, content: ProposalContent,
                now: dt.datetime) -> dict[str, object]:
    key = session.get(ManagedKey, int(content.target["registry_id"]))
    if key is None or key.public_key_sha256 != content.target["public_key_sha256"]:
        raise ProposalStateError("The key to retire is not in the key registry.")
    if key.status == "active":
        raise ProposalStateError(
            f"Key {key.label!r} is the active {key.purpose} key; retiring it would leave "
            "SealDesk without one.",
            hint="Rotate it instead (rotate_seal_key / rotate_audit_key).",
        )
    key.status, key.retired_at = "retired", now
    record(session, ctx.event(
        EventType.KEY_RETIRED, {"key": key.public_key_sha256},
        {"purpose": key.purpose, "label": key.label, "proposal_id": content.proposal_id,
         "certificate_sha256": key.certificate_sha256, "kept_on_token": True},
    ))
    return {"label": key.label}
