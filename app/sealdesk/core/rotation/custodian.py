"""Custodians: a name and an X.509 certificate whose private key lives on their own token.

SealDesk never holds a custodian's key. It keeps the certificate and checks every approval's
signature against it, so only the person holding that token (and its PIN) can approve. The key
on the token is found by label (``key_label``, "custodian" by default) and must be the key the
certificate certifies: that is checked when the custodian is registered (proof of possession)
and on every signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cached_property

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from sealdesk.core.audit.checkpoint import key_id_for
from sealdesk.core.rotation.errors import CustodianCertificateError

DEFAULT_KEY_LABEL = "custodian"


@dataclass(frozen=True)
class Custodian:
    name: str
    certificate_der: bytes
    key_label: str = DEFAULT_KEY_LABEL
    active: bool = True

    @cached_property
    def certificate(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.certificate_der)

    @property
    def cert_sha256(self) -> str:
        """The custodian's identity in proposals, approvals and audit events."""
        return hashlib.sha256(self.certificate_der).hexdigest()

    @property
    def public_key_id(self) -> str:
        return key_id_for(self.certificate.public_key())  # type: ignore[arg-type]

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def not_after(self) -> dt.datetime:
        return self.certificate.not_valid_after_utc

    def valid_at(self, moment: dt.datetime) -> bool:
        cert = self.certificate
        return cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc

    def same_person(self, proposer: str) -> bool:
        """Whether ``proposer`` (an operator name, possibly "name (os:user)") is this custodian."""
        bare = proposer.split(" (os:", 1)[0]
        return bare.strip().casefold() == self.name.strip().casefold()


def read_certificate(data: bytes, source: str = "the certificate") -> bytes:
    """DER bytes of a PEM or DER certificate with an EC or RSA key; clear errors otherwise."""
    try:
        cert = (
            x509.load_pem_x509_certificate(data)
            if data.lstrip().startswith(b"-----BEGIN")
            else x509.load_der_x509_certificate(data)
        )
    except ValueError as exc:
        raise CustodianCertificateError(
            f"{source} is not a readable X.509 certificate.",
            hint="Give the custodian's certificate as a PEM or DER file.",
        ) from exc
    if not isinstance(cert.public_key(), ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise CustodianCertificateError(
            f"{source} certifies neither an EC nor an RSA key.",
            hint="Custodian keys must be EC (P-256/P-384) or RSA keys on the custodian's token.",
        )
    return cert.public_bytes(serialization.Encoding.DER)


def same_public_key(cert: x509.Certificate, public_key: object) -> bool:
    """Whether ``public_key`` (from a token) is the key ``cert`` certifies."""
    fmt = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    try:
        return cert.public_key().public_bytes(der, fmt) == public_key.public_bytes(der, fmt)  # type: ignore[attr-defined]
    except AttributeError:
        return False
