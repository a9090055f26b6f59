"""Which seals an evidence export covers, and which audit entries concern them.

A selection names documents the way people have them at hand: a hash from a report or an
e-mail (the original's or the sealed file's, or a unique prefix of at least 8 hex digits), the
files themselves, or a period ("everything sealed in March"). Every seal of a selected original
is included (one original may be sealed under several policies).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.columns import payload_subject
from sealdesk.errors import InputError
from sealdesk.fsutil import sha256_file
from sealdesk.storage.audit.query import AuditFilter, payload_page
from sealdesk.storage.documents.models import Document, Seal

_HEXPREFIX = re.compile(r"[0-9a-f]{8,64}")
PAGE = 500


@dataclass(frozen=True)
class Selection:
    """What to export: hashes and/or files, or a period ``[since, until)`` of sealing times."""

    hashes: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def describe(self) -> dict[str, object]:
        """For the manifest and the audit event (no paths: they mean nothing elsewhere)."""
        scope: dict[str, object] = {}
        if self.hashes or self.files:
            scope["kind"] = "documents"
        if self.since is not None or self.until is not None:
            scope["kind"] = "period"
            scope["from"] = self.since.isoformat() if self.since else None
            scope["to"] = self.until.isoformat() if self.until else None
        return scope


@dataclass(frozen=True)
class SelectedSeal:
    """A seal with its original, read out of the session (plain values, no ORM objects)."""

    original_name: str
    original_sha256: str
    original_size: int
    sealed_sha256: str
    sealed_size: int
    sealed_at: dt.datetime
    operator: str
    level: str
    audit_index: int


def select_seals(session: Session, selection: Selection) -> list[SelectedSeal]:
    """The seals the selection names, oldest first; a name that matches nothing is an error."""
    if not (selection.hashes or selection.files or selection.since or selection.until):
        raise InputError("Nothing to export: name documents (hash or file) or a period.",
                         hint="e.g. 'sealdesk evidence export --document SHA --out b.zip'.")
    conditions = []
    wanted = [h.strip().lower() for h in selection.hashes]
    wanted += [sha256_file(_readable(path)) for path in selection.files]
    for value in wanted:
        if not _HEXPREFIX.fullmatch(value):
            raise InputError(f"{value!r} is not a SHA-256 (or a prefix of 8+ hex digits).")
        matches = _matching(session, value)
        if not matches:
            raise InputError(f"No sealed document has the SHA-256 {value[:16]}…",
                             hint="Give the hash of the original or of the sealed file, as "
                             "'sealdesk audit list' or the Documents page shows it.")
        conditions.append(Seal.id.in_(matches))
    if selection.since is not None or selection.until is not None:
        period = [Seal.sealed_at >= _utc(selection.since)] if selection.since else []
        if selection.until is not None:
            period.append(Seal.sealed_at < _utc(selection.until))
        conditions.append(Seal.id.in_(select(Seal.id).where(*period)))
    rows = session.execute(
        select(Seal, Document).join(Document).where(or_(*conditions)).order_by(Seal.sealed_at)
    ).all()
    if not rows:
        raise InputError("No document was sealed in that period.")
    return [_selected(seal, doc) for seal, doc in rows]


def _matching(session: Session, value: str) -> list[int]:
    if len(value) == 64:
        condition = or_(Seal.sealed_sha256 == value, Document.sha256 == value)
    else:
        condition = or_(Seal.sealed_sha256.startswith(value), Document.sha256.startswith(value))
    ids = list(session.execute(select(Seal.id).join(Document).where(condition)).scalars())
    originals = {s for s in session.execute(
        select(Document.sha256).join(Seal).where(Seal.id.in_(ids))).scalars()}
    if len(value) < 64 and len(originals) > 1:
        raise InputError(f"The prefix {value} matches {len(originals)} documents.",
                         hint="Give more digits of the hash.")
    return ids


def _readable(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"Cannot read {path}.", hint="Give the sealed PDF or its original.")
    return path


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _selected(seal: Seal, doc: Document) -> SelectedSeal:
    sealed_at = seal.sealed_at if seal.sealed_at.tzinfo else seal.sealed_at.replace(
        tzinfo=dt.UTC)
    return SelectedSeal(doc.original_name, doc.sha256, doc.size, seal.sealed_sha256,
                        seal.sealed_size, sealed_at, seal.operator, seal.level,
                        seal.audit_index)


def entries_concerning(session: Session, hashes: set[str], below: int) -> list[int]:
    """Indices of entries whose subject names any of ``hashes``, below ``below`` (covered).

    Found by searching the hashed payloads and decided by each payload's own subject, never by
    the copied ``subject`` column: one ``UPDATE`` of that column would otherwise drop an event
    from a bundle that still verifies (issue 17). Costs a scan of the payloads per hash.
    """
    found: set[int] = set()
    for value in hashes:
        before: int | None = below
        while True:
            page = payload_page(session, AuditFilter(text=value), before=before, limit=PAGE)
            found.update(index for index, payload in page if _names(payload, value))
            if len(page) < PAGE:
                break
            before = page[-1][0]
    return sorted(found)


def _names(payload: bytes, value: str) -> bool:
    try:
        return value in payload_subject(payload).values()
    except ValueError:
        return False
