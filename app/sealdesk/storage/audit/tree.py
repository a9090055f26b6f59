"""The Merkle tree of the stored log, for proofs: leaf hashes and cached subtrees from the database.

:mod:`sealdesk.core.audit.merkle` builds proofs from two callables; here they read the
``audit_entries`` and ``audit_subtrees`` tables. A proof at a million entries needs about twenty
stored subtree hashes and one or two ranges of at most 256 entry hashes. Asking for the subtrees
one query at a time would cost more than the hashing, so each proof runs twice: a dry run with
placeholder hashes records exactly which subtrees the proof reads, one query fetches them all,
and the real run reads them from memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import Connection, bindparam, select, tuple_
from sqlalchemy.orm import Session

from sealdesk.core.audit import merkle
from sealdesk.storage.audit.models import AuditEntry, AuditSubtree

T = TypeVar("T")
_PLACEHOLDER = bytes(32)
_LEAVES = (
    select(AuditEntry.entry_hash)
    .where(AuditEntry.idx >= bindparam("start"), AuditEntry.idx < bindparam("end"))
    .order_by(AuditEntry.idx)
)

Run = Callable[[merkle.LeafHashSource, merkle.SubtreeCache], T]


class _Recorder:
    """A subtree cache that has everything (placeholders) and notes what was asked for."""

    def __init__(self) -> None:
        self.wanted: list[tuple[int, int]] = []

    def get(self, level: int, index: int) -> bytes | None:
        self.wanted.append((level, index))
        return _PLACEHOLDER


class _Prefetched:
    """Subtree hashes fetched in one query; anything not stored reads as missing."""

    def __init__(self, found: dict[tuple[int, int], bytes]) -> None:
        self._found = found

    def get(self, level: int, index: int) -> bytes | None:
        return self._found.get((level, index))


class DatabaseTree:
    """The log's Merkle tree as stored, read through one session: roots and proofs."""

    def __init__(self, session: Session) -> None:
        self._connection: Connection = session.connection()

    def _leaves(self, start: int, end: int) -> Sequence[bytes]:
        rows = self._connection.execute(_LEAVES, {"start": start, "end": end}).scalars()
        return [bytes(h) for h in rows]

    def _subtrees(self, keys: list[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        found: dict[tuple[int, int], bytes] = {}
        unique = sorted(set(keys))
        for first in range(0, len(unique), 200):
            chunk = unique[first : first + 200]
            query = select(AuditSubtree.level, AuditSubtree.idx, AuditSubtree.hash).where(
                tuple_(AuditSubtree.level, AuditSubtree.idx).in_(chunk)
            )
            for level, index, value in self._connection.execute(query):
                found[(int(level), int(index))] = bytes(value)
        return found

    def _run(self, run: Run[T]) -> T:
        recorder = _Recorder()
        run(lambda start, end: [_PLACEHOLDER] * (end - start), recorder)
        return run(self._leaves, _Prefetched(self._subtrees(recorder.wanted)))

    def root_at(self, tree_size: int) -> bytes:
        return self._run(lambda leaves, cache: merkle.root_at(tree_size, leaves, cache))

    def inclusion_proof(self, index: int, tree_size: int) -> list[bytes]:
        return self._run(
            lambda leaves, cache: merkle.inclusion_proof(index, tree_size, leaves, cache)
        )

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return self._run(
            lambda leaves, cache: merkle.consistency_proof(old_size, new_size, leaves, cache)
        )
