"""Reading the sealed-document archive: what was sealed, when, by whom, and its audit trail.

Read-only by construction (the audit reader's snapshot sessions), so the auditor's view of a
database copy can use it; a validation report is computed on the stored sealed file and never
recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from sealdesk.core.validation import DocumentReport, validate_pdf
from sealdesk.errors import InputError
from sealdesk.fsutil import read_bounded
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.select import entries_concerning
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.storage.audit.query import AuditRow, entry_details
from sealdesk.storage.audit.repo import log_size
from sealdesk.storage.documents.models import Document, Seal

LIMIT = 10_000
PREVIEW_LIMIT = 256 * 1024 * 1024
"""The largest sealed file shown in a preview (held in memory, never copied to disk)."""


@dataclass(frozen=True)
class SealedRow:
    original_name: str
    original_sha256: str
    original_size: int
    sealed_sha256: str
    sealed_at: dt.datetime
    operator: str
    level: str
    audit_index: int
    status: str


def list_sealed(ctx: AppContext, limit: int = LIMIT) -> list[SealedRow]:
    """The newest ``limit`` seals, newest first."""
    with AuditReader(ctx.database) as reader, reader.session() as session:
        rows = session.execute(
            select(Seal, Document).join(Document).order_by(Seal.sealed_at.desc()).limit(limit)
        ).all()
        return [
            SealedRow(doc.original_name, doc.sha256, doc.size, seal.sealed_sha256,
                      _utc(seal.sealed_at), seal.operator, seal.level, seal.audit_index,
                      seal.status)
            for seal, doc in rows
        ]


def trail(ctx: AppContext, row: SealedRow) -> list[AuditRow]:
    """Every audit entry naming the original or the sealed file, oldest first."""
    with AuditReader(ctx.database) as reader, reader.session() as session:
        indices = entries_concerning(session, {row.original_sha256, row.sealed_sha256},
                                     log_size(session))
        found = [entry_details(session, i) for i in indices]
    return [d.row for d in found if d is not None]


def _require_stored(ctx: AppContext, row: SealedRow) -> None:
    if not ctx.store.contains(row.sealed_sha256):
        raise InputError(
            f"The sealed file of {row.original_name} is not in the document store here.",
            hint="Copy the 'store' folder next to the database copy to see and validate "
                 "stored seals.",
        )


def stored_report(ctx: AppContext, row: SealedRow) -> DocumentReport:
    """Validate the stored sealed file under this console's policy (nothing is recorded)."""
    _require_stored(ctx, row)
    with ctx.store.readable_path(row.sealed_sha256) as path:
        return validate_pdf(path, policy_from(ctx))


def stored_sealed_bytes(ctx: AppContext, row: SealedRow, limit: int = PREVIEW_LIMIT) -> bytes:
    """The stored sealed file of ``row`` for a preview, only if it is the file that was sealed.

    The store is a folder anyone with the copy can edit; the seal's recorded SHA-256 decides,
    so a replaced file is refused instead of shown as "sealed".
    """
    _require_stored(ctx, row)
    with ctx.store.readable_path(row.sealed_sha256) as path:
        data = read_bounded(path, limit, "sealed document")
    if hashlib.sha256(data).hexdigest() != row.sealed_sha256:
        raise InputError(
            f"The stored file of {row.original_name} is not the file that was sealed (its "
            "SHA-256 differs from the seal's record).",
            hint="The store was altered or damaged; use the copy in an evidence bundle.")
    return data


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
