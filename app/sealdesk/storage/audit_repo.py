"""Appending to and reading the audit log in the database.

An append happens inside the caller's transaction, so the event commits or rolls back together
with the act it records. Appends lock the single ``audit_head`` row first, which serializes
concurrent appenders (several consoles on one PostgreSQL database, several processes on one
SQLite file) into one linear chain.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import ChainEntry, make_entry
from sealdesk.core.audit.events import AuditEvent
from sealdesk.storage.models import AuditEntry, AuditHead

SUBJECT_MAX = 256


def append_event(session: Session, event: AuditEvent) -> ChainEntry:
    """Append ``event`` after the current head; the caller's transaction commits it."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    entry = make_entry(head.size, head.head_hash, event)
    session.add(
        AuditEntry(
            idx=entry.index,
            prev_hash=entry.prev_hash,
            entry_hash=entry.entry_hash,
            payload=entry.payload_json,
            event_type=str(event.type),
            time=event.time,
            actor=event.actor[:SUBJECT_MAX],
            subject=subject_key(event.subject),
        )
    )
    head.size = entry.index + 1
    head.head_hash = entry.entry_hash
    session.flush()
    return entry


def subject_key(subject: dict[str, str]) -> str:
    """The searchable text of a subject: its values, space separated (hashes, ids)."""
    return " ".join(str(subject[key]) for key in sorted(subject))[:SUBJECT_MAX]


def log_size(session: Session) -> int:
    return int(session.execute(select(AuditHead.size).where(AuditHead.id == 1)).scalar_one())


def count_entries(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def iter_entries(session: Session, start: int = 0, batch: int = 5000) -> Iterator[ChainEntry]:
    """Stream entries in index order, a page at a time, as chain entries for verification."""
    position = start
    while True:
        rows = session.execute(
            select(AuditEntry.idx, AuditEntry.prev_hash, AuditEntry.entry_hash, AuditEntry.payload)
            .where(AuditEntry.idx >= position)
            .order_by(AuditEntry.idx)
            .limit(batch)
        ).all()
        if not rows:
            return
        for idx, prev_hash, entry_hash, payload in rows:
            yield ChainEntry(
                index=int(idx), prev_hash=bytes(prev_hash), entry_hash=bytes(entry_hash),
                payload_json=bytes(payload),
            )
        position = int(rows[-1][0]) + 1
