"""Retention and legal-hold rows: what the GUI and SQL reports read quickly.

They are a cache. Whether a document is held, which class it has and when it falls due are
decided by replaying the signed audit log (:mod:`sealdesk.services.retention.ledger`); a row that
disagrees with the log is an integrity failure, and deleting a hold row releases nothing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sealdesk.storage.base import Base


class RetentionRecord(Base):
    __tablename__ = "retention_documents"

    document_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    class_name: Mapped[str] = mapped_column(String(64), default="")
    clock_start: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                            nullable=True)
    due_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True,
                                                       index=True)
    deleted_entry: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LegalHoldRecord(Base):
    __tablename__ = "legal_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_sha256: Mapped[str] = mapped_column(String(64), index=True)
    case_ref: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(256))
    placed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    placed_entry: Mapped[int] = mapped_column(BigInteger)
    released_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True),
                                                            nullable=True)
    released_by: Mapped[str] = mapped_column(String(256), default="")
    release_reason: Mapped[str] = mapped_column(Text, default="")
    released_entry: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
