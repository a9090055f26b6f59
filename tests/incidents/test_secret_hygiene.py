"""Issue 8, item 7: a full scenario with known, distinctive PINs; none of them may be anywhere.

Seal, a wrong PIN, a key rotation approved by two custodians with their own tokens, a self-test,
an evidence export, verification and a revalidation run with their reports, and the same through
the CLI; then every place a
secret could leak is searched: log records at DEBUG (SealDesk and every library), the database
file with its -wal and -shm, the decoded audit events, every file under the data folder, the
reports, the bundle and each of its members, exception texts, and CLI output."""

from __future__ import annotations

import logging
import sqlite3
import traceback
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.softhsm import init_token
from sealdesk.core.validation import render_html
from sealdesk.errors import SealDeskError, WrongPinError
from sealdesk.exit_codes import ExitCode
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.services.incidents import selftest
from sealdesk.services.keys import custodians, rotation
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.keys.proposals import propose_key_rotation
from sealdesk.services.revalidation.report import load_run_report
from sealdesk.services.revalidation.report import to_json as run_report_json
from sealdesk.services.revalidation.runs import Scope, revalidate
from sealdesk.services.revalidation.verification import policy_from, verify_file
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.storage.audit.models import AuditEntry
from tests.fixtures.signing import signing
from tests.fixtures.tokens import SoftToken
from tests.incidents.support import run_cli

USER_PIN = "Qz7-user-PIN-8841"
WRONG_PIN = "Qz7-wrong-PIN-1177"
CUSTODIAN_PIN = "Qz7-custodian-PIN-5523"
CUSTODIAN_SO_PIN = "Qz7-custodian-SO-9064"


def _custodian(ctx: AppContext, issuer: CertificateAuthority, name: str) -> tuple[bytes,
                                                                                 CustodianToken]:
    cfg = ctx.config.token
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    label = f"Custodian {name}"
    init_token(conf, label, CUSTODIAN_PIN, CUSTODIAN_SO_PIN)
    token = SoftToken(cfg.module, conf, label, CUSTODIAN_PIN)
    with token.session() as session:
        generate_keypair(session, KeyAlgorithm.EC_P256, "custodian", b"\xc1")
        cert = issuer.issue(session.public_key("custodian"), name, purpose="custodian")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "custodian",
                          b"\xc1")
    where = CustodianToken(token.module, token.selector, token.environment)
    return cert.public_bytes(serialization.Encoding.PEM), where


def _leaks(secrets: dict[str, str], where: str, data: bytes | str) -> list[str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [f"{name} found in {where}" for name, value in secrets.items()
            if value.encode() in raw or value.encode("utf-16-le") in raw]


@pytest.mark.timeout(600)
def test_no_pin_appears_anywhere(sealdesk_home: Path, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    setup = init_demo(app_paths(), pin=USER_PIN)
    secrets = {"user PIN": USER_PIN, "wrong PIN": WRONG_PIN, "custodian PIN": CUSTODIAN_PIN,
               "custodian SO PIN": CUSTODIAN_SO_PIN, "demo SO PIN": setup.so_pin}
    texts: list[tuple[str, str]] = []  # (where, text) of everything shown to a person
    ctx = AppContext.open()
    try:
        files = [pdf_factory(f"secret-{i}") for i in range(2)]
        assert seal_documents(ctx, files, USER_PIN, export_dir=tmp_path / "out").ok
        with pytest.raises(WrongPinError) as wrong:
            seal_documents(ctx, [pdf_factory("wrong")], WRONG_PIN)
        texts.append(("WrongPinError", f"{wrong.value.describe()}\n{wrong.value!r}\n"
                      + "".join(traceback.format_exception(wrong.value))))

        issuer = CertificateAuthority.create_root("Hygiene Custodian CA")
        holders = {name: _custodian(ctx, issuer, name) for name in ("Ann", "Ben", "Cem")}
        with signing(ctx, USER_PIN):  # the ceremony's acts are signed by the audit key
            for name, (pem, where) in holders.items():
                custodians.register_custodian(ctx, name, pem, where, CUSTODIAN_PIN)
            custodians.set_initial_policy(ctx, QuorumPolicy.uniform(2))
            view = propose_key_rotation(ctx, "seal", reason="hygiene test", label="seal-2")
            for name in ("Ann", "Ben"):
                rotation.decide(ctx, view.proposal_id, Decision.APPROVE, holders[name][1],
                                CUSTODIAN_PIN)
            with pytest.raises(SealDeskError) as refused:  # Ann again: one per custodian
                rotation.decide(ctx, view.proposal_id, Decision.APPROVE, holders["Ann"][1],
                                CUSTODIAN_PIN)
        texts.append(("custodian refusal", refused.value.describe()))
        rotation.execute(ctx, view.proposal_id, USER_PIN)

        assert selftest.run_selftest(ctx, USER_PIN).passed
        assert seal_documents(ctx, [pdf_factory("after-rotation")], USER_PIN).ok
        bundle = tmp_path / "bundle.zip"
        export_bundle(ctx, Selection(files=tuple(files)), bundle, USER_PIN)
        verification = verify_file(next((tmp_path / "out").iterdir()), policy_from(ctx), ctx,
                                   record=True)
        run = revalidate(ctx, Scope.everything(), policy_from(ctx), workers=1)
        reports = {"report.json": verification.report.to_json(),
                   "report.html": render_html([verification.report], "Hygiene"),
                   "revalidation.json": run_report_json(load_run_report(ctx, run.run_id))}
        with ctx.database.reader() as session:
            payloads = [bytes(p) for p in session.execute(select(AuditEntry.payload)).scalars()]
    finally:
        ctx.close()

    cli = [run_cli(sealdesk_home, "seal", str(pdf_factory("cli")), pin=USER_PIN),
           run_cli(sealdesk_home, "seal", str(pdf_factory("cli-wrong")), pin=WRONG_PIN),
           run_cli(sealdesk_home, "selftest", pin=USER_PIN),
           run_cli(sealdesk_home, "audit", "verify"),
           run_cli(sealdesk_home, "evidence", "verify", str(bundle)),
           run_cli(sealdesk_home, "verify", str(next((tmp_path / "out").iterdir())))]
    assert cli[0].returncode == 0 and cli[1].returncode == ExitCode.TOKEN, cli[1].stderr

    leaks: list[str] = []
    for record in caplog.records:
        leaks += _leaks(secrets, f"log record {record.name}", record.getMessage()
                        + str(record.args) + str(record.exc_text or ""))
    leaks += _leaks(secrets, "log text", caplog.text)
    db_file = sealdesk_home / "data" / "sealdesk.db"
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_file}{suffix}")
        if part.exists():
            leaks += _leaks(secrets, part.name, part.read_bytes())
    with sqlite3.connect(db_file) as conn:
        leaks += _leaks(secrets, "database dump", "\n".join(conn.iterdump()))
    for index, payload in enumerate(payloads):
        leaks += _leaks(secrets, f"audit event {index}", payload)
    for path in sealdesk_home.rglob("*"):
        if path.is_file():
            leaks += _leaks(secrets, str(path.relative_to(sealdesk_home)), path.read_bytes())
    for name, text in reports.items():
        leaks += _leaks(secrets, name, text)
    leaks += _leaks(secrets, "bundle.zip", bundle.read_bytes())
    with zipfile.ZipFile(bundle) as archive:
        for member in archive.namelist():
            leaks += _leaks(secrets, f"bundle member {member}", archive.read(member))
    for where, text in texts:
        leaks += _leaks(secrets, where, text)
    for number, result in enumerate(cli):
        leaks += _leaks(secrets, f"CLI run {number} ({result.args[3:5]})",
                        result.stdout + result.stderr)
    assert not leaks, "\n".join(leaks)
    assert len(payloads) > 30 and caplog.records, "the scenario really ran"
