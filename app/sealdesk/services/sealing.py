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

Real tokens interrupt batches (:mod:`sealdesk.services.batch_token`): a token pulled out pauses
the batch through the front end's waiter; after reinsertion the session is reopened and the batch
goes on with the document that failed (finished ones are never resealed: step 2). A module that
stops answering abandons the batch: nothing is committed for the document in flight.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing.intake import PdfFacts, inspect_pdf
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.sealer import ALWAYS_AUTHENTICATE_NOTICE, Sealer, SealOutcome
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.core.token.prompts import NoticeCallback, PinProvider, TokenWaiter
from sealdesk.errors import InputError, SealDeskError, TokenNotPresentError
from sealdesk.fsutil import sha256_file
from sealdesk.services import crashpoints
from sealdesk.services.audit_log import record
from sealdesk.services.batch_token import BatchToken
from sealdesk.services.checkpoints import checkpoint_after_operation
from sealdesk.services.compromise import require_usable_certificate
from sealdesk.services.context import AppContext
from sealdesk.services.export_copy import export_copy
from sealdesk.services.jobs import CancelFlag, ProgressCallback, no_progress
from sealdesk.services.maintenance import require_sealing_allowed
from sealdesk.services.roles import Role, require_role
from sealdesk.services.tsa_credentials import tsa_password
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
    notices: list[str] = field(default_factory=list)
    """Things the person should know once (label changed, PIN per signature), in order."""
    always_authenticate: bool = False
    """The seal key asked for the PIN for every signature (given from memory, per signature)."""

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
    pin_provider: PinProvider | None = None,
    waiter: TokenWaiter | None = None,
    on_notice: NoticeCallback | None = None,
) -> BatchResult:
    """Seal ``files`` with the configured token and key; see the module docstring.

    ``pin`` is the PIN for the login (None: the reader's PIN pad). ``pin_provider`` is asked for
    another PIN after a wrong one and after a reinsertion (without it, a wrong PIN raises and the
    batch's PIN is reused after reinsertion); ``waiter`` decides whether to wait for a removed
    token (default: stop); ``on_notice`` shows notices at once (they are also on the result).
    """
    require_role(ctx, Role.OPERATOR, "seal documents")
    require_sealing_allowed(ctx)  # maintenance mode, self-test owed after an update
    cancel = cancel or CancelFlag()
    batch = BatchResult()

    def notify(text: str) -> None:
        batch.notices.append(text)
        if on_notice is not None:
            on_notice(text)

    connection = BatchToken(ctx, pin, pin_provider=pin_provider, waiter=waiter, notice=notify)
    try:
        connection.open()  # inside: a login whose event cannot be written still logs out
        _seal_with(ctx, connection, files, export_dir, progress, cancel, batch)
    finally:
        connection.close()
    return batch


def _seal_with(
    ctx: AppContext,
    connection: BatchToken,
    files: list[Path],
    export_dir: Path | None,
    progress: ProgressCallback,
    cancel: CancelFlag,
    batch: BatchResult,
) -> None:
    anchors = ctx.trust_anchors()
    timestamper = (
        build_timestamper(ctx.config.tsa, tsa_password(ctx.config.tsa))
        if ctx.config.tsa.url or ctx.config.tsa.is_demo
        else None
    )

    sealers: list[Sealer] = []  # every one holds the batch PIN until forgotten

    def new_sealer() -> Sealer:
        made = Sealer(
            connection.token, ctx.config.token.seal_key_label, timestamper=timestamper,
            chain=anchors, trust_anchors=anchors, pin=connection.pin,
        )
        require_usable_certificate(ctx, made.certificate_sha256)
        if made.always_authenticate and not batch.always_authenticate:
            batch.always_authenticate = True
            connection.notify(ALWAYS_AUTHENTICATE_NOTICE)
        sealers.append(made)
        return made

    try:
        _seal_all(ctx, connection, new_sealer(), new_sealer, files, export_dir, progress, cancel,
                  batch)
    finally:
        for sealer in sealers:
            sealer.forget_pin()
    if connection.is_open:
        checkpoint_after_operation(ctx, connection.token)


def _seal_all(
    ctx: AppContext,
    connection: BatchToken,
    sealer: Sealer,
    new_sealer: Callable[[], Sealer],
    files: list[Path],
    export_dir: Path | None,
    progress: ProgressCallback,
    cancel: CancelFlag,
    batch: BatchResult,
) -> None:
    policy = SealPolicy.from_config(ctx.config, sealer.certificate_sha256)
    total = len(files)
    progress(0, total, "")
    for done, source in enumerate(files, start=1):
        if cancel.cancelled or batch.stopped_by is not None:
            batch.cancelled = batch.cancelled or cancel.cancelled
            batch.results.append(DocumentResult(source, Outcome.NOT_STARTED))
            continue
        result = _seal_one(ctx, sealer, policy, source, export_dir)
        while isinstance(result.error, TokenNotPresentError):  # pulled out mid-batch
            try:
                if not connection.reconnect(source.name, result.error, done - 1, total):
                    break
                sealer.forget_pin()
                sealer = new_sealer()
            except SealDeskError as exc:  # another token, locked PIN, declined PIN, …
                result = DocumentResult(source, Outcome.FAILED, result.sha256, error=exc)
                break
            policy = SealPolicy.from_config(ctx.config, sealer.certificate_sha256)
            result = _seal_one(ctx, sealer, policy, source, export_dir)
        batch.results.append(result)
        if result.error is not None and not isinstance(result.error, InputError):
            batch.stopped_by = result.error  # token, TSA, storage: the rest would fail too
        progress(done, total, source.name)


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
            exported = export_copy(stored, source, export_dir)
            return DocumentResult(
                source, Outcome.ALREADY_SEALED, facts.sha256, existing.sealed_sha256,
                stored, exported,
            )
        crashpoints.reach("after_intake")
        ctx.store.put_file(source, facts.sha256)
        crashpoints.reach("after_store_original")
        with ctx.store.staged_output() as (handle, staged):
            output = crashpoints.guard_writes(handle, "staging_write")
            outcome = sealer.seal(source, output, policy, ctx.actor.name)
        crashpoints.reach("after_staging_fsync")
        sealed_sha256 = sha256_file(staged)
        try:
            _commit_seal(ctx, facts, policy, outcome, sealed_sha256, staged.stat().st_size)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        crashpoints.reach("after_commit")
        stored = ctx.store.promote(staged, sealed_sha256)
        crashpoints.reach("after_promote")
        exported = export_copy(stored, source, export_dir)
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

