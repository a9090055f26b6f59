"""Wrapping a document's data key to RSA public keys, and the small record that stores the wraps.

A data key is wrapped in software with a recipient's public key, so storing a document needs no
token login; only opening it needs the private key, which stays on a token (the storage KEK, or a
recovery/auditor key whose public key sits in an X.509 certificate). Every recipient is handled
the same way here: any RSA public key, named by the SHA-256 of its SubjectPublicKeyInfo.

The scheme is RSA-OAEP with SHA-1 as the OAEP hash and MGF1 hash, and an empty label. SHA-256
was the first choice, but SoftHSM2 2.6.1 (the token of every test and of the demo) rejects any
other OAEP hash in C_DecryptInit ("hashAlg must be CKM_SHA_1"), and many tokens share that
limit. OAEP's security does not rest on the hash's collision resistance, so SHA-1 here is not
the SHA-1 weakness of signatures. The scheme is named in the stored record, so a later scheme
can be added next to it and old records stay readable.

The stored record (:func:`dump_wrapped_keys`) is a small JSON document::

    {"version": 1, "scheme": "rsa-oaep-sha1", "keys": [{"fingerprint": HEX, "wrapped": B64}]}

It comes from the document store, which is not trusted: :func:`load_wrapped_keys` refuses
anything over :data:`MAX_RECORD_BYTES`, other versions or schemes, and malformed entries, each
with a :class:`~sealdesk.errors.RecordIntegrityError` that says so.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from sealdesk.core import bounded_json
from sealdesk.errors import RecordIntegrityError

DATA_KEY_SIZE = 32
"""Bytes in a data key (AES-256)."""
MIN_RSA_BITS = 2048
"""Smaller recipient keys are refused outright."""
MAX_RECORD_BYTES = 64 * 1024
"""A record holds a few wraps of ~400 bytes each; anything bigger is not one of ours."""
MAX_WRAPPED_BYTES = 1024
"""One wrap is as long as the recipient's modulus: 1,024 bytes covers RSA-8192."""
VERSION = 1
SCHEME = "rsa-oaep-sha1"
"""RSA-OAEP, SHA-1 for the hash and for MGF1, empty label (see the module docstring)."""

_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None)
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class WrappedKey:
    """One data key wrapped to one recipient, named by the recipient key's fingerprint."""

    fingerprint: str
    """Hex SHA-256 of the recipient public key's SubjectPublicKeyInfo DER."""
    wrapped: bytes

    def to_json(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "wrapped": base64.b64encode(self.wrapped).decode()}

    @classmethod
    def from_json(cls, entry: Any) -> WrappedKey:
        """Read one entry of a stored record; anything malformed is a RecordIntegrityError."""
        if not isinstance(entry, dict) or set(entry) != {"fingerprint", "wrapped"}:
            raise _damaged("an entry is not a fingerprint and a wrapped key")
        fingerprint, text = entry["fingerprint"], entry["wrapped"]
        if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
            raise _damaged("a key fingerprint is not 64 lower-case hex digits")
        if not isinstance(text, str) or len(text) > MAX_WRAPPED_BYTES * 2:
            raise _damaged("a wrapped key is not base64 text of a sensible length")
        try:
            wrapped = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise _damaged("a wrapped key is not valid base64") from None
        if not 0 < len(wrapped) <= MAX_WRAPPED_BYTES:
            raise _damaged("a wrapped key is empty or too long")
        return cls(fingerprint, wrapped)


WrappedKeys = list[WrappedKey]
"""Every wrap of one document's data key: the storage KEK's, then recovery recipients'."""


def recipient_fingerprint(public_key: rsa.RSAPublicKey) -> str:
    """Hex SHA-256 of the key's SubjectPublicKeyInfo: the same for a token key and its cert."""
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).hexdigest()


def wrap_data_key(public_key: rsa.RSAPublicKey, data_key: bytes) -> bytes:
    """Encrypt ``data_key`` to ``public_key`` with :data:`SCHEME` (no token, no login)."""
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise TypeError("data keys are wrapped to RSA public keys only")
    if public_key.key_size < MIN_RSA_BITS:
        raise ValueError(f"a {public_key.key_size}-bit RSA key is too small to wrap data keys")
    if len(data_key) != DATA_KEY_SIZE:
        raise ValueError(f"a data key has {DATA_KEY_SIZE} bytes, not {len(data_key)}")
    return public_key.encrypt(data_key, _OAEP)


def wrap_for(public_key: rsa.RSAPublicKey, data_key: bytes) -> WrappedKey:
    """:func:`wrap_data_key` with the recipient's fingerprint attached, ready to store."""
    return WrappedKey(recipient_fingerprint(public_key), wrap_data_key(public_key, data_key))


def dump_wrapped_keys(keys: Sequence[WrappedKey]) -> bytes:
    """The stored record for ``keys``; refuses an empty list (nobody could open the document)."""
    if not keys:
        raise ValueError("a document's data key must be wrapped to at least one recipient")
    if len({k.fingerprint for k in keys}) != len(keys):
        raise ValueError("a data key is wrapped once per recipient")
    record = {"version": VERSION, "scheme": SCHEME, "keys": [k.to_json() for k in keys]}
    data = json.dumps(record, separators=(",", ":")).encode()
    if len(data) > MAX_RECORD_BYTES:
        raise ValueError(f"{len(keys)} recipients do not fit in one key record")
    return data


def load_wrapped_keys(data: bytes) -> WrappedKeys:
    """Read a stored record back; size, version, scheme and every entry are checked first."""
    if len(data) > MAX_RECORD_BYTES:
        raise _damaged(f"it is {len(data):,} bytes, more than the {MAX_RECORD_BYTES:,} allowed")
    try:
        record = bounded_json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise _damaged("it is not valid JSON") from None
    if not isinstance(record, dict) or set(record) != {"version", "scheme", "keys"}:
        raise _damaged("it does not have the fields version, scheme and keys")
    if record["version"] != VERSION or record["scheme"] != SCHEME:
        raise RecordIntegrityError(
            f"The document's key record has version {record['version']!r:.20} and scheme "
            f"{record['scheme']!r:.40}; this SealDesk reads version {VERSION}, {SCHEME}.",
            hint="Open the document with the SealDesk version that stored it, or update.",
        )
    entries = record["keys"]
    if not isinstance(entries, list) or not entries:
        raise _damaged("it names no recipient")
    keys = [WrappedKey.from_json(entry) for entry in entries]
    if len({k.fingerprint for k in keys}) != len(keys):
        raise _damaged("it names one recipient twice")
    return keys


def _damaged(why: str) -> RecordIntegrityError:
    return RecordIntegrityError(
        f"The document's key record is damaged: {why}.",
        hint="Restore the document from a snapshot; the record was changed or corrupted on disk.",
    )
