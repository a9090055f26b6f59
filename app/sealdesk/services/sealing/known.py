"""Has this file been sealed before? The answer the Documents page shows when a file is added.

A person who adds a PDF that SealDesk already sealed (the original again, or the sealed copy
itself) must see "sealed on …", not "ready, not sealed yet". The seal row is only a cache
(DESIGN.md, trust model): what is shown is read from the ``document.sealed`` audit entry the row
points at, and a row whose entry does not name this document is an integrity failure, not an
answer. Read-only (the audit reader's snapshot), so auditor windows over a copy can ask too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.canonical import parse_time
from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing.intake import PdfFacts, inspect_pdf
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.query import entry_details
from sealdesk.storage.documents.models import Document, Seal

__all__ = ["AddedFile", "KnownSeal", "examine_added", "find_seal"]


@dataclass(frozen=True)
class KnownSeal:
    """An earlier seal of a file, as its audit entry records it."""

    name: str
    """The original's file name when it was sealed."""
    original_sha256: str
    sealed_sha256: str
    sealed_at: dt.datetime
    """UTC, from the audit entry."""
    level: str
    audit_index: int
    is_sealed_copy: bool
    """True when the file added is the sealed output itself, False when it is the original."""
    sealed_path: Path | None
    """The sealed file in this installation's store; None when the store does not hold it."""


@dataclass(frozen=True)
class AddedFile:
    """A file a person added: the intake's facts, and its earlier seal if there is one."""

    facts: PdfFacts
    known: KnownSeal | None


def examine_added(ctx: AppContext, path: Path) -> AddedFile:
    """The intake check of ``path`` (InputError saying why it cannot be sealed), then the lookup."""
    facts = inspect_pdf(path)
    return AddedFile(facts, find_seal(ctx, facts.sha256))


def find_seal(ctx: AppContext, sha256: str) -> KnownSeal | None:
    """The newest active seal of the file with SHA-256 ``sha256``, as original or sealed copy.

    Quarantined seals (their key was compromised) do not count: such a document is to be sealed
    again, and the Documents page says so.
    """
    with AuditReader(ctx.database) as reader, reader.session() as session:
        found = _newest(session, Seal.sealed_sha256 == sha256)
        is_copy = found is not None
        if found is None:
            found = _newest(session, Document.sha256 == sha256)
        if found is None:
            return None
        seal, document = found
        payload = _sealed_payload(session, seal.audit_index, document.sha256, seal.sealed_sha256)
    stored = ctx.store.path_of(seal.sealed_sha256)
    details = payload.get("details", {})
    return KnownSeal(
        name=str(details.get("name", document.original_name)),
        original_sha256=document.sha256, sealed_sha256=seal.sealed_sha256,
        sealed_at=parse_time(payload["time"]), level=str(details.get("level", seal.level)),
        audit_index=seal.audit_index, is_sealed_copy=is_copy,
        sealed_path=stored if stored.is_file() else None,
    )


def _newest(session: Session, condition: object) -> tuple[Seal, Document] | None:
    row = session.execute(
        select(Seal, Document).join(Document)
        .where(condition, Seal.status == "active")  # type: ignore[arg-type]
        .order_by(Seal.sealed_at.desc()).limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def _sealed_payload(session: Session, index: int, original: str, sealed: str) -> dict:
    """The ``document.sealed`` payload at ``index``, checked against the row that points at it."""
    entry = entry_details(session, index)
    payload = json.loads(entry.payload) if entry is not None else {}
    subject = payload.get("subject", {})
    if (payload.get("type") != EventType.DOCUMENT_SEALED
            or subject.get("document_sha256") != original
            or subject.get("sealed_sha256") != sealed):
        raise RecordIntegrityError(
            f"The database says document {original[:12]}… was sealed, but audit entry {index} "
            "does not record that seal.",
            hint="Verify the audit log (Audit log page, Verify) and report the result to your "
                 "administrator; do not rely on this installation's records until then.",
        )
    return payload
