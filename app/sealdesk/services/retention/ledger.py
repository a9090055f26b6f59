"""Reading the retention ledger from the audit log, chain-checked, at the moment of use.

:func:`read_ledger` checks the hash chain and replays it (:mod:`sealdesk.core.retention.ledger`)
in the caller's transaction; the rules (classes, periods, default) come from the signing policy
the same log proves (:func:`sealdesk.services.keys.authority.read_authority`). The rows of
``retention_documents`` and ``legal_holds`` are compared with it by :func:`check_rows`: a row
that disagrees is a :class:`~sealdesk.errors.RecordIntegrityError`, so an edited due date, a
deleted hold row or a changed class stops the action and names the row.

Like the authority replay, the prefix this process already verified is kept (its events as
verified), so a long-running console pays for the whole log once; a log whose last verified
entry changed is verified again from the start.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import GENESIS, verify_chain
from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.retention.classes import RetentionRules
from sealdesk.core.retention.ledger import MARKERS, RetentionLedger, relevant, replay_retention
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.offline import Authority, expected_now
from sealdesk.errors import RecordIntegrityError, StorageError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority, unreadable
from sealdesk.storage.audit.repo import entry_at, iter_entry_rows
from sealdesk.storage.retention import repo

HINT = ("Do not delete anything. Keep the database as it is, run 'sealdesk audit verify', and "
        "find out who wrote the database; the audit log's events are what count.")


@dataclass(frozen=True)
class _Verified:
    size: int
    head: bytes
    events: tuple[tuple[int, AuditEvent], ...]


_VERIFIED: weakref.WeakKeyDictionary[Engine, _Verified] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Standing:
    """The ledger and the rules in force, read together from one snapshot of the log."""

    ledger: RetentionLedger
    rules: RetentionRules
    policy_version: int | None
    pending: dict[str, str] = field(default_factory=dict)
    """Documents named by a deletion proposal still open for decisions (proposed or approved,
    not expired) -> the proposal id."""


def read_standing(session: Session) -> Standing:
    """The retention ledger and rules the log proves, in the caller's transaction."""
    try:
        ledger = read_ledger(session)
        authority = read_authority(session)
    except SQLAlchemyError as exc:
        raise unreadable(exc) from exc
    policy = authority.signing_policy
    ledger.problems.extend(_uncarried_deletions(ledger, authority))
    if ledger.problems:
        raise RecordIntegrityError("The audit log's retention events do not hold together: "
                                   + "; ".join(ledger.problems[:5]), hint=HINT)
    pending = _pending_deletions(authority, dt.datetime.now(dt.UTC))
    if policy is None:
        return Standing(ledger, RetentionRules(), None, pending)
    return Standing(ledger, policy.retention, policy.version, pending)


def _pending_deletions(authority: Authority, now: dt.datetime) -> dict[str, str]:
    found: dict[str, str] = {}
    for pid, trail in authority.proposals.items():
        if trail.content.action != ActionType.DELETE_UNDER_RETENTION:
            continue
        if not expected_now(authority, pid, now).open_for_decisions:
            continue  # executed, rejected, expired; or executing (its execution decides)
        for item in trail.content.params.get("documents", []):
            found[str(item.get("document_sha256", ""))] = pid
    return found


def _uncarried_deletions(ledger: RetentionLedger, authority: Authority) -> list[str]:
    """Deletions not carried by a quorum-approved delete_under_retention proposal naming the
    document: anyone who can write the database can append an event with a valid chain, but
    not the custodians' signatures the authority replay checks."""
    found = []
    for doc in ledger.documents.values():
        if doc.deleted_entry is None:
            continue
        trail = authority.proposals.get(doc.deleted_proposal)
        named = trail is not None and any(
            d.get("document_sha256") == doc.document_sha256
            for d in trail.content.params.get("documents", []))
        if (trail is None or trail.content.action != ActionType.DELETE_UNDER_RETENTION
                or not trail.started_with_quorum or not named):
            found.append(f"entry {doc.deleted_entry}: {doc.name or doc.document_sha256[:16]} "
                         "recorded as deleted without an executed, quorum-approved "
                         "delete_under_retention proposal naming it")
    return found


def standing_now(ctx: AppContext) -> Standing:
    """:func:`read_standing` in a read of its own (fails closed when it cannot be read)."""
    try:
        with ctx.database.reader() as session:
            return read_standing(session)
    except (SQLAlchemyError, StorageError) as exc:
        raise unreadable(exc) from exc


def read_ledger(session: Session) -> RetentionLedger:
    """Check the log's hash chain and replay its retention events (see the module docstring)."""
    engine = session.get_bind()
    cached = _still_valid(session, engine)
    start, prev = (cached.size, cached.head) if cached else (0, GENESIS)
    events: list[tuple[int, AuditEvent]] = list(cached.events) if cached else []

    def rows() -> Iterator[tuple[int, bytes, bytes, bytes]]:
        for batch in iter_entry_rows(session, start):
            for row in batch:
                payload = bytes(row[3])
                if any(marker in payload for marker in MARKERS):
                    try:
                        event = AuditEvent.from_canonical_bytes(payload)
                    except ValueError:  # an edited payload: the chain check below says so
                        unreadable_entries.append(int(row[0]))
                        yield row
                        continue
                    if relevant(event):
                        events.append((int(row[0]), event))
                yield row

    unreadable_entries: list[int] = []
    chain = verify_chain(rows(), start_index=start, start_prev=prev)
    if chain.problem is not None:
        raise RecordIntegrityError(
            f"The audit log's hash chain is broken, so it proves no retention or legal hold: "
            f"{chain.problem.message}", hint=HINT)
    if unreadable_entries:
        raise RecordIntegrityError(
            f"Audit entries {unreadable_entries[:5]} cannot be read as events, so the log "
            "proves no retention or legal hold.", hint=HINT)
    with _LOCK:
        _VERIFIED[engine] = _Verified(chain.tree_size, chain.head_hash, tuple(events))
    return replay_retention(events)


def _still_valid(session: Session, engine: Engine) -> _Verified | None:
    with _LOCK:
        cached = _VERIFIED.get(engine)
    if cached is None or cached.size == 0:
        return None
    last = entry_at(session, cached.size - 1)
    return cached if last is not None and last.entry_hash == cached.head else None


def check_rows(session: Session, standing: Standing, documents: list[str]) -> None:
    """Raise naming the first retention or hold row of ``documents`` that disagrees with the log.

    A missing ``retention_documents`` row is no disagreement (a row is written at the first
    retention act on a document); a row whose class, clock start or deletion differ is. Its
    ``due_at`` is not compared: it is recomputed at every retention act and goes stale when the
    quorum changes a period, and no decision ever reads it (the due date is always computed from
    the log). Every hold the log proves must have its open row, and every open row must be a
    hold the log proves.
    """
    records = repo.all_records(session)
    holds = repo.open_holds(session)
    for sha in documents:
        doc = standing.ledger.of(sha)
        if doc is None:
            continue
        row = records.get(sha)
        if row is not None:
            due = doc.due(standing.rules)
            if (row.class_name != doc.class_name or not _same(row.clock_start,
                                                             doc.clock(standing.rules))
                    or row.deleted_entry != doc.deleted_entry):
                raise RecordIntegrityError(
                    f"The retention_documents row of {sha[:16]}… (class {row.class_name!r}, due "
                    f"{_day(row.due_at)}) differs from what the audit log proves (class "
                    f"{doc.class_name!r}, due {_day(due)}).", hint=HINT)
        rows = {h.case_ref for h in holds if h.document_sha256 == sha}
        if rows != set(doc.holds):
            raise RecordIntegrityError(
                f"The legal_holds rows of {sha[:16]}… (cases {sorted(rows) or 'none'}) differ "
                f"from the holds the audit log proves (cases {sorted(doc.holds) or 'none'}).",
                hint=HINT)


def sync_row(session: Session, standing: Standing, sha: str, now: dt.datetime) -> None:
    """Write the cache row of ``sha`` from the ledger (after its events were recorded)."""
    doc = standing.ledger.of(sha)
    if doc is None:
        return
    repo.upsert(session, sha, class_name=doc.class_name, clock_start=doc.clock(standing.rules),
                due_at=doc.due(standing.rules), deleted_entry=doc.deleted_entry, now=now)


def _same(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.tzinfo is None:  # SQLite returns naive datetimes for timezone-aware columns
        a = a.replace(tzinfo=dt.UTC)
    return abs((a - b).total_seconds()) < 1


def _day(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else "never"
