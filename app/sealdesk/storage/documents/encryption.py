"""Envelope encryption of the document store: its recipients, key records and unlocking.

An encrypted store holds every document (and every staged seal) as an envelope
(:mod:`sealdesk.core.crypto`) under a data key of its own. Next to each envelope, ``NAME.key``
is its *key record*: the document's plaintext SHA-256 and size, and the data key wrapped for
every recipient of the store (:mod:`sealdesk.core.crypto.wrapping`). Recipients are RSA public
keys listed in ``recipients.json`` at the store's root: the token's key-encryption key (KEK)
and any recovery or auditor keys. So:

* writing needs only public keys: a seal is encrypted as it is written, without a PIN;
* reading needs one recipient's private key on a token, reached through the :data:`Unwrapper`
  a front end installs with :meth:`StoreEncryption.unlock` after asking the PIN;
* removing a key record destroys the content for good (retention's crypto-shredding), however
  many copies of the envelope remain.

Whether a store is encrypted is decided by ``recipients.json``; a store without it is the
plaintext store of earlier versions. Removing the file is a downgrade an insider could try: the
services compare it with the recipients the audit log records (``storage.encryption_set``)
before anything is written (:mod:`sealdesk.services.encryption`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sealdesk.core.crypto.wrapping import (
    MAX_RECORD_BYTES,
    WrappedKey,
    dump_wrapped_keys,
    load_wrapped_keys,
    recipient_fingerprint,
    wrap_for,
)
from sealdesk.errors import RecordIntegrityError, SealDeskError
from sealdesk.exit_codes import ExitCode
from sealdesk.fsutil import atomic_output, read_bounded

RECIPIENTS_FILE = "recipients.json"
KEY_SUFFIX = ".key"
RECIPIENT_ROLES = ("kek", "recovery", "auditor")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAX_RECIPIENTS_BYTES = 256 * 1024

Unwrapper = Callable[[Sequence[WrappedKey]], bytes]
"""Opens one of a document's wraps with a private key on a token; raises if none it holds."""


class StoreLockedError(SealDeskError):
    """The store is encrypted and no token login was given to open its documents."""

    exit_code = ExitCode.TOKEN


def locked_error(what: str) -> StoreLockedError:
    return StoreLockedError(
        f"The document store is encrypted: {what} needs the token's key to open documents.",
        hint="Unlock it with the token that holds the store's key (or a recovery token) "
        "plugged in: in the console, Keys > Unlock document archive… (Ctrl+Alt+U); on the "
        "command line, give the user PIN (SEALDESK_PIN or the prompt).",
    )


@dataclass(frozen=True)
class Recipient:
    """Someone every new data key is wrapped for."""

    role: str
    """``kek`` (the console token's key-encryption key), ``recovery`` or ``auditor``."""
    label: str
    public_key: rsa.RSAPublicKey

    @property
    def fingerprint(self) -> str:
        return recipient_fingerprint(self.public_key)

    def to_json(self) -> dict[str, str]:
        pem = self.public_key.public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
        return {"role": self.role, "label": self.label, "fingerprint": self.fingerprint,
                "public_key": pem.decode("ascii")}

    @classmethod
    def from_json(cls, entry: object) -> Recipient:
        if not isinstance(entry, dict) or entry.get("role") not in RECIPIENT_ROLES:
            raise _damaged_recipients("an entry is not a recipient")
        try:
            key = serialization.load_pem_public_key(str(entry["public_key"]).encode("ascii"))
        except (KeyError, ValueError, UnicodeEncodeError):
            raise _damaged_recipients("a public key cannot be read") from None
        if not isinstance(key, rsa.RSAPublicKey):
            raise _damaged_recipients("a recipient key is not RSA")
        recipient = cls(str(entry["role"]), str(entry.get("label", "")), key)
        if entry.get("fingerprint") != recipient.fingerprint:
            raise _damaged_recipients("a fingerprint does not match its key")
        return recipient


def recipients_bytes(recipients: Sequence[Recipient]) -> bytes:
    """The exact bytes of ``recipients.json`` (its SHA-256 is what the audit log records)."""
    document = {"version": 1, "recipients": [r.to_json() for r in recipients]}
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("ascii")


def load_recipients(root: Path) -> list[Recipient] | None:
    """The recipients of the store at ``root``; None for a plaintext store."""
    path = root / RECIPIENTS_FILE
    if not path.exists():
        return None
    data = read_bounded(path, _MAX_RECIPIENTS_BYTES, "store recipients file",
                        RecordIntegrityError)
    try:
        document = json.loads(data)
        entries = document["recipients"]
    except (ValueError, KeyError, TypeError):
        raise _damaged_recipients("it is not a recipients file") from None
    recipients = [Recipient.from_json(e) for e in entries]
    if not any(r.role == "kek" for r in recipients):
        raise _damaged_recipients("it names no key-encryption key")
    return recipients


def save_recipients(root: Path, recipients: Sequence[Recipient]) -> bytes:
    """Write ``recipients.json`` atomically; returns its bytes."""
    data = recipients_bytes(recipients)
    with atomic_output(root / RECIPIENTS_FILE) as out:
        out.write(data)
    return data


@dataclass(frozen=True)
class KeyRecord:
    """What ``NAME.key`` holds: the plaintext's address and size, and the wrapped data key."""

    sha256: str
    size: int
    wraps: tuple[WrappedKey, ...]

    def to_bytes(self) -> bytes:
        wrapped = base64.b64encode(dump_wrapped_keys(self.wraps)).decode("ascii")
        return json.dumps({"version": 1, "sha256": self.sha256, "size": self.size,
                           "wrapped": wrapped}, sort_keys=True).encode("ascii")

    @classmethod
    def read(cls, path: Path) -> KeyRecord:
        data = read_bounded(path, 2 * MAX_RECORD_BYTES, "key record", RecordIntegrityError)
        try:
            document = json.loads(data)
            sha256, size = str(document["sha256"]), int(document["size"])
            wrapped = base64.b64decode(str(document["wrapped"]), validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise _damaged_record(path) from None
        if document.get("version") != 1 or not _SHA256.fullmatch(sha256) or size < 0:
            raise _damaged_record(path)
        return cls(sha256, size, tuple(load_wrapped_keys(wrapped)))


@dataclass
class StoreEncryption:
    """The recipients new data keys are wrapped for, and (once unlocked) how to unwrap them."""

    recipients: list[Recipient]
    _unwrap: Unwrapper | None = None
    _keys: dict[tuple[str, ...], bytes] = field(default_factory=dict)

    def unlock(self, unwrap: Unwrapper | None) -> None:
        """Install (or with None remove) the token's unwrapping; forget every cached key. A
        replaced unwrapping that holds a login (a key agent) is closed."""
        previous, self._unwrap = self._unwrap, unwrap
        self._keys.clear()
        close = getattr(previous, "close", None)
        if previous is not None and previous is not unwrap and callable(close):
            close()

    @property
    def unlocked(self) -> bool:
        return self._unwrap is not None

    @property
    def unwrapper(self) -> Unwrapper | None:
        return self._unwrap

    def record_for(self, data_key: bytes, sha256: str, size: int) -> KeyRecord:
        return KeyRecord(sha256, size,
                         tuple(wrap_for(r.public_key, data_key) for r in self.recipients))

    def data_key(self, record: KeyRecord, what: str = "reading a stored document") -> bytes:
        """The data key of ``record`` (unwrapped on the token once, then kept in memory)."""
        cached = self._keys.get(_cache_key(record))
        if cached is not None:
            return cached
        if self._unwrap is None:
            raise locked_error(what)
        key = self._unwrap(record.wraps)
        self.remember(record, key)
        return key

    def remember(self, record: KeyRecord, key: bytes) -> None:
        """Keep ``key`` for ``record`` in memory (this process made it: a seal just stored is
        exported without asking the token)."""
        if len(self._keys) >= 4096:
            self._keys.clear()
        self._keys[_cache_key(record)] = key


def _cache_key(record: KeyRecord) -> tuple[str, ...]:
    return (record.sha256, *sorted(w.wrapped.hex()[:64] for w in record.wraps))


def key_path(path: Path) -> Path:
    """The key record of the envelope at ``path``."""
    return path.with_name(path.name + KEY_SUFFIX)


def write_key_record(path: Path, record: KeyRecord) -> None:
    """Write ``path``'s key record durably (atomic, fsynced)."""
    with atomic_output(key_path(path)) as out:
        out.write(record.to_bytes())


def _damaged_recipients(why: str) -> RecordIntegrityError:
    return RecordIntegrityError(
        f"The document store's recipients file cannot be used: {why}.",
        hint="Restore store/recipients.json from a snapshot; 'sealdesk store status' shows what "
        "the audit log records for it.",
    )


def _damaged_record(path: Path) -> RecordIntegrityError:
    return RecordIntegrityError(
        f"The key record {path.name} of a stored document is damaged.",
        hint="Restore the document store from a snapshot; run 'sealdesk reconcile'.",
    )
