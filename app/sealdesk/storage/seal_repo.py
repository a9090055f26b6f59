"""Documents and seals in the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.storage.models import Document, Seal


def document_by_hash(session: Session, sha256: str) -> Document | None:
    return session.execute(select(Document).where(Document.sha256 == sha256)).scalar_one_or_none()


def seal_for(session: Session, document_sha256: str, policy_id: str) -> Seal | None:
    """The existing seal of this original under this policy, if it was sealed before."""
    return session.execute(
        select(Seal)
        .join(Document)
        .where(Document.sha256 == document_sha256, Seal.policy_id == policy_id)
    ).scalar_one_or_none()


def seals_by_sealed_hash(session: Session, sealed_sha256: str) -> list[Seal]:
    return list(
        session.execute(select(Seal).where(Seal.sealed_sha256 == sealed_sha256)).scalars()
    )


def all_seals(session: Session) -> list[Seal]:
    return list(session.execute(select(Seal).order_by(Seal.id)).scalars())
