"""Role assignments: which person (OS account plus operator name) may do what.

Rows are evidence and are never deleted: a revoked assignment keeps its row with the time and
the person who revoked it; every change is also an audit event (``role.changed``).
``operator = "*"`` means "under any operator name" for that OS account.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sealdesk.storage.base import Base

ANY_OPERATOR = "*"


class RoleAssignment(Base):
    __tablename__ = "role_assignments"
    __table_args__ = (Index("ix_role_assignments_user_role", "os_user", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    os_user: Mapped[str] = mapped_column(String(128))
    os_uid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The account's uid when granted (migration 0008): a name reused by another account, or a
    row edited to another name, does not carry the role. ``None`` for rows from before, and
    for accounts this machine does not know; those match by the passwd name alone."""
    operator: Mapped[str] = mapped_column(String(256), default=ANY_OPERATOR)
    role: Mapped[str] = mapped_column(String(32))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    granted_by: Mapped[str] = mapped_column(String(256))
    proposal_id: Mapped[str] = mapped_column(String(16), default="")
    bootstrap: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_by: Mapped[str] = mapped_column(String(256), default="")
