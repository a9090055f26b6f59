"""Executing an approved proposal, resumably: each step is recorded before the next one starts.

1. Start, and every resume: the quorum is proven from the audit log's signed statements
   (:mod:`sealdesk.services.keys.authority`, the same replay as ``verify-quorum``) and every
   rotation row is compared with them; on the first start the proposal becomes ``executing``
   and a ``rotation.step`` event names the approvals that carried it.
2. Steps: for a key rotation :mod:`sealdesk.services.keys.steps` does ``key_generated``,
   ``csr_created``, ``certificate_imported``, ``activated``, ``old_retired`` on the seal token;
   other actions have one database step, ``applied``. A step's record (``rotation_steps`` row
   plus audit event) commits in one transaction together with a checkpoint signed by the audit
   key (:mod:`sealdesk.services.audit.signed_acts`): every execution, of any action, logs in to
   the console's token, and a token pulled out during a step rolls that step's record back.
3. Finish: ``executed`` and a ``rotation.executed`` event.

Interrupted anywhere (token pulled out, crash, wrong PIN), ``execute`` is simply run again: the
steps recorded are skipped and the step in progress is redone idempotently (a key already
generated under the new label with this proposal's key id is reused, never duplicated).
An execution that started before the proposal expired may be resumed after the expiry: the
quorum was valid when it started, and stopping half-way would leave more harm than finishing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType, ProposalStatus, Step, steps_for
from sealdesk.core.rotation.errors import ProposalStateError
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.core.token import TokenSession
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import (
    audit_key_login,
    audit_key_session,
    signed_transaction,
)
from sealdesk.services.context import AppContext
from sealdesk.services.keys import registry as key_registry
from sealdesk.services.keys.apply import OWNED_ELSEWHERE, Applier, apply_action
from sealdesk.services.keys.authority import authorize_execution
from sealdesk.services.keys.steps import KeyRotation, StepHook
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.storage.keys import repo

__all__ = ["ExecutionResult", "StepHook", "execute"]


@dataclass(frozen=True)
class ExecutionResult:
    proposal_id: str
    status: ProposalStatus
    steps_done: tuple[Step, ...]
    waiting_for_certificate: bool = False
    csr_path: Path | None = None

    @property
    def message(self) -> str:
        if self.waiting_for_certificate:
            return (f"Waiting for the certificate: send the CSR {self.csr_path} to the CA, then "
                    f"run 'sealdesk rotation execute {self.proposal_id} --certificate FILE'.")
        return f"Proposal {self.proposal_id} is {self.status.value}."


def execute(
    ctx: AppContext,
    proposal_id: str,
    pin: str | None = None,
    *,
    certificate: bytes | None = None,
    hook: StepHook | None = None,
    progress: ProgressCallback = no_progress,
    now: dt.datetime | None = None,
    appliers: Mapping[ActionType, Applier] | None = None,
) -> ExecutionResult:
    """Start or resume the execution of ``proposal_id`` (see the module docstring).

    ``appliers`` carry out actions owned by a capability above this one (deletion under
    retention); without one, such a proposal is refused before anything is recorded."""
    require_role(ctx, (Role.ADMINISTRATOR, Role.OPERATOR), "execute approved proposals")
    now = now or dt.datetime.now(dt.UTC)
    key_registry.reconcile_config(ctx)
    _refuse_foreign(ctx, proposal_id, appliers or {})
    key_registry.require_token(ctx.config)
    with ctx.database.reader() as session:  # a refusal costs no PIN and records no login
        authorize_execution(session, proposal_id, now)
    with (audit_key_login(ctx, pin, reason=f"executing proposal {proposal_id}"),
          audit_key_session(ctx, "execute a proposal") as token):
        content = _start(ctx, proposal_id, now)
        if not content.action.rotates_key:
            with ctx.database.reader() as session:
                done = repo.steps_done(session, proposal_id)
            if Step.APPLIED not in done:
                apply_action(ctx, content, now, hook or _no_hook, appliers)
            return _finish(ctx, content, now)
        return _rotate_key(ctx, token, content, certificate, hook or _no_hook, progress, now)


def _rotate_key(ctx: AppContext, token: TokenSession, content: ProposalContent,
                certificate: bytes | None, hook: StepHook, progress: ProgressCallback,
                now: dt.datetime) -> ExecutionResult:
    """The key steps on the token, each recorded and signed before the next one starts."""
    proposal_id = content.proposal_id
    rotation = KeyRotation(ctx, token, content, hook, now, certificate)
    steps = steps_for(content.action)
    with ctx.database.reader() as session:
        done = set(repo.steps_done(session, proposal_id))
    for number, step in enumerate(steps, start=1):
        progress(number - 1, len(steps), step.value)
        if step in done:
            continue
        if not rotation.run(step):
            return ExecutionResult(proposal_id, ProposalStatus.EXECUTING, tuple(done),
                                   waiting_for_certificate=True,
                                   csr_path=rotation.csr_path)
        done.add(step)
    progress(len(steps), len(steps), "done")
    return _finish(ctx, content, now)


def _refuse_foreign(ctx: AppContext, proposal_id: str,
                    appliers: Mapping[ActionType, Applier]) -> None:
    """An action owned elsewhere, run without its applier, is refused before it starts."""
    with ctx.database.reader() as session:
        action = repo.proposal(session, proposal_id).action
    if action in OWNED_ELSEWHERE and action not in appliers:
        action = ActionType(action)
        raise ProposalStateError(
            f"Proposal {proposal_id} ({action.value}) is carried out by another command.",
            hint=f"Run '{OWNED_ELSEWHERE[action]} {proposal_id}'.")


def _no_hook(_step: Step, _phase: str) -> None:
    """Tests pass a hook that raises, to interrupt execution at a chosen point."""


def _start(ctx: AppContext, proposal_id: str, now: dt.datetime) -> ProposalContent:
    """Prove the quorum from the audit log (start and resume alike); move to ``executing``.

    :func:`authorize_execution` decides from the log's signed statements and refuses, naming
    the row, when a rotation row disagrees with them: nothing has been done yet at that point.
    """
    with signed_transaction(ctx, "execute a proposal") as session:
        content, counted, status = authorize_execution(session, proposal_id, now)
        if status != ProposalStatus.EXECUTING:
            proposal = repo.proposal(session, proposal_id)
            proposal.status = ProposalStatus.EXECUTING.value
            proposal.updated_at = now
            record(session, ctx.event(
                EventType.ROTATION_STEP, {"proposal_id": proposal_id},
                {"step": "started", "action": content.action.value,
                 "approvals": list(counted.approvals), "required": counted.required},
            ))
    return content


def _finish(ctx: AppContext, content: ProposalContent, now: dt.datetime) -> ExecutionResult:
    pid = content.proposal_id
    with signed_transaction(ctx, "execute a proposal") as session:
        proposal = repo.proposal(session, pid)
        done = repo.steps_done(session, pid)
        if proposal.status != ProposalStatus.EXECUTED.value:
            proposal.status = ProposalStatus.EXECUTED.value
            proposal.updated_at = now
            record(session, ctx.event(
                EventType.ROTATION_EXECUTED, {"proposal_id": pid},
                {"action": content.action.value, "steps": [s.value for s in done]},
            ))
    return ExecutionResult(pid, ProposalStatus.EXECUTED, tuple(done))

