"""A run's pending documents as a work queue that several workers share.

Any number of workers — the console that started the run, other consoles, or
``sealdesk revalidate work RUN`` on other machines that share the database and the store — take
turns at the same run. Each *claims* a small chunk of pending rows for a while (a lease): one
transaction selects rows that are pending and unclaimed (or whose lease lapsed) with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two workers never wait for, or take, the same rows;
on SQLite the write transaction itself serialises claims. The worker checks its chunk and records
the results (:mod:`.record`), which commits a row only while it is still pending: if a worker
was so slow that its lease lapsed and another took the rows over, the first result committed
stands and nothing is recorded twice.

A worker killed mid-chunk simply stops: its lease lapses after :data:`LEASE_SECONDS` and the
rows become claimable again — at once when the dead worker ran on this machine (its process is
gone), so ``revalidate --resume`` after a kill -9 does not wait out the lease. A worker that
finds no claimable row while others still hold leases waits for them (:func:`wait_for_lapse`,
polling) and takes over what lapses, so the last worker standing always finishes the run.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterator

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag
from sealdesk.services.revalidation.plan import work_items
from sealdesk.services.revalidation.worker import WorkItem
from sealdesk.storage.revalidation.models import PENDING, RevalidationResult

CHUNK = 16
"""Rows claimed at once: small enough that a dead worker strands little, large enough that
claiming costs far less than checking (a check takes tens of milliseconds)."""
LEASE_SECONDS = 120.0
"""How long a claim holds: far longer than checking one chunk takes."""
POLL_SECONDS = 0.5


def worker_id(ctx: AppContext) -> str:
    """Who holds a claim: the machine, the process and a nonce (a reused pid is another)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _dead_here(holder: str) -> bool:
    """Whether ``holder`` was a process on this machine that no longer runs (killed, crashed):
    its claims need not wait out their lease, so a resume after kill -9 starts at once."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another account's
    return False


def claim(ctx: AppContext, run_id: int, worker: str, *, count: int = CHUNK,
          lease_seconds: float = LEASE_SECONDS) -> list[WorkItem]:
    """Claim up to ``count`` pending rows nobody holds; their work items, in position order."""
    now = dt.datetime.now(dt.UTC)
    with ctx.database.transaction() as session:
        query = (
            select(RevalidationResult)
            .where(RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING,
                   or_(RevalidationResult.claimed_until.is_(None),
                       RevalidationResult.claimed_until < now))
            .order_by(RevalidationResult.position)
            .limit(count)
            .with_for_update(skip_locked=True)
        )
        rows = list(session.execute(query).scalars())
        if len(rows) < count:
            rows += _orphans(session, run_id, now, count - len(rows))
        until = now + dt.timedelta(seconds=lease_seconds)
        for row in rows:
            row.claimed_by, row.claimed_until = worker, until
        return work_items(ctx, session, rows)


def _orphans(session: Session, run_id: int, now: dt.datetime,
             count: int) -> list[RevalidationResult]:
    """Pending rows still leased to a process of this machine that died: claimable now."""
    held = session.execute(
        select(RevalidationResult.claimed_by).where(
            RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING,
            RevalidationResult.claimed_until >= now).distinct()
    ).scalars()
    dead = [holder for holder in held if holder and _dead_here(holder)]
    if not dead:
        return []
    return list(session.execute(
        select(RevalidationResult)
        .where(RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING,
               RevalidationResult.claimed_by.in_(dead))
        .order_by(RevalidationResult.position).limit(count)
        .with_for_update(skip_locked=True)
    ).scalars())


def _orphans_exist(session: Session, run_id: int) -> bool:
    held = session.execute(
        select(RevalidationResult.claimed_by).where(
            RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING,
            RevalidationResult.claimed_by != "").distinct()
    ).scalars()
    return any(_dead_here(holder) for holder in held)


def release(ctx: AppContext, run_id: int, worker: str) -> None:
    """Give back what ``worker`` still holds (cancel): others may take it at once."""
    with ctx.database.transaction() as session:
        rows = session.execute(
            select(RevalidationResult).where(
                RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING,
                RevalidationResult.claimed_by == worker)
        ).scalars()
        for row in rows:
            row.claimed_by, row.claimed_until = "", None


def next_lapse(ctx: AppContext, run_id: int) -> dt.datetime | None:
    """When the earliest lease on a pending row lapses (now, for a dead local holder); None
    when no pending row is left."""
    with ctx.database.reader() as session:
        pending, earliest = session.execute(
            select(func.count(), func.min(RevalidationResult.claimed_until)).where(
                RevalidationResult.run_id == run_id, RevalidationResult.state == PENDING)
        ).one()
        if pending and _orphans_exist(session, run_id):
            return dt.datetime.now(dt.UTC)
    if not pending:
        return None
    if earliest is None:
        return dt.datetime.now(dt.UTC)
    return earliest if earliest.tzinfo else earliest.replace(tzinfo=dt.UTC)


def claimed_items(ctx: AppContext, run_id: int, worker: str, cancel: CancelFlag, *,
                  lease_seconds: float = LEASE_SECONDS) -> Iterator[WorkItem]:
    """The items this worker may check now, claimed chunk by chunk as they are asked for.

    Ends when nothing is claimable (every pending row is done or held by a live lease); on
    cancel, what this worker still holds is released so others may take it at once.
    """
    try:
        while not cancel.cancelled:
            chunk = claim(ctx, run_id, worker, lease_seconds=lease_seconds)
            if not chunk:
                return
            yield from chunk
    finally:
        if cancel.cancelled:
            release(ctx, run_id, worker)


def wait_for_lapse(ctx: AppContext, run_id: int, cancel: CancelFlag, *,
                   sleep: Callable[[float], None] = time.sleep) -> bool:
    """Wait while other workers hold the run's last pending rows; False once none is left.

    True means a lease lapsed (or a row was released): there may be rows to claim again.
    """
    while not cancel.cancelled:
        lapse = next_lapse(ctx, run_id)
        if lapse is None:
            return False
        wait = (lapse - dt.datetime.now(dt.UTC)).total_seconds()
        if wait <= 0:
            return True
        sleep(min(wait, POLL_SECONDS))
    return False
