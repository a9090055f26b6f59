"""Documents and their seals (one original, one seal per policy)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sealdesk.storage.base import Base


class Document(Base):
    """An original document, identified by the SHA-256 of its bytes."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(512))
    size: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(256))

    seals: Mapped[list[Seal]] = relationship(back_populates="document")


class Seal(Base):
    """One sealed output of one document under one policy (unique: sealing is idempotent)."""

    __tablename__ = "seals"
    __table_args__ = (UniqueConstraint("document_id", "policy_id", name="uq_seal_doc_policy"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    policy_id: Mapped[str] = mapped_column(String(64))
    policy_json: Mapped[str] = mapped_column(Text)
    sealed_sha256: Mapped[str] = mapped_column(String(64), index=True)
    sealed_size: Mapped[int] = mapped_column(BigInteger)
    field_name: Mapped[str] = mapped_column(String(128))
    certificate_sha256: Mapped[str] = mapped_column(String(64), index=True)
    key_label: Mapped[str] = mapped_column(String(256))
    level: Mapped[str] = mapped_column(String(8))
    operator: Mapped[str] = mapped_column(String(256))
    sealed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    audit_index: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(32), default="active")

    document: Mapped[Document] = relationship(back_populates="seals")
