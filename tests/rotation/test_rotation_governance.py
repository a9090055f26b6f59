"""Bootstrap, custodians and the policy: set once by the administrator, then only by quorum."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import update

from sealdesk.core.rotation.actions import ActionType, ProposalStatus
from sealdesk.core.rotation.custodian import read_certificate
from sealdesk.core.rotation.errors import (
    BootstrapClosedError,
    CustodianCertificateError,
)
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians as custodian_service
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import (
    propose_add_custodian,
    propose_policy_change,
    propose_remove_custodian,
)
from sealdesk.storage.audit.models import AuditEntry
from tests.rotation.conftest import CUSTODIAN_PIN, Ceremony, make_holder


def test_bootstrap_is_audited_and_closes_with_the_first_policy(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    assert not custodian_service.bootstrap_open(ctx)
    assert [c.name for c in custodian_service.list_custodians(ctx)] == ["Alice", "Bob", "Carol"]
    dave = make_holder(ctx, ceremony.issuer, "Dave")
    with pytest.raises(BootstrapClosedError, match="needs an approved add_custodian"):
        custodian_service.register_custodian(ctx, "Dave", dave.cert_pem, dave.where,
                                             CUSTODIAN_PIN)
    with pytest.raises(BootstrapClosedError, match="already in force"):
        custodian_service.set_initial_policy(ctx, QuorumPolicy.uniform(1))
    report = rotation.verify_quorum_offline(ctx, "0" * 16)
    assert not report.ok and "no rotation.proposed event" in report.problems[0]


def test_nothing_can_be_proposed_before_the_bootstrap_is_finished(
    signed_ctx: AppContext, custodian_ca  # type: ignore[no-untyped-def]
) -> None:
    alice = make_holder(signed_ctx, custodian_ca, "Alice")
    with pytest.raises(InputError, match="Register the first custodians"):
        custodian_service.set_initial_policy(signed_ctx, QuorumPolicy.uniform(1))
    custodian_service.register_custodian(signed_ctx, "Alice", alice.cert_pem, alice.where,
                                         CUSTODIAN_PIN)
    with pytest.raises(BootstrapClosedError, match="No quorum policy is set yet"):
        rotation.propose(signed_ctx, ActionType.ROTATE_SEAL_KEY, reason="too early")
    with pytest.raises(InputError, match="Only 1 custodian"):
        custodian_service.set_initial_policy(signed_ctx, QuorumPolicy.uniform(2))
    with pytest.raises(InputError, match="already registered"):
        custodian_service.register_custodian(signed_ctx, "Alice again", alice.cert_pem,
                                             alice.where, CUSTODIAN_PIN)


def test_registration_needs_the_certified_key_on_the_token(
    signed_ctx: AppContext, custodian_ca  # type: ignore[no-untyped-def]
) -> None:
    alice = make_holder(signed_ctx, custodian_ca, "Alice")
    bob = make_holder(signed_ctx, custodian_ca, "Bob")
    with pytest.raises(CustodianCertificateError, match="matching the certificate of 'Bob'"):
        custodian_service.register_custodian(signed_ctx, "Bob", bob.cert_pem, alice.where,
                                             CUSTODIAN_PIN)
    with pytest.raises(CustodianCertificateError, match=r"not a readable X\.509"):
        custodian_service.register_custodian(signed_ctx, "Bob", b"hello", bob.where,
                                             CUSTODIAN_PIN)
    assert custodian_service.list_custodians(signed_ctx) == []


def test_custodians_and_policy_change_only_by_quorum(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    dave = make_holder(ctx, ceremony.issuer, "Dave")
    added = propose_add_custodian(ctx, "Dave", dave.cert_pem, dave.where, CUSTODIAN_PIN,
                                  reason="Dave joins the key committee")
    assert added.content.params["certificate_der_b64"] == base64.b64encode(
        read_certificate(dave.cert_pem)).decode()
    ceremony.decide(added.proposal_id, "Alice")
    ceremony.decide(added.proposal_id, "Bob")
    assert rotation.execute(ctx, added.proposal_id).status == ProposalStatus.EXECUTED
    assert len(custodian_service.list_custodians(ctx)) == 4
    ceremony.holders["Dave"] = dave

    stricter = QuorumPolicy.uniform(3, {ActionType.REMOVE_CUSTODIAN: 2})
    change = propose_policy_change(ctx, stricter, reason="Four custodians now; require three")
    ceremony.decide(change.proposal_id, "Carol")
    ceremony.decide(change.proposal_id, "Dave")  # the new custodian counts
    rotation.execute(ctx, change.proposal_id)
    policy = custodian_service.current_policy(ctx)
    assert policy is not None and policy.version == 2
    assert policy.required(ActionType.ROTATE_SEAL_KEY) == 3

    # Removing a custodian would leave 3 of 4 -> fine; a 2nd removal would leave 2 < 3.
    removal = propose_remove_custodian(ctx, "Carol", reason="Carol leaves the company")
    assert removal.required == 2
    ceremony.decide(removal.proposal_id, "Alice")
    ceremony.decide(removal.proposal_id, "Bob")
    rotation.execute(ctx, removal.proposal_id)
    assert [c.name for c in custodian_service.list_custodians(ctx)] == ["Alice", "Bob", "Dave"]
    with pytest.raises(InputError, match="Only 2 custodian"):
        propose_remove_custodian(ctx, "Dave", reason="and Dave too")
    # Carol can no longer decide on anything.
    rotation_view = ceremony.propose_seal_rotation()
    with pytest.raises(Exception, match="holds no registered custodian's key"):
        ceremony.decide(rotation_view.proposal_id, "Carol")
    for pid in (added.proposal_id, change.proposal_id, removal.proposal_id):
        report = rotation.verify_quorum_offline(ctx, pid)
        assert report.ok and report.executed, (pid, report.problems)
    changed = rotation.verify_quorum_offline(ctx, change.proposal_id)
    assert f"Dave was registered by proposal {added.proposal_id}" in changed.notes[0]


def test_offline_verification_refuses_a_log_whose_chain_was_edited(ceremony: Ceremony) -> None:
    pid = ceremony.propose_seal_rotation().proposal_id
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Bob")
    with ceremony.ctx.database.transaction() as session:
        session.execute(update(AuditEntry).where(AuditEntry.event_type == "rotation.approved")
                        .values(actor="someone else"))
        first = session.query(AuditEntry).filter_by(event_type="rotation.approved").first()
        assert first is not None
        first.payload = bytes(first.payload).replace(b'"Alice"', b'"Mallory"')
    report = rotation.verify_quorum_offline(ceremony.ctx, pid)
    assert not report.ok and "hash chain is broken" in report.problems[0]
