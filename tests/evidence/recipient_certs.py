"""Recipients for encrypted evidence bundles: RSA (or other) certificates with their keys, made
with cryptography for each test, and openssl to decrypt as an auditor would by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

OPENSSL = shutil.which("openssl")
NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Holder:
    """A recipient: certificate and private key files, and the certificate's SHA-256."""

    cert: Path
    key: Path
    sha256: str


def make_holder(folder: Path, name: str, *, key: object = None,
                valid_from: dt.timedelta = dt.timedelta(days=-1),
                valid_for: dt.timedelta = dt.timedelta(days=365),
                usage: x509.KeyUsage | None = None) -> Holder:
    """A self-signed certificate for ``name`` (RSA-2048 unless ``key`` is given), written as
    ``folder/name.pem`` with its key in ``folder/name.key``."""
    private = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Audit firm")])
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
               .public_key(private.public_key())  # type: ignore[attr-defined]
               .serial_number(x509.random_serial_number())
               .not_valid_before(NOW + valid_from).not_valid_after(NOW + valid_from + valid_for))
    if usage is not None:
        builder = builder.add_extension(usage, critical=True)
    cert = builder.sign(private, hashes.SHA256())  # type: ignore[arg-type]
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(private.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return Holder(cert_path, key_path,
                  hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest())


def key_usage(*, encipher: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, content_commitment=False,
                         key_encipherment=encipher, data_encipherment=False, key_agreement=False,
                         key_cert_sign=False, crl_sign=False, encipher_only=False,
                         decipher_only=False)


def decrypt(envelope: Path, holder: Holder, out: Path) -> subprocess.CompletedProcess[str]:
    assert OPENSSL is not None
    return subprocess.run([OPENSSL, "cms", "-decrypt", "-inform", "DER", "-in", str(envelope),
                           "-recip", str(holder.cert), "-inkey", str(holder.key),
                           "-out", str(out)], capture_output=True, text=True, timeout=60)
