"""Documents and seals in the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.storage.documents.models import Document, Seal


def document_by_hash(session: Session, sha256: str) -> Document | None:
    return session.execute(select(Document).where(Document.sha256 == sha256)).scalar_one_or_none()


def seal_for(session: Session, document_sha256: str, policy_id: str) -> Seal | None:
    """The existing seal of this original under this policy, if it was sealed before."""
    return session.execute(
        select(Seal)
        .join(Document)
        .where(Document.sha256 == document_sha256, Seal.policy_id == policy_id)
    ).scalar_one_or_none()


def seals_for(session: Session, document_sha256s: list[str], policy_id: str) -> dict[str, Seal]:
    """:func:`seal_for` for many originals at once: original hash -> its seal, where one exists."""
    found: dict[str, Seal] = {}
    for start in range(0, len(document_sha256s), 500):  # bound the IN list for every backend
        chunk = document_sha256s[start : start + 500]
        rows = session.execute(
            select(Document.sha256, Seal)
            .join(Seal.document)
            .where(Document.sha256.in_(chunk), Seal.policy_id == policy_id)
        ).all()
        found.update({sha256: seal for sha256, seal in rows})
    return found


def seals_by_sealed_hash(session: Session, sealed_sha256: str) -> list[Seal]:
    return list(
        session.execute(select(Seal).where(Seal.sealed_sha256 == sealed_sha256)).scalars()
    )


def all_seals(session: Session) -> list[Seal]:
    return list(session.execute(select(Seal).order_by(Seal.id)).scalars())
