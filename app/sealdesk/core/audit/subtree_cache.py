"""Stored hashes of complete 256-leaf blocks and their ancestors, for millisecond proofs.

A proof at tree size one million would rehash a million leaves without help. Every perfect,
aligned subtree that lies entirely inside the log is immutable (the log only grows), so its hash
can be computed once, when its last leaf arrives, and kept under the key ``(level, index)``:
the subtree of ``2**level`` leaves starting at leaf ``index * 2**level``. Only levels
``>= BLOCK_LEVEL`` (blocks of 256 leaves and above) are kept: about ``n / 128`` rows in all,
while anything smaller is rehashed from at most one block of leaves per proof.

Backing this with a database table is one row per ``(level, index, hash)``, primary key
``(level, index)``. When an append makes the log size a multiple of 256 (the entry just written
has index ``i`` with ``(i + 1) % 256 == 0``), in the same transaction:

1. read the entry hashes of block ``b = i // 256`` (leaves ``256 * b .. i``);
2. ``rows = rows_for_completed_block(b, those_hashes, lookup)`` where ``lookup(level, index)``
   reads one row of the table (it is only asked for left siblings, stored earlier);
3. insert the returned rows.

Any object with ``get(level, index) -> bytes | None`` reading that table is a
:class:`~sealdesk.core.audit.merkle.SubtreeCache`. Blocks must be completed in order; a
missing left sibling means an earlier block was never stored and is reported, not guessed.
:class:`InMemorySubtreeCache` is the same procedure over Python lists, for tests, benchmarks and
auditors working from an exported log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from sealdesk.core.audit.merkle import BLOCK_LEVEL, BLOCK_SIZE, HASH_SIZE, node_hash, root_of


class SubtreeRow(NamedTuple):
    """One stored subtree hash: ``2**level`` leaves starting at leaf ``index * 2**level``."""

    level: int
    index: int
    hash: bytes


def rows_for_completed_block(
    block_index: int,
    leaf_hashes: Sequence[bytes],
    lookup: Callable[[int, int], bytes | None],
) -> list[SubtreeRow]:
    """Rows to store once block ``block_index`` (256 leaves) is complete.

    The first row is the block itself (level ``BLOCK_LEVEL``); each further row is an ancestor
    the block completes, i.e. while the subtree just finished is a right child, combined with
    its left sibling from ``lookup``.
    """
    if block_index < 0:
        raise ValueError(f"block index must be non-negative, not {block_index}")
    if len(leaf_hashes) != BLOCK_SIZE:
        raise ValueError(f"a complete block has {BLOCK_SIZE} leaf hashes, not {len(leaf_hashes)}")
    if any(len(h) != HASH_SIZE for h in leaf_hashes):
        raise ValueError("leaf hashes must be 32-byte SHA-256 hashes")
    level, index = BLOCK_LEVEL, block_index
    current = root_of(leaf_hashes)
    rows = [SubtreeRow(level, index, current)]
    while index & 1:
        left = lookup(level, index - 1)
        if left is None:
            raise ValueError(
                f"subtree (level {level}, index {index - 1}) is not stored: blocks must be "
                "completed in order, starting from block 0"
            )
        current = node_hash(left, current)
        level, index = level + 1, index >> 1
        rows.append(SubtreeRow(level, index, current))
    return rows


class InMemorySubtreeCache:
    """A :class:`~sealdesk.core.audit.merkle.SubtreeCache` kept in lists, grown leaf by leaf.

    ``extend`` accepts leaf hashes in log order and stores the rows of every block they
    complete, exactly as a database-backed cache would.
    """

    def __init__(self) -> None:
        self._levels: list[list[bytes]] = []  # _levels[k][i] is (BLOCK_LEVEL + k, i)
        self._pending: list[bytes] = []
        self._size = 0

    @classmethod
    def from_leaf_hashes(cls, leaf_hashes: Iterable[bytes]) -> InMemorySubtreeCache:
        """A cache covering every complete block of ``leaf_hashes``."""
        cache = cls()
        cache.extend(leaf_hashes)
        return cache

    @property
    def size(self) -> int:
        """Number of leaves seen (including those of the incomplete last block)."""
        return self._size

    def extend(self, leaf_hashes: Iterable[bytes]) -> None:
        """Add leaf hashes in log order; stores the rows of every block they complete."""
        pending = self._pending
        for h in leaf_hashes:
            pending.append(h)
            if len(pending) == BLOCK_SIZE:
                block = self._size >> BLOCK_LEVEL
                for row in rows_for_completed_block(block, pending, self.get):
                    self._store(row)
                pending.clear()
            self._size += 1

    def _store(self, row: SubtreeRow) -> None:
        k = row.level - BLOCK_LEVEL
        while len(self._levels) <= k:
            self._levels.append([])
        if len(self._levels[k]) != row.index:
            raise ValueError(f"subtree rows stored out of order at {row.level, row.index}")
        self._levels[k].append(row.hash)

    def get(self, level: int, index: int) -> bytes | None:
        """The stored hash of subtree ``(level, index)``, or ``None``."""
        k = level - BLOCK_LEVEL
        if k < 0 or k >= len(self._levels) or not 0 <= index < len(self._levels[k]):
            return None
        return self._levels[k][index]

    def rows(self) -> list[SubtreeRow]:
        """Every stored row, level by level (what a database table would hold)."""
        return [
            SubtreeRow(BLOCK_LEVEL + k, i, h)
            for k, hashes in enumerate(self._levels)
            for i, h in enumerate(hashes)
        ]
