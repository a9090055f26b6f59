"""Raw SQL against the standby token, on SQLite and PostgreSQL: a row claiming a standby the log
never registered, the registered standby's row turned into the active key, and a hash-chained
``token.switched`` appended without the standby key's signature. Each is refused, named, and
nothing is sealed; the log's own word (primary seals) is unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.rotation.standby import PRIMARY, STANDBY
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.keys import rotation
from sealdesk.services.keys.standby import read_standing, seal_token
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.storage.audit.repo import append_event
from tests.attacks.authority.conftest import Scene
from tests.rotation.standby_support import make_standby, propose_standby


def _registered(scene: Scene) -> None:
    c = scene.ceremony
    standby, _primary_dir = make_standby(c.ctx, c.seal_pin)
    pid = propose_standby(c.ctx, standby)
    c.decide(pid, "Alice")
    c.decide(pid, "Bob")
    rotation.execute(c.ctx, pid)


@pytest.mark.timeout(240)
def test_a_row_cannot_make_a_token_the_standby(scene: Scene, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    scene.sql("INSERT INTO managed_keys (purpose, label, key_id_hex, token_serial, algorithm, "
              "public_key_sha256, certificate_sha256, status, created_at, proposal_id) VALUES "
              "('seal', 'rogue', '', 'rogue-serial', 'ec-p256', :z, :z, 'standby', "
              "CURRENT_TIMESTAMP, '')", z="cd" * 32)
    before = scene.effects()
    with pytest.raises(RecordIntegrityError, match=r"'rogue'.*no standby token"):
        seal_documents(scene.ctx, [pdf_factory("doc")], scene.ceremony.seal_pin)
    assert scene.effects() == before


@pytest.mark.timeout(240)
def test_a_row_cannot_flip_the_sealing_token(scene: Scene, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    _registered(scene)
    scene.sql("UPDATE managed_keys SET status = 'retired' WHERE status = 'active' "
              "AND purpose = 'seal'")
    scene.sql("UPDATE managed_keys SET status = 'active' WHERE status = 'standby'")
    with pytest.raises(RecordIntegrityError, match="switch events, not by this row"):
        seal_documents(scene.ctx, [pdf_factory("doc")], scene.ceremony.seal_pin)


@pytest.mark.timeout(240)
def test_an_unsigned_switch_appended_with_a_valid_chain_is_refused(
        scene: Scene, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    _registered(scene)
    standby = seal_token(scene.ctx).standby
    assert standby is not None
    forged = AuditEvent(type=EventType.TOKEN_SWITCHED, time=dt.datetime.now(dt.UTC),
                        actor="installation", console_id="forged", subject={"token": STANDBY},
                        details={"to": STANDBY, "from": PRIMARY, "incident": None,
                                 "reason": "forged", "sequence": 1,
                                 "standby_proposal": standby.proposal_id,
                                 "standby_certificate_sha256": standby.certificate_sha256},
                        software_version="0")
    with Session(scene.attacker) as session, session.begin():
        index = append_event(session, forged).index
    with pytest.raises(RecordIntegrityError, match=f"entry {index}: a switch to the standby"):
        read_standing(scene.ctx)
    with pytest.raises(RecordIntegrityError, match=f"entry {index}"):
        seal_documents(scene.ctx, [pdf_factory("doc")], scene.ceremony.seal_pin)
