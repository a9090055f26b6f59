"""The snapshot manifest: what a snapshot holds, every file with its SHA-256, signed.

The manifest is canonical JSON (the audit log's encoding), so its bytes, and therefore its hash,
are reproducible. It names every file of the snapshot (database copy, store objects) with size
and SHA-256, the audit log's size, head and Merkle root as they were in the copied database, the
latest checkpoint then, and the installation (the hash of the log's first entry: two
installations never share it). ``format`` keeps these bytes apart from anything else the audit
key signs (checkpoints, reports).

Next to it, ``manifest.sig`` holds the audit key's signature with the certificate, and
``manifest.tsr`` an RFC 3161 timestamp token over the manifest's SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.checkpoint import SignatureAlgorithm, key_id_for
from sealdesk.errors import RecordIntegrityError

MANIFEST_FORMAT = "sealdesk.snapshot.manifest/1"
SIGNATURE_FORMAT = "sealdesk.snapshot.signature/1"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
TIMESTAMP_NAME = "manifest.tsr"


@dataclass(frozen=True)
class EarlierObject:
    """An object file in an earlier snapshot, and the SHA-256 its manifest lists for it."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class FileEntry:
    """One file of the snapshot: its path inside the snapshot, size and SHA-256."""

    path: str
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


def encode_manifest(manifest: dict[str, Any]) -> bytes:
    """The exact bytes written to ``manifest.json`` and signed."""
    return canonical_json({**manifest, "format": MANIFEST_FORMAT})


def decode_manifest(data: bytes, where: str) -> dict[str, Any]:
    """Parse ``manifest.json``; a damaged or foreign file is an integrity failure naming it."""
    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordIntegrityError(
            f"{where} is not a readable snapshot manifest ({exc.__class__.__name__}).",
            hint="The snapshot is damaged; verify another snapshot or take a new one.",
        ) from None
    if not isinstance(obj, dict) or obj.get("format") != MANIFEST_FORMAT:
        raise RecordIntegrityError(
            f"{where} is not a SealDesk snapshot manifest.",
            hint="Point the command at a folder made by 'sealdesk snapshot create'.",
        )
    return obj


def manifest_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_signature(algorithm: str, signature: bytes, certificate_pem: bytes) -> bytes:
    """``manifest.sig``: the audit key's signature over the manifest bytes, with its cert."""
    return canonical_json({
        "format": SIGNATURE_FORMAT,
        "algorithm": algorithm,
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate": certificate_pem.decode("ascii"),
    })


@dataclass(frozen=True)
class SignatureCheck:
    """A manifest signature that verified: which key (id) and which certificate signed it."""

    key_id: str
    certificate: x509.Certificate


def verify_signature(manifest_bytes: bytes, sig_bytes: bytes, where: str) -> SignatureCheck:
    """Check ``manifest.sig`` over ``manifest_bytes``; raises naming ``where`` when it fails."""
    try:
        obj = json.loads(sig_bytes)
        if obj.get("format") != SIGNATURE_FORMAT:
            raise ValueError("not a snapshot signature")
        algorithm = SignatureAlgorithm(obj["algorithm"])
        signature = base64.b64decode(obj["signature"], validate=True)
        certificate = x509.load_pem_x509_certificate(obj["certificate"].encode("ascii"))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RecordIntegrityError(
            f"{where} is not a readable snapshot signature ({exc}).",
            hint="The snapshot is damaged or was not made by SealDesk; do not restore it.",
        ) from None
    key = certificate.public_key()
    try:
        if algorithm is SignatureAlgorithm.ECDSA_SHA256 and isinstance(
                key, ec.EllipticCurvePublicKey):
            key.verify(signature, manifest_bytes, ec.ECDSA(hashes.SHA256()))
        elif algorithm is SignatureAlgorithm.RSA_PKCS1V15_SHA256 and isinstance(
                key, rsa.RSAPublicKey):
            key.verify(signature, manifest_bytes, padding.PKCS1v15(), hashes.SHA256())
        else:
            raise InvalidSignature
    except InvalidSignature:
        raise RecordIntegrityError(
            f"{where}: the signature does not match the manifest; the manifest was changed or "
            "replaced after the snapshot was taken.",
            hint="Do not restore this snapshot; keep it as it is for investigation.",
        ) from None
    return SignatureCheck(key_id_for(key), certificate)  # type: ignore[arg-type]


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)
