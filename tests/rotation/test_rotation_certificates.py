"""The certificate side: CSR signed on the token, outside CA (CSR exported, certificate imported
later), certificates that do not match, the audit key, labels already in use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.actions import ProposalStatus, Step
from sealdesk.core.rotation.errors import CertificateMismatchError, ProposalStateError
from sealdesk.core.token.csr import build_csr
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_key_rotation
from tests.fixtures.tokens import SoftToken
from tests.rotation.conftest import Ceremony


@pytest.mark.parametrize("algorithm", [KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048],
                         ids=["ecdsa", "rsa"])
def test_the_csr_is_signed_by_the_token_key(soft_token: SoftToken,
                                            algorithm: KeyAlgorithm) -> None:
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example"),
                         x509.NameAttribute(NameOID.COMMON_NAME, "Example Seal")])
    with soft_token.session() as session:
        generate_keypair(session, algorithm, "k", b"\x09")
        der = build_csr(session, "k", subject)
        public = session.public_key("k")
    request = x509.load_der_x509_csr(der)
    assert request.is_signature_valid and request.subject == subject
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert request.public_key().public_bytes(*fmt) == public.public_bytes(*fmt)


def _approved(ceremony: Ceremony, **kwargs: object) -> str:
    pid = ceremony.propose_seal_rotation(**kwargs).proposal_id
    ceremony.decide(pid, "Bob")
    ceremony.decide(pid, "Carol")
    return pid


def test_outside_ca_csr_exported_then_certificate_imported(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    ctx.config = dataclasses.replace(ctx.config, demo=False)  # no demo CA: an outside CA
    pid = _approved(ceremony, label="seal-ca", algorithm=KeyAlgorithm.RSA_3072)
    waiting = rotation.execute(ctx, pid, ceremony.seal_pin)
    assert waiting.waiting_for_certificate and waiting.status == ProposalStatus.EXECUTING
    assert waiting.csr_path is not None and "--certificate FILE" in waiting.message
    request = x509.load_pem_x509_csr(waiting.csr_path.read_bytes())
    assert request.is_signature_valid
    assert "O=SealDesk Demo Organisation" in request.subject.rfc4514_string()  # kept from old

    demo = ctx.paths.demo_dir
    outside = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                            (demo / "root.pem").read_bytes())
    stranger = outside.issue(CertificateAuthority.create_root("x").key.public_key(), "Stranger",
                             purpose="seal")
    with pytest.raises(CertificateMismatchError, match="does not certify the new key"):
        rotation.execute(ctx, pid, ceremony.seal_pin,
                         certificate=stranger.public_bytes(serialization.Encoding.PEM))
    issued = outside.issue(request.public_key(), "SealDesk Seal 2", purpose="seal")  # type: ignore[arg-type]
    done = rotation.execute(ctx, pid, ceremony.seal_pin,
                            certificate=issued.public_bytes(serialization.Encoding.PEM))
    assert done.status == ProposalStatus.EXECUTED
    assert ctx.config.token.seal_key_label == "seal-ca"
    assert dict(rotation.show(ctx, pid).steps)[Step.CERTIFICATE_IMPORTED]


def test_rotating_the_audit_key_keeps_the_log_verifiable(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    pid = propose_key_rotation(ctx, "audit", reason="Audit key rotation",
                               label="audit-2").proposal_id
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Bob")
    assert rotation.execute(ctx, pid, ceremony.seal_pin).status == ProposalStatus.EXECUTED
    assert ctx.config.token.audit_key_label == "audit-2"
    cfg = ctx.config.token
    token = SoftToken(cfg.module, Path(cfg.environment["SOFTHSM2_CONF"]), cfg.label,
                      ceremony.seal_pin)
    with token.session() as session:
        signed = create_checkpoint(ctx, session)
        new_cert = session.certificate_der("audit-2")
    assert signed.checkpoint.key_id == _key_id(new_cert)
    report = verify_log(ctx)
    assert report.ok, [f.to_dict() for f in report.findings]
    assert report.checkpoints >= 2  # taken with the old key and with the new one


def test_a_label_held_by_a_foreign_key_is_never_taken_over(ceremony: Ceremony) -> None:
    pid = _approved(ceremony, label="seal-x")
    cfg = ceremony.ctx.config.token
    token = SoftToken(cfg.module, Path(cfg.environment["SOFTHSM2_CONF"]), cfg.label,
                      ceremony.seal_pin)
    with token.session() as session:
        generate_keypair(session, KeyAlgorithm.EC_P256, "seal-x", b"\x77")
    with pytest.raises(ProposalStateError, match="this rotation did not generate"):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin)
    assert ceremony.ctx.config.token.seal_key_label == "seal"


def _key_id(cert_der: bytes) -> str:
    from sealdesk.core.audit.checkpoint import key_id_for

    return key_id_for(x509.load_der_x509_certificate(cert_der).public_key())  # type: ignore[arg-type]
