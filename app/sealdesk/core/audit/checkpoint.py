"""Signed checkpoints: the audit key's statement "the log had N entries and this Merkle root".

A checkpoint pins the whole log up to its size; with a consistency proof, every later checkpoint
shows that nothing before it was changed. Checkpoints also chain: each names the hash of the one
before, so deleting a checkpoint is visible too.

The signed bytes are the canonical JSON (see :mod:`sealdesk.core.audit.canonical`) of::

    {"console_id": ..., "format": "sealdesk.audit.checkpoint/1", "key_id": "<64 hex>",
     "previous_checkpoint_hash": "<64 hex>" | null, "root_hash": "<64 hex>",
     "software_version": ..., "time": "YYYY-MM-DDTHH:MM:SS.ffffffZ", "tree_size": N}

``format`` separates these bytes from anything else the same key might ever sign. ``key_id`` is
the lowercase hex SHA-256 of the audit public key's DER SubjectPublicKeyInfo: anyone holding the
certificate can recompute it, so a checkpoint names its key verifiably, and a new key after a
rotation gets a new id by itself. The checkpoint hash is SHA-256 of the signed bytes (not of the
signature, which for ECDSA is randomised).

Signatures are ECDSA with SHA-256 (DER-encoded, as X.509 and :mod:`cryptography` expect) or RSA
PKCS #1 v1.5 with SHA-256, computed by a :class:`CheckpointSigner`, in production the PKCS#11
token that holds the audit key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from sealdesk.core import bounded_json
from sealdesk.core.audit.canonical import canonical_json, format_time, parse_time
from sealdesk.errors import InputError, RecordIntegrityError

CHECKPOINT_FORMAT = "sealdesk.audit.checkpoint/1"
FILE_FORMAT = "sealdesk-audit-checkpoint"
FILE_VERSION = 1

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHECKPOINT_KEYS = frozenset(
    {
        "format",
        "tree_size",
        "root_hash",
        "time",
        "previous_checkpoint_hash",
        "console_id",
        "software_version",
        "key_id",
    }
)

PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey


class SignatureAlgorithm(StrEnum):
    """How a checkpoint is signed; the value is what files store."""

    ECDSA_SHA256 = "ecdsa-sha256"
    RSA_PKCS1V15_SHA256 = "rsa-pkcs1v15-sha256"


def key_id_for(public_key: PublicKey) -> str:
    """Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo."""
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).hexdigest()


def _hash_field(name: str, value: object, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, bytes) or len(value) != 32:
        raise ValueError(f"{name} must be a 32-byte SHA-256 hash")


@dataclass(frozen=True)
class Checkpoint:
    """What the audit key signs. ``time`` is stored in UTC."""

    tree_size: int
    root_hash: bytes
    time: datetime
    previous_checkpoint_hash: bytes | None
    console_id: str
    software_version: str
    key_id: str

    def __post_init__(self) -> None:
        size = self.tree_size
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ValueError(f"tree_size must be a non-negative integer, not {size!r}")
        _hash_field("root_hash", self.root_hash)
        _hash_field("previous_checkpoint_hash", self.previous_checkpoint_hash, optional=True)
        if not isinstance(self.time, datetime) or self.time.utcoffset() is None:
            raise ValueError("checkpoint time must be a timezone-aware datetime")
        object.__setattr__(self, "time", self.time.astimezone(UTC))
        for name in ("console_id", "software_version"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string")
        if not isinstance(self.key_id, str) or not _HEX64.fullmatch(self.key_id):
            raise ValueError("key_id must be 64 lowercase hex digits (see key_id_for)")

    def to_dict(self) -> dict[str, Any]:
        """The JSON object whose canonical bytes are signed."""
        prev = self.previous_checkpoint_hash
        return {
            "format": CHECKPOINT_FORMAT,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash.hex(),
            "time": format_time(self.time),
            "previous_checkpoint_hash": None if prev is None else prev.hex(),
            "console_id": self.console_id,
            "software_version": self.software_version,
            "key_id": self.key_id,
        }

    @classmethod
    def from_dict(cls, obj: Any) -> Checkpoint:
        """Inverse of :meth:`to_dict`; :class:`ValueError` names what is wrong."""
        if not isinstance(obj, dict):
            raise ValueError("a checkpoint must be a JSON object")
        if set(obj) != _CHECKPOINT_KEYS:
            missing, extra = (
                sorted(_CHECKPOINT_KEYS - set(obj)),
                sorted(set(obj) - _CHECKPOINT_KEYS),
            )
            raise ValueError(f"checkpoint fields wrong: missing {missing}, unexpected {extra}")
        if obj["format"] != CHECKPOINT_FORMAT:
            raise ValueError(f"unsupported checkpoint format {obj['format']!r}")
        prev = obj["previous_checkpoint_hash"]
        return cls(
            tree_size=obj["tree_size"],
            root_hash=_hex32("root_hash", obj["root_hash"]),
            time=parse_time(obj["time"]),
            previous_checkpoint_hash=None if prev is None else _hex32("previous", prev),
            console_id=obj["console_id"],
            software_version=obj["software_version"],
            key_id=obj["key_id"],
        )

    def signed_bytes(self) -> bytes:
        """The exact bytes the audit key signs."""
        return canonical_json(self.to_dict())

    def checkpoint_hash(self) -> bytes:
        """SHA-256 of :meth:`signed_bytes`; the next checkpoint's ``previous_checkpoint_hash``."""
        return hashlib.sha256(self.signed_bytes()).digest()


def _hex32(name: str, value: object) -> bytes:
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise ValueError(f"{name} must be 64 lowercase hex digits")
    return bytes.fromhex(value)


@dataclass(frozen=True)
class SignedCheckpoint:
    """A checkpoint with the audit key's signature over its :meth:`~Checkpoint.signed_bytes`."""

    checkpoint: Checkpoint
    signature: bytes
    algorithm: SignatureAlgorithm

    def __post_init__(self) -> None:
        object.__setattr__(self, "algorithm", SignatureAlgorithm(self.algorithm))
        if not isinstance(self.signature, bytes) or not self.signature:
            raise ValueError("signature must be non-empty bytes")


class CheckpointSigner(Protocol):
    """Signs checkpoints with the audit key; the token layer implements it.

    ``sign(data)`` returns the signature over SHA-256 of ``data`` in the standard encoding: DER
    for ECDSA, PKCS #1 v1.5 for RSA. A PKCS#11 raw ``CKM_ECDSA`` signature over the digest is
    ``r || s``; convert it with :func:`ecdsa_raw_to_der`.
    """

    @property
    def algorithm(self) -> str: ...

    @property
    def key_id(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...


def sign_checkpoint(checkpoint: Checkpoint, signer: CheckpointSigner) -> SignedCheckpoint:
    """Sign ``checkpoint``; refuses a signer whose key is not the one the checkpoint names."""
    if signer.key_id != checkpoint.key_id:
        raise ValueError(
            f"the checkpoint names key {checkpoint.key_id[:16]}… but the signer holds key "
            f"{signer.key_id[:16]}…"
        )
    algorithm = SignatureAlgorithm(signer.algorithm)
    return SignedCheckpoint(checkpoint, signer.sign(checkpoint.signed_bytes()), algorithm)


def ecdsa_raw_to_der(signature: bytes) -> bytes:
    """Convert a PKCS#11 raw ECDSA signature (``r || s``, equal halves) to DER."""
    if not signature or len(signature) % 2:
        raise ValueError("a raw ECDSA signature is r || s: two halves of equal length")
    half = len(signature) // 2
    r = int.from_bytes(signature[:half], "big")
    s = int.from_bytes(signature[half:], "big")
    if r == 0 or s == 0:
        raise ValueError("a raw ECDSA signature cannot have r or s equal to zero")
    return encode_dss_signature(r, s)


def verify_checkpoint_signature(
    signed: SignedCheckpoint, public_key_or_cert: PublicKey | x509.Certificate
) -> None:
    """Raise :class:`RecordIntegrityError` unless ``signed`` carries a valid signature by this key.

    The key must also be the one the checkpoint names (``key_id``) and fit the algorithm, so a
    checkpoint cannot be passed off as signed by another key.
    """
    key = (
        public_key_or_cert.public_key()
        if isinstance(public_key_or_cert, x509.Certificate)
        else public_key_or_cert
    )
    cp = signed.checkpoint
    what = f"the checkpoint at tree size {cp.tree_size} ({format_time(cp.time)})"
    if not isinstance(key, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise RecordIntegrityError(f"{what} cannot be checked with a {type(key).__name__}")
    if key_id_for(key) != cp.key_id:
        raise RecordIntegrityError(
            f"{what} was signed by key {cp.key_id[:16]}…, not by the key of this certificate "
            f"({key_id_for(key)[:16]}…)",
            hint="Use the audit certificate that was active when the checkpoint was taken.",
        )
    try:
        if signed.algorithm is SignatureAlgorithm.ECDSA_SHA256:
            if not isinstance(key, ec.EllipticCurvePublicKey):
                raise RecordIntegrityError(
                    f"{what} claims ECDSA but the audit key is not an EC key")
            key.verify(signed.signature, cp.signed_bytes(), ec.ECDSA(hashes.SHA256()))
        else:
            if not isinstance(key, rsa.RSAPublicKey):
                raise RecordIntegrityError(f"{what} claims RSA but the audit key is not an RSA key")
            key.verify(signed.signature, cp.signed_bytes(), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise RecordIntegrityError(
            f"the signature of {what} is not valid: the checkpoint was altered after signing",
            hint="Do not rely on this checkpoint; keep the files as they are for investigation.",
        ) from None


def check_successor(previous: Checkpoint, current: Checkpoint) -> None:
    """Raise :class:`RecordIntegrityError` unless ``current`` directly follows ``previous``.

    The tree never shrinks and ``current`` names ``previous`` by hash; the roots themselves are
    related by a consistency proof, checked separately.
    """
    if current.previous_checkpoint_hash != previous.checkpoint_hash():
        raise RecordIntegrityError(
            f"the checkpoint at tree size {current.tree_size} does not name the checkpoint "
            f"before it (tree size {previous.tree_size}): a checkpoint was removed or replaced"
        )
    if current.tree_size < previous.tree_size:
        raise RecordIntegrityError(
            f"the log shrank from {previous.tree_size} to {current.tree_size} entries"
        )


def load_certificates(pem: bytes, what: str = "certificate") -> list[x509.Certificate]:
    """Parse one or more PEM certificates; :class:`InputError` if there are none or they are bad."""
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError as ex:
        raise InputError(
            f"the {what} is not a PEM certificate ({ex})",
            hint="Expect text starting with -----BEGIN CERTIFICATE-----.",
        ) from None
    return certs


@dataclass(frozen=True)
class CheckpointFile:
    """A signed checkpoint with the PEM of the audit certificate that verifies it."""

    signed: SignedCheckpoint
    certificate_pem: bytes

    @property
    def certificate(self) -> x509.Certificate:
        return load_certificates(self.certificate_pem)[0]


@dataclass(frozen=True)
class SignerCheck:
    """Which certificate verified a checkpoint, and whether the caller supplied it."""

    certificate: x509.Certificate
    trusted: bool

    @property
    def fingerprint(self) -> str:
        """SHA-256 fingerprint of the certificate, lowercase hex."""
        return self.certificate.fingerprint(hashes.SHA256()).hex()


def verify_checkpoint_file(
    cpf: CheckpointFile, trusted_cert_pem: bytes | None = None
) -> SignerCheck:
    """Verify the signature with a trusted certificate or, failing that, the embedded one.

    ``trusted_cert_pem`` may hold several certificates (every audit key, across rotations); the
    one whose key the checkpoint names is used. Without it the embedded certificate is used and
    the result says ``trusted=False``: the signature is then only as good as that certificate.
    """
    if trusted_cert_pem is None:
        cert = cpf.certificate
        verify_checkpoint_signature(cpf.signed, cert)
        return SignerCheck(cert, trusted=False)
    key_id = cpf.signed.checkpoint.key_id
    for cert in load_certificates(trusted_cert_pem, "trusted certificate"):
        if key_id_for(cert.public_key()) == key_id:  # type: ignore[arg-type]
            verify_checkpoint_signature(cpf.signed, cert)
            return SignerCheck(cert, trusted=True)
    raise RecordIntegrityError(
        f"the checkpoint at tree size {cpf.signed.checkpoint.tree_size} was signed by key "
        f"{key_id[:16]}…, which is not among the trusted audit certificates",
        hint="Obtain the audit certificate for that key from the operator, out of band.",
    )


def encode_checkpoint_file(cpf: CheckpointFile) -> dict[str, Any]:
    """The JSON object form of a signed checkpoint with its certificate (also used in proofs)."""
    return {
        "checkpoint": cpf.signed.checkpoint.to_dict(),
        "signature": {
            "algorithm": cpf.signed.algorithm.value,
            "value": base64.b64encode(cpf.signed.signature).decode("ascii"),
        },
        "certificate_pem": cpf.certificate_pem.decode("ascii"),
    }


def decode_checkpoint_file(obj: Any, what: str = "checkpoint") -> CheckpointFile:
    """Inverse of :func:`encode_checkpoint_file`; :class:`InputError` says what is malformed."""
    try:
        if not isinstance(obj, dict) or not {"checkpoint", "signature", "certificate_pem"} <= set(
            obj
        ):
            raise ValueError("needs checkpoint, signature and certificate_pem")
        sig = obj["signature"]
        if not isinstance(sig, dict) or set(sig) != {"algorithm", "value"}:
            raise ValueError("signature needs exactly algorithm and value")
        if not isinstance(sig["value"], str) or not isinstance(obj["certificate_pem"], str):
            raise ValueError("signature value and certificate_pem must be strings")
        signed = SignedCheckpoint(
            checkpoint=Checkpoint.from_dict(obj["checkpoint"]),
            signature=base64.b64decode(sig["value"], validate=True),
            algorithm=SignatureAlgorithm(sig["algorithm"]),
        )
        pem = obj["certificate_pem"].encode("ascii")
    except (ValueError, TypeError) as ex:  # binascii.Error and UnicodeError are ValueErrors
        raise InputError(f"the {what} is malformed: {ex}") from None
    load_certificates(pem, f"certificate in the {what}")
    return CheckpointFile(signed, pem)


def export_checkpoint(signed: SignedCheckpoint, cert_pem: bytes) -> bytes:
    """A self-describing JSON text file: checkpoint, signature and audit certificate.

    The signature is checked before anything is written, so an export never carries a
    checkpoint its own certificate does not verify.
    """
    cpf = CheckpointFile(signed, cert_pem)
    verify_checkpoint_signature(signed, cpf.certificate)
    document = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "about": (
            "SealDesk audit checkpoint. 'signature' is over the canonical JSON of 'checkpoint' "
            "(keys sorted, no whitespace, UTF-8) with SHA-256; 'key_id' is the SHA-256 of the "
            "certificate's SubjectPublicKeyInfo. Check with: sealdesk audit verify-checkpoint."
        ),
        **encode_checkpoint_file(cpf),
    }
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def load_checkpoint_file(data: bytes) -> CheckpointFile:
    """Parse a file written by :func:`export_checkpoint` (does not verify the signature)."""
    obj = parse_json_file(data, "checkpoint file")
    if obj.get("format") != FILE_FORMAT or obj.get("version") != FILE_VERSION:
        raise InputError(
            f"not a SealDesk checkpoint file (format {obj.get('format')!r}, "
            f"version {obj.get('version')!r})"
        )
    unexpected = set(obj) - {
        "format",
        "version",
        "about",
        "checkpoint",
        "signature",
        "certificate_pem",
    }
    if unexpected:
        raise InputError(f"the checkpoint file has unexpected fields {sorted(unexpected)}")
    return decode_checkpoint_file(obj, "checkpoint file")


def parse_json_file(data: bytes, what: str) -> dict[str, Any]:
    """Parse a JSON object from a file's bytes, or raise :class:`InputError` naming the file."""
    try:
        obj = bounded_json.loads(data, object_pairs_hook=_no_duplicates,
                                 parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as ex:  # JSONDecodeError is a ValueError
        raise InputError(f"the {what} is not valid JSON: {ex}") from None
    if not isinstance(obj, dict):
        raise InputError(f"the {what} must hold a JSON object")
    return obj


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Refuse duplicate keys: readers disagree on which one wins, so evidence must not have any."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError("duplicate keys in a JSON object")
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")
