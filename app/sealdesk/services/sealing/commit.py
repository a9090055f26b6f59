"""The one transaction that records a wave of seals: documents, seals and audit events.

Events go into the log in the wave's input order: for each document, ``document.seal_failed``
if it could not be sealed, else ``document.loaded`` (first time the original is seen) and
``document.sealed``; each seal row points at its ``document.sealed`` entry. All of it commits or
none of it does, so a seal never exists without its event (DESIGN.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.sealing.intake import PdfFacts
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.validation.crypto_profile import expected_profile, sealed_with
from sealdesk.errors import InputError, SealDeskError
from sealdesk.services.audit.log import record_all
from sealdesk.services.context import AppContext
from sealdesk.storage.documents.models import Document, Seal

if TYPE_CHECKING:
    from sealdesk.services.sealing.slot import Slot
    from sealdesk.services.sealing.staging import Staged


def commit_wave(ctx: AppContext, policy: SealPolicy, slots: list[Slot],
                retention_class: str = "") -> None:
    """Record every staged seal and every failure of the wave in one transaction.

    A seal whose events cannot be recorded (a value the canonical JSON refuses, issue 18: a
    page count of 10^26 once cost the whole batch) fails on its own: its staging file is
    removed and a ``document.seal_failed`` is recorded instead; the rest of the wave commits.
    ``retention_class`` (when the signing policy has classes) is recorded in each
    ``document.sealed``; the first seal of a document gives it its class (issue 21).
    """
    crypto = _crypto_policy(ctx, policy, [s.staged for s in slots if s.staged is not None])
    with ctx.database.transaction() as session:
        hashes = [s.facts.sha256 for s in slots if s.staged is not None and s.facts is not None]
        documents = _documents(session, hashes)
        events: list[AuditEvent] = []
        sealed: list[tuple[int, Document, Staged]] = []  # position of each document.sealed
        for slot in slots:
            if slot.error is None and slot.staged is not None and slot.facts is not None:
                _add_seal(ctx, session, policy, slot, documents, events, sealed, crypto,
                          retention_class)
            error = slot.same_as.error if slot.same_as is not None else slot.error
            if error is not None:
                events.append(_failure_event(ctx, slot.source, slot.facts, error))
        entries = record_all(session, events)
        for position, document, staged in sealed:
            session.add(_seal_row(ctx, policy, document, staged, entries[position].index,
                                  crypto))


def _add_seal(
    ctx: AppContext, session: Session, policy: SealPolicy, slot: Slot,
    documents: dict[str, Document], events: list[AuditEvent],
    sealed: list[tuple[int, Document, Staged]], crypto: dict[str, object],
    retention_class: str = "",
) -> None:
    """Append ``slot``'s events (and its document, first time seen); or fail the slot alone."""
    facts, staged = slot.facts, slot.staged
    assert facts is not None
    assert staged is not None
    try:
        loaded = None if facts.sha256 in documents else ctx.event(
            EventType.DOCUMENT_LOADED, {"document_sha256": facts.sha256},
            {"name": _text(facts.path.name), "size": facts.size, "pages": facts.page_count},
        )
        sealed_event = _sealed_event(ctx, policy, facts, staged, crypto, retention_class)
    except (ValueError, TypeError) as exc:  # the event refuses a value taken from the file
        ctx.store.discard_staged(staged.path)
        slot.staged = None
        slot.error = InputError(
            f"{_text(facts.path.name)} could not be sealed: a value taken from it cannot be "
            f"recorded in the audit log ({exc}); nothing was kept for it.",
            hint="Repair the document (e.g. 'qpdf in.pdf out.pdf') and seal the repaired copy.",
        )
        return
    if loaded is not None:
        documents[facts.sha256] = _new_document(ctx, session, facts, staged)
        events.append(loaded)
    sealed.append((len(events), documents[facts.sha256], staged))
    events.append(sealed_event)


def _text(value: str) -> str:
    """``value`` as valid Unicode: a file name with undecodable bytes (lone surrogates) keeps
    them as ``\\udcXX`` escapes, so recording the name can never fail."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


Failure = tuple[Path, PdfFacts | None, SealDeskError]


def record_failure(
    ctx: AppContext, source: Path, facts: PdfFacts | None, error: SealDeskError
) -> None:
    """Record ``document.seal_failed`` on its own (a failure after the wave's commit)."""
    record_failures(ctx, [(source, facts, error)])


def record_failures(ctx: AppContext, failures: list[Failure]) -> None:
    """Record a ``document.seal_failed`` per failure, in order, in one transaction.

    One transaction, not one per document: after a wave's commit failed the database is often
    busy or gone, and each attempt would wait out the busy timeout again.
    """
    if not failures:
        return
    try:
        with ctx.database.transaction() as session:
            record_all(session, [_failure_event(ctx, *failure) for failure in failures])
    except Exception:  # the database itself failed (mapped or not); the caller reports the
        pass  # original error, and a refusal is never worth a crash


def _documents(session: Session, hashes: list[str]) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        rows = session.execute(select(Document).where(Document.sha256.in_(chunk))).scalars()
        found.update({d.sha256: d for d in rows})
    return found


def _new_document(
    ctx: AppContext, session: Session, facts: PdfFacts, staged: Staged
) -> Document:
    document = Document(
        sha256=facts.sha256, original_name=_text(facts.path.name), size=facts.size,
        page_count=facts.page_count, added_at=staged.outcome.sealed_at,
        added_by=ctx.actor.identity,
    )
    session.add(document)
    return document


def _crypto_policy(ctx: AppContext, policy: SealPolicy, staged: list[Staged]
                   ) -> dict[str, object]:
    """What revalidation will hold these seals to (crypto_profile: drift); one per wave.

    Recorded from this release on. The certificate is the policy's, read back from the first
    seal of the wave (all seals of a wave use the same key).
    """
    certificate = None
    if staged:
        with ctx.store.staged_path(staged[0].path) as first:
            certificate = sealed_with(first, policy.certificate_sha256)
    expected = expected_profile(certificate, str(policy.level))
    expected["certificate_sha256"] = policy.certificate_sha256
    return expected


def _sealed_event(
    ctx: AppContext, policy: SealPolicy, facts: PdfFacts, staged: Staged,
    crypto: dict[str, object], retention_class: str = "",
) -> AuditEvent:
    outcome = staged.outcome
    retention = {"retention_class": retention_class} if retention_class else {}
    return ctx.event(
        EventType.DOCUMENT_SEALED,
        {"document_sha256": facts.sha256, "sealed_sha256": staged.sha256},
        {
            "name": _text(facts.path.name),
            "policy_id": policy.policy_id,
            "level": str(outcome.level),
            "field": outcome.field_name,
            "certificate_sha256": outcome.certificate_sha256,
            "key_label": policy.key_label,
            "sealed_size": staged.size,
            "crypto_policy": crypto,
            **retention,
        },
    )


def _seal_row(
    ctx: AppContext, policy: SealPolicy, document: Document, staged: Staged, audit_index: int,
    crypto: dict[str, object],
) -> Seal:
    outcome = staged.outcome
    return Seal(
        document=document, policy_id=policy.policy_id,
        policy_json=json.dumps({**policy.to_dict(), "crypto_policy": crypto}, sort_keys=True),
        sealed_sha256=staged.sha256, sealed_size=staged.size,
        field_name=outcome.field_name, certificate_sha256=outcome.certificate_sha256,
        key_label=policy.key_label, level=str(outcome.level), operator=ctx.actor.identity,
        sealed_at=outcome.sealed_at, audit_index=audit_index, status="active",
    )


def _failure_event(
    ctx: AppContext, source: Path, facts: PdfFacts | None, error: SealDeskError
) -> AuditEvent:
    name = _text(source.name)
    subject = {"document_sha256": facts.sha256} if facts else {"file": name}
    return ctx.event(
        EventType.DOCUMENT_SEAL_FAILED, subject,
        {"name": name, "error": error.__class__.__name__, "reason": _text(error.message)},
    )
