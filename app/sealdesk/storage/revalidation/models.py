"""Tables of bulk revalidation: one row per run, one row per document the run must check.

Why every planned document gets its row when the run is created (state ``pending``): a run must
survive a crash or a cancel and be resumed without re-checking what is done and without
recording anything twice. The plan fixes *what* the run covers (documents sealed after the
run started belong to the next run); each row turns ``done`` in the same transaction that
appends its ``revalidation.result`` audit event (non-PASSED results only), so a result and its
event exist together or not at all. Rows are never deleted: they are the evidence behind the
run's report.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sealdesk.storage.base import Base

PENDING = "pending"
DONE = "done"


class RevalidationRun(Base):
    """One bulk revalidation: its scope, its policy, who started it, and how far it got."""

    __tablename__ = "revalidation_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    """``running`` (or interrupted: nobody is working on it any more), ``cancelled``,
    ``finished``."""
    scope: Mapped[str] = mapped_column(String(16))
    scope_json: Mapped[str] = mapped_column(Text)
    policy_json: Mapped[str] = mapped_column(Text)
    """Revocation mode, validation moment and extra trust anchors: a resumed run reuses them."""
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    actor: Mapped[str] = mapped_column(String(256))
    console_id: Mapped[str] = mapped_column(String(256))
    total: Mapped[int] = mapped_column(Integer)
    passed: Mapped[int] = mapped_column(Integer, default=0)
    indeterminate: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    incidents: Mapped[int] = mapped_column(Integer, default=0)
    """Counts so far (final once ``finished``); the result rows are the source of truth."""
    audit_index: Mapped[int] = mapped_column(BigInteger)
    """Entry of the run's ``revalidation.started`` event."""


class RevalidationResult(Base):
    """One document of a run: pending until checked, then its indication and reasons."""

    __tablename__ = "revalidation_results"
    __table_args__ = (
        UniqueConstraint("run_id", "position", name="uq_revalidation_position"),
        Index("ix_revalidation_results_run_state", "run_id", "state"),
        Index("ix_revalidation_results_claims", "run_id", "state", "claimed_until"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("revalidation_runs.id"))
    position: Mapped[int] = mapped_column(Integer)
    seal_id: Mapped[int | None] = mapped_column(ForeignKey("seals.id"), nullable=True)
    path: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(512))
    expected_sha256: Mapped[str] = mapped_column(String(64))
    """The sealed file's SHA-256 as recorded when it was sealed ('' outside the store)."""
    state: Mapped[str] = mapped_column(String(8))
    indication: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    sub_indication: Mapped[str | None] = mapped_column(String(48), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    incident: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The document's validation report (schema ``sealdesk.validation/1``), if it was readable."""
    store_json: Mapped[str] = mapped_column(Text, default="")
    """What SealDesk's records say: ``{"facts": [...], "problems": [...]}``."""
    audit_index: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """Entry of the ``revalidation.result`` event (incidents only)."""
    claimed_by: Mapped[str] = mapped_column(String(128), default="", server_default="")
    """The worker checking this row now (``console:pid:nonce``); '' when nobody claimed it."""
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                              nullable=True)
    """When the claim lapses: a worker that died no longer holds its rows after this."""
