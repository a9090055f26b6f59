"""Checks on the signed checkpoints of a stored log, run around the streaming chain walk.

Each stored checkpoint is decoded from its signed bytes and checked: its copied columns, its
certificate (issued by a trust anchor or supplied by the auditor), its signature, and its link to
the checkpoint before. Then the log's own record of checkpoints is compared with the table:
entry ``n`` must be the ``checkpoint.created`` event naming the checkpoint of tree size ``n``,
and every such event must name a stored checkpoint. Findings carry the entry index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.checkpoint import (
    CheckpointFile,
    SignedCheckpoint,
    check_successor,
    verify_checkpoint_signature,
)
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.report import AuditReport, CheckpointTrust, Finding, FindingKind
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditEntry

CHECKPOINT_EVENT_SUFFIX = b'"type":"checkpoint.created","v":1}'
"""How every canonical ``checkpoint.created`` payload ends (keys are sorted; ``type`` and ``v``
come last), so the hot loop spots them without parsing JSON."""


@dataclass(frozen=True)
class Checked:
    """A stored checkpoint that could be decoded (whatever else was found wrong with it)."""

    stored: checkpoint_repo.StoredCheckpoint
    signed: SignedCheckpoint


def checkpoint_finding(kind: FindingKind, size: int, message: str, expected: str = "",
                        found: str = "") -> Finding:
    """A finding about the checkpoint of tree size ``size``, pinned to the entry recording it."""
    return Finding(kind, message, index=size, expected=expected, found=found, tree_size=size)


def check_stored_checkpoints(
    stored: list[checkpoint_repo.StoredCheckpoint], trust: CheckpointTrust, report: AuditReport
) -> list[Checked]:
    """Decode, trust-check and signature-check every checkpoint and follow their chain."""
    report.checkpoints = len(stored)
    checked: list[Checked] = []
    previous: Checked | None = None
    for number, row in enumerate(stored):
        what = f"the checkpoint at tree size {row.tree_size}"
        try:
            signed = row.decode()
            cert = row.certificate()
        except ValueError as ex:
            report.findings.append(checkpoint_finding(
                FindingKind.CHECKPOINT_MALFORMED, row.tree_size, f"{what} cannot be read: {ex}"))
            previous = None
            continue
        cp = signed.checkpoint
        if (row.tree_size, row.root_hash) != (cp.tree_size, cp.root_hash):
            report.findings.append(checkpoint_finding(
                FindingKind.CHECKPOINT_ALTERED, row.tree_size,
                f"{what}: the stored size/root columns differ from what was signed",
                f"{cp.tree_size} {cp.root_hash.hex()}", f"{row.tree_size} {row.root_hash.hex()}"))
        if trust.configured and not trust.trusts(cert):
            report.findings.append(checkpoint_finding(
                FindingKind.CERTIFICATE_UNTRUSTED, cp.tree_size,
                f"{what} is signed with a certificate no trust anchor issued "
                f"({cert.subject.rfc4514_string()}): the checkpoint was replaced",
            ))
        try:
            verify_checkpoint_signature(signed, cert)
        except RecordIntegrityError as ex:
            report.findings.append(checkpoint_finding(
                FindingKind.SIGNATURE_INVALID, cp.tree_size, ex.message))
        _check_link(previous, signed, number, report)
        current = Checked(row, signed)
        checked.append(current)
        previous = current
    return checked


def _check_link(previous: Checked | None, signed: SignedCheckpoint, number: int,
                report: AuditReport) -> None:
    cp = signed.checkpoint
    if number == 0 and cp.previous_checkpoint_hash is not None:
        report.findings.append(checkpoint_finding(
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
        except RecordIntegrityError as ex:
            problem = ex.message
    if problem:
        names = cp.previous_checkpoint_hash
        report.findings.append(checkpoint_finding(
            FindingKind.CHECKPOINT_CHAIN_BROKEN, cp.tree_size, problem,
            prev.checkpoint_hash().hex(), names.hex() if names else "none"))


def expected_roots(
    checked: list[Checked], against: CheckpointFile | None, trust: CheckpointTrust,
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
        report.findings.append(checkpoint_finding(
            FindingKind.CERTIFICATE_UNTRUSTED, cp.tree_size,
            "the exported checkpoint is signed with a certificate no trust anchor issued"))
    try:
        verify_checkpoint_signature(against.signed, cert)
    except RecordIntegrityError as ex:
        report.findings.append(checkpoint_finding(
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


def check_checkpoint_events(
    session: Session, checked: list[Checked], event_indexes: list[int], verified: int,
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
                report.findings.append(checkpoint_finding(
                    FindingKind.CHECKPOINT_NOT_RECORDED, index,
                    f"the checkpoint stored for tree size {index} is not the one entry {index} "
                    "recorded: the checkpoint was replaced (or the entry is not a checkpoint "
                    "event)",
                    named.hex() if named else "no checkpoint event", own.hex()))
        elif named is not None and named not in stored_hashes:
            report.findings.append(checkpoint_finding(
                FindingKind.CHECKPOINT_MISSING, index,
                f"entry {index} records a checkpoint of tree size {index} that is no longer "
                "stored: the checkpoint was deleted", named.hex(), "missing"))
    for size, item in by_size.items():
        if complete and size == verified:  # the walk saw every entry; entry `size` is gone
            report.findings.append(checkpoint_finding(
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
