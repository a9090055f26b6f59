"""Custodian witnesses of anchored checkpoints: signed with the custodian's own token, checked by
``audit verify`` against the custodian registry that the log's replay proves at the checkpoint."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from sealdesk.cli.main import cli
from sealdesk.core.rotation.custodian import Custodian, read_certificate
from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.countersign.witness import witness_newest_checkpoint
from sealdesk.services.keys import custodians as custodian_service
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_remove_custodian
from tests.countersign.support import anchor_folder, checkpoint, forge_witness
from tests.rotation.conftest import Ceremony
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder


def _custodian(ceremony: Ceremony, name: str) -> Custodian:
    return Custodian(name, read_certificate(ceremony.holders[name].cert_pem))


def _witness_findings(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in report.findings if f.kind is FindingKind.WITNESS_INVALID]


def test_a_custodian_witnesses_the_newest_checkpoint_and_verify_counts_it(
        ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    signed = checkpoint(ctx)
    made = witness_newest_checkpoint(ctx, ceremony.holders["Alice"].where, CUSTODIAN_PIN)
    assert made.custodian == "Alice"
    assert made.path.parent == anchor_folder(ctx) and made.path.name.startswith(
        f"witness-{signed.checkpoint.tree_size:012d}-")
    on_file = json.loads(made.path.read_bytes())
    assert on_file["statement"]["document_sha256"] == signed.checkpoint.checkpoint_hash().hex()
    assert on_file["statement"]["kind"] == "checkpoint"

    report = verify_log(ctx)
    assert report.ok, report.summary()
    assert report.witnesses == 1 and report.witnessed_by == ["Alice"]
    assert "Witnessed: 1 custodian co-signature(s) verified (Alice)" in report.summary()
    assert report.to_dict()["witnesses"] == 1


def test_witness_from_the_command_line_and_the_wrong_custodian_refused(
        ceremony: Ceremony, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = ceremony.ctx
    checkpoint(ctx)
    monkeypatch.setenv("SEALDESK_CUSTODIAN_PIN", CUSTODIAN_PIN)
    runner = CliRunner()
    refused = runner.invoke(cli, ["audit", "witness", "--custodian", "Alice",
                                  "--custodian-token", "Custodian Bob"])
    assert refused.exit_code != 0
    assert "holds no registered custodian's key" in refused.output
    done = runner.invoke(cli, ["audit", "witness", "--custodian", "Bob",
                               "--custodian-token", "Custodian Bob"])
    assert done.exit_code == 0, done.output
    assert "Checkpoint witnessed by custodian Bob" in done.output
    verified = runner.invoke(cli, ["audit", "verify"])
    assert verified.exit_code == 0, verified.output
    assert "Witnessed: 1 custodian co-signature(s) verified (Bob)" in verified.output


def test_a_tampered_witness_file_is_a_finding_naming_it(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    checkpoint(ctx)
    made = witness_newest_checkpoint(ctx, ceremony.holders["Bob"].where, CUSTODIAN_PIN)
    on_file = json.loads(made.path.read_bytes())
    signature = bytearray(base64.b64decode(on_file["signature"]))
    signature[-1] ^= 0x01
    on_file["signature"] = base64.b64encode(bytes(signature)).decode()
    made.path.write_text(json.dumps(on_file))

    report = verify_log(ctx)
    assert not report.ok and report.witnesses == 0
    found = _witness_findings(report)
    assert len(found) == 1 and found[0].startswith(made.path.name)
    assert "does not record this co-signature" in found[0], "another signature, not recorded"

    # The statement edited instead (the signature kept): the signature no longer verifies.
    made = witness_newest_checkpoint(ctx, ceremony.holders["Alice"].where, CUSTODIAN_PIN)
    on_file = json.loads(made.path.read_bytes())
    on_file["statement"]["signed_at"] = "2020-01-01T00:00:00.000000Z"
    made.path.write_text(json.dumps(on_file))
    found = _witness_findings(verify_log(ctx))
    assert any(m.startswith(made.path.name) and "does not verify with Alice's registered"
               in m for m in found), found

    made.path.write_text("{ not json")
    assert any(m.startswith(made.path.name) and "cannot be read" in m
               for m in _witness_findings(verify_log(ctx)))


def test_a_co_signature_by_a_key_that_is_not_a_custodians_is_a_finding(
        ceremony: Ceremony) -> None:
    """Mallory has a token, a certificate from the same CA, and a DBA who appends the event and
    even inserts a custodians row: the registry comes from the log replay, so it fails."""
    ctx = ceremony.ctx
    signed = checkpoint(ctx)
    mallory = make_holder(ctx, ceremony.issuer, "Mallory")
    key = Custodian("Mallory", read_certificate(mallory.cert_pem))
    alice = _custodian(ceremony, "Alice")
    as_alice = forge_witness(ctx, mallory.where, key, alice.cert_sha256, signed)
    as_herself = forge_witness(ctx, mallory.where, key, key.cert_sha256, signed)
    with ctx.database.transaction() as session:  # the raw-SQL half of the attack
        session.execute(text(
            "INSERT INTO custodians (name, certificate_sha256, certificate_der, key_label, "
            "status, added_at, added_by_proposal) VALUES (:n, :s, :d, 'custodian', 'active', "
            ":t, '')"), {"n": "Mallory", "s": key.cert_sha256, "d": key.certificate_der,
                         "t": dt.datetime.now(dt.UTC)})

    report = verify_log(ctx)
    assert report.witnesses == 0
    found = {m.split(":", 1)[0]: m for m in _witness_findings(report)}
    assert "does not verify with Alice's registered certificate" in found[as_alice.name]
    assert "never registered as a custodian" in found[as_herself.name]


def test_a_custodian_removed_before_the_checkpoint_is_a_finding(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    carol = _custodian(ceremony, "Carol")
    before = checkpoint(ctx)
    kept = witness_newest_checkpoint(ctx, ceremony.holders["Carol"].where, CUSTODIAN_PIN)

    removal = propose_remove_custodian(ctx, "Carol", reason="Carol leaves the company")
    ceremony.decide(removal.proposal_id, "Alice")
    ceremony.decide(removal.proposal_id, "Bob")
    rotation.execute(ctx, removal.proposal_id)
    assert "Carol" not in [c.name for c in custodian_service.list_custodians(ctx)]
    after = checkpoint(ctx)
    assert after.checkpoint.tree_size > before.checkpoint.tree_size

    with pytest.raises(Exception, match="holds no registered custodian's key"):
        witness_newest_checkpoint(ctx, ceremony.holders["Carol"].where, CUSTODIAN_PIN)
    late = forge_witness(ctx, ceremony.holders["Carol"].where, carol, carol.cert_sha256, after)

    report = verify_log(ctx)
    found = _witness_findings(report)
    assert len(found) == 1 and found[0].startswith(late.name), found
    assert (f"Carol was no longer a custodian at the checkpoint of tree size "
            f"{after.checkpoint.tree_size}") in found[0]
    assert report.witnesses == 1 and report.witnessed_by == ["Carol"], \
        f"{kept.path.name}: witnessed while Carol was a custodian, it still counts"


def test_a_deleted_witness_file_is_noticed(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    checkpoint(ctx)
    made = witness_newest_checkpoint(ctx, ceremony.holders["Alice"].where, CUSTODIAN_PIN)
    made.path.unlink()
    report = verify_log(ctx)
    assert report.witnesses == 0
    assert any(made.path.name in w and "not in the anchor folder" in w for w in report.warnings)


def test_a_witness_of_a_checkpoint_the_log_does_not_hold_is_a_finding(
        ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    checkpoint(ctx)
    made = witness_newest_checkpoint(ctx, ceremony.holders["Alice"].where, CUSTODIAN_PIN)
    copy = anchor_folder(ctx) / made.path.name.replace("witness-0", "witness-9")
    on_file = json.loads(made.path.read_bytes())
    on_file["statement"]["document_sha256"] = "00" * 32
    copy.write_text(json.dumps(on_file))
    found = _witness_findings(verify_log(ctx))
    assert any(m.startswith(copy.name) and "neither this log nor a verified anchor" in m
               for m in found), found


