"""RFC 9162 Merkle hashing, compact ranges, proofs and the subtree cache.

Known answers come from a naive recursive MTH written straight from RFC 9162 §2.1.1 and from
the RFC 6962 reference test vectors; proofs are property-tested over random sizes and indices.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sealdesk.core.audit.merkle import (
    BLOCK_SIZE,
    EMPTY_ROOT,
    CompactRange,
    compact_range_at,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root_at,
    root_from_inclusion_proof,
    root_of,
    verify_consistency,
    verify_inclusion,
)
from sealdesk.core.audit.subtree_cache import (
    InMemorySubtreeCache,
    SubtreeRow,
    rows_for_completed_block,
)
from sealdesk.errors import RecordIntegrityError


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def naive_mth(leaves: Sequence[bytes]) -> bytes:
    """MTH exactly as RFC 9162 §2.1.1 defines it, on leaf *data*."""
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return sha256(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return sha256(b"\x01" + naive_mth(leaves[:k]) + naive_mth(leaves[k:]))


def naive_path(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(m, D[n]) from RFC 9162 §2.1.3.1, recursively."""
    n = len(leaves)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return [*naive_path(m, leaves[:k]), naive_mth(leaves[k:])]
    return [*naive_path(m - k, leaves[k:]), naive_mth(leaves[:k])]


def naive_subproof(m: int, leaves: Sequence[bytes], whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) from RFC 9162 §2.1.4.1, recursively."""
    n = len(leaves)
    if m == n:
        return [] if whole else [naive_mth(leaves)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return [*naive_subproof(m, leaves[:k], whole), naive_mth(leaves[k:])]
    return [*naive_subproof(m - k, leaves[k:], False), naive_mth(leaves[:k])]


def directions(m: int, n: int) -> list[bool]:
    """For each audit path element, bottom up: is the sibling on the right? (from PATH)."""
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return [*directions(m, k), True]
    return [*directions(m - k, n - k), False]


def data(i: int) -> bytes:
    return i.to_bytes(4, "big")


def leaves_for(n: int) -> list[bytes]:
    return [leaf_hash(data(i)) for i in range(n)]


_LEAVES = leaves_for(2100)
_CACHE = InMemorySubtreeCache.from_leaf_hashes(_LEAVES)


def source(start: int, end: int) -> list[bytes]:
    return _LEAVES[start:end]


def flip_bit(h: bytes, bit: int) -> bytes:
    b = bytearray(h)
    b[bit // 8 % len(b)] ^= 1 << (bit % 8)
    return bytes(b)


# RFC 6962 reference vectors (certificate-transparency merkle_tree_test): leaf data and roots.
RFC6962_LEAVES = [
    bytes.fromhex(h)
    for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
              "606162636465666768696a6b6c6d6e6f"]
]  # fmt: skip
RFC6962_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def test_hash_functions_are_domain_separated() -> None:
    assert leaf_hash(b"abc") == sha256(b"\x00abc")
    assert node_hash(b"l" * 32, b"r" * 32) == sha256(b"\x01" + b"l" * 32 + b"r" * 32)
    assert root_of([]) == EMPTY_ROOT == sha256(b"")


@pytest.mark.parametrize("n", range(1, 9))
def test_rfc6962_reference_roots(n: int) -> None:
    hashes = [leaf_hash(d) for d in RFC6962_LEAVES[:n]]
    assert root_of(hashes).hex() == RFC6962_ROOTS[n - 1]
    assert naive_mth(RFC6962_LEAVES[:n]).hex() == RFC6962_ROOTS[n - 1]


@pytest.mark.parametrize("n", [*range(0, 70), 127, 128, 129, 255, 256, 257, 511, 513, 1000])
def test_root_of_matches_naive_definition(n: int) -> None:
    datas = [data(i) for i in range(n)]
    assert root_of([leaf_hash(d) for d in datas]) == naive_mth(datas)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 31, 64, 100])
def test_proofs_match_naive_definitions(n: int) -> None:
    datas = [data(i) for i in range(n)]
    for m in range(n):
        assert inclusion_proof(m, n, source) == naive_path(m, datas)
    for m in range(1, n):
        assert consistency_proof(m, n, source) == naive_subproof(m, datas, True)


# -- compact range ------------------------------------------------------------------------------


@given(st.integers(0, 2100))
def test_compact_range_root_equals_root_of(n: int) -> None:
    rng = CompactRange()
    rng.extend(_LEAVES[:n])
    assert rng.size == n
    assert len(rng.hashes) == n.bit_count()
    assert rng.root() == root_of(_LEAVES[:n])


def test_compact_range_root_at_every_intermediate_size() -> None:
    rng = CompactRange()
    for i, h in enumerate(_LEAVES[:300]):
        assert rng.root() == root_of(_LEAVES[:i])
        rng.append(h)


def test_compact_range_state_round_trip_and_copy() -> None:
    rng = CompactRange()
    rng.extend(_LEAVES[:77])
    clone = CompactRange.from_state(rng.size, rng.hashes)
    twin = rng.copy()
    for h in _LEAVES[77:100]:
        clone.append(h)
        twin.append(h)
    assert clone.root() == twin.root() == root_of(_LEAVES[:100])
    assert rng.root() == root_of(_LEAVES[:77])
    with pytest.raises(ValueError, match="subtree roots"):
        CompactRange.from_state(77, rng.hashes[:-1])


@given(st.integers(0, 2100))
def test_compact_range_at_rebuilds_the_range(n: int) -> None:
    with_cache = compact_range_at(n, source, _CACHE)
    without = compact_range_at(n, source)
    assert with_cache.hashes == without.hashes
    assert with_cache.root() == root_at(n, source, _CACHE) == root_of(_LEAVES[:n])


# -- inclusion proofs ---------------------------------------------------------------------------


@st.composite
def size_and_index(draw: st.DrawFn) -> tuple[int, int]:
    n = draw(st.integers(1, 2000))
    return n, draw(st.integers(0, n - 1))


@given(size_and_index())
def test_inclusion_proofs_verify_with_and_without_cache(case: tuple[int, int]) -> None:
    n, m = case
    root = root_of(_LEAVES[:n])
    proof = inclusion_proof(m, n, source, _CACHE)
    assert proof == inclusion_proof(m, n, source)
    verify_inclusion(_LEAVES[m], m, n, proof, root)


@given(size_and_index(), st.data())
def test_tampered_inclusion_proofs_fail(case: tuple[int, int], draw: st.DataObject) -> None:
    n, m = case
    root = root_of(_LEAVES[:n])
    proof = inclusion_proof(m, n, source, _CACHE)
    bit = draw.draw(st.integers(0, 255))
    with pytest.raises(RecordIntegrityError):
        verify_inclusion(flip_bit(_LEAVES[m], bit), m, n, proof, root)
    with pytest.raises(RecordIntegrityError):
        verify_inclusion(_LEAVES[m], m, n, proof, flip_bit(root, bit))
    if proof:
        i = draw.draw(st.integers(0, len(proof) - 1))
        bad = [*proof[:i], flip_bit(proof[i], bit), *proof[i + 1 :]]
        with pytest.raises(RecordIntegrityError):
            verify_inclusion(_LEAVES[m], m, n, bad, root)
        with pytest.raises(RecordIntegrityError):
            verify_inclusion(_LEAVES[m], m, n, proof[:-1], root)
    with pytest.raises(RecordIntegrityError):
        verify_inclusion(_LEAVES[m], m, n, [*proof, _LEAVES[0]], root)


@given(size_and_index(), st.integers(0, 2000))
def test_inclusion_proof_for_another_index_fails(case: tuple[int, int], other: int) -> None:
    n, m = case
    other %= n
    if other == m:
        return
    proof = inclusion_proof(m, n, source, _CACHE)
    with pytest.raises(RecordIntegrityError):
        verify_inclusion(_LEAVES[m], other, n, proof, root_of(_LEAVES[:n]))


@given(size_and_index(), st.integers(1, 2000))
def test_inclusion_proof_with_another_size(case: tuple[int, int], other: int) -> None:
    """A wrong size fails unless it gives the leaf the very same position in the tree shape.

    In that case the same root is reached, which is harmless: the size that counts is the one
    signed in the checkpoint together with the root.
    """
    n, m = case
    if other == n:
        return
    root = root_of(_LEAVES[:n])
    proof = inclusion_proof(m, n, source, _CACHE)
    if m < other and directions(m, other) == directions(m, n):
        verify_inclusion(_LEAVES[m], m, other, proof, root)
    else:
        with pytest.raises(RecordIntegrityError):
            verify_inclusion(_LEAVES[m], m, other, proof, root)


def test_inclusion_edge_cases() -> None:
    assert inclusion_proof(0, 1, source) == []
    verify_inclusion(_LEAVES[0], 0, 1, [], _LEAVES[0])
    with pytest.raises(ValueError, match="not in a tree"):
        inclusion_proof(5, 5, source)
    with pytest.raises(ValueError, match="non-negative"):
        inclusion_proof(-1, 5, source)
    with pytest.raises(RecordIntegrityError, match="outside"):
        root_from_inclusion_proof(_LEAVES[0], 3, 3, [])
    with pytest.raises(RecordIntegrityError, match="32-byte"):
        verify_inclusion(_LEAVES[0], 0, 2, [b"short"], EMPTY_ROOT)


def test_a_lying_leaf_source_is_detected() -> None:
    with pytest.raises(ValueError, match="returned 3 hashes"):
        inclusion_proof(0, 10, lambda a, b: _LEAVES[:3])


# -- consistency proofs -------------------------------------------------------------------------


@st.composite
def old_and_new(draw: st.DrawFn) -> tuple[int, int]:
    new = draw(st.integers(0, 2000))
    return draw(st.integers(0, new)), new


@given(old_and_new())
def test_consistency_proofs_verify(case: tuple[int, int]) -> None:
    old, new = case
    proof = consistency_proof(old, new, source, _CACHE)
    assert proof == consistency_proof(old, new, source)
    verify_consistency(old, new, root_of(_LEAVES[:old]), root_of(_LEAVES[:new]), proof)


@given(old_and_new(), st.data())
def test_tampered_consistency_proofs_fail(case: tuple[int, int], draw: st.DataObject) -> None:
    old, new = case
    old_root, new_root = root_of(_LEAVES[:old]), root_of(_LEAVES[:new])
    proof = consistency_proof(old, new, source, _CACHE)
    bit = draw.draw(st.integers(0, 255))
    if old > 0:  # anything is consistent with the empty tree
        with pytest.raises(RecordIntegrityError):
            verify_consistency(old, new, flip_bit(old_root, bit), new_root, proof)
        with pytest.raises(RecordIntegrityError):
            verify_consistency(old, new, old_root, flip_bit(new_root, bit), proof)
    if proof:
        i = draw.draw(st.integers(0, len(proof) - 1))
        bad = [*proof[:i], flip_bit(proof[i], bit), *proof[i + 1 :]]
        with pytest.raises(RecordIntegrityError):
            verify_consistency(old, new, old_root, new_root, bad)
        with pytest.raises(RecordIntegrityError):
            verify_consistency(old, new, old_root, new_root, proof[:-1])
    with pytest.raises(RecordIntegrityError):
        verify_consistency(old, new, old_root, new_root, [*proof, _LEAVES[0]])


@given(old_and_new())
def test_consistency_with_a_changed_old_leaf_fails(case: tuple[int, int]) -> None:
    """The point of it all: rewriting an entry before the old checkpoint is caught."""
    old, new = case
    if old == 0:
        return
    rewritten = list(_LEAVES[:new])
    rewritten[old - 1] = leaf_hash(b"forged")
    proof = consistency_proof(old, new, lambda a, b: rewritten[a:b])
    with pytest.raises(RecordIntegrityError):
        verify_consistency(old, new, root_of(_LEAVES[:old]), root_of(rewritten), proof)


def test_consistency_edge_cases() -> None:
    root5 = root_of(_LEAVES[:5])
    verify_consistency(5, 5, root5, root5, [])
    with pytest.raises(RecordIntegrityError, match="different roots"):
        verify_consistency(5, 5, root5, root_of(_LEAVES[:6]), [])
    verify_consistency(0, 5, EMPTY_ROOT, root5, [])
    with pytest.raises(RecordIntegrityError, match="must be empty"):
        verify_consistency(0, 5, EMPTY_ROOT, root5, [root5])
    with pytest.raises(RecordIntegrityError, match="backwards"):
        verify_consistency(6, 5, root5, root5, [root5])
    with pytest.raises(RecordIntegrityError, match="empty"):
        verify_consistency(3, 5, root_of(_LEAVES[:3]), root5, [])
    with pytest.raises(ValueError, match="larger"):
        consistency_proof(6, 5, source)


# -- subtree cache ------------------------------------------------------------------------------


def test_cache_rows_are_the_perfect_subtree_hashes() -> None:
    rows = _CACHE.rows()
    assert len(rows) == 8 + 4 + 2 + 1  # 2100 leaves: 8 blocks, then 4, 2, 1 above them
    for row in rows:
        size = 1 << row.level
        assert row.hash == root_of(_LEAVES[row.index * size : (row.index + 1) * size])
    assert _CACHE.get(7, 0) is None
    assert _CACHE.get(8, 8) is None


def test_block_rows_complete_ancestors_using_stored_left_siblings() -> None:
    stored: dict[tuple[int, int], bytes] = {}
    for block in range(4):
        rows = rows_for_completed_block(
            block,
            _LEAVES[block * BLOCK_SIZE : (block + 1) * BLOCK_SIZE],
            lambda lv, i: stored.get((lv, i)),
        )
        stored.update({(r.level, r.index): r.hash for r in rows})
        if block == 3:
            assert [(r.level, r.index) for r in rows] == [(8, 3), (9, 1), (10, 0)]
            assert rows[-1] == SubtreeRow(10, 0, root_of(_LEAVES[:1024]))


def test_block_rows_refuse_gaps_and_partial_blocks() -> None:
    with pytest.raises(ValueError, match="in order"):
        rows_for_completed_block(1, _LEAVES[256:512], lambda lv, i: None)
    with pytest.raises(ValueError, match="256"):
        rows_for_completed_block(0, _LEAVES[:255], lambda lv, i: None)


def test_cache_grows_incrementally() -> None:
    cache = InMemorySubtreeCache()
    for start in range(0, 2100, 97):
        cache.extend(_LEAVES[start : start + 97])
    assert cache.size == 2100
    assert cache.rows() == _CACHE.rows()


def test_proofs_with_cache_read_few_leaves() -> None:
    """At 70,000 leaves a proof reads at most a few blocks of leaves, not the tree."""
    n = 70_000
    leaves = [sha256(i.to_bytes(4, "big")) for i in range(n)]
    cache = InMemorySubtreeCache.from_leaf_hashes(leaves)
    calls: list[tuple[int, int]] = []

    def counting(start: int, end: int) -> list[bytes]:
        calls.append((start, end))
        return leaves[start:end]

    root = root_at(n, counting, cache)
    assert root == root_of(leaves)
    for m in (0, 12_345, n - 1):
        calls.clear()
        verify_inclusion(leaves[m], m, n, inclusion_proof(m, n, counting, cache), root)
        assert sum(b - a for a, b in calls) <= 2 * BLOCK_SIZE
    calls.clear()
    proof = consistency_proof(40_001, n, counting, cache)
    verify_consistency(40_001, n, root_of(leaves[:40_001]), root, proof)
    assert sum(b - a for a, b in calls) <= 3 * BLOCK_SIZE
