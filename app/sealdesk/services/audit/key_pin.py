"""The pinned audit key: which certificate may sign checkpoints, as the log itself records it.

Without a pin, any certificate a trust anchor issued verified a checkpoint: one re-signed with the
seal key, or with a certificate made from the demo root key, passed (issue 17). The pin is the
SHA-256 fingerprint of the audit certificate, fixed by the first checkpoint: its
``checkpoint.created`` event records ``audit_certificate_sha256``. It changes only through a key
rotation that the log records: a ``key.activated`` event for purpose ``audit`` that names its
proposal and replaces exactly the pinned certificate (whether that proposal had its quorum is
proven from the custodians' signatures by the rotation checks, not here). Every checkpoint must
be signed with the certificate pinned by the entries before it.

Logs written before pins existed have no ``audit_certificate_sha256``: the first checkpoint's own
certificate is then taken as the pin, and the report says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.checkpoint_checks import Checked, checkpoint_finding
from sealdesk.services.audit.report import AuditReport, FindingKind
from sealdesk.storage.audit.models import AuditEntry

PIN_FIELD = "audit_certificate_sha256"
"""The ``checkpoint.created`` detail that records the signing certificate's fingerprint."""


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, lowercase hex (what ``certificate_sha256`` fields hold)."""
    return cert.fingerprint(hashes.SHA256()).hex()


@dataclass(frozen=True)
class PinChange:
    """From entry ``index`` on, checkpoints must be signed with certificate ``certificate``."""

    index: int
    certificate: str
    reason: str


def pin_changes(payloads: Iterable[tuple[int, bytes]], first_checkpoint: Checked | None,
                report: AuditReport | None = None) -> list[PinChange]:
    """The pin and its recorded changes, in log order, from checkpoint and key events."""
    changes: list[PinChange] = []
    for index, payload in sorted(payloads):
        event = _json(payload)
        details = event.get("details") or {}
        if event.get("type") == EventType.CHECKPOINT_CREATED.value and not changes:
            pinned = details.get(PIN_FIELD)
            if isinstance(pinned, str):
                changes.append(PinChange(index, pinned, "pinned by the first checkpoint"))
        elif (event.get("type") == EventType.KEY_ACTIVATED.value and changes
              and _is_audit_rotation(details, changes[-1].certificate)):
            changes.append(PinChange(index, str(details["certificate_sha256"]),
                                     f"rotation {details['proposal_id']}"))
    if not changes and first_checkpoint is not None:
        cp = first_checkpoint.signed.checkpoint
        changes.append(PinChange(cp.tree_size, fingerprint(first_checkpoint.stored.certificate()),
                                 "taken from the first checkpoint (log older than pins)"))
        if report is not None:
            report.warnings.append(
                "the log records no pinned audit key (written before pins existed): the first "
                "checkpoint's certificate was taken as the pinned one")
    return changes


def _is_audit_rotation(details: dict[str, Any], pinned: str) -> bool:
    return (details.get("purpose") == "audit" and bool(details.get("proposal_id"))
            and details.get("replaces_certificate_sha256") == pinned
            and isinstance(details.get("certificate_sha256"), str))


def pinned_at(changes: list[PinChange], tree_size: int) -> PinChange | None:
    """The pin governing a checkpoint of ``tree_size``: the last change recorded before it.

    The first checkpoint is governed by the pin its own event records (it comes right after).
    """
    governing = [c for c in changes if c.index < tree_size]
    if governing:
        return governing[-1]
    return changes[0] if changes else None


def check_pinned_keys(session: Session, checked: list[Checked], noted: Iterable[int],
                      report: AuditReport) -> list[PinChange]:
    """Add a finding for each checkpoint not signed with the certificate pinned at its size."""
    changes = pin_changes(_payloads(session, noted), checked[0] if checked else None, report)
    for item in checked:
        size = item.signed.checkpoint.tree_size
        governing = pinned_at(changes, size)
        used = fingerprint(item.stored.certificate())
        if governing is not None and used != governing.certificate:
            report.findings.append(checkpoint_finding(
                FindingKind.KEY_NOT_PINNED, size,
                f"the checkpoint at tree size {size} is signed with a certificate that is not "
                f"the pinned audit key ({governing.reason}, entry {governing.index}): it was "
                "re-signed with another key (the seal key, or a certificate a trust anchor "
                "issued to someone else)",
                governing.certificate, used))
    return changes


def _payloads(session: Session, indexes: Iterable[int]) -> list[tuple[int, bytes]]:
    wanted = sorted(set(indexes))
    found: list[tuple[int, bytes]] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.extend((int(i), bytes(p)) for i, p in session.execute(
            select(AuditEntry.idx, AuditEntry.payload).where(AuditEntry.idx.in_(chunk))))
    return found


def _json(payload: bytes) -> dict[str, Any]:
    try:
        value = json.loads(payload)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def require_pinned_signer(session: Session, signer_cert_der: bytes,
                          latest_cert_der: bytes | None) -> None:
    """Refuse to sign a checkpoint with a certificate the log does not pin (create side).

    The latest checkpoint's certificate is the pin in use, unless the log records a rotation of
    the audit key to the signer's certificate; anything else (a seal key configured as the audit
    key, a certificate swapped on the token) would make every later checkpoint fail.
    """
    if latest_cert_der is None:
        return
    used = hashlib.sha256(signer_cert_der).hexdigest()
    if used == hashlib.sha256(latest_cert_der).hexdigest():
        return
    for (payload,) in session.execute(
        select(AuditEntry.payload).where(AuditEntry.event_type == EventType.KEY_ACTIVATED.value)
    ):
        details = _json(bytes(payload)).get("details") or {}
        if details.get("purpose") == "audit" and details.get("certificate_sha256") == used:
            return
    raise RecordIntegrityError(
        "The audit key on the token is not the audit key this log pinned, and the log records "
        "no rotation to it; a checkpoint signed with it would not verify.",
        hint="Check the audit key label in Settings (it must not name the seal key). A new "
        "audit key is introduced only by a key rotation with custodian approvals.",
    )
