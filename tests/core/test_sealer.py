"""The core Sealer on a real token, for ECDSA and RSA keys, checked by independent tools."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from sealdesk.config import PadesLevel
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.sealing.policy import SealPolicy, VisibleStamp
from sealdesk.core.sealing.sealer import Sealer
from sealdesk.core.token.keygen import store_certificate
from tests.fixtures.independent import (
    assert_pdfsig_valid,
    assert_pyhanko_trusted,
    assert_qpdf_clean,
    pdfsig,
)
from tests.fixtures.tokens import SoftToken


@pytest.fixture(scope="module")
def authority() -> tuple[CertificateAuthority, DummyTimeStamper]:
    ca = CertificateAuthority.create_root("Test Root")
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_cert = ca.issue(tsa_key.public_key(), "Test TSA", purpose="tsa")
    timestamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa_cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
        ),
    )
    return ca, timestamper


def _root(ca: CertificateAuthority) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))


def _policy(sealer: Sealer, visible: VisibleStamp | None = None) -> SealPolicy:
    return SealPolicy(PadesLevel.B_T, "Test seal", "Brussels", "seal", sealer.certificate_sha256,
                      visible)


def test_seals_with_the_token_key(token_with_key: SoftToken, authority, pdf_factory,  # type: ignore[no-untyped-def]
                                  tmp_path: Path) -> None:
    ca, timestamper = authority
    source = pdf_factory("invoice", pages=2)
    original = source.read_bytes()
    out = tmp_path / "sealed.pdf"
    with token_with_key.session() as session:
        cert = ca.issue(session.public_key("seal"), "Test Seal", purpose="seal")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "seal", b"\x01")
        sealer = Sealer(session, "seal", timestamper=timestamper, chain=[_root(ca)])
        with out.open("wb") as handle:
            outcome = sealer.seal(source, handle, _policy(sealer), "alice")
    sealed = out.read_bytes()
    assert sealed.startswith(original), "the original bytes must stay intact (incremental update)"
    assert outcome.field_name == "SealDesk-Seal-1"
    assert outcome.certificate_sha256 == hashlib.sha256(
        cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    assert_pdfsig_valid(out)
    assert_qpdf_clean(out)
    assert_pyhanko_trusted(out, _root(ca))


def test_visible_stamp_on_the_last_page(soft_token: SoftToken, authority, pdf_factory,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair

    ca, timestamper = authority
    out = tmp_path / "stamped.pdf"
    with soft_token.session() as session:
        generate_keypair(session, KeyAlgorithm.EC_P256, "seal", b"\x07")
        cert = ca.issue(session.public_key("seal"), "Stamp Seal", purpose="seal")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "seal", b"\x07")
        sealer = Sealer(session, "seal", timestamper=timestamper, chain=[_root(ca)])
        with out.open("wb") as handle:
            sealer.seal(pdf_factory("letter", pages=3), handle,
                        _policy(sealer, VisibleStamp(page=-1, box=(50, 50, 300, 120))), "bob")
    assert_pdfsig_valid(out)
    assert "/Widget" in out.read_bytes().decode("latin-1")
    assert "Stamp Seal" in pdfsig(out)


@pytest.mark.parametrize("page", [4, -4, 0])
def test_a_stamp_on_a_page_the_document_lacks_is_refused_in_words(  # type: ignore[no-untyped-def]
        soft_token: SoftToken, authority, pdf_factory, tmp_path: Path, page: int) -> None:
    """pyHanko fails deep in the page tree, which read like a damaged PDF: say what is wrong."""
    from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair
    from sealdesk.errors import InputError

    ca, timestamper = authority
    out = tmp_path / "stamped.pdf"
    with soft_token.session() as session:
        generate_keypair(session, KeyAlgorithm.EC_P256, "seal", b"\x07")
        cert = ca.issue(session.public_key("seal"), "Stamp Seal", purpose="seal")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "seal", b"\x07")
        sealer = Sealer(session, "seal", timestamper=timestamper, chain=[_root(ca)])
        with out.open("wb") as handle, pytest.raises(InputError) as refused:
            sealer.seal(pdf_factory("letter", pages=3), handle,
                        _policy(sealer, VisibleStamp(page=page, box=(50, 50, 300, 120))), "bob")
    assert "has 3 page(s)" in refused.value.message
    assert f"page {page}" in refused.value.message
    assert "without a visible stamp" in refused.value.hint
