"""The Merkle tree of the stored log, for proofs: leaf hashes and cached subtrees from the database.

:mod:`sealdesk.core.audit.merkle` builds proofs from two callables; here they read the
``audit_entries`` and ``audit_subtrees`` tables. A proof at a million entries thus costs about
twenty primary-key lookups plus one or two ranges of at most 256 entry hashes.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit import merkle
from sealdesk.storage.audit_repo import leaf_hashes
from sealdesk.storage.models import AuditSubtree


class DatabaseSubtreeCache:
    """A :class:`~sealdesk.core.audit.merkle.SubtreeCache` over ``audit_subtrees``.

    Remembers what it read for the life of one proof: consistency proofs ask for the same
    subtrees more than once.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._seen: dict[tuple[int, int], bytes | None] = {}

    def get(self, level: int, index: int) -> bytes | None:
        key = (level, index)
        if key not in self._seen:
            value = self._session.execute(
                select(AuditSubtree.hash).where(
                    AuditSubtree.level == level, AuditSubtree.idx == index
                )
            ).scalar_one_or_none()
            self._seen[key] = None if value is None else bytes(value)
        return self._seen[key]


class DatabaseTree:
    """The log's Merkle tree as stored in one session: roots and proofs at any size."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache = DatabaseSubtreeCache(session)

    def _leaves(self, start: int, end: int) -> Sequence[bytes]:
        return leaf_hashes(self._session, start, end)

    def root_at(self, tree_size: int) -> bytes:
        return merkle.root_at(tree_size, self._leaves, self._cache)

    def inclusion_proof(self, index: int, tree_size: int) -> list[bytes]:
        return merkle.inclusion_proof(index, tree_size, self._leaves, self._cache)

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return merkle.consistency_proof(old_size, new_size, self._leaves, self._cache)
