"""Issue 18 item 6: owner-password-only PDFs open for everyone, so they can be sealed.

Made with qpdf (an independent tool): an empty user password and an owner password that either
permits modification or forbids it. The permitted one is sealed on a real SoftHSM2 token and
checked by pdfsig and by SealDesk's own validator; the forbidding one is refused with that
reason; one that needs a password to open stays refused.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from sealdesk.config import PadesLevel
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.sealing.intake import inspect_pdf
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.sealer import Sealer
from sealdesk.core.token.keygen import store_certificate
from sealdesk.core.validation import (
    Indication,
    RevocationMode,
    ValidationPolicy,
    validate_pdf,
)
from sealdesk.errors import InputError
from tests.fixtures.independent import assert_pdfsig_valid
from tests.fixtures.tokens import SoftToken


def _protect(source: Path, target: Path, *options: str, user: str = "") -> Path:
    subprocess.run(["qpdf", "--encrypt", user, "owner-secret", "256", *options, "--",
                    str(source), str(target)], check=True)
    return target


def test_owner_password_permitting_changes_is_sealed_and_validates(
        token_with_key: SoftToken, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    protected = _protect(pdf_factory("restricted", pages=2), tmp_path / "restricted.pdf",
                         "--print=none")
    assert inspect_pdf(protected).page_count == 2

    ca = CertificateAuthority.create_root("Owner Test Root")
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_cert = ca.issue(tsa_key.public_key(), "Owner Test TSA", purpose="tsa")
    timestamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa_cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
    )
    root = asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))
    out = tmp_path / "sealed.pdf"
    with token_with_key.session() as session:
        cert = ca.issue(session.public_key("seal"), "Owner Test Seal", purpose="seal")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "seal", b"\x01")
        sealer = Sealer(session, "seal", timestamper=timestamper, chain=[root])
        policy = SealPolicy(PadesLevel.B_T, "Test seal", "Brussels", "seal",
                            sealer.certificate_sha256, None)
        with out.open("wb") as handle:
            sealer.seal(protected, handle, policy, "alice")

    assert out.read_bytes().startswith(protected.read_bytes())
    assert b"/Encrypt" in out.read_bytes()[len(protected.read_bytes()):]  # still restricted
    assert_pdfsig_valid(out)
    report = validate_pdf(out, ValidationPolicy((root,), RevocationMode.SOFT_FAIL))
    assert report.indication is Indication.PASSED, report.to_json()
    assert report.signatures[0].findings[0].message.startswith(
        "Seal is valid: made by 'Owner Test Seal'")


def test_owner_password_forbidding_changes_is_refused_with_that_reason(
        pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    locked = _protect(pdf_factory("locked"), tmp_path / "locked.pdf", "--modify=none")

    with pytest.raises(InputError) as caught:
        inspect_pdf(locked)

    assert str(caught.value).startswith(
        "locked.pdf opens for everyone, but its owner password forbids modification")
    assert "owner-secret" not in caught.value.describe()


def test_a_password_to_open_is_still_refused(pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    closed = _protect(pdf_factory("closed"), tmp_path / "closed.pdf", user="user-secret")

    with pytest.raises(InputError, match="a password is needed to open it") as caught:
        inspect_pdf(closed)
    assert "secret" not in caught.value.describe()
