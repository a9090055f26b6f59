"""Runs and results of bulk revalidation in the database (see revalidation_models)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sealdesk.storage.documents.models import Document, Seal
from sealdesk.storage.revalidation.models import (
    DONE,
    PENDING,
    RevalidationResult,
    RevalidationRun,
)


@dataclass(frozen=True)
class StoredSeal:
    """What a run needs to know about one sealed document in the store."""

    seal_id: int
    name: str
    sealed_sha256: str
    original_sha256: str
    original_size: int
    sealed_at: dt.datetime
    audit_index: int
    status: str = "active"
    """"quarantined" after a key compromise (:mod:`sealdesk.services.incidents.compromise`)."""
    policy_json: str = ""
    """The seal policy in force when it was made (with ``crypto_policy`` from issue 18 on)."""


SUPERSEDED = "superseded"
"""A seal replaced by a refreshed version of itself (LTV upkeep); kept as evidence."""


def seals_in_scope(session: Session, since: dt.datetime | None = None, *,
                   include_superseded: bool = False) -> list[StoredSeal]:
    """Every current seal (or those sealed at or after ``since``), oldest first.

    Superseded versions are left out: the refreshed successor carries the same seal and more.
    """
    query = select(Seal, Document).join(Document).order_by(Seal.sealed_at, Seal.id)
    if since is not None:
        query = query.where(Seal.sealed_at >= since)
    if not include_superseded:
        query = query.where(Seal.status != SUPERSEDED)
    return [_stored(seal, document) for seal, document in session.execute(query)]


def seal_by_sealed_hash(session: Session, sealed_sha256: str) -> StoredSeal | None:
    row = session.execute(
        select(Seal, Document).join(Document).where(Seal.sealed_sha256 == sealed_sha256)
        .order_by(Seal.id)
    ).first()
    return None if row is None else _stored(row[0], row[1])


def _stored(seal: Seal, document: Document) -> StoredSeal:
    return StoredSeal(
        seal_id=seal.id, name=document.original_name, sealed_sha256=seal.sealed_sha256,
        original_sha256=document.sha256, original_size=document.size,
        sealed_at=seal.sealed_at, audit_index=seal.audit_index, status=seal.status,
        policy_json=seal.policy_json or "",
    )


def add_results(session: Session, run_id: int, rows: Sequence[RevalidationResult]) -> None:
    for position, row in enumerate(rows):
        row.run_id, row.position, row.state = run_id, position, PENDING
        session.add(row)


def get_run(session: Session, run_id: int) -> RevalidationRun | None:
    return session.get(RevalidationRun, run_id)


def lock_run(session: Session, run_id: int) -> RevalidationRun | None:
    """The run row, locked for this transaction where the database can (PostgreSQL)."""
    return session.execute(
        select(RevalidationRun).where(RevalidationRun.id == run_id).with_for_update()
    ).scalar_one_or_none()


def pending_results(session: Session, run_id: int) -> list[RevalidationResult]:
    return list(session.execute(
        select(RevalidationResult)
        .where(RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING)
        .order_by(RevalidationResult.position)
    ).scalars())


def results(session: Session, run_id: int, *, only_done: bool = False) -> list[RevalidationResult]:
    query = select(RevalidationResult).where(RevalidationResult.run_id == run_id)
    if only_done:
        query = query.where(RevalidationResult.state == DONE)
    return list(session.execute(query.order_by(RevalidationResult.position)).scalars())


@dataclass(frozen=True)
class ResultLine:
    """One result without its report (what a results table shows)."""

    position: int
    name: str
    path: str
    state: str
    indication: str | None
    sub_indication: str | None
    reason: str
    incident: bool
    checked_at: dt.datetime | None
    in_store: bool


def result_lines(session: Session, run_id: int) -> list[ResultLine]:
    rows = session.execute(
        select(RevalidationResult.position, RevalidationResult.name, RevalidationResult.path,
               RevalidationResult.state, RevalidationResult.indication,
               RevalidationResult.sub_indication, RevalidationResult.reason,
               RevalidationResult.incident, RevalidationResult.checked_at,
               RevalidationResult.seal_id)
        .where(RevalidationResult.run_id == run_id).order_by(RevalidationResult.position)
    ).all()
    return [ResultLine(*row[:9], in_store=row[9] is not None) for row in rows]


def result_at(session: Session, run_id: int, position: int) -> RevalidationResult | None:
    return session.execute(select(RevalidationResult).where(
        RevalidationResult.run_id == run_id, RevalidationResult.position == position)
    ).scalar_one_or_none()


def names(session: Session, run_id: int) -> dict[int, str]:
    """Document names by position (for progress messages), without loading the reports."""
    rows = session.execute(
        select(RevalidationResult.position, RevalidationResult.name)
        .where(RevalidationResult.run_id == run_id)
    ).all()
    return {position: name for position, name in rows}


def pending_result_for_update(session: Session, run_id: int, position: int
                              ) -> RevalidationResult | None:
    """The result row if it is still pending (a resumed run may have finished it meanwhile)."""
    return session.execute(
        select(RevalidationResult).where(
            RevalidationResult.run_id == run_id,
            RevalidationResult.position == position,
            RevalidationResult.state == PENDING,
        )
    ).scalar_one_or_none()


def counts(session: Session, run_id: int) -> dict[str, int]:
    """Finished results per indication, plus ``pending`` and ``incidents``."""
    rows = session.execute(
        select(RevalidationResult.state, RevalidationResult.indication,
               RevalidationResult.incident, func.count())
        .where(RevalidationResult.run_id == run_id)
        .group_by(RevalidationResult.state, RevalidationResult.indication,
                  RevalidationResult.incident)
    ).all()
    tally = {"PASSED": 0, "INDETERMINATE": 0, "FAILED": 0, "pending": 0, "incidents": 0}
    for state, indication, incident, n in rows:
        if state == PENDING:
            tally["pending"] += n
            continue
        tally[str(indication)] = tally.get(str(indication), 0) + n
        if incident:
            tally["incidents"] += n
    return tally


def set_status(session: Session, run_id: int, status: str, now: dt.datetime,
               *, finished: bool = False, tally: dict[str, int] | None = None) -> None:
    """Change the run's status; ``tally`` (from :func:`counts`) refreshes its counters."""
    values: dict[str, object] = {"status": status, "updated_at": now}
    if finished:
        values["finished_at"] = now
    if tally is not None:
        values.update(passed=tally["PASSED"], indeterminate=tally["INDETERMINATE"],
                      failed=tally["FAILED"], incidents=tally["incidents"])
    session.execute(update(RevalidationRun).where(RevalidationRun.id == run_id).values(**values))


def list_runs(session: Session, limit: int = 100) -> list[RevalidationRun]:
    return list(session.execute(
        select(RevalidationRun).order_by(RevalidationRun.id.desc()).limit(limit)
    ).scalars())


def latest_finished(session: Session) -> RevalidationRun | None:
    return session.execute(
        select(RevalidationRun).where(RevalidationRun.status == "finished")
        .order_by(RevalidationRun.finished_at.desc()).limit(1)
    ).scalar_one_or_none()


def unfinished_runs(session: Session) -> list[RevalidationRun]:
    return list(session.execute(
        select(RevalidationRun).where(RevalidationRun.status != "finished")
        .order_by(RevalidationRun.id)
    ).scalars())
