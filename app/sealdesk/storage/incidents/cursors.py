"""Reading and moving a log cursor (:class:`~sealdesk.storage.incidents.models.LogCursor`)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.storage.incidents.models import LogCursor


class CursorState(NamedTuple):
    position: int
    entry_hash: bytes | None


def read_cursor(session: Session, name: str, *, lock: bool = False) -> CursorState:
    """The cursor ``name`` (position 0 when it was never moved); ``lock`` holds its row."""
    query = select(LogCursor.position, LogCursor.entry_hash).where(LogCursor.name == name)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).one_or_none()
    if row is None:
        return CursorState(0, None)
    return CursorState(int(row[0]), None if row[1] is None else bytes(row[1]))


def move_cursor(session: Session, name: str, position: int, entry_hash: bytes | None) -> None:
    """Set cursor ``name`` in the caller's transaction."""
    row = session.get(LogCursor, name)
    now = dt.datetime.now(dt.UTC)
    if row is None:
        session.add(LogCursor(name=name, position=position, entry_hash=entry_hash,
                              updated_at=now))
    else:
        row.position, row.entry_hash, row.updated_at = position, entry_hash, now
