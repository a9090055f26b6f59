"""Appending to and reading the audit log in the database.

An append happens inside the caller's transaction, so the event commits or rolls back together
with the act it records. Appends lock the single ``audit_head`` row first, which serializes
concurrent appenders (several consoles on one PostgreSQL database, several processes on one
SQLite file) into one linear chain.

The head row also carries the Merkle frontier (the compact range of the whole log), and every
append that completes a 256-leaf block stores that block's subtree hashes in the same
transaction. Both are derived data, kept so that a checkpoint root is O(log n) and a proof at a
million entries reads a few dozen rows (see :mod:`sealdesk.storage.audit_tree`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import ChainEntry, make_entry
from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.audit.merkle import BLOCK_LEVEL, BLOCK_SIZE, HASH_SIZE, CompactRange
from sealdesk.core.audit.subtree_cache import rows_for_completed_block
from sealdesk.storage.models import AuditEntry, AuditHead, AuditSubtree

SUBJECT_MAX = 256


def append_event(session: Session, event: AuditEvent) -> ChainEntry:
    """Append ``event`` after the current head; the caller's transaction commits it."""
    head = lock_head(session)
    frontier = frontier_of(head.size, head.frontier)
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
    frontier.append(entry.entry_hash)
    if frontier.size % BLOCK_SIZE == 0:
        _store_completed_block(session, entry)
    head.size = frontier.size
    head.head_hash = entry.entry_hash
    head.frontier = encode_frontier(frontier)
    session.flush()
    return entry


def lock_head(session: Session) -> AuditHead:
    """The head row, locked until the transaction ends (``SELECT ... FOR UPDATE``).

    On SQLite the transaction already holds the write lock (``BEGIN IMMEDIATE``); on
    PostgreSQL the row lock makes a second appender wait here and then read the new head.
    """
    return session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()


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
        insert(AuditSubtree), [{"level": r.level, "idx": r.index, "hash": r.hash} for r in rows]
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


def subject_key(subject: dict[str, str]) -> str:
    """The searchable text of a subject: its values, space separated (hashes, ids)."""
    return " ".join(str(subject[key]) for key in sorted(subject))[:SUBJECT_MAX]


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
    session: Session, start: int = 0, batch: int = 20000
) -> Iterator[list[tuple[int, bytes, bytes, bytes]]]:
    """Stream raw ``(idx, prev_hash, entry_hash, payload)`` rows in index order, by pages.

    Keyset pagination (``idx >= last + 1``) keeps every query short and cheap on both
    backends, and never holds a million rows in memory. The rows are plain tuples that
    :func:`sealdesk.core.audit.chain.verify_chain` consumes without conversion.
    """
    position = start
    connection = session.connection()
    query = (
        select(AuditEntry.idx, AuditEntry.prev_hash, AuditEntry.entry_hash, AuditEntry.payload)
        .where(AuditEntry.idx >= bindparam("position"))
        .order_by(AuditEntry.idx)
        .limit(batch)
    )
    while True:
        rows = connection.execute(query, {"position": position}).all()
        if not rows:
            return
        if not isinstance(rows[0][1], bytes):  # memoryview on some drivers
            rows = [(int(i), bytes(p), bytes(h), bytes(d)) for i, p, h, d in rows]
        yield rows  # type: ignore[misc]
        if len(rows) < batch:
            return
        position = int(rows[-1][0]) + 1

