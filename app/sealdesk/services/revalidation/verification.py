"""Verify sealed PDFs: the seal itself (core.validation) plus what SealDesk's records say.

For a file SealDesk sealed, the report also says whether the store's copy still hashes to what
the audit log recorded, whether the stored original is intact, and whether the sealed file's
first revision is byte-for-byte the original (PAdES seals are incremental updates, so it must
be). Verification needs no token; it records a ``document.verified`` event only when asked and
when the database is writable, so an auditor's read-only copy is never modified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import (
    DocumentReport,
    Indication,
    RevocationMode,
    ValidationPolicy,
    validate_pdf,
)
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import sha256_prefix_and_whole
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext, load_certificate
from sealdesk.services.keys.standby import read_standing
from sealdesk.services.retention.status import deleted_under_retention
from sealdesk.services.revalidation.policy_check import (
    report_anchors,
    report_levels,
    signing_policy_finding,
)
from sealdesk.storage.documents import repo as seal_repo


@dataclass(frozen=True)
class StoreCheck:
    """What SealDesk's own records say about a file (empty when SealDesk never sealed it)."""

    known: bool
    facts: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    deleted_entry: int | None = None
    """The ``retention.deleted`` entry when the store's content was deleted under retention:
    a distinct verdict, not a failure (the seal's hashes and events remain)."""

    @property
    def deleted_under_retention(self) -> str:
        """"deleted under retention (event N)", or "" when the content was not deleted."""
        if self.deleted_entry is None:
            return ""
        return f"deleted under retention (event {self.deleted_entry})"


@dataclass(frozen=True)
class Verification:
    path: Path
    report: DocumentReport
    store: StoreCheck = field(default_factory=lambda: StoreCheck(known=False))

    @property
    def indication(self) -> Indication:
        if self.store.problems:
            return Indication.FAILED
        return self.report.indication


def policy_from(
    ctx: AppContext | None,
    *,
    revocation: str | None = None,
    moment: dt.datetime | None = None,
    extra_anchors: tuple[Path, ...] = (),
) -> ValidationPolicy:
    """The validation policy of the configuration, with command-line overrides."""
    anchors = list(ctx.trust_anchors()) if ctx is not None else []
    anchors += [load_certificate(p) for p in extra_anchors]
    mode = revocation or (ctx.config.trust.revocation if ctx is not None else "hard-fail")
    return ValidationPolicy(
        trust_anchors=tuple(anchors), revocation_mode=RevocationMode(mode), moment=moment
    )


def verify_file(
    path: Path, policy: ValidationPolicy, ctx: AppContext | None = None, *, record: bool = False
) -> Verification:
    report = validate_pdf(path, policy)
    if ctx is not None:
        report = with_policy_finding(ctx, report)
    store = check_against_store(ctx, path, report.sha256) if ctx is not None else StoreCheck(False)
    verification = Verification(path, report, store)
    if record and ctx is not None:
        record_now(ctx, ctx.event(
            EventType.DOCUMENT_VERIFIED,
            {"sealed_sha256": report.sha256},
            {
                "name": path.name,
                "indication": str(verification.indication),
                "revocation": policy.revocation_mode.value,
                "problems": list(store.problems),
            },
        ))
    return verification


def with_policy_finding(ctx: AppContext, report: DocumentReport) -> DocumentReport:
    """The report with a note when it was not made under the signing policy the log proves."""
    finding = signing_policy_finding(ctx, report_anchors(report), report_levels(report))
    return report if finding is None else replace(report, notes=(*report.notes, finding))


def standby_facts(ctx: AppContext, certificate_sha256: str) -> list[str]:
    """A seal made with the standby key says so: the key is the organisation's as much as the
    primary is, because the custodians' quorum registered it (the log proves it)."""
    try:
        standby = read_standing(ctx).standby
    except SealDeskError:
        return []  # the signing-policy note and 'audit verify' report an unreadable log
    if standby is None or standby.certificate_sha256 != certificate_sha256:
        return []
    return [f"sealed with the standby seal key {standby.key_label!r} on token "
            f"{standby.token_label!r}, registered by the custodians' quorum (proposal "
            f"{standby.proposal_id}, audit entry {standby.entry})"]


def check_against_store(ctx: AppContext, path: Path, sealed_sha256: str) -> StoreCheck:
    with ctx.database.reader() as session:
        seals = seal_repo.seals_by_sealed_hash(session, sealed_sha256)
        if not seals:
            return StoreCheck(known=False)
        seal = seals[0]
        document = seal.document
        facts = [
            f"sealed by SealDesk on {seal.sealed_at:%Y-%m-%d %H:%M} UTC by {seal.operator} "
            f"(audit entry {seal.audit_index}, level {seal.level})",
            f"original: {document.original_name} ({document.size} bytes, SHA-256 "
            f"{document.sha256})",
        ]
        facts += standby_facts(ctx, seal.certificate_sha256)
    problems = []
    deleted = _deleted_entry(ctx, document.sha256) if not ctx.store.contains(sealed_sha256) \
        else None
    if deleted is not None:
        facts.append(f"deleted under retention (event {deleted}): the store no longer keeps "
                     "this document's content; its seal hashes and audit events remain")
    if seal.status == "quarantined":
        problems.append("QUARANTINED: made with a seal key marked compromised (see 'sealdesk "
                        "compromise list'); do not rely on it, use the re-sealed copy")
    if deleted is None and not ctx.store.verify(sealed_sha256):
        problems.append("the store's copy of this sealed file is missing or damaged")
    if ctx.store.contains(document.sha256) and not ctx.store.verify(document.sha256):
        # Before issue 9 the original was also stored on its own; such a copy must still match.
        # Since then the original is the sealed file's prefix, checked next.
        problems.append("the stored original is damaged")
    if sha256_prefix_and_whole(path, document.size).prefix != document.sha256:
        problems.append("the sealed file does not begin with the recorded original document")
    return StoreCheck(known=True, facts=tuple(facts), problems=tuple(problems),
                      deleted_entry=deleted)


def _deleted_entry(ctx: AppContext, document_sha256: str) -> int | None:
    """The ``retention.deleted`` entry of a document whose stored copy is gone, from the log.

    Asked only when the copy is missing, so verifying a kept document never replays the log.
    A log that cannot prove it (broken chain) answers None: the missing copy is then reported
    as the problem it would be without retention.
    """
    try:
        return deleted_under_retention(ctx, document_sha256)
    except SealDeskError:
        return None
