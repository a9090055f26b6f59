"""The audit log's tables: entries, the chain head, Merkle subtrees and checkpoints."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from sealdesk.storage.base import Base


class AuditEntry(Base):
    """One entry of the hash-chained, Merkle-tree audit log. Rows are never updated."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_type_idx", "event_type", "idx"),)

    idx: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    entry_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(256), index=True)
    subject: Mapped[str] = mapped_column(String(256), index=True, default="")


class AuditHead(Base):
    """The single row every appender locks: it serializes appends across consoles."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    frontier: Mapped[bytes] = mapped_column(LargeBinary)
    """The Merkle tree's compact range at ``size``: the roots of the perfect subtrees tiling the
    log, largest first, concatenated (32 bytes each, one per one-bit of ``size``). Kept with the
    head so that a checkpoint's root costs O(log n) hashes at any size, never a rehash of the
    log (see :class:`sealdesk.core.audit.merkle.CompactRange`)."""


class AuditSubtree(Base):
    """The hash of a perfect, aligned subtree of 256 leaves or more, stored when it completes.

    ``2**level`` leaves starting at leaf ``idx * 2**level``; immutable once written because the
    log only grows. Proofs at a million entries read about 20 of these rows instead of
    rehashing the log (see :mod:`sealdesk.core.audit.subtree_cache`). Derived data: a wrong row
    can only make a proof fail its check against the signed root, never pass.
    """

    __tablename__ = "audit_subtrees"

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class Checkpoint(Base):
    """A signed statement of the log's size and Merkle root at the end of an operation."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tree_size: Mapped[int] = mapped_column(BigInteger, index=True)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    signed_payload: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    algorithm: Mapped[str] = mapped_column(String(32))
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
