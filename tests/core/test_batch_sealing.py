"""The batch optimizations of the Sealer keep every seal valid (issue 9).

One signature-size estimate per batch, signed attributes encoded once per batch, one event loop
per batch: these tests seal several documents with one Sealer and check each seal with
independent tools, check that the fast paths are really taken (a silent fallback would only cost
speed, so it is asserted here), and that a signature outgrowing the reserve is redone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from sealdesk.config import PadesLevel
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.sealing.batch_cms import INVARIANT_TYPES
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.reserve import reserve_too_small
from sealdesk.core.sealing.sealer import Sealer
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from tests.fixtures.independent import assert_pdfsig_valid, assert_pyhanko_trusted
from tests.fixtures.tokens import SoftToken


@pytest.fixture(scope="module")
def authority() -> tuple[CertificateAuthority, DummyTimeStamper]:
    ca = CertificateAuthority.create_root("Batch Test Root")
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_cert = ca.issue(tsa_key.public_key(), "Batch Test TSA", purpose="tsa")
    return ca, DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa_cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
    )


def _root(ca: CertificateAuthority) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))


def _seal_all(session, ca, timestamper, files: list[Path], out: Path,  # type: ignore[no-untyped-def]
              reserve: int | None = None) -> Sealer:
    generate_keypair(session, KeyAlgorithm.EC_P256, "seal", b"\x09")
    cert = ca.issue(session.public_key("seal"), "Batch Seal", purpose="seal")
    store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "seal", b"\x09")
    sealer = Sealer(session, "seal", timestamper=timestamper, chain=[_root(ca)])
    if reserve is not None:
        sealer._reserve[True] = reserve  # white box: a reserve too small for any signature
    policy = SealPolicy(PadesLevel.B_T, "Batch", "Ghent", "seal", sealer.certificate_sha256)
    out.mkdir()
    for source in files:
        with (out / source.name).open("x+b") as handle:
            sealer.seal(source, handle, policy, "carol")
    sealer.forget_pin()
    return sealer


def test_every_seal_of_a_batch_is_valid_and_the_fast_paths_are_taken(  # type: ignore[no-untyped-def]
        soft_token: SoftToken, authority, pdf_factory, tmp_path: Path) -> None:
    ca, timestamper = authority
    files = [pdf_factory(f"batch-{i}", pages=1 + i) for i in range(3)]
    with soft_token.session() as session:
        sealer = _seal_all(session, ca, timestamper, files, tmp_path / "out")
    templates = [t for t in sealer._signer._templates.values() if t is not None]
    assert templates, "the signed-attribute template was never used"
    assert {a["type"].native for a in templates[0]} <= INVARIANT_TYPES
    frozen = sealer._signer._certificates
    assert frozen is not None, "the certificate set was rebuilt for every document"
    for source in files:
        sealed = tmp_path / "out" / source.name
        assert sealed.read_bytes().startswith(source.read_bytes())
        assert_pdfsig_valid(sealed)
        assert_pyhanko_trusted(sealed, _root(ca))
        with sealed.open("rb") as handle:
            embedded = PdfFileReader(handle).embedded_signatures[0]
            signed = embedded.signer_info["signed_attrs"]
            assert [a["type"].native for a in signed].count("message_digest") == 1
            carried = embedded.signed_data["certificates"]  # the seal certificate and its chain
            assert carried.dump() == frozen.dump()
            assert {c.chosen.subject.native["common_name"] for c in carried} == {
                "Batch Seal", "Batch Test Root"}


def test_a_signature_that_outgrows_the_reserve_is_redone(  # type: ignore[no-untyped-def]
        soft_token: SoftToken, authority, pdf_factory, tmp_path: Path) -> None:
    ca, timestamper = authority
    files = [pdf_factory("tight")]
    with soft_token.session() as session:
        _seal_all(session, ca, timestamper, files, tmp_path / "out", reserve=64)
    assert_pdfsig_valid(tmp_path / "out" / "tight.pdf")
    assert_pyhanko_trusted(tmp_path / "out" / "tight.pdf", _root(ca))


def test_pyhankos_overflow_error_is_recognised(pdf_factory, authority) -> None:  # type: ignore[no-untyped-def]
    """The retry depends on pyHanko's wording; a pyHanko upgrade that changes it fails here."""
    ca, _ = authority
    from pyhanko.sign.signers import SimpleSigner

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = ca.issue(key.public_key(), "Overflow", purpose="seal")
    signer = SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=None,
    )
    meta = signers.PdfSignatureMetadata(field_name="S", subfilter=fields.SigSeedSubFilter.PADES)
    with pdf_factory("small").open("rb") as handle, pytest.raises(SigningError) as caught:
        signers.PdfSigner(meta, signer).sign_pdf(IncrementalPdfFileWriter(handle),
                                                 bytes_reserved=64)
    assert reserve_too_small(caught.value)
