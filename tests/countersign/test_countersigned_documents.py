"""The reconciliation report and the incident statement, counter-signed by a custodian's token:
both signatures and the log's records are checked; a flipped byte anywhere fails."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sealdesk.cli.main import cli
from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import Countersignature, Kind, statement
from sealdesk.core.rotation.custodian import Custodian, read_certificate
from sealdesk.errors import InputError
from sealdesk.services.audit.log import record_now
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.countersign.signing import countersignature_path
from sealdesk.services.incidents import register
from sealdesk.services.incidents.statement import issue_statement_with_pin
from sealdesk.services.incidents.statement_countersign import (
    check_statement,
    countersign_statement,
)
from sealdesk.services.keys import rotation
from sealdesk.services.keys.custodian_tokens import custodian_signer
from sealdesk.services.keys.proposals import propose_remove_custodian
from sealdesk.services.reconcile.countersign import countersign_report, verify_report
from sealdesk.services.snapshots.operations import reconcile_and_report
from tests.rotation.conftest import Ceremony
from tests.rotation.helpers import CUSTODIAN_PIN


def _flip(path: Path, offset: int = -3) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_counter_signed_reconciliation_report_verifies_and_a_flipped_byte_fails(
        ceremony: Ceremony, tmp_path: Path) -> None:
    ctx = ceremony.ctx
    written = reconcile_and_report(ctx, DEMO_PIN, folder=tmp_path / "reports").report
    unsigned = verify_report(ctx, written.json_path)
    assert unsigned.ok and unsigned.countersignatures == []
    assert "No custodian counter-signature." in unsigned.lines()

    signed = countersign_report(ctx, written.json_path, ceremony.holders["Bob"].where,
                                CUSTODIAN_PIN, custodian="Bob")
    assert signed.path.name.startswith(written.json_path.stem + ".countersig-")
    check = verify_report(ctx, written.json_path)
    assert check.ok, check.lines()
    assert [c.custodian for c in check.countersignatures] == ["Bob"]
    assert check.recorded_at is not None

    original = written.json_path.read_bytes()
    _flip(written.json_path)
    check = verify_report(ctx, written.json_path)
    assert not check.ok
    assert check.audit_signature.startswith("NOT VALID")
    assert "does not cover this document" in check.countersignatures[0].problem
    assert check.recorded_at is None

    written.json_path.write_bytes(original)
    _flip(signed.path, -40)  # inside the base64 signature or the statement
    check = verify_report(ctx, written.json_path)
    assert not check.ok and not check.countersignatures[0].ok
    assert check.audit_signature == ""


def test_reconcile_countersign_from_the_command_line(
        ceremony: Ceremony, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEALDESK_PIN", DEMO_PIN)
    monkeypatch.setenv("SEALDESK_CUSTODIAN_PIN", CUSTODIAN_PIN)
    runner = CliRunner()
    made = runner.invoke(cli, ["reconcile", "--out", str(tmp_path), "--countersign",
                               "--custodian-token", "Custodian Alice"])
    assert made.exit_code in (0, 13), made.output
    assert "Counter-signed by custodian Alice" in made.output
    report = next(tmp_path.glob("reconciliation-*[0-9]Z.json"))
    checked = runner.invoke(cli, ["reconcile", "verify", str(report)])
    assert checked.exit_code == 0, checked.output
    assert "counter-signed by custodian Alice" in checked.output
    again = runner.invoke(cli, ["reconcile", "countersign", str(report),
                                "--custodian-token", "Custodian Carol"])
    assert again.exit_code == 0, again.output
    _flip(report)
    failed = runner.invoke(cli, ["reconcile", "verify", str(report)])
    assert failed.exit_code == 11
    assert failed.output.count("NOT VALID") == 3, failed.output


def test_counter_signed_incident_statement_verifies_and_a_flipped_byte_fails(
        ceremony: Ceremony, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = ceremony.ctx
    incident = register.open_incident(ctx, "integrity", "Revalidation found a damaged seal")
    issued = issue_statement_with_pin(ctx, DEMO_PIN, incident, tmp_path / "statements")
    signed = countersign_statement(ctx, issued.json_path, ceremony.holders["Alice"].where,
                                   CUSTODIAN_PIN)
    assert signed.custodian == "Alice"
    check = check_statement(ctx, issued.json_path)
    assert check.ok, check.lines()
    assert [c.custodian for c in check.countersignatures] == ["Alice"]

    with pytest.raises(Exception, match="holds no registered custodian's key"):
        countersign_statement(ctx, issued.json_path, ceremony.holders["Bob"].where,
                              CUSTODIAN_PIN, custodian="Alice")

    _flip(issued.json_path)
    check = check_statement(ctx, issued.json_path)
    assert not check.ok and check.audit_signature.startswith("NOT VALID")
    assert "does not cover this document" in check.countersignatures[0].problem
    with pytest.raises(InputError, match="does not record the statement"):
        countersign_statement(ctx, issued.json_path, ceremony.holders["Bob"].where,
                              CUSTODIAN_PIN)

    monkeypatch.setenv("SEALDESK_CUSTODIAN_PIN", CUSTODIAN_PIN)
    fresh = issue_statement_with_pin(ctx, DEMO_PIN, incident, tmp_path / "second")
    runner = CliRunner()
    done = runner.invoke(cli, ["incident", "countersign", str(fresh.json_path),
                               "--custodian-token", "Custodian Carol"])
    assert done.exit_code == 0, done.output
    checked = runner.invoke(cli, ["incident", "check-report", str(fresh.json_path)])
    assert checked.exit_code == 0 and "counter-signed by custodian Carol" in checked.output
    on_file = json.loads(next(fresh.json_path.parent.glob("*.countersig-*.json")).read_bytes())
    assert on_file["statement"]["kind"] == "incident-statement"


def test_a_removed_custodian_cannot_counter_sign_afterwards(ceremony: Ceremony,
                                                            tmp_path: Path) -> None:
    """Carol's counter-signature made while she was a custodian keeps verifying; one her token
    makes after her removal (refused by SealDesk, so made by hand, with the event appended by
    someone who can write the database) is named as such."""
    ctx = ceremony.ctx
    first = reconcile_and_report(ctx, DEMO_PIN, folder=tmp_path / "one").report
    countersign_report(ctx, first.json_path, ceremony.holders["Carol"].where, CUSTODIAN_PIN)
    removal = propose_remove_custodian(ctx, "Carol", reason="Carol leaves the company")
    ceremony.decide(removal.proposal_id, "Alice")
    ceremony.decide(removal.proposal_id, "Bob")
    rotation.execute(ctx, removal.proposal_id)

    second = reconcile_and_report(ctx, DEMO_PIN, folder=tmp_path / "two").report
    with pytest.raises(Exception, match="holds no registered custodian's key"):
        countersign_report(ctx, second.json_path, ceremony.holders["Carol"].where,
                           CUSTODIAN_PIN)
    carol = Custodian("Carol", read_certificate(ceremony.holders["Carol"].cert_pem))
    stmt = statement(Kind.RECONCILIATION, second.sha256, {"file": second.json_path.name},
                     carol.cert_sha256, "2026-01-01T00:00:00.000000Z")
    with custodian_signer(ceremony.holders["Carol"].where, CUSTODIAN_PIN, [carol]) as signer:
        made = signer.sign(canonical_json(stmt))
    path = countersignature_path(second.json_path, carol.cert_sha256)
    path.write_bytes(Countersignature(stmt, made.algorithm, made.signature, "Carol").encode())
    record_now(ctx, ctx.event(
        EventType.COUNTERSIGNED, {"kind": Kind.RECONCILIATION.value,
                                  "document_sha256": second.sha256},
        {"custodian": "Carol", "custodian_sha256": carol.cert_sha256,
         "signature_sha256": hashlib.sha256(made.signature).hexdigest(), "file": path.name,
         "about": {}}))

    late = verify_report(ctx, second.json_path)
    assert not late.ok
    assert "Carol was no longer a custodian at audit entry" in late.countersignatures[0].problem
    early = verify_report(ctx, first.json_path)
    assert early.ok and [c.custodian for c in early.countersignatures] == ["Carol"]
