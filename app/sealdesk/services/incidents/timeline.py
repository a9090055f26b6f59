"""An incident's timeline, read from the audit log: what happened, who acted, when.

Nothing here is typed by hand. The timeline is the union of

* the incident's own events (opened, notes, links, action items, closing, statements);
* the entries its links point at (the failed seal, the quarantine, the FAILED result);
* every entry about a linked document or seal from the moment the incident began until it was
  closed (the failed seals before detection, the retry that sealed them after);
* the maintenance switch going on or off in that period (the containment).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.canonical import parse_time
from sealdesk.core.audit.events import EventType
from sealdesk.services.incidents.register import INCIDENT_EVENTS, Incident, LinkKind
from sealdesk.storage.audit.models import AuditEntry

PER_LINK = 200
"""At most this many entries per linked item (a document sealed daily for years)."""
SCANNED_LINKS = 50
"""Linked documents and seals whose history is searched (a substring search of the subject
column each); beyond these, a link shows only the entry that caused it. A compromise that
quarantined ten thousand seals still lists every quarantine, through the links' entries."""

_SUMMARY_KEYS = ("title", "text", "root_cause", "reason", "indication", "error", "name",
                 "outcome", "kind", "ref", "label", "rule", "message")


@dataclass(frozen=True)
class TimelineEntry:
    index: int
    time: dt.datetime
    actor: str
    type: str
    summary: str
    subject: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "time": self.time.isoformat(), "actor": self.actor,
                "type": self.type, "summary": self.summary, "subject": self.subject}


def build_timeline(session: Session, incident: Incident) -> list[TimelineEntry]:
    """The incident's timeline in log order (module docstring)."""
    indexes = set(_own_entries(session, incident.id))
    indexes |= {link.entry for link in incident.links if link.entry is not None}
    window = [AuditEntry.time >= incident.occurred_at]
    if incident.closed_index is not None:
        window.append(AuditEntry.idx <= incident.closed_index)
    scanned = [lk for lk in incident.links if lk.kind in (LinkKind.DOCUMENT, LinkKind.SEAL)]
    for link in scanned[:SCANNED_LINKS]:
        indexes |= set(session.execute(
            select(AuditEntry.idx).where(AuditEntry.subject.contains(link.ref), *window)
            .order_by(AuditEntry.idx).limit(PER_LINK)).scalars())
    indexes |= set(session.execute(select(AuditEntry.idx).where(
        AuditEntry.event_type.in_([EventType.MAINTENANCE_ENABLED.value,
                                   EventType.MAINTENANCE_DISABLED.value]), *window)).scalars())
    return entries_at(session, sorted(indexes))


def _own_entries(session: Session, incident_id: int) -> list[int]:
    return list(session.execute(select(AuditEntry.idx).where(
        AuditEntry.event_type.in_([str(t) for t in INCIDENT_EVENTS]),
        or_(AuditEntry.idx == incident_id, AuditEntry.subject == str(incident_id)),
    )).scalars())


def entries_at(session: Session, indexes: list[int]) -> list[TimelineEntry]:
    """Timeline entries for these audit indexes, from their hashed payloads (not the columns)."""
    found: list[TimelineEntry] = []
    for start in range(0, len(indexes), 500):
        rows = session.execute(select(AuditEntry.idx, AuditEntry.payload).where(
            AuditEntry.idx.in_(indexes[start:start + 500])).order_by(AuditEntry.idx))
        found.extend(_entry(int(idx), json.loads(bytes(payload))) for idx, payload in rows)
    return found


def _entry(index: int, payload: dict[str, Any]) -> TimelineEntry:
    details = payload.get("details", {})
    parts = [f"{key}={details[key]}" for key in _SUMMARY_KEYS
             if isinstance(details.get(key), str | int) and details.get(key) != ""]
    return TimelineEntry(index, parse_time(payload["time"]), payload["actor"], payload["type"],
                         "; ".join(parts)[:300], dict(payload.get("subject", {})))
