"""Encrypted bundles: CMS EnvelopedData that `openssl cms -decrypt` opens into the same bundle.

Real components throughout: the demo installation's token signs the bundle, the recipients'
RSA certificates and keys are made here with cryptography, and the system's openssl decrypts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from sqlalchemy import select

from sealdesk.cli.main import cli
from sealdesk.core.audit.events import EventType
from sealdesk.core.evidence import verify_bundle
from sealdesk.core.evidence.encrypt_bundle import (
    BundleBuffer,
    check_recipient,
    encrypt_bundle,
    load_recipient,
)
from sealdesk.errors import InputError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.storage.audit.models import AuditEntry
from tests.evidence.conftest import Installation, copy_installation
from tests.evidence.recipient_certs import NOW, OPENSSL, decrypt, key_usage, make_holder

needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")


def _outcome(path: Path) -> tuple[object, ...]:
    verdict = verify_bundle(path)
    return (verdict.ok, verdict.anchored, verdict.headline().split(":")[0],
            [(d.name, d.sealed_sha256, d.indication, d.ok) for d in verdict.documents])


def _exported_events(ctx: AppContext) -> list[dict]:  # type: ignore[type-arg]
    with ctx.database.reader() as session:
        rows = session.execute(select(AuditEntry).where(
            AuditEntry.event_type == EventType.EVIDENCE_EXPORTED.value)).scalars()
        return [json.loads(row.payload) for row in rows]


@needs_openssl
def test_an_encrypted_export_opens_with_openssl_into_a_bundle_that_verifies(
        own_ctx: AppContext, installation: Installation, tmp_path: Path) -> None:
    alice = make_holder(tmp_path / "keys", "alice", usage=key_usage(encipher=True))
    bob = make_holder(tmp_path / "keys", "bob")  # no key usage extension: any use allowed
    mallory = make_holder(tmp_path / "keys", "mallory")
    recipients = [load_recipient(h.cert.read_bytes(), h.cert.name) for h in (alice, bob, alice)]
    out = tmp_path / "handed-over"
    result = export_bundle(own_ctx, Selection(files=installation.originals), out / "case.zip",
                           DEMO_PIN, encrypt_to=recipients)

    assert result.path == out / "case.zip.p7m"
    assert sorted(p.name for p in out.iterdir()) == ["case.zip.p7m"]  # no plaintext, no .part
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert result.encrypted_for == (alice.sha256, bob.sha256)  # alice once
    assert result.bundle_sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert not zipfile.is_zipfile(result.path)

    opened = tmp_path / "opened"
    opened.mkdir()
    for holder in (alice, bob):
        done = decrypt(result.path, holder, opened / f"{holder.cert.stem}.zip")
        assert done.returncode == 0, done.stderr
        plain = opened / f"{holder.cert.stem}.zip"
        assert hashlib.sha256(plain.read_bytes()).hexdigest() == result.zip_sha256
        assert _outcome(plain) == _outcome(installation.bundle)
    refused = decrypt(result.path, mallory, opened / "mallory.zip")
    assert refused.returncode != 0
    wrong = opened / "mallory.zip"
    assert not wrong.exists() or not zipfile.is_zipfile(wrong)

    event = _exported_events(own_ctx)[-1]
    assert event["subject"] == {"bundle_sha256": result.bundle_sha256}
    encryption = event["details"]["encryption"]
    assert encryption["recipient_certificates_sha256"] == [alice.sha256, bob.sha256]
    assert encryption["zip_sha256"] == result.zip_sha256
    assert encryption["content_cipher"] == "AES-256-CBC"
    assert event["details"]["path"] == str(result.path.resolve())
    assert "alice" not in json.dumps(event)  # fingerprints only, no names, never the content


def test_a_bundle_encrypted_in_the_core_decrypts_to_the_same_bytes(
        installation: Installation, tmp_path: Path) -> None:
    if OPENSSL is None:
        pytest.skip("openssl is not installed")
    carol = make_holder(tmp_path, "carol")
    plain = installation.bundle.read_bytes()
    envelope = tmp_path / "bundle.zip.p7m"
    envelope.write_bytes(encrypt_bundle(plain, [load_recipient(carol.cert.read_bytes(), "c")]))
    assert decrypt(envelope, carol, tmp_path / "back.zip").returncode == 0
    assert (tmp_path / "back.zip").read_bytes() == plain  # byte for byte: no MIME line endings


def test_checking_an_encrypted_bundle_says_how_to_decrypt_it(
        installation: Installation, tmp_path: Path) -> None:
    dave = make_holder(tmp_path, "dave")
    envelope = tmp_path / "case 7.zip.p7m"
    envelope.write_bytes(encrypt_bundle(installation.bundle.read_bytes(),
                                        [load_recipient(dave.cert.read_bytes(), "d")]))
    with pytest.raises(InputError, match="this bundle is encrypted") as caught:
        verify_bundle(envelope)
    assert ("openssl cms -decrypt -inform DER -in " f"'{envelope}'") in caught.value.hint
    assert "-out 'case 7.zip'" in caught.value.hint

    result = CliRunner().invoke(cli, ["evidence", "verify", str(envelope)],
                                catch_exceptions=False)
    assert result.exit_code == ExitCode.INPUT, result.output
    assert "this bundle is encrypted" in result.output
    assert "openssl cms -decrypt -inform DER -in" in result.output


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: make_holder(d, "ec", key=ec.generate_private_key(ec.SECP256R1())),
     r"has an elliptic-curve \(EC\) key; bundles can be encrypted only to RSA"),
    (lambda d: make_holder(d, "expired", valid_from=dt.timedelta(days=-30),
                       valid_for=dt.timedelta(days=10)), "expired on"),
    (lambda d: make_holder(d, "future", valid_from=dt.timedelta(days=2)), "is not valid yet"),
    (lambda d: make_holder(d, "signer", usage=key_usage(encipher=False)),
     "does not allow keyEncipherment"),
    (lambda d: make_holder(d, "weak", key=rsa.generate_private_key(65537, 1024)),
     "RSA key of 1024 bits"),
])
def test_unusable_recipient_certificates_are_refused_with_the_reason(
        tmp_path: Path, make: object, message: str) -> None:
    holder = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError, match=message) as caught:
        load_recipient(holder.cert.read_bytes(), holder.cert.name)
    assert holder.cert.name in caught.value.message and caught.value.hint


def test_what_is_not_one_certificate_is_refused(tmp_path: Path) -> None:
    one = make_holder(tmp_path, "one")
    with pytest.raises(InputError, match="is not a certificate"):
        load_recipient(one.key.read_bytes(), one.key.name)
    two = one.cert.read_bytes() + make_holder(tmp_path, "two").cert.read_bytes()
    with pytest.raises(InputError, match="holds 2 certificates"):
        load_recipient(two, "both.pem")
    der = x509.load_pem_x509_certificate(one.cert.read_bytes()).public_bytes(
        serialization.Encoding.DER)
    assert load_recipient(der, "one.der").sha256 == one.sha256


def test_the_plaintext_buffer_refuses_to_grow_beyond_its_limit(tmp_path: Path) -> None:
    buffer = BundleBuffer(limit=4096)
    with (pytest.raises(InputError, match="encrypted bundles are limited to") as caught,
          zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive):
        archive.writestr("big.bin", os.urandom(8192))
    assert "shorter period" in caught.value.hint


def test_the_cli_refuses_an_unusable_recipient_before_the_pin_and_writes_nothing(
        installation: Installation, tmp_path: Path) -> None:
    copy_installation(installation.home, tmp_path / "copy")
    ec_holder = make_holder(tmp_path, "ec-auditor", key=ec.generate_private_key(ec.SECP256R1()))
    expired = make_holder(tmp_path, "old-auditor", valid_from=dt.timedelta(days=-400))
    env = {"SEALDESK_HOME": str(tmp_path / "copy"), "SEALDESK_PIN": DEMO_PIN}
    for holder, words in ((ec_holder, "only to RSA certificates"), (expired, "expired on")):
        result = CliRunner().invoke(cli, [
            "evidence", "export", str(installation.originals[0]), "--out",
            str(tmp_path / "out" / "case.zip"), "--encrypt-to", str(holder.cert)],
            env=env, catch_exceptions=False)
        assert result.exit_code == ExitCode.INPUT, result.output
        assert words in result.output
    assert not (tmp_path / "out").exists()


@needs_openssl
def test_the_cli_writes_only_the_encrypted_bundle_and_names_the_recipients(
        installation: Installation, tmp_path: Path) -> None:
    copy_installation(installation.home, tmp_path / "copy")
    erin = make_holder(tmp_path / "keys", "erin")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [
        "evidence", "export", str(installation.originals[1]), "--out", str(out / "case.zip"),
        "--encrypt-to", str(erin.cert)],
        env={"SEALDESK_HOME": str(tmp_path / "copy"), "SEALDESK_PIN": DEMO_PIN},
        catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Encrypted for the certificate with SHA-256 {erin.sha256}" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["case.zip.p7m"]
    assert decrypt(out / "case.zip.p7m", erin, tmp_path / "case.zip").returncode == 0
    verdict = verify_bundle(tmp_path / "case.zip")
    assert verdict.ok and [d.name for d in verdict.documents] == ["contract-b.pdf"]


def test_a_recipient_checked_earlier_is_checked_again_when_exporting(
        own_ctx: AppContext, installation: Installation, tmp_path: Path) -> None:
    frank = make_holder(tmp_path, "frank", valid_from=dt.timedelta(days=-20),
                    valid_for=dt.timedelta(days=10))
    cert = x509.load_pem_x509_certificate(frank.cert.read_bytes())
    chosen_then = check_recipient(cert, "frank.pem", now=NOW - dt.timedelta(days=15))
    before = len(_exported_events(own_ctx))
    with pytest.raises(InputError, match="expired on"):
        export_bundle(own_ctx, Selection(files=installation.originals), tmp_path / "x.zip",
                      DEMO_PIN, encrypt_to=[chosen_then])
    assert not list(tmp_path.glob("x.zip*")) and len(_exported_events(own_ctx)) == before
