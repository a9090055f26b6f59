"""The hash chain: each entry commits to the one before it, and its hash is its Merkle leaf hash.

Entry ``i`` is the canonical JSON of ``{"event": <payload>, "index": i, "prev": <hex>}`` where
``<payload>`` is the event's canonical JSON (stored as is) and ``<hex>`` the lowercase hex of the
previous entry's hash (64 zeros for entry 0). Keys sorted, no whitespace, so the bytes are::

    {"event":<payload>,"index":<i in decimal>,"prev":"<64 hex digits>"}

and ``entry_hash = SHA-256(0x00 || entry bytes)``, which is also the RFC 9162 leaf hash of the
entry. One hash per entry thus serves both the chain (order, no gaps, no edits) and the Merkle
tree (compact proofs, signed checkpoints), and verification builds the tree as it walks the chain.

Verification never parses JSON: it hashes the stored payload bytes inside the entry bytes built by
concatenation. That the concatenation equals ``canonical_json`` of the dict is a tested property,
and the stored payload is whatever :func:`make_entry` wrote, byte for byte.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.audit.merkle import HASH_SIZE, CompactRange
from sealdesk.errors import RecordIntegrityError

GENESIS = bytes(HASH_SIZE)
"""The ``prev`` of entry 0: 32 zero bytes."""

_ENTRY_TAIL = re.compile(rb',"index":(0|[1-9][0-9]*),"prev":"([0-9a-f]{64})"\}\Z')


class ChainEntry(NamedTuple):
    """One stored entry. A tuple, so rows fetched from storage in this column order
    ``(index, prev_hash, entry_hash, payload_json)`` can be verified without conversion."""

    index: int
    prev_hash: bytes
    entry_hash: bytes
    payload_json: bytes


def entry_bytes(index: int, prev_hash: bytes, payload_json: bytes) -> bytes:
    """The exact bytes hashed for an entry (see the module docstring)."""
    return b'{"event":%b,"index":%d,"prev":"%b"}' % (
        payload_json,
        index,
        binascii.hexlify(prev_hash),
    )


def make_entry(index: int, prev_hash: bytes, event: AuditEvent) -> ChainEntry:
    """Build the entry appending ``event`` at ``index`` after the entry hashing to ``prev_hash``."""
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ValueError(f"entry index must be a non-negative integer, not {index!r}")
    if len(prev_hash) != HASH_SIZE:
        raise ValueError("prev_hash must be a 32-byte SHA-256 hash")
    if index == 0 and prev_hash != GENESIS:
        raise ValueError("entry 0 must follow GENESIS (32 zero bytes)")
    payload = event.canonical_bytes()
    digest = hashlib.sha256(b"\x00" + entry_bytes(index, prev_hash, payload)).digest()
    return ChainEntry(index, bytes(prev_hash), digest, payload)


def split_entry_bytes(data: bytes) -> tuple[int, bytes, bytes]:
    """Parse entry bytes into ``(index, prev_hash, payload_json)``; ``ValueError`` if malformed.

    The payload is everything between the fixed head and the fixed tail, so the split is unique.
    """
    if not data.startswith(b'{"event":'):
        raise ValueError('entry bytes must start with {"event":')
    tail = _ENTRY_TAIL.search(data)
    if tail is None:
        raise ValueError('entry bytes must end with ,"index":<n>,"prev":"<64 hex digits>"}')
    payload = data[len(b'{"event":') : tail.start()]
    if not payload:
        raise ValueError("entry bytes hold no event")
    return int(tail.group(1)), bytes.fromhex(tail.group(2).decode()), payload


class ProblemKind(StrEnum):
    """What the first failed check found."""

    PAYLOAD_ALTERED = "payload_altered"
    HASH_ALTERED = "hash_altered"
    BROKEN_LINK = "broken_link"
    INDEX_GAP = "index_gap"
    REORDERED = "reordered"
    DUPLICATE_INDEX = "duplicate_index"
    ROOT_MISMATCH = "root_mismatch"
    TRUNCATED = "truncated"


@dataclass(frozen=True)
class ChainProblem:
    """The first problem found: where, what, and the expected and found values (hex or numbers)."""

    index: int
    kind: ProblemKind
    expected: str
    found: str
    message: str
    tree_size: int | None = None


@dataclass(frozen=True)
class ChainVerification:
    """Outcome of :func:`verify_chain`.

    After a problem, ``tree_size``, ``head_hash`` and ``root`` describe the entries accepted
    before it (for a root mismatch, up to the checkpoint whose root differs).
    """

    entries_checked: int
    tree_size: int
    head_hash: bytes
    root: bytes | None
    roots_checked: tuple[int, ...]
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def raise_for_problem(self) -> None:
        """Raise :class:`RecordIntegrityError` describing the problem, if any."""
        if self.problem is not None:
            raise RecordIntegrityError(
                self.problem.message,
                hint="Keep the database as it is and export the evidence; do not repair the log.",
            )


Row = tuple[int, bytes, bytes, bytes]


def verify_chain(
    entries: Iterable[Row],
    *,
    start_index: int = 0,
    start_prev: bytes = GENESIS,
    start_range: CompactRange | None = None,
    expected_roots: Mapping[int, bytes] | None = None,
    on_progress: Callable[[int], None] | None = None,
    progress_every: int = 65536,
) -> ChainVerification:
    """Walk ``entries`` once, in order, and report the first problem precisely.

    ``entries`` yields ``(index, prev_hash, entry_hash, payload_json)`` tuples, e.g.
    :class:`ChainEntry` or database rows; it is consumed as a stream. Each entry must carry the
    next index, link to the previous entry's recomputed hash, and hash to its stored hash. The
    Merkle root is built on the way: from scratch when ``start_index`` is 0, or continuing
    ``start_range`` (the range of the first ``start_index`` leaves) to resume from a checkpoint.
    ``expected_roots`` maps tree sizes (checkpoints) to the roots that must be found there; a
    size never reached means the log was truncated. ``on_progress(entries_checked)`` is called
    every ``progress_every`` entries and at the end; it may raise to cancel.
    """
    rng = _starting_range(start_index, start_prev, start_range, expected_roots)
    pending = sorted((expected_roots or {}).items(), reverse=True)  # smallest size last
    state = _Walk(start_index, bytes(start_prev), rng)
    problem = state.check_roots(pending)
    if problem is None:
        problem = state.run(iter(entries), pending, on_progress, max(1, progress_every))
    if problem is None and pending:
        size, _ = pending[0]
        problem = ChainProblem(
            state.next_index,
            ProblemKind.TRUNCATED,
            str(size),
            str(state.next_index),
            f"the log ends after {state.next_index} entries but a checkpoint covers {size}: "
            "entries at the end were deleted",
            tree_size=size,
        )
    if on_progress is not None and state.next_index != state.last_reported:
        on_progress(state.next_index - start_index)
    return ChainVerification(
        entries_checked=state.next_index - start_index,
        tree_size=state.next_index,
        head_hash=state.prev,
        root=None if rng is None else rng.root(),
        roots_checked=tuple(state.roots_checked),
        problem=problem,
    )


def _starting_range(
    start_index: int,
    start_prev: bytes,
    start_range: CompactRange | None,
    expected: Mapping[int, bytes] | None,
) -> CompactRange | None:
    if start_index < 0:
        raise ValueError("start_index must be non-negative")
    if len(start_prev) != HASH_SIZE:
        raise ValueError("start_prev must be a 32-byte SHA-256 hash")
    if start_range is not None:
        if start_range.size != start_index:
            raise ValueError(f"start_range covers {start_range.size} leaves, not {start_index}")
        rng: CompactRange | None = start_range.copy()
    else:
        rng = CompactRange() if start_index == 0 else None
    if expected:
        if rng is None:
            raise ValueError("checking roots from a later start needs start_range")
        if min(expected) < start_index:
            raise ValueError(f"cannot check a root below the start index {start_index}")
    return rng


class _Walk:
    """The mutable state of one verification; ``run`` holds the hot loop."""

    def __init__(self, start_index: int, prev: bytes, rng: CompactRange | None) -> None:
        self.next_index = start_index
        self.prev = prev
        self.rng = rng
        self.roots_checked: list[int] = []
        self.last_reported = start_index

    def check_roots(self, pending: list[tuple[int, bytes]]) -> ChainProblem | None:
        """Compare the root at the current size with the checkpoints due at it."""
        size = self.next_index
        while pending and pending[-1][0] == size:
            _, expected = pending.pop()
            assert self.rng is not None
            found = self.rng.root()
            if found != expected:
                return ChainProblem(
                    size - 1,
                    ProblemKind.ROOT_MISMATCH,
                    bytes(expected).hex(),
                    found.hex(),
                    f"the Merkle root of the first {size} entries differs from the checkpoint's: "
                    "the log was rewritten before that checkpoint, or the checkpoint was altered",
                    tree_size=size,
                )
            self.roots_checked.append(size)
        return None

    def run(
        self,
        it: Iterator[Row],
        pending: list[tuple[int, bytes]],
        on_progress: Callable[[int], None] | None,
        progress_every: int,
    ) -> ChainProblem | None:
        sha = hashlib.sha256
        hexlify = binascii.hexlify
        append = self.rng.append if self.rng is not None else _discard
        start = self.next_index
        expected_index = start
        prev = self.prev
        next_root = pending[-1][0] if pending else -1
        next_progress = start + progress_every if on_progress is not None else -1
        problem = None
        for index, prev_hash, stored_hash, payload in it:
            if index != expected_index:
                problem = _index_problem(expected_index, index, it)
                break
            if prev_hash != prev:
                problem = _link_problem(index, prev, prev_hash)
                break
            digest = sha(
                b'\x00{"event":%b,"index":%d,"prev":"%b"}' % (payload, index, hexlify(prev))
            ).digest()
            if digest != stored_hash:
                problem = _hash_problem(index, digest, bytes(stored_hash), it)
                break
            append(digest)
            prev = digest
            expected_index += 1
            if expected_index in (next_root, next_progress):
                self.next_index, self.prev = expected_index, prev
                if expected_index == next_root:
                    problem = self.check_roots(pending)
                    if problem is not None:
                        break
                    next_root = pending[-1][0] if pending else -1
                if expected_index == next_progress:
                    on_progress(expected_index - start)  # type: ignore[misc]
                    self.last_reported = expected_index
                    next_progress += progress_every
        self.next_index, self.prev = expected_index, prev
        return problem


def _discard(_: bytes) -> None:
    return None


def _index_problem(expected: int, found: int, it: Iterator[Row]) -> ChainProblem:
    if found < expected:
        return ChainProblem(
            expected,
            ProblemKind.DUPLICATE_INDEX,
            str(expected),
            str(found),
            f"entry {found} appears again where entry {expected} should be: an entry was "
            "inserted, duplicated or moved",
        )
    following = next(it, None)
    if following is not None and following[0] == expected:
        return ChainProblem(
            expected,
            ProblemKind.REORDERED,
            str(expected),
            str(found),
            f"entry {found} comes before entry {expected}: entries were reordered",
        )
    return ChainProblem(
        expected,
        ProblemKind.INDEX_GAP,
        str(expected),
        str(found),
        f"entries {expected} to {found - 1} are missing here: entries were deleted (or moved "
        "further down the log)",
    )


def _link_problem(index: int, expected: bytes, found: bytes) -> ChainProblem:
    return ChainProblem(
        index,
        ProblemKind.BROKEN_LINK,
        expected.hex(),
        bytes(found).hex(),
        f"entry {index} does not link to entry {index - 1}: an entry before it was removed, "
        "replaced or rewritten"
        if index
        else "entry 0 does not start from the genesis value",
    )


def _hash_problem(index: int, computed: bytes, stored: bytes, it: Iterator[Row]) -> ChainProblem:
    """Tell an edited payload from an edited hash by what the next entry links to."""
    following = next(it, None)
    if following is not None and following[1] == computed:
        return ChainProblem(
            index,
            ProblemKind.HASH_ALTERED,
            computed.hex(),
            stored.hex(),
            f"the stored hash of entry {index} was changed: its content and the next entry "
            "agree on a different hash",
        )
    unsure = "" if following is not None else " (or its stored hash: it is the last entry)"
    return ChainProblem(
        index,
        ProblemKind.PAYLOAD_ALTERED,
        stored.hex(),
        computed.hex(),
        f"the content of entry {index} was changed{unsure}: it no longer hashes to the hash "
        "the chain recorded",
    )
