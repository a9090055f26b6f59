"""Checking counter-signatures of a report or statement against what the audit log proves.

A counter-signature verifies when (1) it covers the document's exact SHA-256 and kind, (2) the
log records it (a ``countersignature.added`` entry naming the document and the signature's
SHA-256), (3) the certificate it names is a custodian the log's replay shows active at that
entry, and (4) the signature verifies with that registered certificate (never one from the file).
The log's hash chain is checked in the same read (:func:`proven_events`); the custodians table
is not consulted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import (
    Countersignature,
    Kind,
    Verdict,
    check_countersignature,
    decode,
    registry_at,
)
from sealdesk.errors import SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import proven_events
from sealdesk.storage.audit.models import AuditEntry


@dataclass(frozen=True)
class CheckedCountersignature:
    """One counter-signature file and what its check found."""

    path: Path
    custodian: str
    """The custodian the log proves signed it ('' when it did not verify)."""
    problem: str = ""
    entry: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem

    def describe(self) -> str:
        if self.ok:
            return f"{self.path.name}: counter-signed by custodian {self.custodian} (audit " \
                   f"entry {self.entry})"
        return f"{self.path.name}: NOT VALID: {self.problem}"


def check_file(ctx: AppContext, path: Path, kind: Kind,
               document_sha256: str) -> CheckedCountersignature:
    """Check one counter-signature file of the document whose SHA-256 is given."""
    try:
        signed = decode(path.read_bytes(), f"counter-signature file {path.name}")
    except (OSError, SealDeskError) as ex:
        return CheckedCountersignature(path, "", getattr(ex, "message", str(ex)))
    with ctx.database.reader() as session:
        events = proven_events(session)
        entry = recorded_at(session, signed)
    if entry is None:
        return CheckedCountersignature(
            path, "", "the audit log does not record this counter-signature (it was not made "
            "by this installation, or it was forged)")
    verdict: Verdict = check_countersignature(signed, kind, document_sha256,
                                              registry_at(events, entry),
                                              f"at audit entry {entry}")
    name = verdict.custodian.name if verdict.custodian else ""
    return CheckedCountersignature(path, name if verdict.ok else "", verdict.problem, entry)


def check_beside(ctx: AppContext, document: Path, kind: Kind) -> list[CheckedCountersignature]:
    """Check every ``NAME.countersig-*.json`` next to ``document`` (none: an empty list)."""
    digest = hashlib.sha256(document.read_bytes()).hexdigest()
    files = sorted(document.parent.glob(f"{_glob_escape(document.stem)}.countersig-*.json"))
    return [check_file(ctx, path, kind, digest) for path in files]


@dataclass
class SignedDocumentCheck:
    """A report or statement checked: the audit key's signature, the log, the custodians."""

    document: Path
    audit_signature: str = ""
    """'' when the audit key's signature verified; otherwise what is wrong."""
    recorded_at: int | None = None
    """The audit entry that records the document's issue (None: not recorded)."""
    countersignatures: list[CheckedCountersignature] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (not self.audit_signature and self.recorded_at is not None
                and all(c.ok for c in self.countersignatures))

    def lines(self) -> list[str]:
        sig = self.audit_signature or "valid (audit key)"
        lines = [f"{self.document.name}: audit-key signature {sig}",
                 f"Recorded in the audit log: entry {self.recorded_at}" if self.recorded_at
                 is not None else "NOT recorded in this installation's audit log"]
        if not self.countersignatures:
            lines.append("No custodian counter-signature.")
        lines.extend(c.describe() for c in self.countersignatures)
        lines.extend(f"Note: {n}" for n in self.notes)
        return lines


def find_recorded(ctx: AppContext, event_type: EventType, part: str, key: str,
                  digest: str) -> int | None:
    """The first entry of ``event_type`` whose payload ``part`` ("subject" or "details") has
    ``key`` equal to ``digest``; the log's hash chain is checked in the same read."""
    with ctx.database.reader() as session:
        proven_events(session)
        rows = session.execute(select(AuditEntry.idx, AuditEntry.payload).where(
            AuditEntry.event_type == event_type.value).order_by(AuditEntry.idx))
        for idx, payload in rows:
            try:
                event = json.loads(bytes(payload))
            except ValueError:
                continue
            if event.get("type") == event_type.value \
                    and dict(event.get(part) or {}).get(key) == digest:
                return int(idx)
    return None


def recorded_at(session: Session, signed: Countersignature) -> int | None:
    """The entry recording ``signed`` (payloads read from the chain-checked rows), if any."""
    digest = hashlib.sha256(signed.signature).hexdigest()
    rows = session.execute(select(AuditEntry.idx, AuditEntry.payload).where(
        AuditEntry.event_type == EventType.COUNTERSIGNED.value).order_by(AuditEntry.idx))
    for idx, payload in rows:
        try:
            event = json.loads(bytes(payload))
        except ValueError:
            continue
        if event.get("type") != EventType.COUNTERSIGNED.value:
            continue
        details, subject = event.get("details", {}), event.get("subject", {})
        if details.get("signature_sha256") == digest \
                and subject.get("document_sha256") == signed.document_sha256 \
                and details.get("custodian_sha256") == signed.custodian_sha256:
            return int(idx)
    return None


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
