"""Cross-check the store, the seal rows, the seal events and the checkpoints.

After a crash, a rollback or a restore, the question is whether every document and its audit
trail still tell one story. Each kind of disagreement becomes a :class:`Finding` with what to
do about it:

* ``object_without_seal``: a file in the store no seal row names (a seal committed elsewhere and
  copied here, or a leftover): keep it, and check it against the log before deleting anything;
* ``seal_without_object``: a seal row whose sealed file is missing: restore it from a snapshot
  (a file deleted under retention is no finding: the log's ``retention.deleted`` event records
  it, and ``counts["deleted_under_retention"]`` counts them);
* ``seal_without_event``: a seal row whose audit entry is missing or names another file: the
  database was edited; treat the seal as unproven and investigate;
* ``event_without_seal``: a seal event with no seal row: the row was deleted; restore it from a
  snapshot (the event proves the seal happened);
* ``object_damaged`` / ``original_prefix_mismatch``: the stored file no longer hashes to its name,
  or no longer begins with the original the seal row names: restore the file from a snapshot;
* ``log_gap``: entry numbers are missing, or the head disagrees with the entries: stop sealing
  and run ``sealdesk audit verify``;
* ``unpinned_entries``: entries after the latest checkpoint: take a checkpoint;
* ``staging_leftover``: a staged or temporary file whose writer is gone: start-up recovery
  clears it (run it, or start the console);
* ``exported_copy_changed``: a copy written outside SealDesk (export folder, evidence bundle)
  that the log records is there with other bytes; every recorded copy is also listed with its
  state (present, changed, unreachable) in :attr:`Reconciliation.exported_copies`
  (:mod:`.exports`).

``since`` limits the per-seal checks to seals and events from that time on; store-wide and
log-wide checks always run. ``contents=False`` skips re-reading every stored file (start-up).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from sealdesk.core.audit.events import EventType
from sealdesk.fsutil import writer_gone
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.services.reconcile.exports import (
    CHANGED,
    COPY_ACTIONS,
    PRESENT,
    UNREACHABLE,
    ExportedCopy,
    check_copies,
    recorded_copies,
)
from sealdesk.services.retention.status import deleted_among
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import log_size
from sealdesk.storage.documents.models import Document, Seal

SEAL_EVENTS = (EventType.DOCUMENT_SEALED, EventType.DOCUMENT_LTV_REFRESHED,
               EventType.DOCUMENT_RESEALED, EventType.SEAL_CARRIED_OVER)
_OBJECT = re.compile(r"[0-9a-f]{64}")

ACTIONS = {
    "object_without_seal": "Keep the file; check it against the log before removing anything.",
    "seal_without_object": "Restore the sealed file from the latest snapshot that holds it.",
    "seal_without_event": "Treat the seal as unproven; the database was edited. Investigate.",
    "event_without_seal": "Restore the seal row from a snapshot; the event proves the seal.",
    "object_damaged": "Restore the file from a snapshot ('sealdesk snapshot verify' first).",
    "original_prefix_mismatch": "Restore the file from a snapshot; the original was altered.",
    "log_gap": "Stop sealing and run 'sealdesk audit verify'; keep the database as it is.",
    "unpinned_entries": "Take a checkpoint ('sealdesk audit checkpoint create').",
    "staging_leftover": "Run start-up recovery (start the console or 'sealdesk seal').",
    "exported_copy_changed": COPY_ACTIONS[CHANGED],
}


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str
    detail: str

    @property
    def action(self) -> str:
        return ACTIONS[self.kind]

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "subject": self.subject, "detail": self.detail,
                "action": self.action}


@dataclass
class Reconciliation:
    since: dt.datetime | None
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    exported_copies: list[ExportedCopy] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings

    def by_kind(self) -> dict[str, int]:
        return dict(sorted(Counter(f.kind for f in self.findings).items()))

    def summary(self) -> dict[str, object]:
        """The short form start-up recovery records."""
        return {"counts": self.counts, "findings": self.by_kind()}


@dataclass(frozen=True)
class _SealRow:
    id: int
    sealed_sha256: str
    audit_index: int
    document_sha256: str
    document_size: int


def reconcile(ctx: AppContext, since: dt.datetime | None = None, *,
              contents: bool = True) -> Reconciliation:
    result = Reconciliation(since)
    objects = _store_objects(ctx)
    with AuditReader(ctx.database) as reader, reader.session() as session:
        size = log_size(session)
        seals = _seals(session, since)
        all_sealed = set(session.execute(select(Seal.sealed_sha256)).scalars())
        events = _seal_events(session, since)
        indices = session.execute(select(func.count(AuditEntry.idx),
                                         func.max(AuditEntry.idx))).one()
        latest = checkpoint_repo.latest_checkpoint(session)
        copies = recorded_copies(session, since) if contents else {}
    result.counts = {"store_objects": len(objects), "seals": len(seals),
                     "seal_events": len(events), "log_entries": size,
                     "checkpointed_entries": latest.tree_size if latest else 0}
    _check_log(result, size, int(indices[0]), indices[1], latest.tree_size if latest else 0)
    _check_seals(ctx, result, seals, events, objects, contents)
    for name in sorted(objects - all_sealed):
        result.findings.append(Finding("object_without_seal", name, "no seal row names it"))
    _check_staging(ctx, result)
    _check_exports(result, copies)
    return result


def _check_exports(result: Reconciliation, copies: dict[str, tuple[str, str, int]]) -> None:
    result.exported_copies = check_copies(copies)
    states = Counter(c.state for c in result.exported_copies)
    result.counts["exported_copies"] = len(result.exported_copies)
    for state in (PRESENT, CHANGED, UNREACHABLE):
        result.counts[f"exported_copies_{state}"] = states.get(state, 0)
    for copy in result.exported_copies:
        if copy.state == CHANGED:
            result.findings.append(Finding(
                "exported_copy_changed", copy.path,
                f"audit entry {copy.entry} recorded SHA-256 {copy.sha256}; the file now hashes "
                f"to {copy.found_sha256}"))


def _store_objects(ctx: AppContext) -> set[str]:
    folder = ctx.store.objects
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.glob("*/*") if _OBJECT.fullmatch(p.name)}


def _seals(session, since: dt.datetime | None) -> list[_SealRow]:  # type: ignore[no-untyped-def]
    query = select(Seal.id, Seal.sealed_sha256, Seal.audit_index, Document.sha256,
                   Document.size).join(Document, Seal.document_id == Document.id)
    if since is not None:
        query = query.where(Seal.sealed_at >= since)
    return [_SealRow(int(r[0]), r[1], int(r[2]), r[3], int(r[4]))
            for r in session.execute(query.order_by(Seal.id))]


def _seal_events(session, since: dt.datetime | None) -> dict[int, dict]:  # type: ignore[no-untyped-def,type-arg]
    query = select(AuditEntry.idx, AuditEntry.payload).where(
        AuditEntry.event_type.in_([str(k) for k in SEAL_EVENTS]))
    if since is not None:
        query = query.where(AuditEntry.time >= since)
    return {int(idx): json.loads(bytes(payload)) for idx, payload in session.execute(query)}


def _check_log(result: Reconciliation, size: int, count: int, highest: int | None,
               pinned: int) -> None:
    if count != size or (size and highest != size - 1):
        result.findings.append(Finding(
            "log_gap", "audit log", f"the head says {size} entries, the table holds {count} "
            f"(highest number {highest})"))
    if pinned < size - 1:  # the entry recording the checkpoint itself follows it
        result.findings.append(Finding(
            "unpinned_entries", "audit log",
            f"entries {pinned}..{size - 1} are not covered by a checkpoint yet"))


def _check_seals(ctx: AppContext, result: Reconciliation, seals: list[_SealRow],
                 events: dict[int, dict], objects: set[str], contents: bool) -> None:  # type: ignore[type-arg]
    seen_indices = set()
    deleted = deleted_among(ctx, (s.sealed_sha256 for s in seals
                                  if s.sealed_sha256 not in objects))
    result.counts["deleted_under_retention"] = len(deleted)
    for seal in seals:
        seen_indices.add(seal.audit_index)
        event = events.get(seal.audit_index)
        if event is None or event["subject"].get("sealed_sha256") != seal.sealed_sha256:
            result.findings.append(Finding(
                "seal_without_event", seal.sealed_sha256,
                f"seal {seal.id} names audit entry {seal.audit_index}, which does not record it"))
        if seal.sealed_sha256 in deleted:
            continue  # deleted under retention (its event is the record), not a loss
        if seal.sealed_sha256 not in objects:
            result.findings.append(Finding("seal_without_object", seal.sealed_sha256,
                                           f"seal {seal.id}'s sealed file is not in the store"))
        elif contents:
            _check_content(ctx, result, seal)
    for index, event in sorted(events.items()):
        if index not in seen_indices and result.since is None:
            result.findings.append(Finding(
                "event_without_seal", str(event["subject"].get("sealed_sha256", "")),
                f"audit entry {index} ({event['type']}) has no seal row"))


def _check_content(ctx: AppContext, result: Reconciliation, seal: _SealRow) -> None:
    digest = ctx.store.prefix_and_whole(seal.sealed_sha256, seal.document_size)
    if digest.whole != seal.sealed_sha256:
        result.findings.append(Finding("object_damaged", seal.sealed_sha256,
                                       f"the stored file hashes to {digest.whole}"))
    elif digest.prefix != seal.document_sha256:
        result.findings.append(Finding(
            "original_prefix_mismatch", seal.sealed_sha256,
            f"the first {seal.document_size} bytes are not the original "
            f"{seal.document_sha256}"))


def _check_staging(ctx: AppContext, result: Reconciliation) -> None:
    for path in [*ctx.store.staged_files(), *ctx.store.temporary_files()]:
        if writer_gone(path.name):
            result.findings.append(Finding("staging_leftover", path.name,
                                           "left by a writer that is no longer running"))
    result.counts["staging_files"] = len(ctx.store.staged_files())
