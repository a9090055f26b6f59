"""Appending to and reading the audit log in the database.

An append happens inside the caller's transaction, so the event commits or rolls back together
with the act it records. Appends lock the single ``audit_head`` row first, which serializes
concurrent appenders (several consoles on one PostgreSQL database, several processes on one
SQLite file) into one linear chain.

The head row also carries the Merkle frontier (the compact range of the whole log), and every
append that completes a 256-leaf block stores that block's subtree hashes in the same
transaction. Both are derived data, kept so that a checkpoint root is O(log n) and a proof at a
million entries reads a few dozen rows (see :mod:`sealdesk.storage.audit.tree`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.chain import ChainEntry, make_entry
from sealdesk.core.audit.columns import SUBJECT_MAX, subject_key
from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.audit.merkle import BLOCK_LEVEL, BLOCK_SIZE, HASH_SIZE, CompactRange
from sealdesk.core.audit.subtree_cache import rows_for_completed_block
from sealdesk.storage.audit.models import AuditEntry, AuditHead, AuditSubtree

_ENTRIES = AuditEntry.__table__
_HEAD = AuditHead.__table__
_SUBTREES = AuditSubtree.__table__


def append_event(session: Session, event: AuditEvent) -> ChainEntry:
    """Append ``event`` after the current head; the caller's transaction commits it.

    Plain SQL statements rather than ORM objects (see :func:`append_events`): an append runs
    once per recorded act, so the unit-of-work bookkeeping would cost more than the work itself.
    """
    return append_events(session, [event])[0]


def append_events(session: Session, events: list[AuditEvent]) -> list[ChainEntry]:
    """Append ``events`` in order, as :func:`append_event` would one by one, in fewer statements.

    A batch of seals commits its events together (:mod:`sealdesk.services.sealing.commit`): the
    head is locked and updated once and the entries go in as one multi-row insert; blocks they
    complete are stored after the insert, from the rows just written.
    """
    if not events:
        return []
    head = lock_head(session)
    frontier = frontier_of(head.size, head.frontier)
    entries = []
    size, prev_hash = head.size, head.head_hash
    for event in events:
        entry = make_entry(size, prev_hash, event)
        entries.append(entry)
        size, prev_hash = size + 1, entry.entry_hash
    session.execute(insert(_ENTRIES), [
        {
            "idx": entry.index, "prev_hash": entry.prev_hash, "entry_hash": entry.entry_hash,
            "payload": entry.payload_json, "event_type": str(event.type), "time": event.time,
            "actor": event.actor[:SUBJECT_MAX], "subject": subject_key(event.subject),
        }
        for entry, event in zip(entries, events, strict=True)
    ])
    for entry in entries:
        frontier.append(entry.entry_hash)
        if frontier.size % BLOCK_SIZE == 0:
            _store_completed_block(session, entry)
    session.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(size=frontier.size, head_hash=prev_hash, frontier=encode_frontier(frontier))
    )
    return entries


class HeadState(NamedTuple):
    """The head row's values: log size, hash of the last entry, encoded Merkle frontier."""

    size: int
    head_hash: bytes
    frontier: bytes


def lock_head(session: Session) -> HeadState:
    """The head row, locked until the transaction ends (``SELECT ... FOR UPDATE``).

    On SQLite the transaction already holds the write lock (``BEGIN IMMEDIATE``); on
    PostgreSQL the row lock makes a second appender wait here and then read the new head.
    """
    size, head_hash, frontier = session.execute(
        select(_HEAD.c.size, _HEAD.c.head_hash, _HEAD.c.frontier)
        .where(_HEAD.c.id == 1)
        .with_for_update()
    ).one()
    return HeadState(int(size), bytes(head_hash), bytes(frontier or b""))


def frontier_of(size: int, encoded: bytes | None) -> CompactRange:
    """Decode the stored frontier of a log of ``size`` entries."""
    data = bytes(encoded or b"")
    if len(data) != HASH_SIZE * size.bit_count():
        raise ValueError(
            f"the stored Merkle frontier has {len(data)} bytes, not {HASH_SIZE} per one-bit of "
            f"the log size {size}: the audit_head row is damaged"
        )
    hashes = [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
    return CompactRange.from_state(size, hashes)


def encode_frontier(frontier: CompactRange) -> bytes:
    return b"".join(frontier.hashes)


def _store_completed_block(session: Session, last: ChainEntry) -> None:
    """Store the subtree rows that the entry ``last`` completes (its block and ancestors)."""
    block = last.index >> BLOCK_LEVEL
    first = block << BLOCK_LEVEL
    leaves = [*leaf_hashes(session, first, last.index), last.entry_hash]
    rows = rows_for_completed_block(block, leaves, lambda lvl, i: subtree_hash(session, lvl, i))
    session.execute(
        insert(_SUBTREES), [{"level": r.level, "idx": r.index, "hash": r.hash} for r in rows]
    )


def subtree_hash(session: Session, level: int, index: int) -> bytes | None:
    """One stored subtree hash, or ``None``."""
    value = session.execute(
        select(AuditSubtree.hash).where(AuditSubtree.level == level, AuditSubtree.idx == index)
    ).scalar_one_or_none()
    return None if value is None else bytes(value)


def leaf_hashes(session: Session, start: int, end: int) -> list[bytes]:
    """Entry hashes of entries ``start .. end - 1`` in order (the Merkle leaves)."""
    rows = session.execute(
        select(AuditEntry.entry_hash)
        .where(AuditEntry.idx >= start, AuditEntry.idx < end)
        .order_by(AuditEntry.idx)
    ).scalars()
    return [bytes(h) for h in rows]


def log_size(session: Session) -> int:
    return int(session.execute(select(AuditHead.size).where(AuditHead.id == 1)).scalar_one())


def count_entries(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def entry_at(session: Session, index: int) -> ChainEntry | None:
    """The stored entry with this index, or ``None``."""
    row = session.execute(
        select(AuditEntry.idx, AuditEntry.prev_hash, AuditEntry.entry_hash, AuditEntry.payload)
        .where(AuditEntry.idx == index)
    ).one_or_none()
    return None if row is None else _chain_entry(row)


def _chain_entry(row: Any) -> ChainEntry:
    idx, prev_hash, entry_hash, payload = row
    return ChainEntry(int(idx), bytes(prev_hash), bytes(entry_hash), bytes(payload))


def iter_entries(session: Session, start: int = 0, batch: int = 5000) -> Iterator[ChainEntry]:
    """Stream entries in index order, a page at a time, as chain entries for verification."""
    for rows in iter_entry_rows(session, start, batch):
        for row in rows:
            yield _chain_entry(row)


def iter_entry_rows(
    session: Session, start: int = 0, batch: int = 20000, *, with_columns: bool = False
) -> Iterator[list[tuple[Any, ...]]]:
    """Stream raw ``(idx, prev_hash, entry_hash, payload)`` rows in index order, by pages.

    The rows are plain tuples that :func:`sealdesk.core.audit.chain.verify_chain` consumes
    without conversion; a million entries are never held in memory at once. On SQLite one
    ordered scan is read straight from the driver's cursor (in the session's transaction, so the
    snapshot is the session's): the per-row cost of result objects would otherwise double the
    time of a verification. Elsewhere keyset pagination (``idx >= last + 1``) keeps every query
    short.

    ``with_columns`` appends the copied columns ``(event_type, time, actor, subject)`` to each
    row, so that verification compares them with the payload in the same pass: on SQLite as
    raw UTF-8 bytes (cheapest to compare), elsewhere as the driver returns them (``time`` a
    datetime; see :func:`time_text`).
    """
    connection = session.connection()
    names = _STREAM_COLUMNS + (_COPIED_COLUMNS if with_columns else ())
    if connection.dialect.name == "sqlite":  # copies as raw bytes: compared without decoding
        raw = _STREAM_COLUMNS + tuple(f"CAST({n} AS BLOB)" for n in _COPIED_COLUMNS)
        yield from _sqlite_rows(connection, start, batch, raw if with_columns else names)
        return
    position = start
    query = (
        select(*(getattr(AuditEntry, name) for name in names))
        .where(AuditEntry.idx >= bindparam("position"))
        .order_by(AuditEntry.idx)
        .limit(batch)
    )
    while True:
        rows = [
            (int(r[0]), bytes(r[1]), bytes(r[2]), bytes(r[3]), *r[4:])
            for r in connection.execute(query, {"position": position})
        ]
        if not rows:
            return
        yield rows
        if len(rows) < batch:
            return
        position = rows[-1][0] + 1


_STREAM_COLUMNS = ("idx", "prev_hash", "entry_hash", "payload")
_COPIED_COLUMNS = ("event_type", "time", "actor", "subject")


def time_text(value: object) -> str:
    """A stored ``time`` column in the payload's form ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.

    SQLite keeps SQLAlchemy's text ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC, no zone); rows written
    by other tools may hold another ISO 8601 spelling of the same instant, which is accepted.
    PostgreSQL returns an aware datetime. Anything unreadable is returned as is (unequal).
    """
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}Z"
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return format_time(moment)
    return repr(value)


def _sqlite_rows(
    connection: Connection, start: int, batch: int, names: tuple[str, ...]
) -> Iterator[list[tuple[Any, ...]]]:
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f"SELECT {', '.join(names)} FROM audit_entries WHERE idx >= ? ORDER BY idx",
            (start,),
        )
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()
