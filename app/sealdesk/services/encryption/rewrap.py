"""Re-wrapping every data key for new recipients: recovery after a lost token, KEK rotation.

Content is never re-encrypted: each envelope keeps its data key, and only its key record is
rewritten (atomically) with that key wrapped for the store's current recipients. So:

* **Recovery** (:func:`recover_store`): the console token is lost or broken. A new key-
  encryption key is made on the token now configured, the recipients become that key plus the
  recovery and auditor recipients already named (a signed act), and a recovery custodian's
  token opens every data key so it can be wrapped for them. Losing the token never loses the
  archive.
* **Rotation**: the same, opening the keys with the current KEK; afterwards the old KEK
  opens nothing (no key record names it) and can be destroyed.

One damaged key record never stops the rest: it is listed, and the run can be repeated (a
record already wrapped for the new recipients is left as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sealdesk.core.audit.events import EventType
from sealdesk.core.crypto.wrapping import WrappedKey
from sealdesk.core.token.storage_key import create_storage_key, find_storage_keys
from sealdesk.errors import InputError, SealDeskError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record, record_now
from sealdesk.services.audit.signed_acts import audit_key_session, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.recorded import recipients_event
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.storage.documents.blobstore import is_envelope
from sealdesk.storage.documents.encryption import (
    KeyRecord,
    Recipient,
    key_path,
    load_recipients,
    save_recipients,
    write_key_record,
)

Unwrap = Callable[[Sequence[WrappedKey]], bytes]


@dataclass
class RewrapResult:
    recipients: list[Recipient]
    entry: int | None = None
    """The ``storage.encryption_set`` entry naming the new recipients (None: unchanged)."""
    rewrapped: int = 0
    already: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(object, why) for each key record that could not be opened or rewritten."""


def new_recipients_with_fresh_kek(ctx: AppContext, what: str) -> RewrapResult:
    """A new KEK on the configured token; the recipients become it plus every recovery and
    auditor recipient already named. A signed act (``storage.encryption_set``)."""
    require_role(ctx, Role.ADMINISTRATOR, what)
    current = load_recipients(ctx.store.root)
    if current is None:
        raise InputError("The document store is not encrypted, so there is nothing to recover.",
                         hint="Set it up with 'sealdesk store encrypt'.")
    others = [r for r in current if r.role != "kek"]
    with audit_key_session(ctx, what) as token:
        taken = {k.generation for k in find_storage_keys(token)}
        generation = max([*taken, *(_generation(r.label) for r in current)], default=0) + 1
        kek = create_storage_key(token, generation)
        recipients = [Recipient("kek", kek.label, kek.public_key), *others]
        with signed_transaction(ctx, what) as session:
            save_recipients(ctx.store.root, recipients)
            entry = record(session, recipients_event(ctx, recipients, reason=what))
    ctx.store.reload_encryption()
    return RewrapResult(recipients, entry.index)


def rewrap_all(ctx: AppContext, unwrap: Unwrap, result: RewrapResult, *,
               progress: ProgressCallback = no_progress) -> RewrapResult:
    """Wrap every envelope's data key (opened with ``unwrap``) for the current recipients."""
    encryption = ctx.store.encryption
    assert encryption is not None
    wanted = {r.fingerprint for r in encryption.recipients}
    envelopes = [p for p in ctx.store.object_files()
                 if is_envelope(p) and key_path(p).is_file()]
    for done, path in enumerate(envelopes):
        progress(done, len(envelopes), path.name[:16])
        try:
            old = KeyRecord.read(key_path(path))
            if {w.fingerprint for w in old.wraps} == wanted:
                result.already += 1
                continue
            key = unwrap(old.wraps)
            write_key_record(path, encryption.record_for(key, old.sha256, old.size))
            result.rewrapped += 1
        except (SealDeskError, OSError) as exc:
            result.failed.append((path.name, getattr(exc, "message", str(exc))))
    progress(len(envelopes), len(envelopes), "")
    record_now(ctx, ctx.event(
        EventType.STORAGE_KEYS_REWRAPPED, {"store": str(ctx.store.root)},
        {"rewrapped": result.rewrapped, "already": result.already,
         "failed": [name for name, _ in result.failed][:100],
         "recipients": sorted(wanted)}))
    return result


def recover_store(ctx: AppContext, recovery_unwrap: Unwrap, *,
                  progress: ProgressCallback = no_progress) -> RewrapResult:
    """After the console token was lost: a new KEK here, every data key opened with the
    recovery token (``recovery_unwrap``, a key agent on it) and wrapped for the new recipients.
    """
    result = new_recipients_with_fresh_kek(ctx, "recover the document store's keys")
    return rewrap_all(ctx, recovery_unwrap, result, progress=progress)


def _generation(label: str) -> int:
    tail = label.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
