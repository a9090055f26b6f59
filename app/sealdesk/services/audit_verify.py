"""Verify the audit log in the database: chain, Merkle roots, checkpoints, head; no token needed.

One streaming pass over the entries (:func:`sealdesk.core.audit.chain.verify_chain`) recomputes
every entry hash and link and the Merkle root at every checkpoint size. Around it:

* every stored checkpoint is decoded from its signed bytes, its signature checked with the
  certificate stored next to it, that certificate checked against the trust anchors (or the
  audit certificates the auditor supplies), and the checkpoints' own chain (each names its
  predecessor) followed;
* entry ``n`` must be the ``checkpoint.created`` event naming the checkpoint of tree size ``n``,
  and every such event must name a stored checkpoint: deleting or replacing a checkpoint row is
  caught by the log, which later checkpoints pin;
* an exported checkpoint (``--against``) adds one more root the log must reproduce: a truncated
  tail or a rewritten history shows up even if every copy in the database was changed;
* the head row (size, last hash, Merkle frontier) must match what the walk found.

Findings name the entry (index, expected and found values). A broken link is examined further
to tell a reordering, an insertion or a deletion with renumbering from a plain rewrite.

Verification only reads, through a read-only snapshot (:class:`AuditReader`), so it runs on an
auditor's copy and never blocks consoles that append. An audit event is written only when the
caller asks (``record=True``) on a writable database.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import ChainProblem, ProblemKind, entry_bytes, verify_chain
from sealdesk.core.audit.checkpoint import (
    CheckpointFile,
    SignedCheckpoint,
    check_successor,
    verify_checkpoint_signature,
)
from sealdesk.core.audit.events import EventType
from sealdesk.errors import CancelledError, IntegrityError
from sealdesk.services.audit_log import record_now
from sealdesk.services.audit_reading import AuditReader
from sealdesk.services.audit_report import AuditReport, CheckpointTrust, Finding, FindingKind
from sealdesk.services.context import AppContext
from sealdesk.services.jobs import CancelFlag, ProgressCallback, no_progress
from sealdesk.storage import checkpoint_repo
from sealdesk.storage.audit_repo import frontier_of, iter_entry_rows
from sealdesk.storage.db import Database
from sealdesk.storage.models import AuditEntry, AuditHead

CHECKPOINT_EVENT_SUFFIX = b'"type":"checkpoint.created","v":1}'
"""How every canonical ``checkpoint.created`` payload ends (keys are sorted; ``type`` and ``v``
come last), so the hot loop spots them without parsing JSON."""

PROGRESS_EVERY = 16384


def verify_log(
    ctx: AppContext,
    progress: ProgressCallback = no_progress,
    cancel: CancelFlag | None = None,
    *,
    against: CheckpointFile | None = None,
    trusted_cert_pem: bytes | None = None,
    record: bool = False,
) -> AuditReport:
    """Verify the log of ``ctx``; with ``record``, append the outcome as an audit event."""
    report = verify_database(
        ctx.database, trust_for(ctx, trusted_cert_pem), against=against, progress=progress,
        cancel=cancel,
    )
    if record:
        record_verification(ctx, report)
    return report


def record_verification(ctx: AppContext, report: AuditReport) -> None:
    """Append the outcome of a verification as a ``selftest.passed``/``failed`` event."""
    kind = EventType.SELFTEST_PASSED if report.ok else EventType.SELFTEST_FAILED
    first = report.first
    record_now(ctx, ctx.event(kind, {"check": "audit_log"}, {
        "log_size": report.log_size,
        "entries_checked": report.entries_checked,
        "root_hash": report.root.hex() if report.root else None,
        "checkpoints": report.checkpoints,
        "against_tree_size": None if report.against is None else report.against.tree_size,
        "findings": len(report.findings),
        "first_finding": None if first is None else first.to_dict(),
    }))


def trust_for(ctx: AppContext, trusted_cert_pem: bytes | None = None) -> CheckpointTrust:
    """The configured trust anchors plus any audit certificates the caller supplies."""
    anchors = tuple(x509.load_der_x509_certificate(c.dump()) for c in ctx.trust_anchors())
    extra = CheckpointTrust.from_pem([], trusted_cert_pem).certificates
    return CheckpointTrust(anchors, extra)


@dataclass(frozen=True)
class _Head:
    size: int
    head_hash: bytes
    frontier: bytes | None  # None on a database still at the 0001 schema


@dataclass(frozen=True)
class _Checked:
    stored: checkpoint_repo.StoredCheckpoint
    signed: SignedCheckpoint


def verify_database(
    database: Database,
    trust: CheckpointTrust,
    *,
    against: CheckpointFile | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelFlag | None = None,
) -> AuditReport:
    """Verify the audit log stored in ``database`` (a :class:`~sealdesk.storage.db.Database`)."""
    started = time.monotonic()
    report = AuditReport(against=None if against is None else against.signed.checkpoint)
    with AuditReader(database) as reader, reader.session() as session:
        head = _read_head(session)
        report.log_size = head.size
        checked = _check_stored_checkpoints(
            checkpoint_repo.all_checkpoints(session), trust, report
        )
        roots, exported_size = _expected_roots(checked, against, trust, report)
        stream = _EntryStream(session)

        def on_progress(done: int) -> None:
            if cancel is not None and cancel.cancelled:
                raise CancelledError(
                    f"Verification cancelled after {done} entries; nothing was concluded."
                )
            progress(done, max(head.size, done), "")

        result = verify_chain(
            stream, expected_roots=roots, on_progress=on_progress, progress_every=PROGRESS_EVERY
        )
        report.entries_checked = result.entries_checked
        report.root, report.head_hash = result.root, result.head_hash
        report.roots_checked = result.roots_checked
        if result.problem is not None:
            report.findings.append(
                _chain_finding(session, result.problem, result.roots_checked, exported_size)
            )
        else:
            _check_head(head, result.tree_size, result.head_hash, result.root, report)
        _check_checkpoint_events(session, checked, stream.checkpoint_events, result.tree_size,
                                 result.ok, report)
    _add_warnings(head, checked, trust, report)
    report.seconds = time.monotonic() - started
    return report


def _read_head(session: Session) -> _Head:
    has_frontier = any(
        c["name"] == "frontier" for c in inspect(session.connection()).get_columns("audit_head")
    )
    columns = [AuditHead.size, AuditHead.head_hash]
    if has_frontier:
        columns.append(AuditHead.frontier)
    row = session.execute(select(*columns).where(AuditHead.id == 1)).one()
    frontier = bytes(row[2]) if has_frontier and row[2] is not None else None
    return _Head(int(row[0]), bytes(row[1]), frontier)


class _EntryStream:
    """The entries in index order, noting which ones are checkpoint events on the way."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.checkpoint_events: list[int] = []

    def __iter__(self) -> Iterator[tuple[int, bytes, bytes, bytes]]:
        suffix = CHECKPOINT_EVENT_SUFFIX
        found = self.checkpoint_events
        for rows in iter_entry_rows(self._session):
            found.extend([row[0] for row in rows if row[3].endswith(suffix)])
            yield from rows


def _checkpoint_finding(kind: FindingKind, size: int, message: str, expected: str = "",
                        found: str = "") -> Finding:
    return Finding(kind, message, index=size, expected=expected, found=found, tree_size=size)


def _check_stored_checkpoints(
    stored: list[checkpoint_repo.StoredCheckpoint], trust: CheckpointTrust, report: AuditReport
) -> list[_Checked]:
    """Decode, trust-check and signature-check every checkpoint and follow their chain."""
    report.checkpoints = len(stored)
    checked: list[_Checked] = []
    previous: _Checked | None = None
    for number, row in enumerate(stored):
        what = f"the checkpoint at tree size {row.tree_size}"
        try:
            signed = row.decode()
            cert = row.certificate()
        except ValueError as ex:
            report.findings.append(_checkpoint_finding(
                FindingKind.CHECKPOINT_MALFORMED, row.tree_size, f"{what} cannot be read: {ex}"))
            previous = None
            continue
        cp = signed.checkpoint
        if (row.tree_size, row.root_hash) != (cp.tree_size, cp.root_hash):
            report.findings.append(_checkpoint_finding(
                FindingKind.CHECKPOINT_ALTERED, row.tree_size,
                f"{what}: the stored size/root columns differ from what was signed",
                f"{cp.tree_size} {cp.root_hash.hex()}", f"{row.tree_size} {row.root_hash.hex()}"))
        if trust.configured and not trust.trusts(cert):
            report.findings.append(_checkpoint_finding(
                FindingKind.CERTIFICATE_UNTRUSTED, cp.tree_size,
                f"{what} is signed with a certificate no trust anchor issued "
                f"({cert.subject.rfc4514_string()}): the checkpoint was replaced",
            ))
        try:
            verify_checkpoint_signature(signed, cert)
        except IntegrityError as ex:
            report.findings.append(_checkpoint_finding(
                FindingKind.SIGNATURE_INVALID, cp.tree_size, ex.message))
        _check_link(previous, signed, number, report)
        current = _Checked(row, signed)
        checked.append(current)
        previous = current
    return checked


def _check_link(previous: _Checked | None, signed: SignedCheckpoint, number: int,
                report: AuditReport) -> None:
    cp = signed.checkpoint
    if number == 0 and cp.previous_checkpoint_hash is not None:
        report.findings.append(_checkpoint_finding(
            FindingKind.CHECKPOINT_CHAIN_BROKEN, cp.tree_size,
            f"the first stored checkpoint (tree size {cp.tree_size}) names a predecessor that "
            "is not stored: earlier checkpoints were deleted",
            "", cp.previous_checkpoint_hash.hex()))
    if previous is None:
        return
    prev = previous.signed.checkpoint
    problem = ""
    if cp.tree_size == prev.tree_size:
        problem = f"two checkpoints claim tree size {cp.tree_size}: one was inserted"
    else:
        try:
            check_successor(prev, cp)
        except IntegrityError as ex:
            problem = ex.message
    if problem:
        names = cp.previous_checkpoint_hash
        report.findings.append(_checkpoint_finding(
            FindingKind.CHECKPOINT_CHAIN_BROKEN, cp.tree_size, problem,
            prev.checkpoint_hash().hex(), names.hex() if names else "none"))


def _expected_roots(
    checked: list[_Checked], against: CheckpointFile | None, trust: CheckpointTrust,
    report: AuditReport,
) -> tuple[dict[int, bytes], int | None]:
    """Roots the walk must find: every stored checkpoint's, and the exported one's."""
    roots: dict[int, bytes] = {}
    for item in checked:
        roots.setdefault(item.signed.checkpoint.tree_size, item.signed.checkpoint.root_hash)
    if against is None:
        return roots, None
    cp = against.signed.checkpoint
    cert = against.certificate
    if trust.configured and not trust.trusts(cert):
        report.findings.append(_checkpoint_finding(
            FindingKind.CERTIFICATE_UNTRUSTED, cp.tree_size,
            "the exported checkpoint is signed with a certificate no trust anchor issued"))
    try:
        verify_checkpoint_signature(against.signed, cert)
    except IntegrityError as ex:
        report.findings.append(_checkpoint_finding(
            FindingKind.SIGNATURE_INVALID, cp.tree_size, f"exported checkpoint: {ex.message}"))
    stored_root = roots.get(cp.tree_size)
    if stored_root is not None and stored_root != cp.root_hash:
        report.findings.append(Finding(
            FindingKind.ROOT_MISMATCH,
            f"the stored checkpoint at tree size {cp.tree_size} and the exported one disagree "
            "on the root: the log (and its checkpoint) were rewritten after the export",
            index=cp.tree_size - 1, expected=cp.root_hash.hex(), found=stored_root.hex(),
            tree_size=cp.tree_size))
        roots[cp.tree_size] = cp.root_hash
    roots.setdefault(cp.tree_size, cp.root_hash)
    return roots, cp.tree_size


def _chain_finding(
    session: Session, problem: ChainProblem, roots_checked: tuple[int, ...],
    exported_size: int | None,
) -> Finding:
    kind = FindingKind(problem.kind.value)
    exported = problem.tree_size is not None and problem.tree_size == exported_size
    if problem.kind is ProblemKind.ROOT_MISMATCH:
        size = problem.tree_size or 0
        first = max((s for s in roots_checked if s < size), default=0)
        source = "the exported checkpoint" if exported else "the signed checkpoint"
        return Finding(
            kind,
            f"the Merkle root of the first {size} entries differs from {source}'s: an entry "
            f"between {first} and {size - 1} was rewritten and the chain recomputed (which "
            "needs no key), or the checkpoint was altered",
            index=problem.index, expected=problem.expected, found=problem.found,
            tree_size=size, first_index=first)
    if problem.kind is ProblemKind.TRUNCATED and exported:
        return Finding(
            kind,
            f"the log ends after {problem.index} entries but the exported checkpoint covers "
            f"{problem.tree_size}: entries at the end were deleted",
            index=problem.index, expected=problem.expected, found=problem.found,
            tree_size=problem.tree_size)
    if problem.kind is ProblemKind.BROKEN_LINK:
        return _diagnose_link(session, problem)
    return Finding(kind, problem.message, index=problem.index, expected=problem.expected,
                   found=problem.found, tree_size=problem.tree_size)


def _hash_as(index: int, prev_hash: bytes, payload: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry_bytes(index, prev_hash, payload)).digest()


def _diagnose_link(session: Session, problem: ChainProblem) -> Finding:
    """Name what happened at a broken link: moved, inserted, or deleted-and-renumbered entries.

    Only runs after a failure, so a scan of the ``prev_hash`` column is affordable.
    """
    k = problem.index
    expected_prev = bytes.fromhex(problem.expected)
    columns = (AuditEntry.idx, AuditEntry.prev_hash, AuditEntry.entry_hash, AuditEntry.payload)
    for idx, prev, stored, payload in session.execute(
        select(*columns).where(AuditEntry.prev_hash == expected_prev, AuditEntry.idx != k).limit(4)
    ):
        if _hash_as(k, bytes(prev), bytes(payload)) == bytes(stored):
            return Finding(
                FindingKind.REORDERED,
                f"the entry that belongs at index {k} is stored at index {idx}: entries were "
                "reordered",
                index=k, expected=f"entry {k} at index {k}", found=f"entry {k} at index {idx}")
    row = session.execute(select(*columns).where(AuditEntry.idx == k)).one_or_none()
    if row is not None:
        _, prev, stored, payload = row
        if k > 0 and _hash_as(k - 1, bytes(prev), bytes(payload)) == bytes(stored):
            return Finding(
                FindingKind.INSERTED,
                f"an entry was inserted at index {k - 1}: the original entry {k - 1} now sits "
                f"at index {k}, and every later entry was renumbered",
                index=k - 1, expected=problem.expected, found=bytes(stored).hex())
        if _hash_as(k + 1, bytes(prev), bytes(payload)) == bytes(stored):
            return Finding(
                FindingKind.INDEX_GAP,
                f"entry {k} was deleted and the later entries renumbered to close the gap",
                index=k, expected=problem.expected, found=problem.found)
    return Finding(FindingKind.BROKEN_LINK, problem.message, index=k,
                   expected=problem.expected, found=problem.found)


def _check_head(head: _Head, size: int, last_hash: bytes, root: bytes | None,
                report: AuditReport) -> None:
    if head.size != size or (size and head.head_hash != last_hash):
        deleted = head.size > size
        report.findings.append(Finding(
            FindingKind.HEAD_MISMATCH,
            f"the chain head records {head.size} entries but the log holds {size}: "
            + ("entries at the end were deleted" if deleted else
               "entries were added or changed without going through the head"),
            index=min(head.size, size), expected=f"{head.size} {head.head_hash.hex()}",
            found=f"{size} {last_hash.hex()}"))
        return
    if head.frontier is None:
        return
    try:
        stored_root = frontier_of(head.size, head.frontier).root()
    except ValueError as ex:
        stored_root, problem = b"", str(ex)
    else:
        problem = "the Merkle frontier kept with the head does not give the log's root"
    if stored_root != root:
        report.findings.append(Finding(
            FindingKind.HEAD_MISMATCH, problem, index=size,
            expected=(root or b"").hex(), found=stored_root.hex()))


def _check_checkpoint_events(
    session: Session, checked: list[_Checked], event_indexes: list[int], verified: int,
    complete: bool, report: AuditReport,
) -> None:
    """Entry ``n`` must record the checkpoint of size ``n``; every such record must be stored."""
    by_size = {c.signed.checkpoint.tree_size: c for c in checked}
    stored_hashes = {c.signed.checkpoint.checkpoint_hash() for c in checked}
    indexes = sorted({i for i in event_indexes if i < verified} | {s for s in by_size
                                                                     if s < verified})
    recorded = _recorded_checkpoints(session, indexes)
    for index in indexes:
        named = recorded.get(index)
        item = by_size.get(index)
        if item is not None:
            own = item.signed.checkpoint.checkpoint_hash()
            if named != own:
                report.findings.append(_checkpoint_finding(
                    FindingKind.CHECKPOINT_NOT_RECORDED, index,
                    f"the checkpoint stored for tree size {index} is not the one entry {index} "
                    "recorded: the checkpoint was replaced (or the entry is not a checkpoint "
                    "event)",
                    named.hex() if named else "no checkpoint event", own.hex()))
        elif named is not None and named not in stored_hashes:
            report.findings.append(_checkpoint_finding(
                FindingKind.CHECKPOINT_MISSING, index,
                f"entry {index} records a checkpoint of tree size {index} that is no longer "
                "stored: the checkpoint was deleted", named.hex(), "missing"))
    for size, item in by_size.items():
        if complete and size == verified:  # the walk saw every entry; entry `size` is gone
            report.findings.append(_checkpoint_finding(
                FindingKind.CHECKPOINT_NOT_RECORDED, size,
                f"entry {size}, which records the checkpoint of tree size {size}, is missing: "
                "entries at the end were deleted",
                item.signed.checkpoint.checkpoint_hash().hex(), "missing"))


def _recorded_checkpoints(session: Session, indexes: list[int]) -> dict[int, bytes | None]:
    """For each index: the checkpoint hash its ``checkpoint.created`` event names, else None."""
    found: dict[int, bytes | None] = {}
    for start in range(0, len(indexes), 500):
        chunk = indexes[start : start + 500]
        for idx, payload in session.execute(
            select(AuditEntry.idx, AuditEntry.payload).where(AuditEntry.idx.in_(chunk))
        ):
            found[int(idx)] = _named_checkpoint(bytes(payload))
    return found


def _named_checkpoint(payload: bytes) -> bytes | None:
    if not payload.endswith(CHECKPOINT_EVENT_SUFFIX):
        return None
    try:
        value = json.loads(payload)["subject"]["checkpoint_sha256"]
        return bytes.fromhex(value)
    except (ValueError, KeyError, TypeError):
        return None


def _add_warnings(head: _Head, checked: list[_Checked], trust: CheckpointTrust,
                  report: AuditReport) -> None:
    if not trust.configured and checked:
        report.warnings.append(
            "no trust anchor or audit certificate is configured: checkpoint signatures were "
            "checked only against the certificates stored with them (use --trusted-cert)")
    if not checked:
        if head.size:
            report.warnings.append(
                "the log has no signed checkpoint yet: only the hash chain could be checked")
        return
    latest = checked[-1].signed.checkpoint
    report.latest_checkpoint = latest
    unpinned = head.size - (latest.tree_size + 1)
    if unpinned > 0:
        entries = "1 entry" if unpinned == 1 else f"{unpinned} entries"
        verb = "is" if unpinned == 1 else "are"
        report.warnings.append(
            f"{entries} after the latest checkpoint (tree size {latest.tree_size}) {verb} not "
            "covered by a signed checkpoint yet; the next operation's checkpoint will cover "
            "them")
