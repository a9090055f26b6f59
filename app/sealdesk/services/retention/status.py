"""What the log proves about retention, for people: per document, what falls due, the classes.

Every value here comes from the chain-checked replay (:mod:`sealdesk.services.retention.ledger`)
and the signing policy the log proves, never from the cache rows: the Documents page's column,
``sealdesk retention list`` and an auditor's replay show the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sealdesk.core.retention.classes import RetentionRules
from sealdesk.core.retention.ledger import DocumentRetention, Hold
from sealdesk.errors import SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.retention.ledger import Standing, standing_now


@dataclass(frozen=True)
class DocumentStatus:
    document_sha256: str
    name: str
    class_name: str
    clock_start: dt.datetime | None
    due: dt.datetime | None
    state: str
    """``deleted``, ``held``, ``due``, ``kept``, ``waiting`` or ``unclassified``."""
    holds: tuple[Hold, ...]
    deleted_entry: int | None
    sealed_files: tuple[str, ...]
    proposal: str = ""
    """The open deletion proposal naming the document, if any."""

    @property
    def overdue_but_held(self) -> bool:
        return self.state == "held" and self.due is not None and self.due <= _now()

    def describe(self) -> str:
        """One phrase: the class and what stands (used by the CLI and the GUI's tooltips)."""
        if self.deleted_entry is not None:
            return f"deleted under retention (event {self.deleted_entry})"
        parts = [self.class_name or "no class"]
        if self.due is not None:
            parts.append(f"due {self.due:%Y-%m-%d}")
        elif self.class_name:
            parts.append("clock not started")
        if self.holds:
            parts.append("HOLD " + ", ".join(h.case for h in self.holds))
        return "; ".join(parts)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def status_of(doc: DocumentRetention, standing: Standing, now: dt.datetime) -> DocumentStatus:
    rules = standing.rules
    return DocumentStatus(doc.document_sha256, doc.name, doc.class_name, doc.clock(rules),
                          doc.due(rules), doc.state(rules, now), tuple(doc.holds.values()),
                          doc.deleted_entry, tuple(doc.sealed_files),
                          standing.pending.get(doc.document_sha256, ""))


def retention_overview(ctx: AppContext, now: dt.datetime | None = None) -> list[DocumentStatus]:
    """Every sealed document's retention, in sealing order."""
    now = now or _now()
    standing = standing_now(ctx)
    return [status_of(d, standing, now) for d in standing.ledger.documents.values()]


def due_documents(ctx: AppContext, now: dt.datetime | None = None, *,
                  within: dt.timedelta = dt.timedelta(0)) -> list[DocumentStatus]:
    """Documents whose retention ends by ``now + within`` and that are not deleted, earliest
    first; held ones are listed too (state ``held``) so a person sees what a hold keeps."""
    now = now or _now()
    limit = now + within
    found = [s for s in retention_overview(ctx, now)
             if s.deleted_entry is None and s.due is not None and s.due <= limit]
    return sorted(found, key=lambda s: (s.due, s.name))  # type: ignore[arg-type, return-value]


def retention_rules(ctx: AppContext) -> tuple[RetentionRules, int | None]:
    """The classes of the signing policy in force and its version (None: no policy yet)."""
    standing = standing_now(ctx)
    return standing.rules, standing.policy_version


def deleted_under_retention(ctx: AppContext, sha256: str) -> int | None:
    """The ``retention.deleted`` entry of the document (original or sealed file SHA-256)."""
    ledger = standing_now(ctx).ledger
    doc = ledger.of(sha256) or ledger.of_sealed_file(sha256)
    return doc.deleted_entry if doc is not None else None


def deleted_files(ctx: AppContext) -> dict[str, int]:
    """Every store object of a deleted document -> its ``retention.deleted`` entry (what the
    snapshot checks and reconciliation must not call a loss)."""
    ledger = standing_now(ctx).ledger
    found: dict[str, int] = {}
    for doc in ledger.documents.values():
        if doc.deleted_entry is not None:
            for sha in (*doc.sealed_files, doc.document_sha256):
                found[sha] = doc.deleted_entry
    return found


def deleted_among(ctx: AppContext, missing: Iterable[str]) -> dict[str, int]:
    """Of store objects found ``missing``, those deleted under retention -> their event.

    For reconciliation, recovery and snapshots: the log is replayed only when something is
    missing, and a log that cannot prove a deletion (broken chain, a forged event) answers {}
    so the missing objects are reported as the loss they would otherwise be.
    """
    wanted = set(missing)
    if not wanted:
        return {}
    try:
        return {sha: entry for sha, entry in deleted_files(ctx).items() if sha in wanted}
    except SealDeskError:
        return {}
