"""Attacks on the rotation tables with raw SQL: each is refused before any effect, naming the row.

Before: ``execute`` counted rows, so each of these executed (issue 17). Now execution and
decisions are decided by the audit log's signed statements and every rotation row must agree.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sealdesk.core.rotation.decision import Decision, statement_bytes
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.keys import rotation
from sealdesk.services.keys.custodian_tokens import sign_as_custodian
from sealdesk.services.keys.custodians import list_custodians
from sealdesk.services.keys.proposals import propose_policy_change, propose_remove_custodian
from sealdesk.storage.keys import repo
from tests.attacks.authority.conftest import Scene
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder

LENIENT = QuorumPolicy.uniform(1)


def _propose_lenient(scene: Scene, **kwargs: object) -> str:
    view = propose_policy_change(scene.ctx, LENIENT, reason="one approval is enough",
                                 **kwargs)  # type: ignore[arg-type]
    return view.proposal_id


def _refused(scene: Scene, pid: str, names: str) -> None:
    """Execution is refused naming ``names``, and nothing at all changed."""
    before = scene.effects()
    with pytest.raises(RecordIntegrityError, match=names):
        rotation.execute(scene.ctx, pid)
    assert scene.effects() == before
    assert rotation.show(scene.ctx, pid).status.value != "executed"


@pytest.mark.parametrize("status", ["executing", "approved"])
def test_status_column_set_with_zero_approvals(scene: Scene, status: str) -> None:
    pid = _propose_lenient(scene)
    scene.sql("UPDATE rotation_proposals SET status = :s WHERE id = :p", s=status, p=pid)
    _refused(scene, pid, f"rotation_proposals row {pid} has status '{status}'")
    shown = rotation.show(scene.ctx, pid)  # the Keys page and 'rotation show' say it too
    assert f"rotation_proposals row {pid} has status '{status}'" in shown.problem
    assert not rotation.verify_quorum_offline(scene.ctx, pid).started


def test_removed_custodian_set_active_again(scene: Scene) -> None:
    ceremony = scene.ceremony
    removal = propose_remove_custodian(scene.ctx, "Carol", reason="Carol left").proposal_id
    ceremony.decide(removal, "Alice")
    ceremony.decide(removal, "Bob")
    rotation.execute(scene.ctx, removal)
    pid = _propose_lenient(scene)
    ceremony.decide(pid, "Alice")
    scene.sql("UPDATE custodians SET status = 'active', removed_at = NULL WHERE name = 'Carol'")
    (row_id,) = scene.rows("SELECT id FROM custodians WHERE name = 'Carol'")[0]
    named = f"custodians row {row_id} \\('Carol'\\) has status 'active'"
    with pytest.raises(RecordIntegrityError, match=named):
        ceremony.decide(pid, "Carol")
    _refused(scene, pid, named)


def test_custodian_row_inserted(scene: Scene) -> None:
    mallory = make_holder(scene.ctx, scene.ceremony.issuer, "Mallory")
    pid = _propose_lenient(scene)
    scene.ceremony.decide(pid, "Alice")
    der = x509.load_pem_x509_certificate(mallory.cert_pem).public_bytes(
        serialization.Encoding.DER)
    scene.sql(
        "INSERT INTO custodians (name, certificate_sha256, certificate_der, key_label, status, "
        "added_at, added_by_proposal) VALUES ('Mallory', :sha, :der, 'custodian', 'active', "
        "CURRENT_TIMESTAMP, '')", sha=hashlib.sha256(der).hexdigest(), der=der)
    (row_id,) = scene.rows("SELECT id FROM custodians WHERE name = 'Mallory'")[0]
    named = f"custodians row {row_id} \\('Mallory'\\) names a custodian the log never registered"
    with pytest.raises(RecordIntegrityError, match=named):
        rotation.decide(scene.ctx, pid, Decision.APPROVE, mallory.where, CUSTODIAN_PIN)
    _refused(scene, pid, named)


@pytest.mark.parametrize("how", ["update", "insert"])
def test_policy_thresholds_lowered(scene: Scene, how: str) -> None:
    pid = _propose_lenient(scene)
    scene.ceremony.decide(pid, "Alice")  # one approval of the two the policy requires
    lowered = json.dumps(LENIENT.to_json(), sort_keys=True)
    if how == "update":
        scene.sql("UPDATE quorum_policies SET thresholds_json = :t", t=lowered)
        named = "quorum_policies row version 1"
    else:
        scene.sql("INSERT INTO quorum_policies (version, thresholds_json, created_at, "
                  "proposal_id) VALUES (2, :t, CURRENT_TIMESTAMP, '')", t=lowered)
        named = "quorum_policies row version 2"
    _refused(scene, pid, named)


def test_decision_row_signed_by_the_proposer(scene: Scene) -> None:
    """Alice proposes (signed with her token), then writes her own approval into the table."""
    alice = scene.ceremony.holders["Alice"]
    pid = _propose_lenient(scene, proposer_token=alice.where, pin=CUSTODIAN_PIN)
    scene.ceremony.decide(pid, "Bob")
    with scene.ctx.database.reader() as session:
        sha256 = repo.proposal(session, pid).content_sha256
        custodians = list(repo.custodians_by_sha(session).values())
    data = statement_bytes(Decision.APPROVE, pid, sha256)
    signed = sign_as_custodian(alice.where, CUSTODIAN_PIN, custodians, data)
    scene.sql(
        "INSERT INTO rotation_decisions (proposal_id, custodian_sha256, decision, statement, "
        "signature, algorithm, comment, decided_at, audit_index) VALUES (:p, :c, 'approve', "
        ":s, :sig, :a, '', CURRENT_TIMESTAMP, -1)",
        p=pid, c=signed.custodian.cert_sha256, s=data, sig=signed.signature,
        a=signed.algorithm)
    (row_id,) = scene.rows("SELECT id FROM rotation_decisions WHERE audit_index = -1")[0]
    _refused(scene, pid, f"rotation_decisions row {row_id} .* is not a decision the log "
                         f"recorded for proposal {pid}")


def test_decision_transplanted_from_another_proposal(scene: Scene) -> None:
    other = _propose_lenient(scene)
    scene.ceremony.decide(other, "Carol")
    pid = _propose_lenient(scene)
    scene.ceremony.decide(pid, "Alice")
    scene.sql(
        "INSERT INTO rotation_decisions (proposal_id, custodian_sha256, decision, statement, "
        "signature, algorithm, comment, decided_at, audit_index) SELECT :p, custodian_sha256, "
        "decision, statement, signature, algorithm, comment, decided_at, -2 "
        "FROM rotation_decisions WHERE proposal_id = :o", p=pid, o=other)
    (row_id,) = scene.rows("SELECT id FROM rotation_decisions WHERE audit_index = -2")[0]
    _refused(scene, pid, f"rotation_decisions row {row_id} ")


def test_the_honest_ceremony_still_works_on_this_database(scene: Scene) -> None:
    pid = _propose_lenient(scene)
    scene.ceremony.decide(pid, "Alice")
    scene.ceremony.decide(pid, "Bob")
    assert rotation.execute(scene.ctx, pid).status.value == "executed"
    assert rotation.verify_quorum_offline(scene.ctx, pid).ok
    assert {c.name for c in list_custodians(scene.ctx)} == {"Alice", "Bob", "Carol"}
