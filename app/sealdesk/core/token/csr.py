"""PKCS#10 certificate signing requests signed by a key that never leaves the token.

``cryptography`` can build a CSR only with a software private key, so the request is assembled
here with asn1crypto: the CertificationRequestInfo (subject, the token key's public half, no
attributes) is DER-encoded, the token signs those bytes (:meth:`TokenSession.sign_with`, which
hashes with SHA-256 and signs ECDSA or RSA PKCS#1 v1.5), and the signature is attached. Any CA,
and ``cryptography``'s ``is_signature_valid``, can then check it like any other CSR.
"""

from __future__ import annotations

from asn1crypto import csr as asn1_csr
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sealdesk.core.token.session import TokenSession

_SIGNATURE_ALGORITHMS = {"ecdsa-sha256": "sha256_ecdsa", "rsa-pkcs1v15-sha256": "sha256_rsa"}


def build_csr(token: TokenSession, label: str, subject: x509.Name) -> bytes:
    """A DER-encoded CSR for the key pair ``label`` on the token, with ``subject``."""
    spki = token.public_key(label).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    info = asn1_csr.CertificationRequestInfo(
        {
            "version": "v1",
            "subject": asn1_x509.Name.load(subject.public_bytes()),
            "subject_pk_info": asn1_keys.PublicKeyInfo.load(spki),
            "attributes": [],
        }
    )
    signature, algorithm = token.sign_with(label, info.dump())
    request = asn1_csr.CertificationRequest(
        {
            "certification_request_info": info,
            "signature_algorithm": {"algorithm": _SIGNATURE_ALGORITHMS[algorithm]},
            "signature": signature,
        }
    )
    return request.dump()


def csr_pem(der: bytes) -> bytes:
    return x509.load_der_x509_csr(der).public_bytes(serialization.Encoding.PEM)
