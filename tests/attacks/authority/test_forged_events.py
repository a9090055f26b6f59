"""Forged registry events appended with a valid hash chain (no key is needed for the chain):
the replay accepts custodian and policy changes only when a quorum-approved proposal carries
them, so the forgery changes nothing and the action is refused, naming the entry."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_policy_change
from sealdesk.storage.audit.repo import append_event
from tests.attacks.authority.conftest import Scene
from tests.rotation.helpers import make_holder


def _forge(scene: Scene, kind: EventType, subject: dict[str, str],
           details: dict[str, object]) -> int:
    """Append an event as the attacker, with a correct chain link and hash."""
    event = AuditEvent(type=kind, time=dt.datetime.now(dt.UTC), actor="installation",
                       console_id="forged", subject=subject, details=details,
                       software_version="0")
    with Session(scene.attacker) as session, session.begin():
        return append_event(session, event).index


@pytest.mark.parametrize("bootstrap", [True, False], ids=["as-bootstrap", "as-if-proposed"])
def test_a_forged_custodian_registration_is_refused(scene: Scene, bootstrap: bool) -> None:
    mallory = make_holder(scene.ctx, scene.ceremony.issuer, "Mallory")
    der = x509.load_pem_x509_certificate(mallory.cert_pem).public_bytes(
        serialization.Encoding.DER)
    sha = hashlib.sha256(der).hexdigest()
    pid = propose_policy_change(scene.ctx, QuorumPolicy.uniform(1), reason="x").proposal_id
    index = _forge(scene, EventType.CUSTODIAN_ADDED, {"custodian": sha},
                   {"name": "Mallory", "key_label": "custodian", "subject": "CN=Mallory",
                    "certificate_der_b64": base64.b64encode(der).decode(),
                    "bootstrap": bootstrap, "proposal_id": "" if bootstrap else pid})
    scene.sql("INSERT INTO custodians (name, certificate_sha256, certificate_der, key_label, "
              "status, added_at, added_by_proposal) VALUES ('Mallory', :s, :d, 'custodian', "
              "'active', CURRENT_TIMESTAMP, '')", s=sha, d=der)
    before = scene.effects()
    with pytest.raises(RecordIntegrityError, match=f"entry {index}: custodian 'Mallory' added"):
        rotation.execute(scene.ctx, pid)
    assert scene.effects() == before
    assert not rotation.verify_quorum_offline(scene.ctx, pid).ok


def test_a_forged_policy_version_is_refused(scene: Scene) -> None:
    lenient = QuorumPolicy.uniform(1).to_json()
    pid = propose_policy_change(scene.ctx, QuorumPolicy.uniform(1), reason="x").proposal_id
    scene.ceremony.decide(pid, "Alice")  # one of two
    index = _forge(scene, EventType.POLICY_CHANGED, {"policy": "quorum"},
                   {"version": 2, "thresholds": lenient, "bootstrap": True})
    scene.sql("INSERT INTO quorum_policies (version, thresholds_json, created_at, proposal_id) "
              "VALUES (2, :t, CURRENT_TIMESTAMP, '')", t=json.dumps(lenient, sort_keys=True))
    with pytest.raises(RecordIntegrityError, match=f"entry {index}: a 'bootstrap' policy"):
        rotation.execute(scene.ctx, pid)
