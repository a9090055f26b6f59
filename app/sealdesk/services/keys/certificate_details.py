"""A certificate on the seal token, in detail, and its export as PEM or DER.

What a custodian or auditor checks before trusting a key: subject, issuer, serial, validity,
key algorithm and size, key usages, the SHA-256 fingerprint, and the chain up to a configured
trust anchor. The chain is built from the certificates the token carries next to the key, then
completed from the trust anchors of the configuration; when no anchor is reached, the details
say so rather than pretending. Reading needs no PIN (certificates are public objects).

The export writes the very bytes read from the token (DER, or its PEM armour) atomically into a
0600 file, so the file can be compared with the token's certificate byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from sealdesk.core.token import open_token_session
from sealdesk.core.token.certificates import issuer_chain
from sealdesk.errors import InputError
from sealdesk.fsutil import write_output
from sealdesk.services.context import AppContext
from sealdesk.services.keys.registry import require_token, token_selector

__all__ = ["CertificateDetails", "ChainLink", "ExportFormat", "certificate_details",
           "describe_der", "export_certificate"]

_KEY_USAGES = ("digital_signature", "content_commitment", "key_encipherment",
               "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign")
_EKU_NAMES = {ExtendedKeyUsageOID.CODE_SIGNING: "code signing",
              ExtendedKeyUsageOID.EMAIL_PROTECTION: "e-mail protection",
              ExtendedKeyUsageOID.TIME_STAMPING: "time stamping",
              ExtendedKeyUsageOID.OCSP_SIGNING: "OCSP signing",
              ExtendedKeyUsageOID.CLIENT_AUTH: "client authentication",
              ExtendedKeyUsageOID.SERVER_AUTH: "server authentication"}


class ExportFormat(StrEnum):
    PEM = "pem"
    DER = "der"


@dataclass(frozen=True)
class ChainLink:
    subject: str
    sha256: str
    source: str
    """"token" (carried next to the key) or "trust anchor" (from the configuration)."""


@dataclass(frozen=True)
class CertificateDetails:
    label: str
    der: bytes = field(repr=False)
    subject: str
    issuer: str
    serial: str
    not_before: dt.datetime
    not_after: dt.datetime
    key: str
    key_usage: tuple[str, ...]
    extended_key_usage: tuple[str, ...]
    sha256: str
    chain: tuple[ChainLink, ...] = ()
    anchored: bool = False
    """True when the chain ends at one of the configured trust anchors."""

    def encoded(self, fmt: ExportFormat) -> bytes:
        if fmt == ExportFormat.DER:
            return self.der
        cert = x509.load_der_x509_certificate(self.der)
        return cert.public_bytes(serialization.Encoding.PEM)


def _key_text(cert: x509.Certificate) -> str:
    key = cert.public_key()
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name} ({key.key_size} bits)"
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA {key.key_size} bits"
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519 (256 bits)"
    return type(key).__name__


def _usages(cert: x509.Certificate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        usage = tuple(name.replace("_", " ") for name in _KEY_USAGES if getattr(ku, name))
    except x509.ExtensionNotFound:
        usage = ()
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        extended = tuple(_EKU_NAMES.get(oid, oid.dotted_string) for oid in eku)
    except x509.ExtensionNotFound:
        extended = ()
    return usage, extended


def describe_der(label: str, der: bytes, chain: tuple[ChainLink, ...] = (),
                 anchored: bool = False) -> CertificateDetails:
    cert = x509.load_der_x509_certificate(der)
    usage, extended = _usages(cert)
    return CertificateDetails(
        label, der, cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(),
        f"{cert.serial_number:x}", cert.not_valid_before_utc, cert.not_valid_after_utc,
        _key_text(cert), usage, extended, hashlib.sha256(der).hexdigest(), chain, anchored)


def _link(der: bytes, source: str) -> ChainLink:
    subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
    return ChainLink(subject, hashlib.sha256(der).hexdigest(), source)


def certificate_details(ctx: AppContext, label: str) -> CertificateDetails:
    """The certificate labelled ``label`` on the configured token, with its chain (no PIN)."""
    require_token(ctx.config)
    cfg = ctx.config.token
    with open_token_session(cfg.module, token_selector(ctx.config), None,
                            environment=cfg.environment, timeout=cfg.timeout_seconds,
                            login=False) as token:
        der = token.certificate_der(label)
        from asn1crypto import x509 as asn1_x509

        carried = issuer_chain(token, asn1_x509.Certificate.load(der))
    links = [_link(c.dump(), "token") for c in carried]
    anchors = {a.dump(): a for a in ctx.trust_anchors()}
    top = carried[-1] if carried else asn1_x509.Certificate.load(der)
    anchored = top.dump() in anchors
    if anchored and links:
        links[-1] = ChainLink(links[-1].subject, links[-1].sha256, "trust anchor")
    if not anchored:
        for anchor in anchors.values():
            if anchor.subject == top.issuer and anchor.dump() != top.dump():
                links.append(_link(anchor.dump(), "trust anchor"))
                anchored = True
                break
    return describe_der(label, der, tuple(links), anchored)


def export_certificate(details: CertificateDetails, target: Path, fmt: ExportFormat | str) -> Path:
    """Write the certificate as PEM or DER, atomically, into a 0600 file; returns the path."""
    try:
        chosen = ExportFormat(str(fmt).lower())
    except ValueError:
        raise InputError(f"Unknown certificate format {fmt!r}.",
                         hint="Use pem or der.") from None
    write_output(target, details.encoded(chosen), "exporting the certificate")
    return target
