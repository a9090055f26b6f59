"""The store's recipients as the audit log records them, compared with ``recipients.json``.

``recipients.json`` decides whom new data keys are wrapped for, and it is a file: someone who
can edit files could add their own key (and read every document sealed afterwards) or delete
it (and have documents stored in plaintext). Setting the recipients is a signed act
(``storage.encryption_set``, covered by a checkpoint the audit key signs); before anything is
written to the store the file must hash to what the newest such event records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.encryption import (
    RECIPIENTS_FILE,
    Recipient,
    recipients_bytes,
    save_recipients,
)


@dataclass(frozen=True)
class RecordedRecipients:
    entry: int
    recipients_sha256: str
    recipients: list[dict[str, str]]
    """role, label, fingerprint and public key (PEM) of each recipient."""

    def file_bytes(self) -> bytes | None:
        """The exact ``recipients.json`` this event records (rebuilt from its public keys),
        or None when it cannot be rebuilt (an event without keys, or one that disagrees)."""
        try:
            data = recipients_bytes([Recipient.from_json(r) for r in self.recipients])
        except (RecordIntegrityError, KeyError, TypeError):
            return None
        return data if hashlib.sha256(data).hexdigest() == self.recipients_sha256 else None


def recorded_recipients(ctx: AppContext) -> RecordedRecipients | None:
    """The newest ``storage.encryption_set`` event, or None (the store was never encrypted)."""
    with ctx.database.reader() as session:
        row = session.execute(
            select(AuditEntry.idx, AuditEntry.payload)
            .where(AuditEntry.event_type == str(EventType.STORAGE_ENCRYPTION_SET))
            .order_by(AuditEntry.idx.desc()).limit(1)).first()
    if row is None:
        return None
    details = json.loads(bytes(row[1])).get("details", {})
    return RecordedRecipients(int(row[0]), str(details.get("recipients_sha256", "")),
                              list(details.get("recipients", [])))


def recipients_event(ctx: AppContext, recipients: Sequence[Recipient],
                     **details: object) -> AuditEvent:
    """The ``storage.encryption_set`` event naming ``recipients`` (with their public keys, so
    ``recipients.json`` can be rebuilt from the log) and the SHA-256 of that file's bytes."""
    return ctx.event(
        EventType.STORAGE_ENCRYPTION_SET, {"store": str(ctx.store.root)},
        {"recipients_sha256": hashlib.sha256(recipients_bytes(recipients)).hexdigest(),
         "recipients": [r.to_json() for r in recipients], **details})


def require_recorded_recipients(ctx: AppContext) -> None:
    """Refuse to write to the store when its recipients file is not the one the log records."""
    path = ctx.store.root / RECIPIENTS_FILE
    recorded = recorded_recipients(ctx)
    present = path.is_file()
    if recorded is None and not present:
        return  # a store that was never encrypted
    if recorded is None:
        raise RecordIntegrityError(
            f"The document store has a recipients file ({path}) that the audit log does not "
            "record; nothing is stored until that is settled.",
            hint="If encryption was being set up when SealDesk stopped, run 'sealdesk store "
            "encrypt' again; otherwise remove the file, which was not made by SealDesk.")
    if not present:
        raise RecordIntegrityError(
            f"The audit log records that the document store is encrypted (entry "
            f"{recorded.entry}), but its recipients file {path} is gone; nothing is stored "
            "in plaintext.",
            hint="Run 'sealdesk store restore-recipients' (it rebuilds the file from the audit "
            f"log) or restore it from a snapshot (it must hash to "
            f"{recorded.recipients_sha256[:16]}…), then try again.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != recorded.recipients_sha256:
        raise RecordIntegrityError(
            f"The document store's recipients file was changed outside SealDesk (it hashes "
            f"to {digest[:16]}…, audit entry {recorded.entry} records "
            f"{recorded.recipients_sha256[:16]}…); nothing is stored until it is restored.",
            hint="Run 'sealdesk store restore-recipients' (it rebuilds the file from the audit "
            "log); recipients change only by a signed act or a quorum-approved rotation.")


def restore_recorded_recipients(ctx: AppContext) -> bool:
    """Write ``recipients.json`` as the newest ``storage.encryption_set`` records it (after a
    crash between a rotation's commit and the file, or a file someone changed); True if it
    was rewritten."""
    recorded = recorded_recipients(ctx)
    if recorded is None:
        return False
    data = recorded.file_bytes()
    if data is None:
        raise RecordIntegrityError(
            f"Audit entry {recorded.entry} does not hold the recipients' keys, so the "
            "recipients file cannot be rebuilt from the log.",
            hint="Restore store/recipients.json from a snapshot.")
    path = ctx.store.root / RECIPIENTS_FILE
    if path.is_file() and path.read_bytes() == data:
        return False
    save_recipients(ctx.store.root, [Recipient.from_json(r) for r in recorded.recipients])
    ctx.store.reload_encryption()
    return True
