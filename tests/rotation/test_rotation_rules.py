"""Done means #2: every way to get around the quorum is refused with a clear error."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.core.rotation.decision import Decision, SignedDecision, statement, statement_bytes
from sealdesk.core.rotation.errors import (
    ApprovalRefusedError,
    ProposalExpiredError,
    ProposalStateError,
    ProposalTamperedError,
    QuorumNotMetError,
)
from sealdesk.services.context import Actor
from sealdesk.services.keys import rotation
from sealdesk.storage.keys.models import ProposalRecord
from tests.rotation.conftest import CUSTODIAN_PIN, Ceremony, make_holder


def test_the_proposer_cannot_approve_their_own_proposal(ceremony: Ceremony) -> None:
    alice = ceremony.holders["Alice"]
    signed_by_alice = ceremony.propose_seal_rotation(proposer_token=alice.where, pin=CUSTODIAN_PIN)
    assert signed_by_alice.content.proposer_custodian
    with pytest.raises(ApprovalRefusedError, match="Alice' proposed this and cannot approve"):
        ceremony.decide(signed_by_alice.proposal_id, "Alice")
    # Without a token, the proposer is recognised by name (the operator "alice" is Alice).
    ceremony.ctx.actor = Actor("alice")
    by_name = ceremony.propose_seal_rotation(label="seal-by-name")
    with pytest.raises(ApprovalRefusedError, match="cannot approve it too"):
        ceremony.decide(by_name.proposal_id, "Alice")
    # ... and with both refused approvals, neither proposal moved.
    assert rotation.show(ceremony.ctx, by_name.proposal_id).approvals == 0


def test_one_decision_per_custodian(ceremony: Ceremony) -> None:
    pid = ceremony.propose_seal_rotation().proposal_id
    ceremony.decide(pid, "Bob")
    with pytest.raises(ApprovalRefusedError, match="Bob' already decided on proposal"):
        ceremony.decide(pid, "Bob")
    with pytest.raises(ApprovalRefusedError, match="already decided"):
        ceremony.decide(pid, "Bob", Decision.REJECT)
    assert rotation.show(ceremony.ctx, pid).approvals == 1


def test_approvals_from_unregistered_or_wrong_keys_are_refused(ceremony: Ceremony) -> None:
    pid = ceremony.propose_seal_rotation().proposal_id
    dave = make_holder(ceremony.ctx, ceremony.issuer, "Dave")  # same CA, never registered
    with pytest.raises(ApprovalRefusedError, match="holds no registered custodian's key"):
        rotation.decide(ceremony.ctx, pid, Decision.APPROVE, dave.where, CUSTODIAN_PIN)
    # Dave signs the right statement but claims to be Alice: the signature gives him away.
    view = rotation.show(ceremony.ctx, pid)
    with dave.token.session(rw=False) as session:
        signature, algorithm = session.sign_with("custodian", view.statement())
    alice_sha = _sha(ceremony, "Alice")
    forged = SignedDecision(statement(Decision.APPROVE, pid, view.sha256), alice_sha,
                            signature, algorithm)
    with pytest.raises(ApprovalRefusedError, match="does not verify with custodian 'Alice'"):
        rotation.submit_decision(ceremony.ctx, pid, forged)
    # Claiming a certificate nobody registered:
    unknown = SignedDecision(forged.statement, "ab" * 32, signature, algorithm)
    with pytest.raises(ApprovalRefusedError, match="not a registered custodian's key"):
        rotation.submit_decision(ceremony.ctx, pid, unknown)
    assert rotation.show(ceremony.ctx, pid).approvals == 0


def test_an_approval_cannot_be_replayed_on_another_proposal(ceremony: Ceremony) -> None:
    first = ceremony.propose_seal_rotation(label="seal-a")
    second = ceremony.propose_seal_rotation(label="seal-b")
    ceremony.decide(first.proposal_id, "Carol")
    holder = ceremony.holders["Carol"]
    with holder.token.session(rw=False) as session:
        data = statement_bytes(Decision.APPROVE, first.proposal_id, first.sha256)
        signature, algorithm = session.sign_with("custodian", data)
    replayed = SignedDecision(json.loads(data), _sha(ceremony, "Carol"), signature, algorithm)
    with pytest.raises(ApprovalRefusedError, match="made for another proposal"):
        rotation.submit_decision(ceremony.ctx, second.proposal_id, replayed)
    # Same id, other hash (as if the content had been different when signed):
    other = SignedDecision(statement(Decision.APPROVE, second.proposal_id, first.sha256),
                           _sha(ceremony, "Carol"), signature, algorithm)
    with pytest.raises(ApprovalRefusedError, match="another proposal or other content"):
        rotation.submit_decision(ceremony.ctx, second.proposal_id, other)


def test_approvals_expire_with_the_proposal(ceremony: Ceremony) -> None:
    view = ceremony.propose_seal_rotation(expires_in=dt.timedelta(hours=1))
    pid = view.proposal_id
    ceremony.decide(pid, "Alice")
    later = view.content.expires + dt.timedelta(seconds=1)
    with pytest.raises(ProposalExpiredError, match="expired at"):
        ceremony.decide(pid, "Bob", now=later)
    # Quorum reached in time, but not executed before the expiry: refused too.
    ceremony.decide(pid, "Bob")
    with pytest.raises(ProposalExpiredError, match="before it was executed"):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin, now=later)
    assert rotation.show(ceremony.ctx, pid, now=later).status == ProposalStatus.EXPIRED


def test_execution_below_quorum_is_refused(ceremony: Ceremony) -> None:
    pid = ceremony.propose_seal_rotation().proposal_id
    with pytest.raises(QuorumNotMetError, match="has 0 of 2 approvals"):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin)
    ceremony.decide(pid, "Alice")
    with pytest.raises(QuorumNotMetError, match="has 1 of 2 approvals"):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin)
    assert ceremony.ctx.config.token.seal_key_label == "seal"


def test_rejections_that_make_quorum_unreachable_reject_the_proposal(ceremony: Ceremony) -> None:
    pid = ceremony.propose_seal_rotation().proposal_id
    assert ceremony.decide(pid, "Alice", Decision.REJECT).status == ProposalStatus.PROPOSED
    rejected = ceremony.decide(pid, "Bob", Decision.REJECT, comment="not during the audit")
    assert rejected.status == ProposalStatus.REJECTED and rejected.rejections == 2
    assert rejected.decisions[-1].comment == "not during the audit"
    with pytest.raises(ProposalStateError, match="is rejected"):
        ceremony.decide(pid, "Carol")
    with pytest.raises(ProposalStateError, match="cannot be executed"):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin)


@pytest.mark.parametrize("also_fix_hash", [False, True], ids=["content", "content+hash"])
def test_tampered_content_after_approvals_is_detected(ceremony: Ceremony,
                                                      also_fix_hash: bool) -> None:
    pid = ceremony.propose_seal_rotation(label="seal-approved").proposal_id
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Bob")
    with ceremony.ctx.database.transaction() as session:
        row = session.get(ProposalRecord, pid)
        assert row is not None
        row.content = bytes(row.content).replace(b"seal-approved", b"seal-attacker")
        if also_fix_hash:
            row.content_sha256 = hashlib.sha256(row.content).hexdigest()
    with pytest.raises(ProposalTamperedError, match="changed after it was proposed"):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin)
    with pytest.raises(ProposalTamperedError):
        ceremony.decide(pid, "Carol")
    assert "changed after it was proposed" in rotation.show(ceremony.ctx, pid).problem
    assert ceremony.ctx.config.token.seal_key_label == "seal"
    # The log still holds what was approved: offline, the approvals verify for that content.
    report = rotation.verify_quorum_offline(ceremony.ctx, pid)
    assert report.ok and report.approvals == ["Alice", "Bob"] and not report.started


def _sha(ceremony: Ceremony, name: str) -> str:
    from sealdesk.services.keys.custodians import list_custodians

    return next(c.cert_sha256 for c in list_custodians(ceremony.ctx) if c.name == name)
