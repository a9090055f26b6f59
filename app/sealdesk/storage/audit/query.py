"""Browsing the audit log: filters pushed down into SQL, pages fetched by index.

The GUI table and ``sealdesk audit list`` share this. Nothing here ever loads the whole log: an
unfiltered view is addressed by entry index (the log has no holes, so row ``r`` of a newest-first
view is entry ``size - 1 - r``), and a filtered view is read a page at a time with keyset
pagination (``idx < last seen``), so even a search that matches a million entries costs one page
per screen. The filter columns (type, time, actor, subject) are indexed copies of payload fields
kept for browsing; they are not evidence: the details pane and every check use the payload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ColumnElement, Text, and_, cast, func, select, true
from sqlalchemy.orm import Session

from sealdesk.storage.audit.models import AuditEntry


class AuditRow(NamedTuple):
    """What a table row shows; ``time`` is UTC."""

    index: int
    time: dt.datetime
    event_type: str
    actor: str
    subject: str


class EntryDetails(NamedTuple):
    """Everything stored for one entry: the row plus the evidence (payload and hashes)."""

    row: AuditRow
    prev_hash: bytes
    entry_hash: bytes
    payload: bytes


@dataclass(frozen=True)
class AuditFilter:
    """What to show. Empty fields do not filter; text matches are case-insensitive substrings.

    ``event_types`` are exact type names; ``since`` is inclusive and ``until`` exclusive, both
    timezone-aware; ``document`` matches any subject value (hash prefixes work); ``text``
    searches the whole canonical payload.
    """

    event_types: tuple[str, ...] = ()
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    actor: str = ""
    document: str = ""
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == AuditFilter()

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")


_COLUMNS = (AuditEntry.idx, AuditEntry.time, AuditEntry.event_type, AuditEntry.actor,
            AuditEntry.subject)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _payload_text(dialect: str) -> ColumnElement[str]:
    if dialect == "postgresql":
        return func.convert_from(AuditEntry.payload, "UTF8")
    return cast(AuditEntry.payload, Text)


def filter_clause(flt: AuditFilter, dialect: str) -> ColumnElement[bool]:
    """The SQL condition for ``flt`` (``dialect`` is the engine's dialect name)."""
    clauses: list[ColumnElement[bool]] = []
    if flt.event_types:
        clauses.append(AuditEntry.event_type.in_(flt.event_types))
    if flt.since is not None:
        clauses.append(AuditEntry.time >= _utc(flt.since))
    if flt.until is not None:
        clauses.append(AuditEntry.time < _utc(flt.until))
    if flt.actor.strip():
        clauses.append(AuditEntry.actor.ilike(_like(flt.actor.strip()), escape="\\"))
    if flt.document.strip():
        clauses.append(AuditEntry.subject.ilike(_like(flt.document.strip()), escape="\\"))
    if flt.text.strip():
        clauses.append(_payload_text(dialect).ilike(_like(flt.text.strip()), escape="\\"))
    return and_(true(), *clauses)


def _row(values: Sequence[object]) -> AuditRow:
    idx, time, event_type, actor, subject = values
    assert isinstance(time, dt.datetime)
    if time.tzinfo is None:  # SQLite stores UTC without a zone
        time = time.replace(tzinfo=dt.UTC)
    return AuditRow(int(idx), time, str(event_type), str(actor), str(subject))  # type: ignore[call-overload]


def rows_between(session: Session, first: int, last: int) -> list[AuditRow]:
    """Rows of entries ``first .. last`` (inclusive), newest first."""
    result = session.execute(
        select(*_COLUMNS)
        .where(AuditEntry.idx >= first, AuditEntry.idx <= last)
        .order_by(AuditEntry.idx.desc())
    )
    return [_row(r) for r in result]


def filtered_page(
    session: Session, flt: AuditFilter, *, before: int | None, limit: int
) -> list[AuditRow]:
    """Up to ``limit`` matching rows with index below ``before`` (all when None), newest first."""
    dialect = session.get_bind().dialect.name
    condition = filter_clause(flt, dialect)
    if before is not None:
        condition = and_(condition, AuditEntry.idx < before)
    result = session.execute(
        select(*_COLUMNS).where(condition).order_by(AuditEntry.idx.desc()).limit(limit)
    )
    return [_row(r) for r in result]


def count_matching(session: Session, flt: AuditFilter) -> int:
    """How many entries match (a full scan for text searches: call it off the GUI thread)."""
    dialect = session.get_bind().dialect.name
    return int(
        session.execute(
            select(func.count()).select_from(AuditEntry).where(filter_clause(flt, dialect))
        ).scalar_one()
    )


def entry_details(session: Session, index: int) -> EntryDetails | None:
    """The row and the evidence of one entry, or ``None`` if there is no such entry."""
    found = session.execute(
        select(*_COLUMNS, AuditEntry.prev_hash, AuditEntry.entry_hash, AuditEntry.payload)
        .where(AuditEntry.idx == index)
    ).one_or_none()
    if found is None:
        return None
    return EntryDetails(_row(found[:5]), bytes(found[5]), bytes(found[6]), bytes(found[7]))


def event_types_in_log(session: Session) -> list[str]:
    """The distinct event types present (uses the type index)."""
    return sorted(
        str(t) for t in session.execute(select(AuditEntry.event_type).distinct()).scalars()
    )
