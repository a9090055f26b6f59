"""Encrypting a finished evidence bundle to recipients' certificates (CMS EnvelopedData).

Why CMS and not a SealDesk format: the recipient is an auditor, a court expert or another
company's compliance office, and they open the bundle by hand with tools they already trust::

    openssl cms -decrypt -inform DER -in case-42.zip.p7m -recip CERT.pem -inkey KEY.pem \\
        -out case-42.zip

The output is DER ``ContentInfo``/``EnvelopedData`` (RFC 5652, the ``.p7m`` of S/MIME): the zip
encrypted once with a random AES-256-CBC content key, which is wrapped for each recipient with
RSA (PKCS#1 v1.5 key transport: what pyca/cryptography's builder offers, and what every CMS tool
reads). Everything is built by :class:`cryptography...pkcs7.PKCS7EnvelopeBuilder`; no ASN.1 is
assembled here. The content is passed with ``PKCS7Options.Binary``: without it the builder
canonicalises line endings as for a MIME text part, which silently corrupts a zip.

The builder takes the whole plaintext in memory and returns the whole ciphertext, so the bundle
is built in a bounded in-memory buffer (:class:`BundleBuffer`), never as a plaintext file on
disk, and bundles above :data:`ENCRYPTION_LIMIT` (256 MiB; about three times that is held in
memory while encrypting) are refused: export a shorter period or fewer documents per bundle.

Recipients are checked before any work is done, and again at the moment of encryption: an RSA
key of at least 2048 bits, inside its validity period, and, if the certificate has a key usage
extension, one that allows keyEncipherment (a signing-only certificate would make a bundle its
holder's key may not open).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from cryptography.x509.oid import NameOID

from sealdesk.errors import InputError

MIB = 1024 * 1024
ENCRYPTION_LIMIT = 256 * MIB
"""Largest bundle (the zip) that is encrypted; CMS encryption here works in memory."""
ENCRYPTED_SUFFIX = ".p7m"
MIN_RSA_BITS = 2048
CONTENT_CIPHER = "AES-256-CBC"
KEY_TRANSPORT = "RSA PKCS#1 v1.5"
FORMAT = "CMS EnvelopedData (RFC 5652), DER"

_ENVELOPED_DATA_OID = bytes.fromhex("06092a864886f70d010703")  # 1.2.840.113549.1.7.3
_HEAD = 32
"""ContentInfo's SEQUENCE header (at most 6 bytes) then the content type OID (11 bytes)."""


@dataclass(frozen=True)
class Recipient:
    """A certificate a bundle is encrypted to, already checked (see :func:`check_recipient`)."""

    certificate: x509.Certificate
    sha256: str
    """Hex SHA-256 of the certificate's DER: what the audit log records."""
    subject: str
    not_after: dt.datetime

    @property
    def name(self) -> str:
        """Who the certificate names, as a person reads it: "CN (O)", else the whole subject."""
        def first(oid: x509.ObjectIdentifier) -> str:
            found = self.certificate.subject.get_attributes_for_oid(oid)
            return str(found[0].value) if found else ""

        common, organisation = first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)
        if not common:
            return self.subject
        return f"{common} ({organisation})" if organisation else common

    def describe(self) -> str:
        return (f"{self.name}, valid until {self.not_after:%Y-%m-%d}, certificate SHA-256 "
                f"{self.sha256[:16]}…")


def load_recipient(data: bytes, name: str, *, now: dt.datetime | None = None) -> Recipient:
    """The one certificate in ``data`` (PEM or DER), checked as a recipient; ``name`` (the
    file's name) only names it in errors."""
    try:
        if b"-----BEGIN" in data:
            certificates = x509.load_pem_x509_certificates(data)
        else:
            certificates = [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise InputError(f"{name} is not a certificate (PEM or DER).",
                         hint="Give the recipient's X.509 certificate (.pem, .crt or .der), "
                         "not their private key or a request.") from None
    if len(certificates) != 1:
        raise InputError(f"{name} holds {len(certificates)} certificates; one recipient "
                         "certificate per file is expected.",
                         hint="Give each recipient's own certificate, one file each.")
    return check_recipient(certificates[0], name, now=now)


def check_recipient(certificate: x509.Certificate, name: str, *,
                    now: dt.datetime | None = None) -> Recipient:
    """``certificate`` as a :class:`Recipient`, or :class:`InputError` saying why it cannot be
    one (see the module docstring)."""
    subject = certificate.subject.rfc4514_string() or "(no subject)"
    label = f"The certificate {name} ({subject})"
    try:
        key = certificate.public_key()
    except ValueError:
        key = None
    if not isinstance(key, rsa.RSAPublicKey):
        kind = ("an elliptic-curve (EC)" if isinstance(key, ec.EllipticCurvePublicKey)
                else "an Ed25519" if isinstance(key, ed25519.Ed25519PublicKey)
                else "a non-RSA")
        raise InputError(f"{label} has {kind} key; bundles can be encrypted only to RSA "
                         "certificates.",
                         hint="Ask the recipient for an RSA encryption certificate: CMS "
                         "encryption here wraps the bundle's key with RSA.")
    if key.key_size < MIN_RSA_BITS:
        raise InputError(f"{label} has an RSA key of {key.key_size} bits; at least "
                         f"{MIN_RSA_BITS} are required.",
                         hint="Ask the recipient for a certificate with a stronger key.")
    moment = now or dt.datetime.now(dt.UTC)
    if moment < certificate.not_valid_before_utc:
        raise InputError(f"{label} is not valid yet (from "
                         f"{certificate.not_valid_before_utc:%Y-%m-%d %H:%M} UTC).",
                         hint="Check the computer's clock, or use the recipient's current "
                         "certificate.")
    if moment > certificate.not_valid_after_utc:
        raise InputError(f"{label} expired on "
                         f"{certificate.not_valid_after_utc:%Y-%m-%d %H:%M} UTC.",
                         hint="Ask the recipient for their current encryption certificate.")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not usage.key_encipherment:
        raise InputError(f"{label} may not be used for encryption: its key usage does not "
                         "allow keyEncipherment.",
                         hint="It is probably a signing certificate; ask the recipient for "
                         "their encryption certificate.")
    return Recipient(certificate, hashlib.sha256(certificate.public_bytes(Encoding.DER))
                     .hexdigest(), subject, certificate.not_valid_after_utc)


def unique(recipients: Sequence[Recipient]) -> list[Recipient]:
    """``recipients`` without repeats of the same certificate, in order."""
    seen: dict[str, Recipient] = {}
    for recipient in recipients:
        seen.setdefault(recipient.sha256, recipient)
    return list(seen.values())


def encrypted_path(path: Path) -> Path:
    """Where the encrypted bundle goes: ``NAME.zip`` becomes ``NAME.zip.p7m``."""
    if path.suffix.lower() == ENCRYPTED_SUFFIX:
        return path
    return path.with_name(path.name + ENCRYPTED_SUFFIX)


def too_large(size: int) -> InputError:
    return InputError(
        f"The bundle would be {size / MIB:.0f} MiB; encrypted bundles are limited to "
        f"{ENCRYPTION_LIMIT // MIB} MiB (encryption works in memory).",
        hint="Export fewer documents or a shorter period per bundle, and encrypt each.")


class BundleBuffer(io.BytesIO):
    """An in-memory write target that refuses to grow beyond ``limit`` bytes.

    The plaintext zip of a bundle to be encrypted is written here instead of to disk.
    """

    def __init__(self, limit: int = ENCRYPTION_LIMIT) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]
        end = self.tell() + len(memoryview(data))
        if end > self.limit:
            raise too_large(end)
        return super().write(data)


def encrypt_bundle(plaintext: bytes | memoryview, recipients: Sequence[Recipient], *,
                   now: dt.datetime | None = None) -> bytes:
    """The DER CMS EnvelopedData of ``plaintext`` for every recipient (AES-256-CBC).

    Each recipient is checked again at ``now`` (a certificate may expire between choosing it
    and exporting). :class:`InputError` for no recipient, a bad one, or a bundle larger than
    :data:`ENCRYPTION_LIMIT`.
    """
    chosen = unique(recipients)
    if not chosen:
        raise InputError("No recipient certificate was given to encrypt the bundle to.",
                         hint="Give at least one recipient's RSA encryption certificate.")
    if len(plaintext) > ENCRYPTION_LIMIT:
        raise too_large(len(plaintext))
    builder = pkcs7.PKCS7EnvelopeBuilder().set_data(plaintext)
    for recipient in chosen:
        check_recipient(recipient.certificate, recipient.sha256[:16], now=now)
        builder = builder.add_recipient(recipient.certificate)
    builder = builder.set_content_encryption_algorithm(algorithms.AES256)
    return builder.encrypt(Encoding.DER, [pkcs7.PKCS7Options.Binary])


def is_encrypted_bundle(head: bytes) -> bool:
    """True when ``head`` (a file's first bytes) begins a DER CMS EnvelopedData."""
    return head[:1] == b"\x30" and _ENVELOPED_DATA_OID in head[:_HEAD]


def encrypted_bundle_error(path: Path) -> InputError:
    """What to say when someone asks SealDesk to check a bundle that is still encrypted."""
    plain = path.name.removesuffix(ENCRYPTED_SUFFIX) if path.name.lower().endswith(
        ENCRYPTED_SUFFIX) else path.name + ".zip"
    if not plain.lower().endswith(".zip"):
        plain += ".zip"
    command = (f"openssl cms -decrypt -inform DER -in {shlex.quote(str(path))} "
               f"-recip YOUR-CERT.pem -inkey YOUR-KEY.pem -out {shlex.quote(plain)}")
    return InputError(
        f"{path.name}: this bundle is encrypted (CMS EnvelopedData); decrypt it first, then "
        "check the zip.",
        hint=f"Decrypt it with the recipient's certificate and private key: {command}")
