"""What the audit log proves about each document's retention: class, clock, holds, deletion.

Replayed from the log's events in order, never from a row, so editing or deleting a row of the
retention tables changes nothing here:

* ``document.sealed`` (the first one of a document): the document exists, its clock time if its
  class counts from sealing, and the class it was given at sealing (``retention_class``). Later
  seals of the same document (re-seals, LTV refreshes) add their sealed files, never a class.
* ``retention.class_set``: the class changed afterwards (who, why).
* ``retention.clock_started``: the date that starts an ``event`` class's clock.
* ``hold.placed`` / ``hold.released``: legal holds, one per (document, case reference).
* ``retention.deleted``: the stored content was removed under an approved proposal.

The due date is computed from the class *as the signing policy in force defines it* (the
caller passes the rules), so a period changed by the quorum applies to every document of the
class; nothing stores a due date that could be edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.retention.classes import RetentionRules, add_period

SEAL_EVENTS = frozenset({EventType.DOCUMENT_SEALED, EventType.DOCUMENT_LTV_REFRESHED,
                         EventType.DOCUMENT_RESEALED, EventType.SEAL_CARRIED_OVER})
RETENTION_EVENTS = frozenset({EventType.RETENTION_CLASS_SET, EventType.RETENTION_CLOCK_STARTED,
                              EventType.HOLD_PLACED, EventType.HOLD_RELEASED,
                              EventType.RETENTION_DELETED})
MARKERS = (b'"type":"document.', b'"type":"seal.carried_over"', b'"type":"retention.',
           b'"type":"hold.')
"""Canonical payloads name their type literally; only payloads with these are parsed."""


@dataclass(frozen=True)
class Hold:
    case: str
    reason: str
    placed_by: str
    placed_at: dt.datetime
    placed_entry: int


@dataclass
class DocumentRetention:
    """One document as the log proves it."""

    document_sha256: str
    name: str
    sealed_at: dt.datetime
    sealed_entry: int
    class_name: str = ""
    class_entry: int = 0
    """The entry that gave the class (the first seal, or a ``retention.class_set``)."""
    clock_start: dt.datetime | None = None
    clock_entry: int | None = None
    sealed_files: list[str] = field(default_factory=list)
    holds: dict[str, Hold] = field(default_factory=dict)
    """Holds in force, by case reference."""
    released: list[dict[str, object]] = field(default_factory=list)
    """Holds released, in log order: case, placed and released entry, who released it."""
    deleted_entry: int | None = None
    deleted_at: dt.datetime | None = None
    deleted_proposal: str = ""

    @property
    def held(self) -> bool:
        return bool(self.holds)

    @property
    def deleted(self) -> bool:
        return self.deleted_entry is not None

    def clock(self, rules: RetentionRules) -> dt.datetime | None:
        """When the retention period starts (None: no class, or its start date not given)."""
        kind = rules.get(self.class_name)
        if kind is None:
            return None
        return self.sealed_at if kind.clock == "sealing" else self.clock_start

    def due(self, rules: RetentionRules) -> dt.datetime | None:
        """When retention ends under ``rules`` (None: never, as things stand)."""
        kind = rules.get(self.class_name)
        start = self.clock(rules)
        return None if kind is None or start is None else add_period(start, kind.period)

    def state(self, rules: RetentionRules, now: dt.datetime) -> str:
        """One word: ``deleted``, ``held``, ``due``, ``kept``, ``waiting`` (clock not started)
        or ``unclassified``."""
        if self.deleted:
            return "deleted"
        if self.held:
            return "held"
        if rules.get(self.class_name) is None:
            return "unclassified"
        due = self.due(rules)
        if due is None:
            return "waiting"
        return "due" if due <= now else "kept"


@dataclass
class RetentionLedger:
    documents: dict[str, DocumentRetention] = field(default_factory=dict)
    by_sealed_file: dict[str, str] = field(default_factory=dict)
    """Sealed file SHA-256 -> document SHA-256."""
    problems: list[str] = field(default_factory=list)

    def of(self, document_sha256: str) -> DocumentRetention | None:
        return self.documents.get(document_sha256)

    def of_sealed_file(self, sealed_sha256: str) -> DocumentRetention | None:
        sha = self.by_sealed_file.get(sealed_sha256)
        return self.documents.get(sha) if sha else None


class _Replay:
    def __init__(self) -> None:
        self.ledger = RetentionLedger()

    def document(self, index: int, event: AuditEvent) -> DocumentRetention | None:
        doc = self.ledger.documents.get(event.subject.get("document_sha256", ""))
        if doc is None:
            self.ledger.problems.append(f"entry {index}: {event.type.value} names a document "
                                        "that was never sealed")
        elif doc.deleted and event.type is not EventType.HOLD_RELEASED:
            self.ledger.problems.append(f"entry {index}: {event.type.value} after the "
                                        "document was deleted")
            return None
        return doc

    def on_sealed(self, index: int, event: AuditEvent) -> None:
        sha = event.subject.get("document_sha256", "")
        sealed = event.subject.get("sealed_sha256", "")
        if not sha:
            return
        doc = self.ledger.documents.get(sha)
        if doc is None:
            if event.type is not EventType.DOCUMENT_SEALED:
                return  # a carried-over or re-seal of a document sealed before this log
            doc = DocumentRetention(sha, str(event.details.get("name", "")), event.time, index,
                                    str(event.details.get("retention_class", "")), index)
            self.ledger.documents[sha] = doc
        for file in (sealed, event.details.get("previous_sealed_sha256"),
                     event.details.get("old_sealed_sha256")):
            if isinstance(file, str) and file and file not in doc.sealed_files:
                doc.sealed_files.append(file)
                self.ledger.by_sealed_file[file] = sha

    def on_class_set(self, index: int, event: AuditEvent) -> None:
        doc = self.document(index, event)
        if doc is not None:
            doc.class_name, doc.class_entry = str(event.details["class"]), index

    def on_clock_started(self, index: int, event: AuditEvent) -> None:
        doc = self.document(index, event)
        if doc is not None:
            start = dt.datetime.fromisoformat(str(event.details["clock_start"]))
            doc.clock_start, doc.clock_entry = start, index

    def on_hold_placed(self, index: int, event: AuditEvent) -> None:
        doc = self.document(index, event)
        if doc is not None:
            case = str(event.subject["case"])
            doc.holds[case] = Hold(case, str(event.details.get("reason", "")), event.actor,
                                   event.time, index)

    def on_hold_released(self, index: int, event: AuditEvent) -> None:
        doc = self.document(index, event)
        if doc is None:
            return
        hold = doc.holds.pop(str(event.subject["case"]), None)
        if hold is None:
            self.ledger.problems.append(f"entry {index}: a hold released that was not placed")
            return
        doc.released.append({"case": hold.case, "placed_entry": hold.placed_entry,
                             "released_entry": index, "released_by": event.actor})

    def on_deleted(self, index: int, event: AuditEvent) -> None:
        doc = self.document(index, event)
        if doc is None:
            return
        if doc.held:
            self.ledger.problems.append(f"entry {index}: a held document was recorded as "
                                        "deleted")
        doc.deleted_entry, doc.deleted_at = index, event.time
        doc.deleted_proposal = str(event.details.get("proposal_id", ""))


_HANDLERS = {
    EventType.RETENTION_CLASS_SET: _Replay.on_class_set,
    EventType.RETENTION_CLOCK_STARTED: _Replay.on_clock_started,
    EventType.HOLD_PLACED: _Replay.on_hold_placed,
    EventType.HOLD_RELEASED: _Replay.on_hold_released,
    EventType.RETENTION_DELETED: _Replay.on_deleted,
}


def relevant(event: AuditEvent) -> bool:
    return event.type in SEAL_EVENTS or event.type in RETENTION_EVENTS


def replay_retention(events: Iterable[tuple[int, AuditEvent]]) -> RetentionLedger:
    """Replay ``(index, event)`` pairs in log order into what they prove."""
    replay = _Replay()
    for index, event in events:
        try:
            if event.type in SEAL_EVENTS:
                replay.on_sealed(index, event)
            elif event.type in _HANDLERS:
                _HANDLERS[event.type](replay, index, event)
        except (KeyError, ValueError, TypeError) as exc:
            replay.ledger.problems.append(f"entry {index}: malformed {event.type.value} "
                                          f"event ({exc.__class__.__name__})")
    return replay.ledger
