"""Browsing the audit log: filters pushed down into SQL, pages fetched by index.

The GUI table and ``sealdesk audit list`` share this. Nothing here ever loads the whole log: an
unfiltered view is addressed by entry index (the log has no holes, so row ``r`` of a newest-first
view is entry ``size - 1 - r``), and a filtered view is read a page at a time with keyset
pagination (``idx < last seen``), so even a search that matches a million entries costs one page
per screen. The filter columns (type, time, actor, subject) are indexed copies of payload fields
kept for browsing; they are not evidence. Every row shown is built from the hashed payload
(:func:`sealdesk.core.audit.columns.payload_columns`), never from the copies; a row whose copies
disagree with its payload says so (``columns_match``), and ``audit verify`` names the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ColumnElement, Text, and_, cast, false, func, or_, select, true
from sqlalchemy.orm import Session

from sealdesk.core.audit.canonical import parse_time
from sealdesk.core.audit.columns import payload_columns
from sealdesk.errors import InputError
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import time_text


class AuditRow(NamedTuple):
    """What a table row shows, as the payload states it; ``time`` is UTC.

    ``columns_match`` is False when the copied columns the filters searched differ from the
    payload: the row was edited in the database (a filter may then also have missed entries).
    """

    index: int
    time: dt.datetime
    event_type: str
    actor: str
    subject: str
    columns_match: bool = True


class EntryDetails(NamedTuple):
    """Everything stored for one entry: the row plus the evidence (payload and hashes)."""

    row: AuditRow
    prev_hash: bytes
    entry_hash: bytes
    payload: bytes


MAX_FILTER_TEXT = 1000
"""A longer search is no search a person types; SQLite refuses LIKE patterns past 50,000
characters, which used to read as "the database could not be reached" (issue 18)."""
MAX_FILTER_TYPES = 200
MAX_FILTER_RANGES = 500


@dataclass(frozen=True)
class AuditFilter:
    """What to show. Empty fields do not filter; text matches are case-insensitive substrings.

    ``event_types`` are exact type names; ``since`` is inclusive and ``until`` exclusive, both
    timezone-aware; ``document`` matches any subject value (hash prefixes work); ``text``
    searches the whole canonical payload. ``entries`` limits the view to inclusive index ranges
    (``None``: no limit; empty: nothing), e.g. the entries a verification named.
    """

    event_types: tuple[str, ...] = ()
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    actor: str = ""
    document: str = ""
    text: str = ""
    entries: tuple[tuple[int, int], ...] | None = None

    @property
    def is_empty(self) -> bool:
        return self == AuditFilter()

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")
        for name, label in (("actor", "actor"), ("document", "document"), ("text", "search")):
            if len(getattr(self, name)) > MAX_FILTER_TEXT:
                raise InputError(
                    f"The {label} text is too long ({len(getattr(self, name)):,} characters; "
                    f"at most {MAX_FILTER_TEXT:,}).",
                    hint="Search for a shorter, distinctive part: a name, a hash prefix, a word.")
        if self.entries is not None and len(self.entries) > MAX_FILTER_RANGES:
            raise InputError(f"Too many entry ranges ({len(self.entries)}; at most "
                             f"{MAX_FILTER_RANGES}).", hint="Narrow the selection.")
        if len(self.event_types) > MAX_FILTER_TYPES:
            raise InputError(f"Too many event types ({len(self.event_types)}; at most "
                             f"{MAX_FILTER_TYPES}).", hint="Leave the type out to see every type.")


_COLUMNS = (AuditEntry.idx, AuditEntry.time, AuditEntry.event_type, AuditEntry.actor,
            AuditEntry.subject, AuditEntry.payload)


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
    if flt.entries is not None:
        clauses.append(or_(false(), *(AuditEntry.idx.between(first, last)
                                      for first, last in flt.entries)))
    return and_(true(), *clauses)


def _row(values: Sequence[object]) -> AuditRow:
    """The row as its payload states it, compared with the copied columns it was found by."""
    idx, time, event_type, actor, subject, payload = values
    try:
        said = payload_columns(bytes(payload))  # type: ignore[arg-type]
    except ValueError:
        return AuditRow(int(idx), _stored_time(time), "(unreadable payload)", "", "",  # type: ignore[call-overload]
                        columns_match=False)
    stored = (str(event_type), time_text(time), str(actor), str(subject))
    return AuditRow(int(idx), parse_time(said.time), said.event_type, said.actor,  # type: ignore[call-overload]
                    said.subject, columns_match=stored == tuple(said))


def _stored_time(time: object) -> dt.datetime:
    assert isinstance(time, dt.datetime)
    return time if time.tzinfo is not None else time.replace(tzinfo=dt.UTC)


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
        select(*_COLUMNS, AuditEntry.prev_hash, AuditEntry.entry_hash)
        .where(AuditEntry.idx == index)
    ).one_or_none()
    if found is None:
        return None
    return EntryDetails(_row(found[:6]), bytes(found[6]), bytes(found[7]), bytes(found[5]))


def payload_page(
    session: Session, flt: AuditFilter, *, before: int | None, limit: int
) -> list[tuple[int, bytes]]:
    """Like :func:`filtered_page`, but ``(index, payload)`` pairs: for selections that must rest
    on the hashed payload alone (filter with ``text``, which searches the payload)."""
    dialect = session.get_bind().dialect.name
    condition = filter_clause(flt, dialect)
    if before is not None:
        condition = and_(condition, AuditEntry.idx < before)
    result = session.execute(
        select(AuditEntry.idx, AuditEntry.payload).where(condition)
        .order_by(AuditEntry.idx.desc()).limit(limit)
    )
    return [(int(i), bytes(p)) for i, p in result]


def event_types_in_log(session: Session) -> list[str]:
    """The distinct event types present (uses the type index)."""
    return sorted(
        str(t) for t in session.execute(select(AuditEntry.event_type).distinct()).scalars()
    )
