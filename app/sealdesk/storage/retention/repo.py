"""Reading and writing the retention cache rows (in the caller's transaction)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.storage.retention.models import LegalHoldRecord, RetentionRecord


def record_for(session: Session, document_sha256: str) -> RetentionRecord | None:
    return session.get(RetentionRecord, document_sha256)


def upsert(session: Session, document_sha256: str, *, class_name: str,
           clock_start: dt.datetime | None, due_at: dt.datetime | None,
           deleted_entry: int | None, now: dt.datetime) -> RetentionRecord:
    row = session.get(RetentionRecord, document_sha256)
    if row is None:
        row = RetentionRecord(document_sha256=document_sha256)
        session.add(row)
    row.class_name, row.clock_start, row.due_at = class_name, clock_start, due_at
    row.deleted_entry, row.updated_at = deleted_entry, now
    return row


def all_records(session: Session) -> dict[str, RetentionRecord]:
    return {r.document_sha256: r for r in session.execute(select(RetentionRecord)).scalars()}


def open_holds(session: Session) -> list[LegalHoldRecord]:
    query = select(LegalHoldRecord).where(LegalHoldRecord.released_entry.is_(None))
    return list(session.execute(query.order_by(LegalHoldRecord.id)).scalars())


def open_hold(session: Session, document_sha256: str, case_ref: str) -> LegalHoldRecord | None:
    query = select(LegalHoldRecord).where(
        LegalHoldRecord.document_sha256 == document_sha256,
        LegalHoldRecord.case_ref == case_ref, LegalHoldRecord.released_entry.is_(None))
    return session.execute(query).scalars().first()
