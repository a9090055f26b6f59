"""The standby seal token (issue 20 item 5), with real components end to end.

Two SoftHSM2 tokens in the demo's folder: the primary ("SealDesk Demo") and a standby with its
own key and a certificate from the demo CA. The standby is registered under the custodians'
quorum; the primary is then removed (its token folder deleted); ``seal`` refuses and offers
the switch; the operator switches (an audited act linked to an availability incident); the
standby seals; pdfsig and pyHanko accept the seal; revalidation passes the seal made before and
the one made after. Next to each defence, the raw-SQL attack it answers.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from sealdesk.cli.main import cli as main_cli
from sealdesk.config import StandbyConfig
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.evidence.verify import verify_bundle
from sealdesk.core.rotation.errors import QuorumNotMetError
from sealdesk.core.rotation.standby import PRIMARY, STANDBY
from sealdesk.core.validation import Indication
from sealdesk.errors import RecordIntegrityError, TokenError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.evidence.export import export_bundle
from sealdesk.services.evidence.select import Selection
from sealdesk.services.incidents import register as incidents
from sealdesk.services.incidents.selftest import run_selftest
from sealdesk.services.incidents.standby import standby_status, switch_back
from sealdesk.services.keys import rotation
from sealdesk.services.keys.standby import (
    PrimaryTokenUnavailableError,
    read_standing,
    seal_token,
)
from sealdesk.services.revalidation import Scope, policy_from, revalidate, verify_file
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit.repo import append_event
from tests.fixtures.independent import assert_pdfsig_valid, assert_pyhanko_trusted
from tests.fixtures.tokens import SoftToken
from tests.rotation.conftest import Ceremony
from tests.rotation.standby_support import (
    STANDBY_KEY,
    STANDBY_LABEL,
    make_standby,
    propose_standby,
)


def _register(c: Ceremony, standby: SoftToken) -> str:
    pid = propose_standby(c.ctx, standby)
    assert seal_token(c.ctx).standby is None  # proposed is not registered
    with pytest.raises(QuorumNotMetError):
        rotation.execute(c.ctx, pid)
    c.decide(pid, "Alice")
    c.decide(pid, "Bob")
    assert rotation.execute(c.ctx, pid).status.value == "executed"
    return pid


def _cli(c: Ceremony, *args: str, pin: str | None = None):  # type: ignore[no-untyped-def]
    env = {"SEALDESK_HOME": str(c.ctx.paths.config_dir.parent), "SEALDESK_PIN": pin}
    return CliRunner().invoke(main_cli, list(args), env=env, catch_exceptions=False)


def _sealed(c: Ceremony, path: Path) -> Path:
    batch = seal_documents(c.ctx, [path], c.seal_pin)
    assert batch.ok, batch.stopped_by
    result = batch.results[0]
    assert result.outcome is Outcome.SEALED and result.stored_path is not None
    return result.stored_path


@pytest.mark.timeout(300)
def test_standby_registered_by_quorum_switched_seals_and_revalidates(
        ceremony: Ceremony, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    c = ceremony
    standby, primary_dir = make_standby(c.ctx, c.seal_pin)
    before = _sealed(c, pdf_factory("before"))
    pid = _register(c, standby)

    choice = seal_token(c.ctx)
    assert choice.which == PRIMARY and choice.standby is not None
    assert choice.standby.proposal_id == pid and choice.standby.key_label == STANDBY_KEY
    status = standby_status(c.ctx)
    assert status.primary is not None and status.primary.state == "ok"
    assert not status.offer_switch  # the primary is well: nothing is offered

    kept = primary_dir.parent.parent / "unplugged"  # outside the token folder: not seen
    shutil.copytree(primary_dir, kept)
    shutil.rmtree(primary_dir)  # the primary token is gone
    after_pdf = pdf_factory("after")
    with pytest.raises(PrimaryTokenUnavailableError) as refused:
        seal_documents(c.ctx, [after_pdf], c.seal_pin)
    assert STANDBY_LABEL in refused.value.message and "switch" in refused.value.hint
    by_cli = _cli(c, "seal", str(after_pdf), pin=c.seal_pin)
    assert by_cli.exit_code == ExitCode.TOKEN
    assert "standby seal token is registered" in by_cli.stderr
    assert "sealdesk token standby switch" in by_cli.stderr
    assert seal_token(c.ctx).which == PRIMARY  # never switched automatically

    status = standby_status(c.ctx)
    assert status.primary.state == "missing" and status.offer_switch  # type: ignore[union-attr]
    shown = _cli(c, "token", "standby", "status")
    assert "Sealing token: primary" in shown.stdout and "missing" in shown.stdout

    switched = _cli(c, "token", "standby", "switch", "--reason", "primary token missing",
                    pin=c.seal_pin)  # the standby's PIN: its key signs the switch
    assert switched.exit_code == 0, switched.stderr
    assert seal_token(c.ctx).which == STANDBY
    after = _sealed(c, after_pdf)
    assert_pdfsig_valid(after)
    assert_pdfsig_valid(before)
    assert_pyhanko_trusted(after, asn1_x509.Certificate.load(_root_der(c)))

    with c.ctx.database.reader() as session:
        certs = dict(session.execute(text(
            "SELECT d.original_name, s.certificate_sha256 FROM seals s "
            "JOIN documents d ON d.id = s.document_id")).all())
    assert certs["after.pdf"] == choice.standby.certificate_sha256
    assert certs["before.pdf"] != certs["after.pdf"]

    policy = policy_from(c.ctx, revocation="soft-fail")
    for path in (before, after):
        assert verify_file(path, policy, c.ctx).indication is Indication.PASSED
    run = revalidate(c.ctx, Scope.everything(), policy, workers=1)
    assert run.finished and run.count("PASSED") == 2, run.counts

    # the switch is an audited event linked to an availability incident
    switch = standby_status(c.ctx, probe=False).last_switch
    assert switch is not None and switch.to == STANDBY and switch.incident is not None
    incident = incidents.get_incident(c.ctx, switch.incident)
    assert incident.type is incidents.IncidentType.AVAILABILITY
    assert any(link.kind == "entry" and link.ref == str(switch.entry) for link in incident.links)
    payload = _payload(c, switch.entry)
    assert payload["details"]["primary_state"] == "missing"

    canary = run_selftest(c.ctx, c.seal_pin)  # the self-test seals its canary with the standby
    assert canary.passed and "seal-standby" in " ".join(d for _n, _ok, d in canary.checks)
    facts = verify_file(after, policy, c.ctx).store.facts
    assert any("standby seal key" in f and pid in f for f in facts), facts

    # switching back needs the primary: it is still gone, so the seal token stays the standby
    with pytest.raises(TokenError, match="primary token cannot be used"):
        switch_back(c.ctx, reason="primary back?", incident=switch.incident)
    assert seal_token(c.ctx).which == STANDBY

    shutil.move(kept, primary_dir)  # the primary is plugged in again
    back = _cli(c, "token", "standby", "switch-back", "--reason", "primary replaced",
                "--incident", f"INC-{switch.incident}")
    assert back.exit_code == 0, back.stderr
    assert seal_token(c.ctx).which == PRIMARY
    later = _sealed(c, pdf_factory("later"))  # the primary seals again, checkpoints resume
    switches = read_standing(c.ctx).switches
    assert [(s.to, s.incident) for s in switches] == [(STANDBY, switch.incident),
                                                       (PRIMARY, switch.incident)]
    run = revalidate(c.ctx, Scope.everything(), policy, workers=1)
    assert run.finished and run.count("PASSED") == 3, run.counts
    bundle = c.ctx.paths.data_dir.parent / "evidence.zip"
    export_bundle(c.ctx, Selection(files=(before, after, later)), bundle, c.seal_pin)
    assert verify_bundle(bundle, trust_anchors=[_root_der(c)]).ok
    audit = verify_log(c.ctx)
    assert audit.ok, audit


def _root_der(c: Ceremony) -> bytes:
    from cryptography import x509

    pem = (c.ctx.paths.demo_dir / "root.pem").read_bytes()
    return x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)


def _payload(c: Ceremony, index: int) -> dict:  # type: ignore[type-arg]
    with c.ctx.database.reader() as session:
        raw = session.execute(text("SELECT payload FROM audit_entries WHERE idx = :i"),
                              {"i": index}).scalar_one()
    return json.loads(bytes(raw))


def test_raw_sql_cannot_make_a_standby_or_flip_the_sealing_token(
        ceremony: Ceremony, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    c = ceremony
    standby, _primary_dir = make_standby(c.ctx, c.seal_pin)

    # 1. a row claiming a standby the log never registered: reported, switching refused
    with c.ctx.database.transaction() as session:
        session.execute(text(
            "INSERT INTO managed_keys (purpose, label, key_id_hex, token_serial, algorithm, "
            "public_key_sha256, certificate_sha256, status, created_at, proposal_id) VALUES "
            "('seal', 'rogue', '', 'rogue-serial', 'ec-p256', :z, :z, 'standby', "
            "CURRENT_TIMESTAMP, '')"), {"z": "ab" * 32})
    with pytest.raises(RecordIntegrityError, match="no standby token"):
        seal_token(c.ctx)
    refused = _cli(c, "token", "standby", "switch", "--reason", "try")
    assert refused.exit_code == ExitCode.INTEGRITY and "no standby token" in refused.stderr
    with c.ctx.database.transaction() as session:
        session.execute(text("DELETE FROM managed_keys WHERE label = 'rogue'"))

    # 2. once registered, making the standby key the 'active' row is refused, not obeyed
    _register(c, standby)
    with c.ctx.database.transaction() as session:
        session.execute(text("UPDATE managed_keys SET status = 'retired' WHERE status = "
                             "'active' AND purpose = 'seal'"))
        session.execute(text("UPDATE managed_keys SET status = 'active' WHERE status = "
                             "'standby'"))
    batch_error = None
    try:
        seal_documents(c.ctx, [pdf_factory("doc")], c.seal_pin)
    except RecordIntegrityError as exc:
        batch_error = exc
    assert batch_error is not None and "switch events" in batch_error.message
    assert "switch events" in _cli(c, "token", "standby", "status").stderr
    with c.ctx.database.transaction() as session:
        session.execute(text("UPDATE managed_keys SET status = 'standby' WHERE label = :l"),
                        {"l": STANDBY_KEY})
        session.execute(text("UPDATE managed_keys SET status = 'active' WHERE status = "
                             "'retired' AND purpose = 'seal'"))

    # 3. editing the switch event to say "primary" breaks the hash chain: nothing seals
    assert _cli(c, "token", "standby", "switch", "--reason", "drill",
                pin=c.seal_pin).exit_code == 0
    switch = standby_status(c.ctx, probe=False).last_switch
    assert switch is not None
    forged = _payload(c, switch.entry)
    forged["details"]["to"] = PRIMARY
    with c.ctx.database.transaction() as session:
        session.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                        {"p": json.dumps(forged, separators=(",", ":"), sort_keys=True)
                         .encode(), "i": switch.entry})
    assert seal_token(c.ctx).which == STANDBY  # this console verified that entry: edit ignored
    fresh = _cli(c, "token", "standby", "status")  # another console reads the log afresh
    assert fresh.exit_code == ExitCode.INTEGRITY and "hash chain" in fresh.stderr
    refused_seal = _cli(c, "seal", str(pdf_factory("late")), pin=c.seal_pin)
    assert refused_seal.exit_code == ExitCode.INTEGRITY and "hash chain" in refused_seal.stderr


def test_a_slow_primary_seals_on_and_offers_the_standby(
        ceremony: Ceremony, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    """Slower than ``standby.slow_seconds``: the seal is made, a notice offers the switch."""
    c = ceremony
    standby, _primary_dir = make_standby(c.ctx, c.seal_pin)
    _register(c, standby)
    c.ctx.config = replace(c.ctx.config, standby=StandbyConfig(slow_seconds=1e-6))
    batch = seal_documents(c.ctx, [pdf_factory("slow")], c.seal_pin)
    assert batch.ok and batch.count(Outcome.SEALED) == 1
    assert any("took" in n and "sealdesk token standby switch" in n for n in batch.notices)
    status = standby_status(c.ctx)
    assert status.primary is not None and status.primary.state == "slow"
    assert status.offer_switch and seal_token(c.ctx).which == PRIMARY  # offered, not done


def test_a_forged_switch_appended_with_a_valid_chain_is_refused(
        ceremony: Ceremony, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    """A database writer appends a hash-chained ``token.switched`` (no key is needed for the
    chain) with everything but the standby key's signature: it does not count, and sealing
    refuses naming the entry, because which token should seal is in doubt."""
    c = ceremony
    standby, _primary_dir = make_standby(c.ctx, c.seal_pin)
    _register(c, standby)
    registered = seal_token(c.ctx).standby
    assert registered is not None
    forged = AuditEvent(type=EventType.TOKEN_SWITCHED, time=dt.datetime.now(dt.UTC),
                        actor="installation", console_id="forged", subject={"token": STANDBY},
                        details={"to": STANDBY, "from": PRIMARY, "incident": None,
                                 "reason": "forged", "sequence": 1,
                                 "standby_proposal": registered.proposal_id,
                                 "standby_certificate_sha256": registered.certificate_sha256,
                                 "signature_b64": "AAAA", "algorithm": "ecdsa-sha256"},
                        software_version="0")
    engine = create_engine(c.ctx.config.database_url(c.ctx.paths))
    try:
        with Session(engine) as session, session.begin():
            index = append_event(session, forged).index
    finally:
        engine.dispose()
    with pytest.raises(RecordIntegrityError, match=f"entry {index}: a switch to the standby "
                       "token without the standby key's signature"):
        seal_documents(c.ctx, [pdf_factory("doc")], c.seal_pin)
    shown = _cli(c, "token", "standby", "status")
    assert shown.exit_code == ExitCode.INTEGRITY and f"entry {index}" in shown.stderr
