"""Where the authority replay may start: a prefix this process verified, or a signed snapshot.

:func:`sealdesk.services.keys.authority.read_authority` checks the audit log's hash chain and
replays the relevant events. Two things spare it from reading the whole log every time:

* **In this process**, the prefix it already verified (size, last hash, events), kept per
  database engine. Later edits of those rows change nothing here; a last entry whose hash
  changed (rollback, rewrite) forces a full pass.
* **Across processes**, the newest signed snapshot (:mod:`sealdesk.core.rotation.replay_snapshot`)
  stored at a checkpoint. The database is not trusted for it: the snapshot is used only if its
  statement is signed by a certificate that a configured trust anchor issued *and* that is the
  audit key the log pins at the snapshot's size (the same rule as for checkpoints), its state
  hashes to what the statement says, the stored checkpoint of that size is the one it names, and
  entry ``n-1`` still has the signed hash. Anyone without the audit key who edits any of it is
  detected, and the replay then starts from the genesis: the result is exactly the full
  replay's, so a forged snapshot decides nothing. We fall back rather than refuse because the
  full replay is the authority itself (a snapshot only saves time); refusing would let any
  database writer stop sealing by flipping one byte of a cache. The rejection is logged as a
  warning naming the check that failed, and ``sealdesk audit verify`` still checks the log.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import weakref
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.rotation.replay_snapshot import (
    SnapshotRejected,
    decode_snapshot,
    verify_statement_signature,
)
from sealdesk.errors import SealDeskError
from sealdesk.services.audit.key_pin import (
    PIN_FIELD,
    PinChange,
    fingerprint,
    pin_changes,
    pinned_at,
)
from sealdesk.services.audit.report import CheckpointTrust
from sealdesk.services.context import AppContext
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import entry_at, log_size
from sealdesk.storage.keys import snapshots as snapshot_repo

log = logging.getLogger(__name__)

RELEVANT = (b'"type":"rotation.', b'"type":"custodian.', b'"type":"policy.',
            b'"type":"token.standby_registered"', b'"type":"token.switched"')
"""Canonical payloads name their type literally; only these are parsed (a cheap filter)."""


@dataclass(frozen=True)
class VerifiedPrefix:
    """A prefix of the log whose chain was verified: its size, last hash, relevant events."""

    size: int
    head: bytes
    events: tuple[tuple[int, AuditEvent], ...]
    source: str = "genesis"
    """Where the verification started: ``genesis``, ``process`` or ``snapshot``."""


@dataclass(frozen=True)
class SnapshotTrust:
    """What a stored snapshot must be checked against (from the configuration, not the DB)."""

    trust: CheckpointTrust
    table_present: bool


def snapshot_trust(ctx: AppContext) -> SnapshotTrust | None:
    """The trust anchors a snapshot's certificate must come from; ``None`` if none are set.

    Anchors that cannot be read leave no trust for snapshots: the whole log is replayed (and
    whatever needs the anchors for its own work reports them).
    """
    try:
        anchors = tuple(x509.load_der_x509_certificate(c.dump()) for c in ctx.trust_anchors())
    except (OSError, ValueError, SealDeskError):
        return None
    if not anchors:
        return None
    present = ctx.schema is None or ctx.schema.has("authority_snapshots")
    return SnapshotTrust(CheckpointTrust(anchors), present)


_VERIFIED: weakref.WeakKeyDictionary[Engine, VerifiedPrefix] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def remember(engine: Engine, prefix: VerifiedPrefix) -> None:
    with _LOCK:
        _VERIFIED[engine] = prefix


def starting_point(session: Session, snapshots: SnapshotTrust | None) -> VerifiedPrefix | None:
    """The longest trustworthy verified prefix: this process's, or a checked snapshot."""
    engine = session.get_bind()
    with _LOCK:
        cached = _VERIFIED.get(engine)
    if cached is not None and cached.size and _last_hash_is(session, cached.size, cached.head):
        cached = VerifiedPrefix(cached.size, cached.head, cached.events, "process")
    else:
        cached = None
    if snapshots is None or not snapshots.table_present:
        return cached
    beyond = cached.size if cached is not None else 0
    snapshot = verified_snapshot(session, snapshots, log_size(session), beyond=beyond)
    return snapshot if snapshot is not None else cached


def verified_snapshot(session: Session, snapshots: SnapshotTrust, at_most: int, *,
                      beyond: int = 0) -> VerifiedPrefix | None:
    """The newest stored snapshot within ``at_most`` entries, if every check passes (module doc).

    A snapshot not longer than ``beyond`` (what this process verified already) is not checked.
    """
    row = snapshot_repo.newest_snapshot(session, at_most)
    if row is None or row.tree_size <= beyond:
        return None
    try:
        return _check(session, snapshots.trust, row)
    except SnapshotRejected as exc:
        log.warning("The authority snapshot at tree size %d was rejected (%s); the audit log "
                    "is replayed without it (from the start, or from what this process "
                    "verified). Someone may have written the database: run 'sealdesk audit "
                    "verify'.", row.tree_size, exc)
        return None


def _check(session: Session, trust: CheckpointTrust,
           row: snapshot_repo.AuthoritySnapshotRecord) -> VerifiedPrefix:
    snapshot = decode_snapshot(bytes(row.statement), bytes(row.state))
    if snapshot.tree_size != row.tree_size:
        raise SnapshotRejected("the row's tree size is not the signed one")
    try:
        certificate = x509.load_der_x509_certificate(bytes(row.certificate_der))
    except ValueError:
        raise SnapshotRejected("the certificate is not readable") from None
    if not trust.trusts(certificate):
        raise SnapshotRejected("its certificate was not issued by a configured trust anchor")
    verify_statement_signature(bytes(row.statement), bytes(row.signature), row.algorithm,
                               certificate)
    governing = pinned_at(_pin_changes(session), snapshot.tree_size)
    if governing is None or governing.certificate != fingerprint(certificate):
        raise SnapshotRejected("it is not signed with the audit key the log pins")
    checkpoint = checkpoint_repo.checkpoint_at(session, snapshot.tree_size)
    if checkpoint is None \
            or hashlib.sha256(checkpoint.signed_payload).digest() != snapshot.checkpoint_sha256 \
            or bytes(checkpoint.root_hash) != snapshot.root_hash:
        raise SnapshotRejected("the checkpoint it names is not the stored one")
    if not _last_hash_is(session, snapshot.tree_size, snapshot.head_hash):
        raise SnapshotRejected("the log no longer continues the history it was signed over")
    try:
        events = tuple((index, AuditEvent.from_canonical_bytes(payload))
                       for index, payload in snapshot.events)
    except ValueError as exc:
        raise SnapshotRejected(f"an event in the state is not an audit event ({exc})") from None
    return VerifiedPrefix(snapshot.tree_size, snapshot.head_hash, events, "snapshot")


def _last_hash_is(session: Session, size: int, head: bytes) -> bool:
    last = entry_at(session, size - 1)
    return last is not None and last.entry_hash == head


def _pin_changes(session: Session) -> list[PinChange]:
    """The pinned audit key and its recorded rotations, as ``sealdesk audit verify`` reads them.

    The pin is the first ``checkpoint.created`` event that records one (logs older than pins
    have none: then the first stored checkpoint's certificate, as verify takes it), and every
    ``key.activated`` event may move it; found through the indexed type column and read from
    the payloads, without reading the rest of the log.
    """
    payloads = [(int(i), bytes(p)) for i, p in session.execute(
        select(AuditEntry.idx, AuditEntry.payload)
        .where(AuditEntry.event_type == EventType.KEY_ACTIVATED.value))]
    created = session.execute(
        select(AuditEntry.idx, AuditEntry.payload)
        .where(AuditEntry.event_type == EventType.CHECKPOINT_CREATED.value)
        .order_by(AuditEntry.idx).execution_options(yield_per=256))
    try:
        for index, payload in created:
            if f'"{PIN_FIELD}":'.encode() in bytes(payload):
                payloads.append((int(index), bytes(payload)))
                break
    finally:
        created.close()
    changes = pin_changes(payloads, None)
    if changes:
        return changes
    first = checkpoint_repo.first_checkpoint_covering(session, 0)
    if first is None:
        return []
    return [PinChange(first.tree_size, fingerprint(first.certificate()),
                      "taken from the first checkpoint (log older than pins)")]
