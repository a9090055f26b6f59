"""Turning the chain walk's first problem into a finding an investigator can act on.

The walk says where the chain first breaks; here a broken link is examined further (only after a
failure, so a scan is affordable) to name what happened: an entry moved to another index, an entry
inserted with every later one renumbered, or an entry deleted and the gap closed. A root that no
longer matches is reported with the range of entries it implicates.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import ChainProblem, ProblemKind, entry_bytes
from sealdesk.services.audit.report import Finding, FindingKind
from sealdesk.storage.audit.models import AuditEntry


def chain_finding(
    session: Session, problem: ChainProblem, roots_checked: tuple[int, ...],
    exported_size: int | None,
) -> Finding:
    kind = FindingKind(problem.kind.value)
    exported = problem.tree_size is not None and problem.tree_size == exported_size
    if problem.kind is ProblemKind.ROOT_MISMATCH:
        size = problem.tree_size or 0
        first = max((s for s in roots_checked if s < size), default=0)
        source = "the exported checkpoint (or anchor)" if exported else "the signed checkpoint"
        return Finding(
            kind,
            f"the Merkle root of the first {size} entries differs from {source}'s: an entry "
            f"between {first} and {size - 1} was rewritten and the chain recomputed (which "
            "needs no key), or the checkpoint was altered",
            index=problem.index, expected=problem.expected, found=problem.found,
            tree_size=size, first_index=first)
    if problem.kind is ProblemKind.TRUNCATED and exported:
        return Finding(
            kind,
            f"the log ends after {problem.index} entries but the exported checkpoint (or anchor) "
            "covers "
            f"{problem.tree_size}: entries at the end were deleted (or the database rolled back)",
            index=problem.index, expected=problem.expected, found=problem.found,
            tree_size=problem.tree_size)
    if problem.kind is ProblemKind.BROKEN_LINK:
        return _diagnose_link(session, problem)
    return Finding(kind, problem.message, index=problem.index, expected=problem.expected,
                   found=problem.found, tree_size=problem.tree_size)


def _hash_as(index: int, prev_hash: bytes, payload: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry_bytes(index, prev_hash, payload)).digest()


def _diagnose_link(session: Session, problem: ChainProblem) -> Finding:
    """Name what happened at a broken link: moved, inserted, or deleted-and-renumbered entries.

    Only runs after a failure, so a scan of the ``prev_hash`` column is affordable.
    """
    k = problem.index
    expected_prev = bytes.fromhex(problem.expected)
    columns = (AuditEntry.idx, AuditEntry.prev_hash, AuditEntry.entry_hash, AuditEntry.payload)
    for idx, prev, stored, payload in session.execute(
        select(*columns).where(AuditEntry.prev_hash == expected_prev, AuditEntry.idx != k).limit(4)
    ):
        if _hash_as(k, bytes(prev), bytes(payload)) == bytes(stored):
            return Finding(
                FindingKind.REORDERED,
                f"the entry that belongs at index {k} is stored at index {idx}: entries were "
                "reordered",
                index=k, expected=f"entry {k} at index {k}", found=f"entry {k} at index {idx}")
    row = session.execute(select(*columns).where(AuditEntry.idx == k)).one_or_none()
    if row is not None:
        _, prev, stored, payload = row
        if k > 0 and _hash_as(k - 1, bytes(prev), bytes(payload)) == bytes(stored):
            return Finding(
                FindingKind.INSERTED,
                f"an entry was inserted at index {k - 1}: the original entry {k - 1} now sits "
                f"at index {k}, and every later entry was renumbered",
                index=k - 1, expected=problem.expected, found=bytes(stored).hex())
        if _hash_as(k + 1, bytes(prev), bytes(payload)) == bytes(stored):
            return Finding(
                FindingKind.INDEX_GAP,
                f"entry {k} was deleted and the later entries renumbered to close the gap",
                index=k, expected=problem.expected, found=problem.found)
    return Finding(FindingKind.BROKEN_LINK, problem.message, index=k,
                   expected=problem.expected, found=problem.found)
