"""Rotating the document store's key-encryption key, approved by a quorum of custodians.

``rotate_storage_key`` is a proposal like a seal key rotation (same threshold unless the quorum
policy names one). Its execution has one signed step, ``applied``: a new KEK is made on the
console token and the new recipients (it, plus every recovery and auditor recipient) are
recorded. Then, outside that transaction: ``recipients.json`` is written from the record, every
data key is opened with the old KEK and wrapped for the new recipients (content untouched), and
the old KEK is destroyed on the token, recorded as ``key.retired`` in a signed act. From then on
the old KEK opens nothing: no key record names it, and it no longer exists.

Interrupted, ``execute`` is run again: the step is not repeated, the file is rebuilt from the
log, records already wrapped for the new recipients are left alone, and the old KEK is destroyed
only once every record is rewrapped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.core.token.storage_key import (
    create_storage_key,
    destroy_storage_key,
    find_storage_keys,
)
from sealdesk.errors import InputError
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import (
    audit_key_login,
    audit_key_session,
    signed_transaction,
)
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.recorded import restore_recorded_recipients
from sealdesk.services.encryption.rewrap import RewrapResult, rewrap_all
from sealdesk.services.keys.execution import ExecutionResult, execute
from sealdesk.services.keys.rotation import propose
from sealdesk.services.keys.views import ProposalView
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.storage.documents.encryption import Recipient, load_recipients, recipients_bytes

WHAT = "rotate the document store's encryption key"


def propose_storage_key_rotation(ctx: AppContext, *, reason: str, **kwargs: Any
                                 ) -> ProposalView:
    """Propose a new KEK for the store; custodians approve it like a key rotation."""
    recipients = load_recipients(ctx.store.root)
    if recipients is None:
        raise InputError("The document store is not encrypted; there is no key to rotate.",
                         hint="Set it up with 'sealdesk store encrypt'.")
    current = next(r for r in recipients if r.role == "kek")
    return propose(ctx, ActionType.ROTATE_STORAGE_KEY, reason=reason,
                   target={"store_key": current.label},
                   params={"current_kek": current.fingerprint}, **kwargs)


def apply_storage_rotation(ctx: AppContext, session: Session, content: ProposalContent,
                           now: dt.datetime) -> dict[str, object]:
    """The ``applied`` step (signed, in the step's transaction): new KEK, new recipients."""
    recipients = load_recipients(ctx.store.root) or []
    current = [r for r in recipients if r.role == "kek"]
    if not current or current[0].fingerprint != content.params["current_kek"]:
        raise InputError(
            f"The store's key changed since proposal {content.proposal_id} was made.",
            hint="Make a new rotation proposal, so the custodians approve the key in use.")
    with audit_key_session(ctx, WHAT) as token:
        taken = [k.generation for k in find_storage_keys(token)]
        kek = create_storage_key(token, max(taken, default=0) + 1)
    new = [Recipient("kek", kek.label, kek.public_key),
           *(r for r in recipients if r.role != "kek")]
    record(session, ctx.event(
        EventType.STORAGE_ENCRYPTION_SET, {"store": str(ctx.store.root)},
        {"recipients_sha256": hashlib.sha256(recipients_bytes(new)).hexdigest(),
         "recipients": [r.to_json() for r in new], "reason": WHAT,
         "proposal_id": content.proposal_id, "previous_kek": current[0].label}))
    return {"kek": kek.label, "fingerprint": kek.fingerprint, "previous": current[0].label}


def execute_storage_key_rotation(ctx: AppContext, proposal_id: str, pin: str | None = None, *,
                                 progress: ProgressCallback = no_progress,
                                 now: dt.datetime | None = None
                                 ) -> tuple[ExecutionResult, RewrapResult]:
    """Execute an approved rotation, rewrap every data key, destroy the old KEK (docstring).

    Reading the data keys needs the store unlocked (the old KEK, through the key agent)."""
    before = {r.label for r in load_recipients(ctx.store.root) or [] if r.role == "kek"}
    executed = execute(ctx, proposal_id, pin, now=now,
                       appliers={ActionType.ROTATE_STORAGE_KEY: apply_storage_rotation})
    restore_recorded_recipients(ctx)
    encryption = ctx.store.encryption
    assert encryption is not None
    if encryption.unwrapper is None:
        from sealdesk.storage.documents.encryption import locked_error
        raise locked_error("rewrapping the data keys for the new key")
    result = rewrap_all(ctx, encryption.unwrapper, RewrapResult(encryption.recipients),
                        progress=progress)
    if not result.failed:
        _destroy_old(ctx, pin, before - {r.label for r in encryption.recipients})
    return executed, result


def _destroy_old(ctx: AppContext, pin: str | None, labels: set[str]) -> None:
    with audit_key_login(ctx, pin, reason=WHAT), audit_key_session(ctx, WHAT) as token:
        present = {k.label: k for k in find_storage_keys(token)}
        for label in sorted(labels & set(present)):
            destroy_storage_key(token, present[label].generation)
            with signed_transaction(ctx, WHAT) as session:
                record(session, ctx.event(
                    EventType.KEY_RETIRED, {"key_label": label},
                    {"purpose": "storage", "fingerprint": present[label].fingerprint,
                     "destroyed": True}))
