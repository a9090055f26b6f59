"""Deleting at the end of retention: propose, have a custodian (or M of N) approve, execute.

1. :func:`propose_deletion` checks that each document is due and not held, and records a
   ``delete_under_retention`` proposal through the quorum ceremony of :mod:`sealdesk.services.keys`
   (the proposal names each document, its class and due date, so the approvers see them).
2. Custodians approve with ``sealdesk rotation approve`` (their token signs the proposal hash);
   the threshold is the quorum policy's for ``delete_under_retention``, one if it names none.
3. :func:`execute_deletion` runs the ceremony's execution with this capability's applier: in
   the ``applied`` step's transaction, with the log's head locked, every document is checked
   again *from the log* (due under the signing policy in force, no hold, not deleted, the
   proposal's quorum proven by the replay) and a ``retention.deleted`` event is recorded for it.
   Only after that commit is the content removed, by :func:`destroy_content`. A crash between
   the two leaves content the log already calls deleted; :func:`finish_pending_destruction`
   (run by every execution) removes it.

What remains: the seal rows, the documents' hashes, every audit event and checkpoint, so
``audit verify``, proofs and other documents' evidence keep verifying; ``verify`` and
revalidation say "deleted under retention (event N)".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.retention.ledger import DocumentRetention
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.fsutil import fsync_dir, sha256_prefix_and_whole, writer_gone
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.keys.execution import ExecutionResult, execute
from sealdesk.services.keys.rotation import DEFAULT_LIFETIME, propose
from sealdesk.services.keys.views import ProposalView
from sealdesk.services.retention.errors import DocumentHeldError, NotDueError
from sealdesk.services.retention.ledger import (
    Standing,
    check_rows,
    read_standing,
    standing_now,
    sync_row,
)
from sealdesk.services.retention.resolve import resolve_documents
from sealdesk.services.retention.signed_history import require_signed_history
from sealdesk.storage.audit.repo import lock_head
from sealdesk.storage.documents.blobstore import is_envelope
from sealdesk.storage.documents.models import Document


@dataclass(frozen=True)
class DeletionResult:
    execution: ExecutionResult
    deleted: tuple[str, ...]
    """Documents (original SHA-256) whose content this run removed."""
    removed_files: int


def require_deletable(doc: DocumentRetention, standing: Standing, now: dt.datetime) -> None:
    """Refuse unless the log proves ``doc`` due, unheld and not deleted at ``now``."""
    label = doc.name or doc.document_sha256[:16]
    if doc.deleted:
        raise InputError(f"{label} was already deleted under retention (event "
                         f"{doc.deleted_entry}).")
    if doc.held:
        cases = ", ".join(f"{h.case} (event {h.placed_entry})" for h in doc.holds.values())
        raise DocumentHeldError(
            f"{label} is under legal hold ({cases}); it cannot be deleted.",
            hint="A hold is lifted only by 'sealdesk hold release' with a reason; ask the "
            "person responsible for the case.")
    due = doc.due(standing.rules)
    if due is None or due > now:
        when = f"on {due:%Y-%m-%d}" if due is not None else "never, as things stand"
        raise NotDueError(
            f"{label} is not due for deletion: its class {doc.class_name or '(none)'} under "
            f"signing policy v{standing.policy_version or 0} ends its retention {when}.",
            hint="'sealdesk retention due' lists what may be deleted now.")


def propose_deletion(ctx: AppContext, documents: Iterable[str], *, reason: str,
                     expires_in: dt.timedelta = DEFAULT_LIFETIME, now: dt.datetime | None = None,
                     **kwargs: object) -> ProposalView:
    """Propose deleting due, unheld documents; custodians approve it like any proposal."""
    now = now or dt.datetime.now(dt.UTC)
    standing = standing_now(ctx)
    docs = resolve_documents(standing.ledger, documents)
    with ctx.database.reader() as session:
        check_rows(session, standing, [d.document_sha256 for d in docs])
    listed = []
    for doc in docs:
        require_deletable(doc, standing, now)
        if doc.document_sha256 in standing.pending:
            raise InputError(
                f"{doc.name} is already named by deletion proposal "
                f"{standing.pending[doc.document_sha256]}, which is still open.",
                hint="Have a custodian approve or reject it ('sealdesk rotation list'), or "
                "wait until it expires.")
        due = doc.due(standing.rules)
        assert due is not None
        listed.append({"document_sha256": doc.document_sha256, "name": doc.name,
                       "class": doc.class_name, "due": due.isoformat(),
                       "released_holds": list(doc.released)})
    require_signed_history(ctx, docs)  # a release, class or clock forged in the unsigned tail
    return propose(ctx, ActionType.DELETE_UNDER_RETENTION, reason=reason,
                   target={"documents": str(len(listed)),
                           "policy_version": str(standing.policy_version or 0)},
                   params={"documents": listed}, expires_in=expires_in, now=now,
                   **kwargs)  # type: ignore[arg-type]


def execute_deletion(ctx: AppContext, proposal_id: str,
                     now: dt.datetime | None = None) -> DeletionResult:
    """Execute an approved deletion proposal (see the module docstring)."""
    require_role(ctx, (Role.ADMINISTRATOR, Role.OPERATOR), "delete documents under retention")
    result = execute(ctx, proposal_id, now=now,
                     appliers={ActionType.DELETE_UNDER_RETENTION: apply_deletion})
    deleted, removed = finish_pending_destruction(ctx)
    return DeletionResult(result, tuple(deleted), removed)


def apply_deletion(ctx: AppContext, session: Session, content: ProposalContent,
                   now: dt.datetime) -> dict[str, object]:
    """The ``applied`` step: re-check every document from the log, record its deletion.

    Runs in the step's transaction with the head locked, so no hold can be appended between
    the check and the ``retention.deleted`` events (another console waits for the lock and
    then finds the document deleted).
    """
    lock_head(session)
    standing = read_standing(session)
    wanted = [str(d["document_sha256"]) for d in content.params["documents"]]
    docs = resolve_documents(standing.ledger, wanted)
    check_rows(session, standing, wanted)
    proposed = {str(d["document_sha256"]): d for d in content.params["documents"]}
    for doc in docs:
        require_deletable(doc, standing, now)
        if proposed[doc.document_sha256]["released_holds"] != doc.released:
            raise DocumentHeldError(
                f"The legal holds of {doc.name} changed since proposal {content.proposal_id} "
                "was made (the approvers signed another hold history).",
                hint="Make a new deletion proposal, so the custodians see the holds as they "
                "are now.")
    for doc in docs:
        record(session, ctx.event(
            EventType.RETENTION_DELETED, {"document_sha256": doc.document_sha256},
            {"proposal_id": content.proposal_id, "name": doc.name, "class": doc.class_name,
             "due": doc.due(standing.rules).isoformat(),  # type: ignore[union-attr]
             "policy_version": standing.policy_version or 0,
             "content_removed": stored_content(doc),
             "method": "content_removed"}))
    after = read_standing(session)
    for doc in docs:
        sync_row(session, after, doc.document_sha256, now)
    return {"documents": wanted}


def stored_content(doc: DocumentRetention) -> list[str]:
    """The store objects a document owns, as its seal events prove them: every sealed file
    (re-seals and LTV refreshes included) and a separate copy of the original (before issue 9)."""
    return [*doc.sealed_files, doc.document_sha256]


def destroy_content(ctx: AppContext, doc: DocumentRetention) -> int:
    """Make the content of a document deleted under retention unrecoverable from this store.

    It removes its objects (sealed files, a separate original) and any staging leftover of it
    from the store; in an encrypted store each object's key record goes first
    (:meth:`BlobStore.remove`), which destroys the data key: crypto-shredding. It refuses
    unless the log records the deletion (``retention.deleted``), so no
    other path can remove content: a held document never has that event (the replay flags one).
    Returns how many files it removed; running it again removes nothing more.
    """
    if not doc.deleted:
        raise InputError(f"{doc.name} has no retention.deleted event; its content stays.")
    removed = 0
    folders = set()
    for sha in stored_content(doc):
        if ctx.store.remove(sha):
            folders.add(ctx.store.folder_of(sha))
            removed += 1
    removed += _remove_staging_leftovers(ctx, doc)
    for folder in folders:
        fsync_dir(folder)
    return removed


def _remove_staging_leftovers(ctx: AppContext, doc: DocumentRetention) -> int:
    """Staged files of crashed writers that begin with this document's original."""
    with ctx.database.reader() as session:
        size = session.execute(select(Document.size).where(
            Document.sha256 == doc.document_sha256)).scalar_one_or_none()
    if size is None:
        return 0
    removed = 0
    sealed = set(stored_content(doc))
    for path in [*ctx.store.staged_files(), *ctx.store.temporary_files()]:
        try:
            if not writer_gone(path.name):
                continue
            if is_envelope(path):  # opened only through its key record, which names it
                if ctx.store.staged_sha256(path) in sealed:
                    ctx.store.discard_staged(path)
                    removed += 1
            elif path.stat().st_size >= size \
                    and sha256_prefix_and_whole(path, size).prefix == doc.document_sha256:
                path.unlink()
                removed += 1
        except (OSError, RecordIntegrityError):
            continue
    if removed:
        fsync_dir(ctx.store.staging)
    return removed


def finish_pending_destruction(ctx: AppContext) -> tuple[list[str], int]:
    """Remove content the log already records as deleted (after a crash, or just now)."""
    standing = standing_now(ctx)
    documents, files = [], 0
    for doc in standing.ledger.documents.values():
        if doc.deleted and any(ctx.store.contains(s) for s in stored_content(doc)):
            files += destroy_content(ctx, doc)
            documents.append(doc.document_sha256)
    return documents, files
