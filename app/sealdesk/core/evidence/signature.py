"""The manifest signature: SHA-256 with ECDSA (DER) or RSA PKCS #1 v1.5, as openssl makes them.

Those two encodings are what ``openssl dgst -sha256 -verify audit.pub -signature manifest.sig
manifest.json`` checks, so an auditor can verify a bundle's manifest without SealDesk.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from sealdesk.core.audit.checkpoint import SignatureAlgorithm
from sealdesk.errors import RecordIntegrityError


def verify_signature(public_key: object, algorithm: str, data: bytes, signature: bytes) -> None:
    """Raise :class:`RecordIntegrityError` unless ``signature`` over ``data`` verifies with the
    key."""
    try:
        kind = SignatureAlgorithm(algorithm)
    except ValueError:
        raise RecordIntegrityError(
            f"manifest.sig uses an unknown algorithm {algorithm!r}.") from None
    try:
        if kind is SignatureAlgorithm.ECDSA_SHA256 and isinstance(
                public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
            return
        if kind is SignatureAlgorithm.RSA_PKCS1V15_SHA256 and isinstance(
                public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
            return
    except InvalidSignature:
        raise RecordIntegrityError(
            "manifest.sig does not verify over manifest.json with the audit key: the manifest "
            "or its signature was altered.",
            hint="Do not rely on this bundle; ask for a fresh export.",
        ) from None
    raise RecordIntegrityError(f"manifest.sig claims {algorithm}, which does not fit the audit key "
                         f"({type(public_key).__name__}).")
