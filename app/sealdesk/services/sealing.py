"""Seal a batch of documents: one token session, one login, each seal committed with its event.

For each document, in this order (the failure model of DESIGN.md):

1. intake checks; a refused file is reported and recorded as ``document.seal_failed``;
2. idempotency: an original already sealed under the same policy is reported, not resealed;
3. the original is copied into the content-addressed store (durable, verified hash);
4. the seal is written to a staging file and fsynced;
5. one transaction records the document, the seal and its ``document.sealed`` audit event;
6. the staging file is promoted to its content address; an export copy is written last.

A crash between 5 and 6 is finished by recovery at the next start; a crash before 5 leaves only a
staging file, which recovery discards. So a sealed file exists exactly when its event does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing.intake import PdfFacts, inspect_pdf
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.sealer import Sealer, SealOutcome
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.core.token import TokenSelector, TokenSession, open_token_session
from sealdesk.errors import InputError, SealDeskError, TokenError
from sealdesk.fsutil import copy_durably, sha256_file
from sealdesk.services.audit_log import record, record_login
from sealdesk.services.checkpoints import checkpoint_after_operation
from sealdesk.services.context import AppContext
from sealdesk.services.jobs import CancelFlag, ProgressCallback, no_progress
from sealdesk.storage import seal_repo
from sealdesk.storage.models import Document, Seal


class Outcome(StrEnum):
    SEALED = "sealed"
    ALREADY_SEALED = "already sealed"
    FAILED = "failed"
    NOT_STARTED = "not started"


@dataclass
class DocumentResult:
    source: Path
    outcome: Outcome
    sha256: str = ""
    sealed_sha256: str = ""
    stored_path: Path | None = None
    exported_path: Path | None = None
    error: SealDeskError | None = None


@dataclass
class BatchResult:
    results: list[DocumentResult] = field(default_factory=list)
    cancelled: bool = False
    stopped_by: SealDeskError | None = None

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.stopped_by is None and self.count(Outcome.FAILED) == 0


def seal_documents(
    ctx: AppContext,
    files: list[Path],
    pin: str | None,
    *,
    export_dir: Path | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelFlag | None = None,
) -> BatchResult:
    """Seal ``files`` with the configured token and key; see the module docstring."""
    cancel = cancel or CancelFlag()
    batch = BatchResult()
    config = ctx.config
    selector = TokenSelector(label=config.token.label, serial=config.token.serial)
    try:
        session_cm = open_token_session(
            config.token.module, selector, pin, environment=config.token.environment
        )
        token = session_cm.__enter__()
    except TokenError as exc:
        record_login(ctx, selector, succeeded=False, reason=exc.message)
        raise
    try:
        record_login(ctx, selector, succeeded=True, token=token)
        _seal_with(ctx, token, files, export_dir, progress, cancel, batch)
    finally:
        session_cm.__exit__(None, None, None)
    return batch


def _seal_with(
    ctx: AppContext,
    token: TokenSession,
    files: list[Path],
    export_dir: Path | None,
    progress: ProgressCallback,
    cancel: CancelFlag,
    batch: BatchResult,
) -> None:
    anchors = ctx.trust_anchors()
    sealer = Sealer(
        token,
        ctx.config.token.seal_key_label,
        timestamper=build_timestamper(ctx.config.tsa) if ctx.config.tsa.url or
        ctx.config.tsa.is_demo else None,
        chain=anchors,
        trust_anchors=anchors,
    )
    policy = SealPolicy.from_config(ctx.config, sealer.certificate_sha256)
    total = len(files)
    progress(0, total, "")
    for done, source in enumerate(files, start=1):
        if cancel.cancelled or batch.stopped_by is not None:
            batch.cancelled = batch.cancelled or cancel.cancelled
            batch.results.append(DocumentResult(source, Outcome.NOT_STARTED))
            continue
        result = _seal_one(ctx, sealer, policy, source, export_dir)
        batch.results.append(result)
        if result.error is not None and not isinstance(result.error, InputError):
            batch.stopped_by = result.error  # token, TSA, storage: the rest would fail too
        progress(done, total, source.name)
    checkpoint_after_operation(ctx, token)


def _seal_one(
    ctx: AppContext, sealer: Sealer, policy: SealPolicy, source: Path, export_dir: Path | None
) -> DocumentResult:
    facts: PdfFacts | None = None
    try:
        facts = inspect_pdf(source)
        with ctx.database.reader() as session:
            existing = seal_repo.seal_for(session, facts.sha256, policy.policy_id)
        if existing is not None:
            stored = ctx.store.path_of(existing.sealed_sha256)
            exported = _export(stored, source, export_dir)
            return DocumentResult(
                source, Outcome.ALREADY_SEALED, facts.sha256, existing.sealed_sha256,
                stored, exported,
            )
        ctx.store.put_file(source, facts.sha256)
        with ctx.store.staged_output() as (handle, staged):
            outcome = sealer.seal(source, handle, policy, ctx.actor.name)
        sealed_sha256 = sha256_file(staged)
        try:
            _commit_seal(ctx, facts, policy, outcome, sealed_sha256, staged.stat().st_size)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        stored = ctx.store.promote(staged, sealed_sha256)
        exported = _export(stored, source, export_dir)
        return DocumentResult(
            source, Outcome.SEALED, facts.sha256, sealed_sha256, stored, exported
        )
    except SealDeskError as exc:
        _record_failure(ctx, source, facts, exc)
        return DocumentResult(source, Outcome.FAILED, facts.sha256 if facts else "", error=exc)


def _commit_seal(
    ctx: AppContext,
    facts: PdfFacts,
    policy: SealPolicy,
    outcome: SealOutcome,
    sealed_sha256: str,
    sealed_size: int,
) -> None:
    with ctx.database.transaction() as session:
        document = seal_repo.document_by_hash(session, facts.sha256)
        if document is None:
            document = Document(
                sha256=facts.sha256, original_name=facts.path.name, size=facts.size,
                page_count=facts.page_count, added_at=outcome.sealed_at,
                added_by=ctx.actor.identity,
            )
            session.add(document)
            record(session, ctx.event(
                EventType.DOCUMENT_LOADED, {"document_sha256": facts.sha256},
                {"name": facts.path.name, "size": facts.size, "pages": facts.page_count},
            ))
        entry = record(session, ctx.event(
            EventType.DOCUMENT_SEALED,
            {"document_sha256": facts.sha256, "sealed_sha256": sealed_sha256},
            {
                "name": facts.path.name,
                "policy_id": policy.policy_id,
                "level": str(outcome.level),
                "field": outcome.field_name,
                "certificate_sha256": outcome.certificate_sha256,
                "key_label": policy.key_label,
                "sealed_size": sealed_size,
            },
        ))
        session.add(Seal(
            document=document, policy_id=policy.policy_id,
            policy_json=json.dumps(policy.to_dict(), sort_keys=True),
            sealed_sha256=sealed_sha256, sealed_size=sealed_size,
            field_name=outcome.field_name, certificate_sha256=outcome.certificate_sha256,
            key_label=policy.key_label, level=str(outcome.level), operator=ctx.actor.identity,
            sealed_at=outcome.sealed_at, audit_index=entry.index, status="active",
        ))


def _record_failure(
    ctx: AppContext, source: Path, facts: PdfFacts | None, error: SealDeskError
) -> None:
    subject = {"document_sha256": facts.sha256} if facts else {"file": source.name}
    try:
        with ctx.database.transaction() as session:
            record(session, ctx.event(
                EventType.DOCUMENT_SEAL_FAILED, subject,
                {"name": source.name, "error": error.__class__.__name__, "reason": error.message},
            ))
    except SealDeskError:
        pass  # the database itself failed; the caller reports the original error


def _export(stored: Path, source: Path, export_dir: Path | None) -> Path | None:
    """Copy the sealed file to ``export_dir`` as ``<name>.sealed.pdf`` (never overwriting)."""
    if export_dir is None:
        return None
    target = export_dir / f"{source.stem}.sealed.pdf"
    stored_hash = None
    number = 1
    while target.exists():
        stored_hash = stored_hash or sha256_file(stored)
        if sha256_file(target) == stored_hash:
            return target
        number += 1
        target = export_dir / f"{source.stem}.sealed-{number}.pdf"
    copy_durably(stored, target)
    return target
