"""The signing policy under quorum (issue 17 item 7): proposed, approved M-of-N, versioned in
the log, and compared with the local configuration before a seal."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.errors import QuorumNotMetError
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.rotation.signing_policy import SigningPolicy
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_signing_policy
from sealdesk.services.keys.signing_policy import (
    SigningPolicyDeviationError,
    policy_from_configuration,
    require_configuration_follows,
    signing_policy_in_force,
)
from sealdesk.storage.audit.repo import append_event
from tests.rotation.conftest import Ceremony


def _approved_policy(ceremony: Ceremony) -> str:
    policy = policy_from_configuration(ceremony.ctx.config, ("ec-p256", "rsa-3072"))
    view = propose_signing_policy(ceremony.ctx, policy, reason="Pin the signing setup")
    pid = view.proposal_id  # type: ignore[attr-defined]
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Bob")
    return pid


def test_a_signing_policy_is_set_by_quorum_and_checked_before_a_seal(
        ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    assert signing_policy_in_force(ctx) is None
    assert require_configuration_follows(ctx, "ec-p256") is None  # no policy: as before
    pid = _approved_policy(ceremony)
    rotation.execute(ctx, pid)
    policy = signing_policy_in_force(ctx)
    assert policy is not None and policy.version == 1
    assert policy.pades_level == ctx.config.seal.level.value
    assert require_configuration_follows(ctx, "ec-p256") == policy
    with pytest.raises(SigningPolicyDeviationError, match="seal key algorithm ec-p384"):
        require_configuration_follows(ctx, "ec-p384")
    ctx.config = dataclasses.replace(ctx.config, tsa=dataclasses.replace(
        ctx.config.tsa, url="https://tsa.example.invalid/"))
    with pytest.raises(SigningPolicyDeviationError, match=r"TSA \(tsa\.url\) https://tsa\.example\.invalid/"):
        require_configuration_follows(ctx, "ec-p256")
    report = rotation.verify_quorum_offline(ctx, pid)
    assert report.ok and report.executed


def test_one_approval_is_not_enough(ceremony: Ceremony) -> None:
    policy = policy_from_configuration(ceremony.ctx.config, ("ec-p256",))
    view = propose_signing_policy(ceremony.ctx, policy, reason="x")
    pid = view.proposal_id  # type: ignore[attr-defined]
    ceremony.decide(pid, "Alice")
    with pytest.raises(QuorumNotMetError):
        rotation.execute(ceremony.ctx, pid)
    assert signing_policy_in_force(ceremony.ctx) is None


def test_a_forged_signing_policy_event_is_not_in_force(ceremony: Ceremony) -> None:
    """Appended with a valid chain but carried by no approved proposal: ignored, reported."""
    ctx = ceremony.ctx
    forged = policy_from_configuration(ctx.config, ("rsa-2048",)).to_json()
    event = AuditEvent(type=EventType.POLICY_CHANGED, time=dt.datetime.now(dt.UTC),
                       actor="x", console_id="x", subject={"policy": "signing"},
                       details={"version": 1, "signing_policy": forged}, software_version="0")
    with Session(ctx.database.engine) as session, session.begin():
        index = append_event(session, event).index
    assert signing_policy_in_force(ctx) is None
    # The registry chain no longer holds, so the ceremony stops and names the entry.
    with pytest.raises(RecordIntegrityError,
                       match=f"entry {index}: signing policy version 1 set without"):
        _approved_policy(ceremony)


def test_older_quorum_policies_fall_back_to_the_change_policy_threshold() -> None:
    thresholds = {a: 2 for a in ActionType if a != ActionType.CHANGE_SIGNING_POLICY}
    thresholds[ActionType.CHANGE_POLICY] = 3
    assert QuorumPolicy(thresholds).required(ActionType.CHANGE_SIGNING_POLICY) == 3
    with pytest.raises(InputError, match="PAdES level"):
        SigningPolicy((), "", "B-X", ("ec-p256",))
