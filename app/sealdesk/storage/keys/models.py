"""Tables of the rotation ceremony: custodians, quorum policies, proposals, decisions, steps, keys.

Rows that are evidence are never deleted: a removed custodian is marked removed (old approvals
still name their certificate), a retired key keeps its certificate, a policy change adds a
version. ``managed_keys`` is the key registry: which key on the token is active for sealing or
audit checkpoints, which are pending (generated, not yet certified/activated) and which retired.
A partial unique index allows at most one active key per purpose.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sealdesk.storage.base import Base


class CustodianRecord(Base):
    __tablename__ = "custodians"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(256), unique=True)
    certificate_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    key_label: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="active")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    added_by_proposal: Mapped[str] = mapped_column(String(16), default="")
    """The add_custodian proposal, or "" for the bootstrap registration."""
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PolicyRecord(Base):
    """One version of the quorum policy; the highest version is in force."""

    __tablename__ = "quorum_policies"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    thresholds_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    proposal_id: Mapped[str] = mapped_column(String(16), default="")


class ProposalRecord(Base):
    """A proposal: its canonical content (hashed and approved) and where it stands."""

    __tablename__ = "rotation_proposals"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    proposer: Mapped[str] = mapped_column(String(256))
    csr_der: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DecisionRecord(Base):
    """A custodian's signed approval or rejection; one per custodian and proposal."""

    __tablename__ = "rotation_decisions"
    __table_args__ = (
        UniqueConstraint("proposal_id", "custodian_sha256", name="uq_decision_custodian"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("rotation_proposals.id"), index=True)
    custodian_sha256: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    statement: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    algorithm: Mapped[str] = mapped_column(String(32))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    audit_index: Mapped[int] = mapped_column(Integer)


class StepRecord(Base):
    """An execution step done (recorded with its audit event before the next step starts)."""

    __tablename__ = "rotation_steps"
    __table_args__ = (UniqueConstraint("proposal_id", "step", name="uq_step_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("rotation_proposals.id"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    done_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ManagedKey(Base):
    """A seal or audit key pair on the token, and whether it is pending, active or retired."""

    __tablename__ = "managed_keys"
    __table_args__ = (
        Index(
            "uq_one_active_key_per_purpose", "purpose", unique=True,
            sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'"),
        ),
        UniqueConstraint("label", "token_serial", name="uq_key_label_on_token"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(128))
    key_id_hex: Mapped[str] = mapped_column(String(128))
    token_serial: Mapped[str] = mapped_column(String(64))
    algorithm: Mapped[str] = mapped_column(String(32))
    public_key_sha256: Mapped[str] = mapped_column(String(64))
    certificate_der: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    certificate_sha256: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    activated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    proposal_id: Mapped[str] = mapped_column(String(16), default="")
    """The rotation that created it, or "" for a key adopted from the configuration."""


class AuthoritySnapshotRecord(Base):
    """A signed snapshot of the authority replay at a checkpoint's tree size (a cache).

    Not evidence and not authority: the statement is checked against its signature, the pinned
    audit key, a trust anchor, the checkpoint it names and the log before use
    (:mod:`sealdesk.core.rotation.replay_snapshot`); a row that fails is ignored and the whole
    log replayed. Old rows may be deleted.
    """

    __tablename__ = "authority_snapshots"

    tree_size: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    statement: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    algorithm: Mapped[str] = mapped_column(String(32))
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
