"""Changing who can open the store, approved by a quorum: KEK rotation, a new recipient.

``rotate_storage_key`` is a proposal like a seal key rotation (same threshold unless the quorum
policy names one). Its execution has one signed step, ``applied``: a new KEK is made on the
console token and the new recipients (it, plus every recovery and auditor recipient) are
recorded. Then, outside that transaction: ``recipients.json`` is written from the record, every
data key is opened with the old KEK and wrapped for the new recipients (content untouched), and
the old KEK is destroyed on the token, recorded as ``key.retired`` in a signed act. From then on
the old KEK opens nothing: no key record names it, and it no longer exists.

``add_storage_recipient`` (threshold of adding a custodian) works the same way: the applied step
records the recipients with the new certificate's key (an auditor's, who then opens documents
with their own token, or another recovery custodian's), and every data key is wrapped for it.

Interrupted, ``execute`` is run again: the step is not repeated, the file is rebuilt from the
log, records already wrapped for the new recipients are left alone, and the old KEK is destroyed
only once every record is rewrapped.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.evidence.encrypt_bundle import load_recipient
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
from sealdesk.services.encryption.recorded import recipients_event, restore_recorded_recipients
from sealdesk.services.encryption.rewrap import RewrapResult, rewrap_all
from sealdesk.services.keys.execution import ExecutionResult, execute
from sealdesk.services.keys.rotation import propose
from sealdesk.services.keys.views import ProposalView
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.storage.documents.encryption import (
    Recipient,
    load_recipients,
    locked_error,
)

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
    record(session, recipients_event(ctx, new, reason=WHAT, proposal_id=content.proposal_id,
                                     previous_kek=current[0].label))
    return {"kek": kek.label, "fingerprint": kek.fingerprint, "previous": current[0].label}


def propose_storage_recipient(ctx: AppContext, certificate: bytes, name: str, *, role: str,
                              reason: str, **kwargs: Any) -> ProposalView:
    """Propose wrapping every data key for ``certificate``'s key too (an auditor who opens the
    documents with their own token, or a recovery custodian); custodians approve it."""
    if load_recipients(ctx.store.root) is None:
        raise InputError("The document store is not encrypted; every holder of the database "
                         "copy can read it already.",
                         hint="Set encryption up with 'sealdesk store encrypt'.")
    checked = load_recipient(certificate, name)
    return propose(ctx, ActionType.ADD_STORAGE_RECIPIENT, reason=reason,
                   target={"recipient": checked.name, "role": role},
                   params={"role": role, "label": checked.name,
                           "certificate_der_b64": base64.b64encode(
                               checked.certificate.public_bytes(Encoding.DER)).decode()},
                   **kwargs)


def apply_add_recipient(ctx: AppContext, session: Session, content: ProposalContent,
                        now: dt.datetime) -> dict[str, object]:
    """The ``applied`` step: the recipients become the current ones plus this certificate."""
    params = content.params
    der = base64.b64decode(str(params["certificate_der_b64"]))
    checked = load_recipient(der, str(params["label"]), now=now)  # still valid at execution
    key = checked.certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey)  # load_recipient accepts RSA only
    current = load_recipients(ctx.store.root) or []
    added = Recipient(str(params["role"]), str(params["label"]), key)
    if any(r.fingerprint == added.fingerprint for r in current):
        raise InputError(f"{added.label} can open the stored documents already.")
    new = [*current, added]
    record(session, recipients_event(ctx, new, reason="add a storage recipient",
                                     proposal_id=content.proposal_id,
                                     certificate_sha256=checked.sha256))
    return {"recipient": added.label, "role": added.role, "fingerprint": added.fingerprint}


APPLIERS = {ActionType.ROTATE_STORAGE_KEY: apply_storage_rotation,
            ActionType.ADD_STORAGE_RECIPIENT: apply_add_recipient}


def execute_store_proposal(ctx: AppContext, proposal_id: str, pin: str | None = None, *,
                           progress: ProgressCallback = no_progress,
                           now: dt.datetime | None = None
                           ) -> tuple[ExecutionResult, RewrapResult]:
    """Execute an approved key rotation or new recipient, then rewrap every data key for the
    recipients it recorded; a rotation's old KEK is destroyed once all are rewrapped.

    Reading the data keys needs the store unlocked (the current KEK, through the key agent)."""
    before = {r.label for r in load_recipients(ctx.store.root) or [] if r.role == "kek"}
    executed = execute(ctx, proposal_id, pin, now=now, appliers=APPLIERS)
    restore_recorded_recipients(ctx)
    encryption = ctx.store.encryption
    assert encryption is not None
    if encryption.unwrapper is None:
        raise locked_error("rewrapping the data keys for the new recipients")
    result = rewrap_all(ctx, encryption.unwrapper, RewrapResult(encryption.recipients),
                        progress=progress)
    retired = before - {r.label for r in encryption.recipients if r.role == "kek"}
    if retired and not result.failed:
        _destroy_old(ctx, pin, retired)
    return executed, result


execute_storage_key_rotation = execute_store_proposal


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
