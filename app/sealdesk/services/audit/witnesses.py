"""Checking custodian witnesses of checkpoints during ``audit verify``.

A witness file (``witness-*.json`` in the anchor folder, written by ``sealdesk audit witness``)
is a custodian's counter-signature over a checkpoint hash (:mod:`sealdesk.core.countersign`).
Each one found must:

* be readable and counter-sign a checkpoint this log holds (stored or anchored);
* be recorded in the log (a ``countersignature.added`` entry naming its signature);
* name a custodian that the log's replay shows registered and active at that checkpoint's tree
  size (the registry is replayed from the verified payloads of this walk, never read from the
  custodians table), and verify with that custodian's registered certificate.

Anything else is a ``witness_invalid`` finding naming the file: a forged co-signature, one made
with a key that is not a custodian's, or one by a custodian removed before the checkpoint. A
witness the log records whose file is gone is a warning (anchor folders are out of band and may
be pruned by people; the log still proves the act).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.countersign import Kind, check_countersignature, decode, registry_at
from sealdesk.errors import SealDeskError
from sealdesk.services.audit.report import AuditReport, Finding, FindingKind

WITNESS_GLOB = "witness-*.json"


def check_witnesses(folder: Path | None, checkpoints: dict[str, int],
                    events: Sequence[tuple[int, AuditEvent]], report: AuditReport) -> None:
    """Check every witness file in ``folder``; count the ones that verify in ``report``.

    ``checkpoints`` maps the hex checkpoint hash of every checkpoint the log holds to its tree
    size; ``events`` are the walk's registry and counter-signature events.
    """
    recorded = _recorded(events)
    seen: set[str] = set()
    files = sorted(folder.glob(WITNESS_GLOB)) if folder is not None and folder.is_dir() else []
    for path in files:
        name = _check_one(path, checkpoints, events, recorded, report, seen)
        if name:
            report.witnesses += 1
            if name not in report.witnessed_by:
                report.witnessed_by.append(name)
    for signature, (index, file) in recorded.items():
        if signature not in seen:
            report.warnings.append(
                f"audit entry {index} records a custodian witness ({file}) whose file is not in "
                "the anchor folder")


def _recorded(events: Sequence[tuple[int, AuditEvent]]) -> dict[str, tuple[int, str]]:
    """Signature SHA-256 -> (entry, file name) of every checkpoint witness the log records."""
    found = {}
    for index, event in events:
        if event.type == EventType.COUNTERSIGNED \
                and event.subject.get("kind") == Kind.CHECKPOINT.value:
            found[str(event.details.get("signature_sha256", ""))] = (
                index, str(event.details.get("file", "")))
    return found


def _check_one(path: Path, checkpoints: dict[str, int],
               events: Sequence[tuple[int, AuditEvent]],
               recorded: dict[str, tuple[int, str]], report: AuditReport,
               seen: set[str]) -> str:
    """The witnessing custodian's name, or '' after adding the finding."""
    def bad(message: str, size: int | None = None) -> str:
        report.findings.append(Finding(FindingKind.WITNESS_INVALID, f"{path.name}: {message}",
                                       index=size, tree_size=size))
        return ""

    try:
        signed = decode(path.read_bytes(), f"witness file {path.name}")
    except (OSError, SealDeskError) as ex:
        return bad(getattr(ex, "message", str(ex)))
    signature = hashlib.sha256(signed.signature).hexdigest()
    seen.add(signature)
    size = checkpoints.get(signed.document_sha256)
    if size is None:
        return bad(f"it witnesses a checkpoint (tree size {signed.about.get('tree_size', '?')}) "
                   "that neither this log nor a verified anchor holds")
    if signature not in recorded:
        return bad("the audit log does not record this co-signature: it was forged or made "
                   "for another installation", size)
    verdict = check_countersignature(signed, Kind.CHECKPOINT, signed.document_sha256,
                                     registry_at(events, size),
                                     f"at the checkpoint of tree size {size}")
    if not verdict.ok or verdict.custodian is None:
        return bad(verdict.problem, size)
    return verdict.custodian.name
