"""The audited acts on a document's retention: change its class, start its clock, place or
release a legal hold.

Each act is one transaction: the log's head is locked (so no other console appends between the
check and the record), the ledger is read and chain-checked from the log, the rows are compared
with it, the event is recorded, and the cache rows are rewritten from the new ledger. Every act
needs a reason; the event names who (the OS account), when and why.

Releasing a hold, changing a class and starting a clock can each bring a deletion nearer, so
they are signed acts (:func:`~sealdesk.services.audit.signed_acts.signed_transaction`): the
event commits together with a checkpoint the audit key signs, never waiting in the unsigned
tail, where someone who can write the database could rewrite or delete it unseen. Placing a
hold only keeps documents longer; it stays a plain audited act, so anyone on duty can place
one at once, without the token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.retention.ledger import DocumentRetention
from sealdesk.errors import InputError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import require_audit_key_login, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.retention.ledger import (
    Standing,
    check_rows,
    read_standing,
    standing_now,
    sync_row,
)
from sealdesk.services.retention.resolve import resolve_documents
from sealdesk.storage.audit.repo import lock_head
from sealdesk.storage.retention import repo
from sealdesk.storage.retention.models import LegalHoldRecord

MAX_TEXT = 2000
HOLD_ROLES = (Role.OPERATOR, Role.ADMINISTRATOR, Role.CUSTODIAN)
RELEASE_ROLES = (Role.ADMINISTRATOR, Role.CUSTODIAN)
CLASS_ROLES = (Role.OPERATOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class ActResult:
    document_sha256: str
    name: str
    entry: int
    """The audit entry that records the act."""
    note: str = ""


def _text(value: str, what: str, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise InputError(f"A {what} is required.", hint=f"Give the {what}; it is recorded in "
                         "the audit log with your name and the time.")
    if len(value) > limit:
        raise InputError(f"The {what} is longer than {limit} characters.")
    return value


def _live(doc: DocumentRetention, doing: str) -> None:
    if doc.deleted:
        raise InputError(f"{doc.name or doc.document_sha256[:16]} was deleted under retention "
                         f"(event {doc.deleted_entry}); nothing can {doing} it any more.")


class _Act:
    """One transaction with the head locked and the ledger read; see the module docstring."""

    def __init__(self, ctx: AppContext, session: Session, documents: Iterable[str]) -> None:
        self.ctx, self.session = ctx, session
        lock_head(session)
        self.standing: Standing = read_standing(session)
        self.docs = resolve_documents(self.standing.ledger, documents)
        check_rows(session, self.standing, [d.document_sha256 for d in self.docs])
        self.now = dt.datetime.now(dt.UTC)

    def finish(self) -> None:
        """Rewrite the cache rows from the ledger as it now stands (events included)."""
        after = read_standing(self.session)
        for doc in self.docs:
            sync_row(self.session, after, doc.document_sha256, self.now)


def _checked_before_login(ctx: AppContext, documents: Iterable[str],
                          check: Callable[[Standing, DocumentRetention], None]) -> None:
    """Run a signed act's checks on the log as it stands, before the PIN is asked.

    A refused act (an unknown document, no such hold, a class the policy lacks) then costs no
    PIN and records nothing; the act checks again inside its transaction, head locked.
    """
    standing = standing_now(ctx)
    for doc in resolve_documents(standing.ledger, documents):
        check(standing, doc)


def _class_check(class_name: str) -> Callable[[Standing, DocumentRetention], None]:
    def check(standing: Standing, doc: DocumentRetention) -> None:
        standing.rules.require(class_name)
        _live(doc, "change the class of")
    return check


def _clock_check(standing: Standing, doc: DocumentRetention) -> None:
    _live(doc, "start the clock of")
    kind = standing.rules.get(doc.class_name)
    if kind is None or kind.clock != "event":
        raise InputError(
            f"{doc.name}'s class ({doc.class_name or 'none'}) counts from sealing, not "
            "from a date given later.",
            hint="Only classes whose clock is 'event' take a start date.")


def _release_check(case: str) -> Callable[[Standing, DocumentRetention], None]:
    def check(_standing: Standing, doc: DocumentRetention) -> None:
        if case not in doc.holds:
            raise InputError(f"{doc.name} has no legal hold for case {case!r} "
                             f"(holds: {', '.join(sorted(doc.holds)) or 'none'}).")
    return check


def set_class(ctx: AppContext, documents: Iterable[str], class_name: str, *,
              reason: str) -> list[ActResult]:
    """Give documents another retention class of the signing policy (``retention.class_set``)."""
    what = "change the retention class of documents"
    require_role(ctx, CLASS_ROLES, what)
    reason = _text(reason, "reason")
    documents = list(documents)
    check = _class_check(class_name)
    require_audit_key_login(ctx, what)
    _checked_before_login(ctx, documents, check)
    results = []
    with signed_transaction(ctx, what) as session:
        act = _Act(ctx, session, documents)
        for doc in act.docs:
            check(act.standing, doc)
            entry = record(session, ctx.event(
                EventType.RETENTION_CLASS_SET, {"document_sha256": doc.document_sha256},
                {"class": class_name, "previous_class": doc.class_name, "reason": reason,
                 "policy_version": act.standing.policy_version or 0}))
            results.append(ActResult(doc.document_sha256, doc.name, entry.index))
        act.finish()
    return results


def start_clock(ctx: AppContext, documents: Iterable[str], start: dt.date, *,
                reason: str) -> list[ActResult]:
    """Record the date that starts the clock of an ``event`` class (a contract's end, …)."""
    what = "start the retention clock of documents"
    require_role(ctx, CLASS_ROLES, what)
    reason = _text(reason, "reason")
    when = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    documents = list(documents)
    require_audit_key_login(ctx, what)
    _checked_before_login(ctx, documents, _clock_check)
    results = []
    with signed_transaction(ctx, what) as session:
        act = _Act(ctx, session, documents)
        for doc in act.docs:
            _clock_check(act.standing, doc)
            entry = record(session, ctx.event(
                EventType.RETENTION_CLOCK_STARTED, {"document_sha256": doc.document_sha256},
                {"clock_start": when.isoformat(), "class": doc.class_name, "reason": reason}))
            results.append(ActResult(doc.document_sha256, doc.name, entry.index))
        act.finish()
    return results


def place_hold(ctx: AppContext, documents: Iterable[str], *, reason: str,
               case: str) -> list[ActResult]:
    """Place a legal hold (``hold.placed``): no path deletes the document until it is released."""
    require_role(ctx, HOLD_ROLES, "place a legal hold")
    reason, case = _text(reason, "reason"), _text(case, "case reference", 128)
    results = []
    with ctx.database.transaction() as session:
        act = _Act(ctx, session, documents)
        for doc in act.docs:
            _live(doc, "hold")
            if case in doc.holds:
                results.append(ActResult(doc.document_sha256, doc.name,
                                         doc.holds[case].placed_entry, "already held"))
                continue
            entry = record(session, ctx.event(
                EventType.HOLD_PLACED, {"document_sha256": doc.document_sha256, "case": case},
                {"reason": reason, "name": doc.name}))
            session.add(LegalHoldRecord(
                document_sha256=doc.document_sha256, case_ref=case, reason=reason,
                placed_by=ctx.actor.identity, placed_at=act.now, placed_entry=entry.index,
                released_by="", release_reason=""))
            results.append(ActResult(doc.document_sha256, doc.name, entry.index))
        session.flush()
        act.finish()
    return results


def release_hold(ctx: AppContext, documents: Iterable[str], *, reason: str,
                 case: str) -> list[ActResult]:
    """Release the hold of ``case`` (``hold.released``); other cases' holds stay."""
    what = "release a legal hold"
    require_role(ctx, RELEASE_ROLES, what)
    reason, case = _text(reason, "reason"), _text(case, "case reference", 128)
    documents = list(documents)
    check = _release_check(case)
    require_audit_key_login(ctx, what)
    _checked_before_login(ctx, documents, check)
    results = []
    with signed_transaction(ctx, what) as session:
        act = _Act(ctx, session, documents)
        for doc in act.docs:
            check(act.standing, doc)
            entry = record(session, ctx.event(
                EventType.HOLD_RELEASED, {"document_sha256": doc.document_sha256, "case": case},
                {"reason": reason, "placed_entry": doc.holds[case].placed_entry}))
            row = repo.open_hold(session, doc.document_sha256, case)
            if row is not None:
                row.released_at, row.released_by = act.now, ctx.actor.identity
                row.release_reason, row.released_entry = reason, entry.index
            results.append(ActResult(doc.document_sha256, doc.name, entry.index))
        session.flush()
        act.finish()
    return results
