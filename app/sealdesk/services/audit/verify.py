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
* the head row (size, last hash, Merkle frontier) must match what the walk found;
* every custodian witness beside the anchors must verify against the custodian registry that
  this walk's payloads prove (:mod:`~sealdesk.services.audit.witnesses`).

Findings name the entry (index, expected and found values); the checkpoint checks live in
:mod:`~sealdesk.services.audit.checkpoint_checks`, the naming of chain problems (reordering,
insertion, deletion with renumbering) in :mod:`~sealdesk.services.audit.diagnosis`.

Verification only reads, through a read-only snapshot (:class:`AuditReader`), so it runs on an
auditor's copy and never blocks consoles that append. An audit event is written only when the
caller asks (``record=True``) on a writable database.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import ProblemKind, verify_chain
from sealdesk.core.audit.checkpoint import CheckpointFile
from sealdesk.core.audit.events import EventType
from sealdesk.errors import OperationCancelledError
from sealdesk.services.audit.anchors import (
    CheckedAnchor,
    add_anchored_roots,
    anchored_leaves,
    check_anchors,
    rollback_finding,
)
from sealdesk.services.audit.checkpoint_checks import (
    Checked,
    check_checkpoint_events,
    check_stored_checkpoints,
    expected_roots,
)
from sealdesk.services.audit.diagnosis import chain_finding
from sealdesk.services.audit.entry_stream import EntryStream
from sealdesk.services.audit.key_pin import check_pinned_keys
from sealdesk.services.audit.log import record_now
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.report import AuditReport, CheckpointTrust, Finding, FindingKind
from sealdesk.services.audit.witnesses import check_witnesses
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag, ProgressCallback, no_progress
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditHead
from sealdesk.storage.audit.repo import frontier_of
from sealdesk.storage.db import Database

PROGRESS_EVERY = 16384


def verify_log(
    ctx: AppContext,
    progress: ProgressCallback = no_progress,
    cancel: CancelFlag | None = None,
    *,
    against: CheckpointFile | None = None,
    trusted_cert_pem: bytes | None = None,
    record: bool = False,
    anchor_dir: Path | None = None,
) -> AuditReport:
    """Verify the log of ``ctx``; with ``record``, append the outcome as an audit event.

    Anchors are read from ``anchor_dir``, by default the configured one.
    """
    report = verify_database(
        ctx.database, trust_for(ctx, trusted_cert_pem), against=against, progress=progress,
        cancel=cancel, anchor_dir=anchor_dir or ctx.config.anchor_dir(ctx.paths),
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


def verify_database(
    database: Database,
    trust: CheckpointTrust,
    *,
    against: CheckpointFile | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelFlag | None = None,
    anchor_dir: Path | None = None,
) -> AuditReport:
    """Verify the audit log stored in ``database`` (a :class:`~sealdesk.storage.db.Database`).

    ``anchor_dir`` names the out-of-band folder whose anchored checkpoints the log must
    reproduce (:mod:`~sealdesk.services.audit.anchors`).
    """
    started = time.monotonic()
    report = AuditReport(against=None if against is None else against.signed.checkpoint)
    anchors = check_anchors(anchor_dir, trust, report)
    with AuditReader(database) as reader, reader.session() as session:
        head = _read_head(session)
        report.log_size = head.size
        checked = check_stored_checkpoints(
            checkpoint_repo.all_checkpoints(session), trust, report
        )
        roots, exported_size = expected_roots(checked, against, trust, report)
        add_anchored_roots(anchors, {c.signed.checkpoint.tree_size: (
            c.signed.checkpoint.root_hash, c.signed.checkpoint.time) for c in checked},
            roots, report)
        if anchors:
            report.newest_anchor = anchors[-1].anchor.checkpoint.signed.checkpoint
            exported_size = exported_size or report.newest_anchor.tree_size
        stream = EntryStream(session, anchored_leaves(anchors))

        def on_progress(done: int) -> None:
            if cancel is not None and cancel.cancelled:
                raise OperationCancelledError(
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
                chain_finding(session, result.problem, result.roots_checked, exported_size)
            )
        else:
            _check_head(head, result.tree_size, result.head_hash, result.root, report)
        check_checkpoint_events(session, checked, stream.checkpoint_events, result.tree_size,
                                 result.ok, report)
        _add_column_findings(stream, report)
        walked_all = result.problem is None or result.problem.kind is ProblemKind.TRUNCATED
        _add_anchor_findings(stream, anchors, result.tree_size if walked_all else None, report)
        check_pinned_keys(session, checked, stream.checkpoint_events + stream.key_events,
                          report)
    check_witnesses(anchor_dir, _known_checkpoints(anchors, checked), stream.authority_events,
                    report)
    _add_warnings(head, checked, trust, report)
    _warn_unsigned_security_events(stream, report)
    report.seconds = time.monotonic() - started
    return report


def _known_checkpoints(anchors: list[CheckedAnchor], checked: list[Checked]) -> dict[str, int]:
    """Checkpoint hash (hex) -> tree size, for every anchored and stored checkpoint."""
    known = {c.signed.checkpoint.checkpoint_hash().hex(): c.signed.checkpoint.tree_size
             for c in checked}
    for item in anchors:
        cp = item.anchor.checkpoint.signed.checkpoint
        known[cp.checkpoint_hash().hex()] = cp.tree_size
    return known


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


def _add_anchor_findings(stream: EntryStream, anchors: list[CheckedAnchor],
                         log_entries: int | None, report: AuditReport) -> None:
    """A rollback, and the first entry that differs from the anchored hashes.

    ``log_entries`` is how many entries the walk saw when it read them all (``None`` when it
    stopped at a problem). The anchored hashes are not signed, so a difference is reported only
    when a signed root also failed; otherwise the anchor file itself was edited (a warning).
    """
    if log_entries is not None and anchors and anchors[-1].anchor.tree_size > log_entries:
        report.findings.append(rollback_finding(anchors[-1], log_entries))
    differs = stream.anchor_finding
    if differs is None:
        return
    if any(f.index == differs.index and f.first_index in (None, f.index)
           for f in report.findings):
        return  # the chain already names this entry (an edit that left the hashes wrong)
    if report.findings:
        for number, finding in enumerate(report.findings):  # narrow "one of these" to the one
            if finding.first_index is not None and finding.index is not None and (
                    finding.first_index <= (differs.index or 0) <= finding.index):
                report.findings[number] = dataclasses.replace(
                    finding, first_index=differs.index,
                    message=f"{finding.message}; the anchors name entry {differs.index} as the "
                    "first that differs")
        report.findings.insert(0, differs)
    else:
        report.warnings.append(
            f"an anchor file lists another hash for entry {differs.index} although every "
            "signed root matches: the anchor file's entry list was edited")


def _warn_unsigned_security_events(stream: EntryStream, report: AuditReport) -> None:
    """Security-relevant events after the latest checkpoint: they must be signed before they
    take effect, so one in the unsigned tail was recorded without its checkpoint (or
    appended by someone without the audit key)."""
    covered = report.latest_checkpoint.tree_size if report.latest_checkpoint else 0
    tail = [(i, t) for i, t in stream.security_events if i >= covered]
    if tail:
        listed = ", ".join(f"{i} ({t})" for i, t in tail[:10])
        more = f" and {len(tail) - 10} more" if len(tail) > 10 else ""
        report.warnings.append(
            f"security-relevant entries not covered by a signed checkpoint: {listed}{more}; "
            "they must be signed before they take effect")


def _add_column_findings(stream: EntryStream, report: AuditReport) -> None:
    report.findings.extend(stream.column_findings)
    left_out = stream.column_mismatches - len(stream.column_findings)
    if left_out > 0:
        report.warnings.append(f"{left_out} more edited columns were found and not listed")


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


def _add_warnings(head: _Head, checked: list[Checked], trust: CheckpointTrust,
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
