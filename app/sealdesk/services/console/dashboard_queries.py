"""Read-only queries behind the Home dashboard, written to survive a schema that is still growing.

Some tables the dashboard reads arrive with later releases (revalidation runs, a maintenance
switch) and every console may run against an older database. So each query first asks whether
its table exists and falls back to what the audit log says: the log has an event type for every
act (``revalidation.finished``, ``maintenance.enabled``…) from the first release on. Nothing
here writes, and nothing raises for a missing table.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import MetaData, Table, func, inspect, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.storage.audit.models import AuditEntry, AuditHead, Checkpoint
from sealdesk.storage.documents.models import Document


@dataclass(frozen=True)
class LoggedEvent:
    """An audit entry's time, actor and details (what the dashboard shows of an event)."""

    index: int
    type: str
    time: dt.datetime
    actor: str
    details: dict[str, Any]


def has_table(session: Session, name: str) -> bool:
    """Whether the schema has ``name``; the dashboard also reads older auditor copies."""
    tables = session.info.get("tables")
    if tables is not None:
        return name in tables
    return inspect(session.connection()).has_table(name)


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite returns stored UTC times without a zone; PostgreSQL with one."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def count_events(session: Session, kind: EventType, since: dt.datetime) -> int:
    query = select(func.count()).select_from(AuditEntry).where(
        AuditEntry.event_type == str(kind), AuditEntry.time >= since.astimezone(dt.UTC))
    return int(session.execute(query).scalar_one())


def latest_event(session: Session, *kinds: EventType, subject: str | None = None
                 ) -> LoggedEvent | None:
    """The most recent entry of any of ``kinds`` (optionally with this subject text)."""
    query = select(AuditEntry.idx, AuditEntry.event_type, AuditEntry.time, AuditEntry.actor,
                   AuditEntry.payload).where(AuditEntry.event_type.in_([str(k) for k in kinds]))
    if subject is not None:
        query = query.where(AuditEntry.subject == subject)
    row = session.execute(query.order_by(AuditEntry.idx.desc()).limit(1)).first()
    if row is None:
        return None
    idx, kind, time, actor, payload = row
    try:
        details = json.loads(bytes(payload)).get("details", {})
    except (ValueError, AttributeError):
        details = {}
    return LoggedEvent(int(idx), str(kind), utc(time), str(actor),
                       details if isinstance(details, dict) else {})


def recent_of(session: Session, kind: EventType, limit: int) -> list[LoggedEvent]:
    """The newest ``limit`` entries of one type, newest first (the alerts strip)."""
    rows = session.execute(
        select(AuditEntry.idx, AuditEntry.event_type, AuditEntry.time, AuditEntry.actor,
               AuditEntry.payload).where(AuditEntry.event_type == str(kind))
        .order_by(AuditEntry.idx.desc()).limit(limit)).all()
    found = []
    for idx, event_type, time, actor, payload in rows:
        details = _payload(bytes(payload)).get("details", {})
        found.append(LoggedEvent(int(idx), str(event_type), utc(time), str(actor),
                                 details if isinstance(details, dict) else {}))
    return found


@dataclass(frozen=True)
class RecentEvent:
    index: int
    time: dt.datetime
    type: str
    actor: str
    subject: str
    """What the event is about, for a person: a document's name, else shortened ids."""

    @property
    def description(self) -> str:
        """``document.seal_failed`` → "Document seal failed"."""
        return self.type.replace(".", " ").replace("_", " ").capitalize()


def recent_events(session: Session, limit: int) -> list[RecentEvent]:
    """The newest entries, with document hashes turned into the documents' names."""
    rows = session.execute(
        select(AuditEntry.idx, AuditEntry.time, AuditEntry.event_type, AuditEntry.actor,
               AuditEntry.payload).order_by(AuditEntry.idx.desc()).limit(limit)).all()
    payloads = [_payload(bytes(row[4])) for row in rows]
    hashes = {str(p.get("subject", {}).get("document_sha256", "")) for p in payloads} - {""}
    names = dict(session.execute(select(Document.sha256, Document.original_name)
                                 .where(Document.sha256.in_(hashes))).all()) if hashes else {}
    return [RecentEvent(int(i), utc(t), str(k), str(a), _about(payload, names))
            for (i, t, k, a, _), payload in zip(rows, payloads, strict=True)]


def _payload(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _about(payload: dict[str, Any], names: dict[str, str]) -> str:
    subject = payload.get("subject") or {}
    details = payload.get("details") or {}
    name = details.get("name") or names.get(str(subject.get("document_sha256", "")))
    if name:
        return str(name)
    return ", ".join(_short(str(v)) for _, v in sorted(subject.items()))


def _short(value: str) -> str:
    """Hashes and other long ids are recognisable by their first twelve characters."""
    return value[:12] + "…" if len(value) > 24 else value


def log_size(session: Session) -> int:
    return int(session.execute(select(AuditHead.size)).scalar() or 0)


@dataclass(frozen=True)
class CheckpointRow:
    created_at: dt.datetime
    tree_size: int


def latest_checkpoint(session: Session) -> CheckpointRow | None:
    row = session.execute(select(Checkpoint.created_at, Checkpoint.tree_size)
                          .order_by(Checkpoint.tree_size.desc(), Checkpoint.id.desc())
                          .limit(1)).first()
    return None if row is None else CheckpointRow(utc(row[0]), int(row[1]))


def active_seal_certificate(session: Session) -> bytes | None:
    """The active seal key's certificate from the key registry (rotation), if it has one."""
    if not has_table(session, "managed_keys"):
        return None
    from sealdesk.storage.keys.models import ManagedKey

    der = session.execute(select(ManagedKey.certificate_der).where(
        ManagedKey.purpose == "seal", ManagedKey.status == "active")).scalar()
    return bytes(der) if der else None


@dataclass(frozen=True)
class OpenProposal:
    id: str
    action: str
    status: str
    created_at: dt.datetime
    expires_at: dt.datetime


def open_proposals(session: Session, now: dt.datetime) -> list[OpenProposal]:
    """Rotation proposals still waiting for approvals or execution (not expired)."""
    if not has_table(session, "rotation_proposals"):
        return []
    from sealdesk.storage.keys.models import ProposalRecord as P

    rows = session.execute(
        select(P.id, P.action, P.status, P.created_at, P.expires_at)
        .where(P.status.in_(("proposed", "approved", "executing")))
        .order_by(P.created_at, P.id)).all()
    found = [OpenProposal(str(i), str(a), str(s), utc(c), utc(e)) for i, a, s, c, e in rows]
    return [p for p in found if p.status == "executing" or p.expires_at > now]


_RUN_TABLES = ("revalidation_runs", "revalidation_run")
_RUN_TIMES = ("finished_at", "completed_at", "ended_at", "started_at", "created_at")
_RUN_COUNTS = ("passed", "failed", "indeterminate", "total")


def latest_revalidation_run(session: Session) -> dict[str, Any] | None:
    """The newest row of the revalidation runs table, if that table exists (columns read
    defensively: a time column and whichever counts it has), else None."""
    name = next((t for t in _RUN_TABLES if has_table(session, t)), None)
    if name is None:
        return None
    table = Table(name, MetaData(), autoload_with=session.connection())
    time_column = next((table.c[c] for c in _RUN_TIMES if c in table.c), None)
    if time_column is None:
        return None
    row = session.execute(select(table).where(time_column.is_not(None))
                          .order_by(time_column.desc()).limit(1)).mappings().first()
    if row is None:
        return None
    result: dict[str, Any] = {"time": utc(row[time_column.name])}
    for column in (*_RUN_COUNTS, "status"):
        if column in row:
            result[column] = row[column]
    return result

