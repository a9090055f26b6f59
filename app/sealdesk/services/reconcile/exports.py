"""Exported copies: is each copy the log records still there, and still the same bytes?

Two acts write copies outside SealDesk's store, and the log records both:

* sealing with an export folder writes ``NAME.sealed.pdf`` copies; ``document.exported`` lists
  each copy's absolute path and SHA-256 (the sealed file's);
* ``sealdesk evidence export`` writes a bundle; ``evidence.exported`` names its SHA-256 and (from
  this release on) its absolute path; older events name only the file, which cannot be found.

Each recorded copy (the latest record per path) is reported as ``present`` (same SHA-256),
``changed`` (other bytes: a finding, since someone may rely on a copy that is no longer what was
sealed) or ``unreachable`` (not found: not an error, copies are meant to leave the machine),
each with what to do.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.fsutil import sha256_file
from sealdesk.storage.audit.models import AuditEntry

PRESENT, CHANGED, UNREACHABLE = "present", "changed", "unreachable"

COPY_ACTIONS = {
    PRESENT: "Nothing to do: the copy is the sealed file as exported.",
    CHANGED: "Do not rely on this copy: it is no longer what was exported. Export it again "
             "from SealDesk and find out who changed it.",
    UNREACHABLE: "Nothing to do if the copy was sent or moved on purpose; whoever holds it can "
                 "check it with 'sealdesk verify'.",
}


@dataclass(frozen=True)
class ExportedCopy:
    """One recorded exported copy and what was found at its path."""

    kind: str
    """``sealed_copy`` or ``evidence_bundle``."""
    path: str
    sha256: str
    entry: int
    state: str
    found_sha256: str = ""

    @property
    def action(self) -> str:
        return COPY_ACTIONS[self.state]

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "path": self.path, "sha256": self.sha256,
                "audit_entry": self.entry, "state": self.state,
                "found_sha256": self.found_sha256, "action": self.action}


def recorded_copies(session: Session, since: dt.datetime | None) -> dict[str, tuple[str, str, int]]:
    """Path -> (kind, SHA-256, entry) of every copy the log records (the latest per path)."""
    query = select(AuditEntry.idx, AuditEntry.payload).where(AuditEntry.event_type.in_(
        [EventType.DOCUMENT_EXPORTED.value, EventType.EVIDENCE_EXPORTED.value]))
    if since is not None:
        query = query.where(AuditEntry.time >= since)
    copies: dict[str, tuple[str, str, int]] = {}
    for idx, payload in session.execute(query.order_by(AuditEntry.idx)):
        event = json.loads(bytes(payload))
        details = event.get("details", {})
        if event.get("type") == EventType.DOCUMENT_EXPORTED.value:
            for copy in details.get("copies", []):
                copies[str(copy["path"])] = ("sealed_copy", str(copy["sealed_sha256"]), int(idx))
        else:
            path = str(details.get("path") or details.get("file") or "")
            copies[path] = ("evidence_bundle", str(event["subject"].get("bundle_sha256", "")),
                            int(idx))
    return copies


def check_copies(copies: dict[str, tuple[str, str, int]]) -> list[ExportedCopy]:
    """Look at each recorded copy (streamed hashing; nothing is changed)."""
    checked = []
    for path, (kind, sha256, entry) in sorted(copies.items(), key=lambda item: item[1][2]):
        target = Path(path)
        found = ""
        if target.is_absolute() and target.is_file():
            try:
                found = sha256_file(target)
            except OSError:
                found = ""
        state = UNREACHABLE if not found else PRESENT if found == sha256 else CHANGED
        checked.append(ExportedCopy(kind, path, sha256, entry, state, found))
    return checked
