"""RFC 9162 Merkle tree hashing with SHA-256: roots, a compact range, inclusion and consistency.

The audit log is the leaf sequence of one Merkle tree, hashed exactly as Certificate Transparency
2.0 (RFC 9162 §2.1) does, so that its proofs can be checked by any CT-style verifier::

    leaf_hash(d)  = SHA-256(0x00 || d)
    node_hash(l, r) = SHA-256(0x01 || l || r)
    MTH({})       = SHA-256("")
    MTH(D[n])     = node_hash(MTH(D[0:k]), MTH(D[k:n]))  with k the largest power of 2 below n

Two things keep this fast enough to verify a million entries and to prove one of them in
milliseconds:

* :class:`CompactRange` keeps the O(log n) roots of the perfect subtrees that make up the tree
  so far; appending a leaf costs one node hash on average and the root is available at every
  size without rehashing, which lets a streaming verification check every checkpoint on the way.
* Proof generators take a ``leaf_hash_source(start, end)`` callable (a database query, a slice)
  and an optional :class:`SubtreeCache` of the hashes of perfect, aligned subtrees of
  ``2**level`` leaves for ``level >= BLOCK_LEVEL``. Any perfect subtree that lies entirely inside
  the tree never changes again (the log only grows), so its hash can be stored once, keyed by
  ``(level, index)`` alone. A proof then reads about ``log2(n)`` cached hashes plus at most a few
  blocks of ``2**BLOCK_LEVEL`` leaves (the leaf's own block and the partial block at the end).
  :mod:`sealdesk.core.audit.subtree_cache` holds the in-memory cache and the rows to store in a
  database for each completed block.

A wrong cache entry cannot make a false proof pass: proofs are checked against signed roots, so a
corrupt cache only produces a proof that fails.

Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step and raises
:class:`sealdesk.errors.RecordIntegrityError` when a proof does not hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from sealdesk.errors import RecordIntegrityError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
BLOCK_LEVEL = 8
"""Caches hold subtrees of ``2**BLOCK_LEVEL`` (256) leaves and more; smaller ones are rehashed."""
BLOCK_SIZE = 1 << BLOCK_LEVEL

_sha256 = hashlib.sha256

LeafHashSource = Callable[[int, int], Sequence[bytes]]
"""``source(start, end)`` returns the leaf hashes of leaves ``start .. end - 1``, in order."""


class SubtreeCache(Protocol):
    """Stored hashes of perfect aligned subtrees: leaves ``index * 2**level`` onwards.

    Only ``level >= BLOCK_LEVEL`` is ever asked for. Return ``None`` for anything not stored;
    the caller then computes the hash from smaller subtrees or from the leaves.
    """

    def get(self, level: int, index: int) -> bytes | None: ...


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 || data)``: the hash of one leaf (RFC 9162 §2.1.1)."""
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``: the hash of an interior node."""
    return _sha256(b"\x01" + left + right).digest()


def root_of(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of a whole leaf sequence, hashing level by level (no recursion, no re-slicing).

    Pairing neighbours and carrying an odd last node up unchanged yields exactly the RFC 9162
    tree, whose right edge is the only place that is not perfect.
    """
    level = list(leaf_hashes)
    if not level:
        return EMPTY_ROOT
    sha = _sha256
    while len(level) > 1:
        pairs = zip(level[::2], level[1::2], strict=False)  # an odd last node is carried up
        paired = [sha(b"\x01" + a + b).digest() for a, b in pairs]
        if len(level) & 1:
            paired.append(level[-1])
        level = paired
    return level[0]


def _fold_right(hashes: Sequence[bytes]) -> bytes:
    """Root of consecutive perfect subtrees of strictly decreasing size, left to right."""
    root = hashes[-1]
    for h in reversed(hashes[:-1]):
        root = _sha256(b"\x01" + h + root).digest()
    return root


class CompactRange:
    """The perfect-subtree roots of a growing tree: append leaves, read the root at any size.

    ``hashes`` lists the roots of the perfect subtrees that tile leaves ``0 .. size - 1``, largest
    first; their sizes are the one-bits of ``size``. This is all the state needed to append and
    to compute the root, so a service can persist it (or rebuild it with :func:`compact_range_at`)
    and continue a verification or an append stream where it stopped.
    """

    __slots__ = ("_hashes", "_size")

    def __init__(self) -> None:
        self._size = 0
        self._hashes: list[bytes] = []

    @classmethod
    def from_state(cls, size: int, hashes: Sequence[bytes]) -> CompactRange:
        """Rebuild a range from ``size`` and its perfect-subtree roots (largest first)."""
        if size < 0 or len(hashes) != size.bit_count():
            raise ValueError(f"a range of size {size} has {size.bit_count()} subtree roots")
        if any(len(h) != HASH_SIZE for h in hashes):
            raise ValueError("subtree roots must be 32-byte SHA-256 hashes")
        rng = cls()
        rng._size = size
        rng._hashes = [bytes(h) for h in hashes]
        return rng

    @property
    def size(self) -> int:
        """Number of leaves appended."""
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """Perfect-subtree roots, largest (leftmost) first."""
        return tuple(self._hashes)

    def append(self, leaf: bytes) -> None:
        """Append one leaf hash; merges as many equal-size subtrees as the new size allows."""
        n = self._size
        stack = self._hashes
        while n & 1:
            leaf = _sha256(b"\x01" + stack.pop() + leaf).digest()
            n >>= 1
        stack.append(leaf)
        self._size += 1

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Append several leaf hashes in order."""
        for leaf in leaves:
            self.append(leaf)

    def root(self) -> bytes:
        """MTH of the leaves appended so far (``SHA-256("")`` when empty); O(log n)."""
        return _fold_right(self._hashes) if self._hashes else EMPTY_ROOT

    def copy(self) -> CompactRange:
        """An independent range with the same state."""
        return CompactRange.from_state(self._size, self._hashes)

    def __repr__(self) -> str:
        return f"CompactRange(size={self._size}, root={self.root().hex()[:16]}…)"


class _TreeReader:
    """Hashes of subtrees of one tree of ``size`` leaves, from a cache where possible.

    Leaves are fetched one whole block at a time and the last few blocks are kept, so the many
    small siblings near one leaf cost a single call to the source.
    """

    def __init__(self, size: int, source: LeafHashSource, cache: SubtreeCache | None) -> None:
        self.size = size
        self._source = source
        self._cache = cache
        self._blocks: dict[int, Sequence[bytes]] = {}

    def _fetch(self, start: int, end: int) -> Sequence[bytes]:
        leaves = self._source(start, end)
        if len(leaves) != end - start:
            raise ValueError(
                f"leaf hash source returned {len(leaves)} hashes for leaves {start}..{end - 1}"
            )
        return leaves

    def leaves(self, start: int, end: int) -> Sequence[bytes]:
        block = start >> BLOCK_LEVEL
        if end - start > BLOCK_SIZE or (end - 1) >> BLOCK_LEVEL != block:
            return self._fetch(start, end)
        cached = self._blocks.get(block)
        if cached is None:
            if len(self._blocks) >= 4:
                self._blocks.clear()
            first = block << BLOCK_LEVEL
            cached = self._fetch(first, min(first + BLOCK_SIZE, self.size))
            self._blocks[block] = cached
        offset = block << BLOCK_LEVEL
        return cached[start - offset : end - offset]

    def perfect(self, level: int, index: int) -> bytes:
        """Hash of the perfect subtree of ``2**level`` leaves starting at ``index * 2**level``."""
        cache = self._cache
        if cache is not None and level >= BLOCK_LEVEL:
            cached = cache.get(level, index)
            if cached is not None:
                return cached
        if cache is None or level <= BLOCK_LEVEL:
            start = index << level
            return root_of(self.leaves(start, start + (1 << level)))
        return node_hash(self.perfect(level - 1, 2 * index), self.perfect(level - 1, 2 * index + 1))

    def perfect_tiles(self, start: int, end: int) -> list[bytes]:
        """Roots of the perfect subtrees tiling ``start .. end - 1``, largest first.

        Valid for ranges that are nodes of an RFC 9162 tree (``start`` a multiple of a power of
        two at least ``end - start``), which makes every tile aligned.
        """
        tiles = []
        while start < end:
            level = (end - start).bit_length() - 1
            tiles.append(self.perfect(level, start >> level))
            start += 1 << level
        return tiles

    def range_hash(self, start: int, end: int) -> bytes:
        """MTH of leaves ``start .. end - 1`` for a range that is a node of the tree."""
        return _fold_right(self.perfect_tiles(start, end))


def _largest_power_below(n: int) -> int:
    """The largest power of two strictly less than ``n`` (``n >= 2``)."""
    return 1 << ((n - 1).bit_length() - 1)


def _check_size(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, not {value!r}")


def root_at(tree_size: int, source: LeafHashSource, cache: SubtreeCache | None = None) -> bytes:
    """MTH of the first ``tree_size`` leaves, using cached subtrees where available."""
    _check_size("tree_size", tree_size)
    if tree_size == 0:
        return EMPTY_ROOT
    return _TreeReader(tree_size, source, cache).range_hash(0, tree_size)


def compact_range_at(
    tree_size: int, source: LeafHashSource, cache: SubtreeCache | None = None
) -> CompactRange:
    """The :class:`CompactRange` of the first ``tree_size`` leaves, e.g. to resume appending."""
    _check_size("tree_size", tree_size)
    tiles = _TreeReader(tree_size, source, cache).perfect_tiles(0, tree_size)
    return CompactRange.from_state(tree_size, tiles)


def inclusion_proof(
    index: int, tree_size: int, source: LeafHashSource, cache: SubtreeCache | None = None
) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of ``tree_size`` leaves (RFC 9162 §2.1.3.1).

    Ordered from the leaf's sibling up to the root's other child, as the RFC's PATH(m, D[n]).
    """
    _check_size("index", index)
    _check_size("tree_size", tree_size)
    if index >= tree_size:
        raise ValueError(f"leaf {index} is not in a tree of {tree_size} leaves")
    tree = _TreeReader(tree_size, source, cache)
    path: list[bytes] = []
    start, end = 0, tree_size
    while end - start > 1:
        k = _largest_power_below(end - start)
        if index < start + k:
            path.append(tree.range_hash(start + k, end))
            end = start + k
        else:
            path.append(tree.range_hash(start, start + k))
            start += k
    path.reverse()
    return path


def consistency_proof(
    old_size: int, new_size: int, source: LeafHashSource, cache: SubtreeCache | None = None
) -> list[bytes]:
    """Proof that the tree of ``old_size`` leaves is a prefix of the one of ``new_size`` leaves.

    RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty when ``old_size`` is 0 or equals ``new_size``.
    """
    _check_size("old_size", old_size)
    _check_size("new_size", new_size)
    if old_size > new_size:
        raise ValueError(f"old size {old_size} is larger than new size {new_size}")
    if old_size in (0, new_size):
        return []
    tree = _TreeReader(new_size, source, cache)
    proof: list[bytes] = []
    m, start, end, whole = old_size, 0, new_size, True
    while m != end - start:
        k = _largest_power_below(end - start)
        if m <= k:
            proof.append(tree.range_hash(start + k, end))
            end = start + k
        else:
            proof.append(tree.range_hash(start, start + k))
            start, m, whole = start + k, m - k, False
    if not whole:
        proof.append(tree.range_hash(start, end))
    proof.reverse()
    return proof


def _check_hashes(what: str, hashes: Sequence[bytes]) -> None:
    for i, h in enumerate(hashes):
        if not isinstance(h, bytes | bytearray | memoryview) or len(h) != HASH_SIZE:
            raise RecordIntegrityError(f"{what}: element {i} is not a 32-byte SHA-256 hash")


def root_from_inclusion_proof(
    leaf: bytes, index: int, tree_size: int, proof: Sequence[bytes]
) -> bytes:
    """The root that ``proof`` leads to from ``leaf`` (RFC 9162 §2.1.3.2 steps 1-5)."""
    _check_hashes("inclusion proof", [leaf, *proof])
    if not 0 <= index < tree_size:
        raise RecordIntegrityError(f"leaf index {index} is outside a tree of {tree_size} leaves")
    fn, sn, r = index, tree_size - 1, bytes(leaf)
    for p in proof:
        if sn == 0:
            raise RecordIntegrityError("the inclusion proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node_hash(bytes(p), r)
            while fn and not fn & 1:  # "if LSB(fn) is not set, right-shift ... until"
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, bytes(p))
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise RecordIntegrityError("the inclusion proof is shorter than the tree is deep")
    return r


def verify_inclusion(
    leaf: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Raise :class:`RecordIntegrityError` unless ``proof`` shows ``leaf`` at ``index`` under
    ``root``."""
    if root_from_inclusion_proof(leaf, index, tree_size, proof) != root:
        raise RecordIntegrityError(
            f"the inclusion proof for entry {index} does not lead to the root of the tree of "
            f"{tree_size} entries: the entry, the proof or the checkpoint was altered"
        )


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Raise :class:`RecordIntegrityError` unless the old tree is a prefix of the new (§2.1.4.2).

    The RFC algorithm covers ``0 < old_size < new_size``; as in CT implementations, equal sizes
    need an empty proof and equal roots, and size 0 (the empty tree) needs an empty proof.
    """
    _check_hashes("consistency proof", [old_root, new_root, *proof])
    if not 0 <= old_size <= new_size:
        raise RecordIntegrityError(f"tree sizes go backwards: {old_size} then {new_size}")
    if old_size == new_size or old_size == 0:
        if proof:
            raise RecordIntegrityError("a consistency proof between these sizes must be empty")
        if old_size == new_size and old_root != new_root:
            raise RecordIntegrityError(
                f"two different roots for the same tree size {old_size}: the log was rewritten"
            )
        return
    fr, sr = _consistency_roots(old_size, new_size, old_root, proof)
    if fr != old_root or sr != new_root:
        raise RecordIntegrityError(
            f"the log at {new_size} entries does not extend the log at {old_size} entries: "
            "entries before the older checkpoint were changed, or a checkpoint was altered"
        )


def _consistency_roots(
    first: int, second: int, first_hash: bytes, proof: Sequence[bytes]
) -> tuple[bytes, bytes]:
    """RFC 9162 §2.1.4.2 steps 1-7: the (old, new) roots the proof leads to."""
    path = [bytes(p) for p in proof]
    if not path:
        raise RecordIntegrityError("the consistency proof is empty")
    if first & (first - 1) == 0:
        path.insert(0, bytes(first_hash))
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise RecordIntegrityError("the consistency proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn and not fn & 1:  # "if LSB(fn) is not set, right-shift ... until"
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise RecordIntegrityError("the consistency proof is shorter than the tree is deep")
    return fr, sr
