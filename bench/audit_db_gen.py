"""Fill a SealDesk database with a large, realistic, fully valid audit log, fast.

Used by the database benchmark and to screenshot the Audit page with a million events. The
entries are built with :func:`sealdesk.core.audit.chain.make_entry` exactly as ``append_event``
would build them, but inserted in bulk (10,000 rows per statement) instead of one transaction
each; the head, its Merkle frontier, the stored subtree rows and a signed checkpoint every
``checkpoint_every`` entries (each followed by its ``checkpoint.created`` event) are written as
the services write them, so verification and proofs see an ordinary log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, update

from sealdesk.core.audit.chain import ChainEntry, make_entry
from sealdesk.core.audit.checkpoint import Checkpoint, CheckpointSigner, sign_checkpoint
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.audit.merkle import CompactRange
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache
from sealdesk.services.audit.checkpoints import checkpoint_event_details
from sealdesk.services.audit.key_pin import PIN_FIELD
from sealdesk.storage.audit.models import AuditEntry, AuditHead, AuditSubtree
from sealdesk.storage.audit.models import Checkpoint as CheckpointRow
from sealdesk.storage.audit.repo import encode_frontier, subject_key
from sealdesk.storage.db import Database

T0 = dt.datetime(2024, 1, 2, 8, 0, tzinfo=dt.UTC)
ACTORS = ["a.martin", "b.schmidt", "c.rossi", "d.kowalski", "e.jansen", "f.dubois"]
NAMES = ["invoice", "contract", "certificate", "minutes", "statement", "order", "deed"]
_CYCLE = (
    [EventType.TOKEN_LOGIN_SUCCEEDED]
    + [EventType.DOCUMENT_LOADED, EventType.DOCUMENT_SEALED] * 9
    + [EventType.DOCUMENT_SEAL_FAILED, EventType.DOCUMENT_VERIFIED, EventType.REVALIDATION_RESULT]
)


@dataclass(frozen=True)
class Generated:
    events: int
    checkpoints: int
    seconds: float


def sample_event(i: int, console_id: str) -> AuditEvent:
    """Event ``i`` of a busy sealing console: logins, loads, seals, a few failures."""
    kind = _CYCLE[i % len(_CYCLE)]
    number = max(i - 1, 0) // 2  # a document's load and seal events are neighbours
    doc = hashlib.sha256(b"doc%d" % number).hexdigest()
    name = f"{NAMES[number % len(NAMES)]}-{2024 + i // 500_000}-{number:07d}.pdf"
    actor = ACTORS[(i // 40) % len(ACTORS)]
    subject: dict[str, str] = {"document_sha256": doc}
    details: dict[str, object] = {"name": name}
    if kind is EventType.TOKEN_LOGIN_SUCCEEDED:
        subject, details = {"token": "5e41a2c0d3b9"}, {"label": "SealDesk Demo"}
    elif kind is EventType.DOCUMENT_SEALED:
        sealed = hashlib.sha256(b"sealed%d" % i).hexdigest()
        subject["sealed_sha256"] = sealed
        details.update(level="B-T", key_label="seal", field="SealDesk-Seal-1",
                       sealed_size=40_000 + i % 9000)
    elif kind is EventType.DOCUMENT_LOADED:
        details.update(size=31_000 + i % 9000, pages=1 + i % 12)
    elif kind is EventType.DOCUMENT_SEAL_FAILED:
        details.update(error="InputError", reason="The file is encrypted; remove the password.")
    elif kind is EventType.REVALIDATION_RESULT:
        details.update(indication="PASSED")
    return AuditEvent(type=kind, time=T0 + dt.timedelta(seconds=37 * i), actor=actor,
                      console_id=console_id, software_version="0.1.0", subject=subject,
                      details=details)


def _row(entry: ChainEntry, event: AuditEvent) -> dict[str, object]:
    return {"idx": entry.index, "prev_hash": entry.prev_hash, "entry_hash": entry.entry_hash,
            "payload": entry.payload_json, "event_type": event.type.value, "time": event.time,
            "actor": event.actor, "subject": subject_key(event.subject)}


def generate_log(
    database: Database,
    events: int,
    signer: CheckpointSigner | None = None,
    certificate_der: bytes = b"",
    *,
    console_id: str = "bench-console",
    checkpoint_every: int = 10_000,
    progress: Callable[[int], None] | None = None,
) -> Generated:
    """Append ``events`` entries to the (empty, current-schema) log of ``database``.

    Without a ``signer`` no checkpoints are taken (enough for browsing tests); with one, the
    last entry records a final checkpoint, as after every operation of a console.
    """
    import time

    started = time.monotonic()
    frontier, cache = CompactRange(), InMemorySubtreeCache()
    prev, batch, previous_cp, checkpoints = bytes(32), [], None, 0
    with database.engine.begin() as conn:
        for i in range(events):
            last = i == events - 1
            if signer is not None and i and (i % checkpoint_every == 0 or last):
                cp = Checkpoint(i, frontier.root(), T0 + dt.timedelta(seconds=37 * i - 1),
                                previous_cp, console_id, "0.1.0", signer.key_id)
                signed = sign_checkpoint(cp, signer)
                conn.execute(insert(CheckpointRow), [{
                    "tree_size": i, "root_hash": cp.root_hash, "signed_payload": cp.signed_bytes(),
                    "signature": signed.signature, "algorithm": signed.algorithm.value,
                    "certificate_der": certificate_der, "created_at": cp.time}])
                previous_cp, checkpoints = cp.checkpoint_hash(), checkpoints + 1
                details = checkpoint_event_details(cp)
                if certificate_der:  # the pin, as the services record it
                    details[PIN_FIELD] = hashlib.sha256(certificate_der).hexdigest()
                event = AuditEvent(EventType.CHECKPOINT_CREATED, cp.time, "system", console_id,
                                   "0.1.0", {"checkpoint_sha256": previous_cp.hex()}, details)
            else:
                event = sample_event(i, console_id)
            entry = make_entry(i, prev, event)
            prev = entry.entry_hash
            frontier.append(prev)
            cache.extend([prev])
            batch.append(_row(entry, event))
            if len(batch) == 10_000:
                conn.execute(insert(AuditEntry), batch)
                batch = []
                if progress is not None:
                    progress(i + 1)
        if batch:
            conn.execute(insert(AuditEntry), batch)
        rows = [{"level": r.level, "idx": r.index, "hash": r.hash} for r in cache.rows()]
        if rows:
            conn.execute(insert(AuditSubtree), rows)
        conn.execute(update(AuditHead).where(AuditHead.id == 1).values(
            size=events, head_hash=prev, frontier=encode_frontier(frontier)))
    return Generated(events, checkpoints, time.monotonic() - started)
