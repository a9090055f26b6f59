"""Setting up envelope encryption of the store, and encrypting what it already holds.

``sealdesk store encrypt`` (and the Settings page) runs :func:`enable_encryption`:

1. the key-encryption key (KEK) is found on the console token, or made there (RSA-3072, decrypt
   only, never extractable; :mod:`sealdesk.core.token.storage_key`);
2. the recipients are that KEK and the recovery certificates given (custodians' certificates
   kept offline: losing the token then never loses the archive);
3. ``recipients.json`` is written and ``storage.encryption_set`` recorded in one signed act;
4. every plaintext object already in the store is encrypted in place (each under its own data
   key, its key record first, then an atomic rename over the plaintext), and the count recorded.

Run again, it records a recipients file that a crash left unrecorded, and encrypts what is still
plaintext; the recipients of an encrypted store are not changed here (that is a key rotation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from sealdesk.core.audit.events import EventType
from sealdesk.core.crypto import encrypt_stream, new_data_key
from sealdesk.core.evidence.encrypt_bundle import load_recipient
from sealdesk.core.token.storage_key import create_storage_key, find_storage_keys
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.fsutil import CERTIFICATE_LIMIT, atomic_output, read_bounded
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record, record_now
from sealdesk.services.audit.signed_acts import audit_key_session, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.recorded import recipients_event, recorded_recipients
from sealdesk.storage.documents.blobstore import is_envelope
from sealdesk.storage.documents.encryption import (
    Recipient,
    load_recipients,
    save_recipients,
    write_key_record,
)

WHAT = "set up encryption of the document store"


@dataclass
class EncryptionSetup:
    recipients: list[Recipient]
    entry: int | None
    """The ``storage.encryption_set`` entry made now (None: it was recorded before)."""
    encrypted_now: list[str] = field(default_factory=list)
    """Objects that were plaintext and are now envelopes."""


def load_recovery_certificates(paths: Sequence[Path]) -> list[Recipient]:
    """Recovery recipients from certificate files (RSA, keyEncipherment, valid now)."""
    recipients = []
    for path in paths:
        data = read_bounded(path, CERTIFICATE_LIMIT, "recovery certificate")
        checked = load_recipient(data, path.name)
        key = checked.certificate.public_key()
        if not isinstance(key, rsa.RSAPublicKey):  # load_recipient refuses it already
            raise InputError(f"{path.name} does not hold an RSA key.")
        recipients.append(Recipient("recovery", checked.name, key))
    return recipients


def enable_encryption(ctx: AppContext, recovery: Sequence[Recipient] = ()) -> EncryptionSetup:
    """Encrypt the store from now on, and what it holds (module docstring). A signed act."""
    require_role(ctx, Role.ADMINISTRATOR, WHAT)
    existing = load_recipients(ctx.store.root)
    recorded = recorded_recipients(ctx)
    if existing is not None and recorded is not None:
        if recovery:
            raise InputError("The document store is encrypted already; its recipients are "
                             "changed by a key rotation, not by setting it up again.",
                             hint="Run 'sealdesk store status' to see its recipients.")
        return EncryptionSetup(existing, None, encrypt_existing(ctx))
    with audit_key_session(ctx, WHAT) as token:
        keys = find_storage_keys(token)
        kek = keys[-1] if keys else create_storage_key(token, 1)
        recipients = existing or [Recipient("kek", kek.label, kek.public_key), *recovery]
        if existing is not None and not any(r.fingerprint == kek.fingerprint for r in existing):
            raise RecordIntegrityError(
                "The store's unrecorded recipients file does not name this token's storage key.",
                hint="Remove store/recipients.json (it was not made with this token), then "
                "run 'sealdesk store encrypt' again.")
        with signed_transaction(ctx, WHAT) as session:
            save_recipients(ctx.store.root, recipients)
            entry = record(session, recipients_event(ctx, recipients))
    ctx.store.reload_encryption()
    return EncryptionSetup(recipients, entry.index, encrypt_existing(ctx))


def encrypt_existing(ctx: AppContext) -> list[str]:
    """Encrypt every plaintext object of the store in place; the names encrypted."""
    encryption = ctx.store.encryption
    if encryption is None:
        return []
    done = []
    for path in ctx.store.object_files():
        if is_envelope(path):
            continue
        key = new_data_key()
        with path.open("rb") as plain, atomic_output(path) as envelope:  # renamed at the end
            facts = encrypt_stream(plain, envelope, key)
            if facts.plaintext_sha256 != path.name:
                raise RecordIntegrityError(
                    f"The stored object {path.name} does not match its name; it was not "
                    "encrypted.",
                    hint="Run 'sealdesk reconcile --contents' and restore it from a snapshot.")
            write_key_record(path, encryption.record_for(key, path.name, facts.plaintext_size))
        done.append(path.name)
    if done:
        record_now(ctx, ctx.event(EventType.STORAGE_OBJECTS_ENCRYPTED,
                                  {"store": str(ctx.store.root)}, {"count": len(done)}))
    return done

