"""Issue 21 item 4: losing the console token never loses the archive.

End to end through the CLI with two SoftHSM tokens: the store is encrypted with a recovery
custodian's certificate (its key made on a second token, decrypt only), documents are sealed,
the console token's key-encryption key is destroyed (the token is lost), and ``sealdesk keys
recover`` with the recovery token makes every document readable again under a new KEK.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from sealdesk.cli.main import cli
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token import TokenSelector
from sealdesk.core.token.storage_key import (
    KeyNotFoundError,
    destroy_storage_key,
    find_storage_keys,
    generate_recovery_keypair,
)
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.unlock import store_unlocked
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.fixtures.tokens import SoftToken

RECOVERY_PIN = "60413"


def _recovery_certificate(public_key: rsa.RSAPublicKey, folder: Path) -> Path:
    """The custodian's recovery certificate, issued by a (software) custodian CA."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Custodian CA")])
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Recovery — R. Vault")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(public_key).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=True,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    path = folder / "recovery.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def _run(args: list[str], **env: str) -> str:
    result = CliRunner().invoke(cli, args, env={"SEALDESK_PIN": DEMO_PIN, **env})
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_keys_recover_with_a_second_token_restores_every_document(
        demo_ctx: AppContext, tmp_path: Path) -> None:
    cfg = demo_ctx.config.token
    console = SoftToken(cfg.module, Path(cfg.environment["SOFTHSM2_CONF"]),
                        TokenSelector.from_config(cfg).label, DEMO_PIN)
    vault = SoftToken(console.module, console.conf, "unused", RECOVERY_PIN).add_token("Vault")
    with vault.session() as session:
        public = generate_recovery_keypair(session, "recovery-1", b"rc-1")
    certificate = _recovery_certificate(public, tmp_path)

    out = _run(["store", "encrypt", "--recovery-cert", str(certificate)])
    assert "recovery" in out
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = [make_text_pdf(inbox / f"d{i}.pdf", f"d{i}", ["Kept for ten years"])
             for i in range(3)]
    _run(["seal", *map(str, files)])

    with console.session() as session:  # the console token is lost: its KEK is gone
        lost = find_storage_keys(session)
        for key in lost:
            destroy_storage_key(session, key.generation)
    demo_ctx.store.reload_encryption()
    with demo_ctx.database.reader() as session:
        sealed = list(session.scalars(Seal.__table__.select().with_only_columns(
            Seal.sealed_sha256)))
    with store_unlocked(demo_ctx, DEMO_PIN), pytest.raises(KeyNotFoundError):
        demo_ctx.store.verify(sealed[0])

    out = _run(["keys", "recover", "--recovery-module", vault.module,
                "--recovery-token", "Vault", "--recovery-key", "recovery-1"],
               SEALDESK_CUSTODIAN_PIN=RECOVERY_PIN)
    assert "3 document key(s) wrapped" in out

    demo_ctx.store.reload_encryption()
    with store_unlocked(demo_ctx, DEMO_PIN):  # the console token's new KEK opens them all
        assert all(demo_ctx.store.verify(sha) for sha in sealed)
    with console.session() as session:
        assert [k.generation for k in find_storage_keys(session)] == [2]
    with demo_ctx.database.reader() as session:
        rewrapped = session.scalars(select(AuditEntry.payload).where(
            AuditEntry.event_type == "storage.keys_rewrapped")).all()
    assert len(rewrapped) == 1 and b'"rewrapped":3' in bytes(rewrapped[0]).replace(b" ", b"")
