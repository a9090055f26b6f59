"""Browsing the audit log for the GUI: small, bounded reads from any thread.

Every method reads one bounded slice (a page of rows, one entry) through a read-only snapshot
(:class:`AuditReader`), so the Audit page can ask from its worker threads while other consoles
append, and never holds the whole log in memory.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.wording import event_name, summarize_payload
from sealdesk.storage.audit import query as audit_query
from sealdesk.storage.audit.models import AuditEntry, AuditHead
from sealdesk.storage.audit.query import MAX_FILTER_TEXT, AuditFilter, AuditRow, EntryDetails
from sealdesk.storage.db import Database

# The row, filter and details types are the Audit page's vocabulary: re-exported here so the GUI
# names them through the service that serves them and never imports storage.
__all__ = ["MAX_FILTER_TEXT", "AuditBrowser", "AuditFilter", "AuditLine", "AuditRow",
           "EntryDetails"]


class AuditLine(NamedTuple):
    """A table row for people: the indexed columns plus the event's name and one-line summary
    (both derived from the hashed payload)."""

    index: int
    time: dt.datetime
    event_type: str
    actor: str
    subject: str
    name: str
    summary: str
    columns_match: bool = True
    """False when the entry's copied columns were edited in the database (the row shows the
    payload's values; ``audit verify`` names the entry)."""


class AuditBrowser:
    """Read access for the Audit page; thread-safe (each call uses its own session)."""

    def __init__(self, database: Database) -> None:
        self._reader = AuditReader(database)

    def head_size(self) -> int:
        """Number of entries in the log (from the head row: O(1), no count)."""
        with self._reader.session() as session:
            size = session.execute(select(AuditHead.size).where(AuditHead.id == 1)).scalar_one()
        return int(size)

    def rows_between(self, first: int, last: int) -> list[AuditLine]:
        """Rows of entries ``first .. last`` inclusive, newest first."""
        with self._reader.session() as session:
            return _lines(session, audit_query.rows_between(session, first, last))

    def filtered_page(self, flt: AuditFilter, before: int | None, limit: int) -> list[AuditLine]:
        """Up to ``limit`` matching rows below index ``before``, newest first."""
        with self._reader.session() as session:
            return _lines(session, audit_query.filtered_page(session, flt, before=before,
                                                             limit=limit))

    def entry(self, index: int) -> EntryDetails | None:
        with self._reader.session() as session:
            return audit_query.entry_details(session, index)

    def close(self) -> None:
        self._reader.close()


def _lines(session: Session, rows: list[AuditRow]) -> list[AuditLine]:
    """The rows with their names and summaries, read from the payloads in one query."""
    if not rows:
        return []
    low, high = min(r.index for r in rows), max(r.index for r in rows)
    found = session.execute(
        select(AuditEntry.idx, AuditEntry.payload)
        .where(AuditEntry.idx >= low, AuditEntry.idx <= high,
               AuditEntry.idx.in_([r.index for r in rows]))
    ).all()
    payloads = {int(idx): payload for idx, payload in found}
    return [AuditLine(row.index, row.time, row.event_type, row.actor, row.subject,
                      event_name(row.event_type),
                      summarize_payload(bytes(payloads.get(row.index, b""))),
                      row.columns_match)
            for row in rows]
