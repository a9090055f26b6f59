"""The hash chain: exact entry format, streaming verification, and every tamper reported first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.chain import (
    GENESIS,
    ChainEntry,
    ProblemKind,
    entry_bytes,
    make_entry,
    split_entry_bytes,
    verify_chain,
)
from sealdesk.core.audit.events import EventType
from sealdesk.core.audit.merkle import CompactRange, leaf_hash, root_of
from sealdesk.errors import RecordIntegrityError
from tests.core.audit.audit_helpers import build_log, sample_event

LOG = build_log(40)


def roots(entries: list[ChainEntry], *sizes: int) -> dict[int, bytes]:
    return {s: root_of([e.entry_hash for e in entries[:s]]) for s in sizes}


def with_payload(entry: ChainEntry, payload: bytes) -> ChainEntry:
    return entry._replace(payload_json=payload)


def altered_payload(entry: ChainEntry) -> bytes:
    return entry.payload_json.replace(b'"pages":', b'"pages":1')


# -- format -------------------------------------------------------------------------------------


@given(
    index=st.integers(0, 2**53 - 1),
    prev=st.binary(min_size=32, max_size=32),
    i=st.integers(0, 10**6),
    kind=st.sampled_from(EventType),
)
def test_entry_bytes_equal_canonical_json_of_the_entry(
    index: int, prev: bytes, i: int, kind: EventType
) -> None:
    payload = sample_event(i, kind).canonical_bytes()
    as_dict = {"index": index, "prev": prev.hex(), "event": json.loads(payload)}
    assert entry_bytes(index, prev, payload) == canonical_json(as_dict)


def test_entry_format_is_exact() -> None:
    payload = b'{"a":1}'
    assert entry_bytes(7, bytes(range(32)), payload) == (
        b'{"event":{"a":1},"index":7,"prev":"' + bytes(range(32)).hex().encode() + b'"}'
    )


def test_entry_hash_is_the_merkle_leaf_hash() -> None:
    e = LOG[3]
    assert e.entry_hash == leaf_hash(entry_bytes(e.index, e.prev_hash, e.payload_json))
    assert e.prev_hash == LOG[2].entry_hash
    assert LOG[0].prev_hash == GENESIS == bytes(32)


def test_make_entry_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="GENESIS"):
        make_entry(0, LOG[0].entry_hash, sample_event(0))
    with pytest.raises(ValueError, match="32-byte"):
        make_entry(1, b"short", sample_event(0))
    with pytest.raises(ValueError, match="non-negative"):
        make_entry(-1, GENESIS, sample_event(0))


def test_split_entry_bytes_inverts_entry_bytes() -> None:
    e = LOG[5]
    assert split_entry_bytes(entry_bytes(e.index, e.prev_hash, e.payload_json)) == (
        e.index,
        e.prev_hash,
        e.payload_json,
    )
    tricky = b'{"x":",\\"index\\":3,\\"prev\\":\\"' + b"0" * 64 + b'\\"}"}'
    assert split_entry_bytes(entry_bytes(9, GENESIS, tricky)) == (9, GENESIS, tricky)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b'{"event":{},"index":1,"prev":"' + b"0" * 63 + b'"}',
        b'{"event":{},"index":01,"prev":"' + b"0" * 64 + b'"}',
        b'{"event":{},"index":1,"prev":"' + b"A" * 64 + b'"}',
        b'{"event":,"index":1,"prev":"' + b"0" * 64 + b'"}',
        b'{"event":{},"index":1,"prev":"' + b"0" * 64 + b'"} ',
    ],
)
def test_split_entry_bytes_refuses_malformed(data: bytes) -> None:
    with pytest.raises(ValueError, match="entry bytes"):
        split_entry_bytes(data)


# -- verification of a good log -----------------------------------------------------------------


def test_a_good_log_verifies_and_yields_its_root() -> None:
    result = verify_chain(LOG, expected_roots=roots(LOG, 0, 1, 17, 32, 40))
    assert result.ok
    assert result.problem is None
    assert result.entries_checked == result.tree_size == 40
    assert result.head_hash == LOG[-1].entry_hash
    assert result.root == root_of([e.entry_hash for e in LOG])
    assert result.roots_checked == (0, 1, 17, 32, 40)
    result.raise_for_problem()


def test_empty_log() -> None:
    result = verify_chain([], expected_roots=roots([], 0))
    assert result.ok
    assert result.root == root_of([])


def test_verification_streams_a_one_shot_iterator() -> None:
    consumed: list[int] = []

    def stream() -> Iterator[tuple[int, bytes, bytes, bytes]]:
        for e in LOG:
            consumed.append(e.index)
            yield tuple(e)  # plain tuples, like database rows

    assert verify_chain(stream()).ok
    assert consumed == list(range(40))


def test_rows_with_memoryview_columns_verify() -> None:
    """psycopg returns bytea as memoryview."""
    rows = [
        (e.index, memoryview(e.prev_hash), memoryview(e.entry_hash), memoryview(e.payload_json))
        for e in LOG
    ]
    assert verify_chain(rows).ok


def test_progress_is_reported_and_can_cancel() -> None:
    seen: list[int] = []
    verify_chain(LOG, on_progress=seen.append, progress_every=16)
    assert seen == [16, 32, 40]
    seen.clear()
    verify_chain(LOG, on_progress=seen.append, progress_every=20)
    assert seen == [20, 40]

    class Stop(Exception):
        pass

    def cancel(done: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        verify_chain(LOG, on_progress=cancel, progress_every=10)


def test_resuming_from_a_checkpoint_gives_the_same_root() -> None:
    head = CompactRange()
    head.extend(e.entry_hash for e in LOG[:25])
    result = verify_chain(
        LOG[25:],
        start_index=25,
        start_prev=LOG[24].entry_hash,
        start_range=head,
        expected_roots=roots(LOG, 25, 30),
    )
    assert result.ok
    assert result.entries_checked == 15
    assert result.root == verify_chain(LOG).root
    assert head.size == 25  # the caller's range is not modified


def test_resuming_without_a_range_checks_links_but_not_roots() -> None:
    result = verify_chain(LOG[10:], start_index=10, start_prev=LOG[9].entry_hash)
    assert result.ok
    assert result.root is None
    with pytest.raises(ValueError, match="start_range"):
        verify_chain(LOG[10:], start_index=10, expected_roots=roots(LOG, 20))


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="covers 0 leaves"):
        verify_chain(LOG[10:], start_index=10, start_range=CompactRange())
    with pytest.raises(ValueError, match="non-negative"):
        verify_chain(LOG, start_index=-1)
    with pytest.raises(ValueError, match="start_prev"):
        verify_chain(LOG, start_prev=b"short")
    rng = CompactRange()
    rng.extend(e.entry_hash for e in LOG[:10])
    with pytest.raises(ValueError, match="below the start"):
        verify_chain(LOG[10:], start_index=10, start_range=rng, expected_roots=roots(LOG, 5))


# -- tampering ----------------------------------------------------------------------------------


def check(entries: list[Any], kind: ProblemKind, index: int, **kwargs: Any) -> None:
    result = verify_chain(entries, **kwargs)
    assert not result.ok
    assert result.problem is not None
    assert (result.problem.kind, result.problem.index) == (kind, index), result.problem
    good_prefix = index + 1 if kind is ProblemKind.ROOT_MISMATCH else index
    assert result.tree_size == good_prefix
    with pytest.raises(RecordIntegrityError, match=result.problem.message[:30]):
        result.raise_for_problem()


def test_edited_payload() -> None:
    log = list(LOG)
    log[12] = with_payload(log[12], altered_payload(log[12]))
    check(log, ProblemKind.PAYLOAD_ALTERED, 12)
    problem = verify_chain(log).problem
    assert problem is not None
    assert problem.expected == LOG[12].entry_hash.hex()


def test_edited_payload_of_the_last_entry() -> None:
    log = list(LOG)
    log[-1] = with_payload(log[-1], altered_payload(log[-1]))
    check(log, ProblemKind.PAYLOAD_ALTERED, 39)


def test_edited_stored_hash() -> None:
    log = list(LOG)
    log[12] = log[12]._replace(entry_hash=bytes(32))
    check(log, ProblemKind.HASH_ALTERED, 12)
    problem = verify_chain(log).problem
    assert problem is not None
    assert (problem.expected, problem.found) == (LOG[12].entry_hash.hex(), bytes(32).hex())


def test_edited_payload_with_recomputed_hash_breaks_the_next_link() -> None:
    log = list(LOG)
    forged = make_entry(12, LOG[11].entry_hash, sample_event(999))
    log[12] = forged
    check(log, ProblemKind.BROKEN_LINK, 13)


def test_edited_prev_link() -> None:
    log = list(LOG)
    log[20] = log[20]._replace(prev_hash=LOG[18].entry_hash)
    check(log, ProblemKind.BROKEN_LINK, 20)


def test_deleted_middle_entry() -> None:
    log = LOG[:15] + LOG[16:]
    check(log, ProblemKind.INDEX_GAP, 15)


def test_deleted_middle_entry_with_renumbering() -> None:
    log = LOG[:15] + [e._replace(index=e.index - 1) for e in LOG[16:]]
    check(log, ProblemKind.BROKEN_LINK, 15)


def test_inserted_entry() -> None:
    inserted = make_entry(15, LOG[14].entry_hash, sample_event(555))
    log = [*LOG[:15], inserted, *LOG[15:]]
    check(log, ProblemKind.DUPLICATE_INDEX, 16)


def test_inserted_entry_with_renumbering() -> None:
    inserted = make_entry(15, LOG[14].entry_hash, sample_event(555))
    log = [*LOG[:15], inserted, *(e._replace(index=e.index + 1) for e in LOG[15:])]
    check(log, ProblemKind.BROKEN_LINK, 16)


def test_reordered_entries() -> None:
    log = list(LOG)
    log[7], log[8] = log[8], log[7]
    check(log, ProblemKind.REORDERED, 7)


def test_swapped_contents_under_the_same_indices() -> None:
    log = list(LOG)
    log[7], log[8] = log[8]._replace(index=7), log[7]._replace(index=8)
    check(log, ProblemKind.BROKEN_LINK, 7)


def test_truncated_log() -> None:
    check(LOG[:30], ProblemKind.TRUNCATED, 30, expected_roots=roots(LOG, 10, 40))


def test_rewritten_log_is_caught_by_the_checkpoint_root() -> None:
    """A whole chain recomputed with other content verifies as a chain, not against a root."""
    checkpoint_roots = roots(LOG, 20, 40)
    rewritten = build_log(40, lambda i: sample_event(i if i != 5 else 5000))
    assert verify_chain(rewritten).ok
    check(rewritten, ProblemKind.ROOT_MISMATCH, 19, expected_roots=checkpoint_roots)
    problem = verify_chain(rewritten, expected_roots=checkpoint_roots).problem
    assert problem is not None
    assert problem.tree_size == 20
    assert problem.expected == checkpoint_roots[20].hex()


@given(position=st.integers(0, 39), kind=st.sampled_from(["payload", "hash", "prev", "drop"]))
def test_any_single_edit_is_found_at_its_position(position: int, kind: str) -> None:
    log = list(LOG)
    e = log[position]
    if kind == "payload":
        log[position] = with_payload(e, altered_payload(e))
    elif kind == "hash":
        log[position] = e._replace(entry_hash=leaf_hash(b"x"))
    elif kind == "prev":
        log[position] = e._replace(prev_hash=leaf_hash(b"x"))
    else:
        del log[position]
    result = verify_chain(log, expected_roots=roots(LOG, 40))
    assert result.problem is not None
    assert result.problem.index == position
