"""What an administrator or auditor needs to know about the store's encryption, without a PIN."""

from __future__ import annotations

from dataclasses import dataclass, field

from sealdesk.errors import SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.recorded import recorded_recipients, require_recorded_recipients
from sealdesk.storage.documents.blobstore import is_envelope
from sealdesk.storage.documents.encryption import key_path


@dataclass
class EncryptionStatus:
    encrypted: bool
    recipients: list[dict[str, str]] = field(default_factory=list)
    """role, label and fingerprint, as recorded in the audit log."""
    recorded_entry: int | None = None
    problem: str = ""
    """Why the recipients file cannot be trusted ('' when it matches the log)."""
    envelopes: int = 0
    plaintext: int = 0
    without_key: int = 0
    """Envelopes whose key record is gone: destroyed under retention, or lost."""

    @property
    def state(self) -> str:
        """One word for a column or a status bar."""
        if self.problem:
            return "damaged"
        if not self.encrypted:
            return "not encrypted"
        return "encrypted" if not self.plaintext else "partly encrypted"


def encryption_status(ctx: AppContext) -> EncryptionStatus:
    recorded = recorded_recipients(ctx)
    status = EncryptionStatus(encrypted=ctx.store.encrypted or recorded is not None)
    if recorded is not None:
        status.recipients = recorded.recipients
        status.recorded_entry = recorded.entry
    try:
        require_recorded_recipients(ctx)
    except SealDeskError as exc:
        status.problem = exc.message
    for path in ctx.store.object_files():
        if not is_envelope(path):
            status.plaintext += 1
        elif key_path(path).is_file():
            status.envelopes += 1
        else:
            status.without_key += 1
    return status
