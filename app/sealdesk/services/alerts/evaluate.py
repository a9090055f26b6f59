"""Running the alert rules over what is new in the log, once, after every commit.

A cursor (``log_cursors``, name ``alerts``) remembers up to which entry the rules ran. After a
commit the new entries are read in a reading session; only when a rule fires (or many entries
piled up) is a write transaction opened, which evaluates the same entries again under the lock,
appends the ``alert.raised`` events and moves the cursor together. An alert already raised with
the same rule and key is not raised again, so two consoles, or a crash between the reading and
the writing, never double an alert. ``alert.raised`` entries are not themselves evaluated
(no rule looks at their type).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.errors import SealDeskError
from sealdesk.services.alerts.rules import EVENT_RULES, RELEVANT_TYPES, STATE_RULES, Alert
from sealdesk.services.audit.log import record_all
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.incidents.cursors import move_cursor, read_cursor

log = logging.getLogger(__name__)

CURSOR = "alerts"
BACKLOG = 256
"""Entries evaluated without an alert before the cursor is moved anyway (one write)."""
PAGE = 5000
STATE_EVERY = 60.0
"""Seconds between runs of the state rules after commits."""

_busy = threading.local()


def install(ctx: AppContext) -> AppContext:
    """Watch ``ctx`` when its settings enable alerts and it may write; returns ``ctx``.

    The front ends call this right after opening their context (the context itself knows
    nothing of alerts: they sit above every capability whose events they read).
    """
    if not ctx.read_only and ctx.config.alerts.enabled:
        watch(ctx)
    return ctx


def watch(ctx: AppContext) -> None:
    """Evaluate the rules after every committed transaction of ``ctx``'s database.

    The state rules (expiry, overdue checkpoint) change by the hour, not by the commit: after
    commits they run at most every :data:`STATE_EVERY` seconds.
    """
    last_state = [-STATE_EVERY]

    def after_commit() -> None:
        if getattr(_busy, "active", False):
            return  # our own alert transaction committing
        _busy.active = True
        try:
            state = time.monotonic() - last_state[0] >= STATE_EVERY
            if state:
                last_state[0] = time.monotonic()
            evaluate(ctx, state=state)
        except (SealDeskError, SQLAlchemyError) as exc:
            log.warning("The alert rules could not run after this change: %s", exc)
        finally:
            _busy.active = False

    ctx.database.on_commit(after_commit)


def evaluate(ctx: AppContext, now: dt.datetime | None = None, *,
             state: bool = True) -> list[Alert]:
    """Run the event rules on the entries after the cursor, and the state rules unless
    ``state`` is false; returns the alerts raised now."""
    if ctx.read_only or not ctx.config.alerts.enabled:
        return []
    now = now or dt.datetime.now(dt.UTC)
    with ctx.database.reader() as session:
        alerts, seen = _pending(session, ctx, now, state=state)
    if not alerts and seen < BACKLOG:
        return []
    with ctx.database.transaction() as session:
        read_cursor(session, CURSOR, lock=True)
        alerts, _ = _pending(session, ctx, now, state=state, move=True)
        record_all(session, [ctx.event(EventType.ALERT_RAISED,
                                       {"alert": a.rule, "key": a.key}, a.details())
                             for a in alerts])
    return alerts


def _pending(session: Session, ctx: AppContext, now: dt.datetime, *, state: bool,
             move: bool = False) -> tuple[list[Alert], int]:
    """New alerts (not raised before) from the entries after the cursor, and how many entries
    that covers; ``move`` sets the cursor past them (in a write transaction). Only entries of
    a type some rule looks at are read."""
    cfg = ctx.config.alerts
    start = read_cursor(session, CURSOR).position
    head = session.execute(select(AuditEntry.idx, AuditEntry.entry_hash)
                           .order_by(AuditEntry.idx.desc()).limit(1)).one_or_none()
    if head is None:
        return [], 0
    rows = session.execute(
        select(AuditEntry.idx, AuditEntry.payload)
        .where(AuditEntry.idx >= start, AuditEntry.event_type.in_(RELEVANT_TYPES))
        .order_by(AuditEntry.idx).limit(PAGE)).all()
    end, end_hash = int(head[0]) + 1, bytes(head[1])
    if len(rows) == PAGE:  # more than a page: stop after it, the next round goes on
        end = int(rows[-1][0]) + 1
        end_hash = bytes(session.execute(select(AuditEntry.entry_hash)
                                         .where(AuditEntry.idx == end - 1)).scalar_one())
    found: list[Alert] = []
    for idx, payload in rows:
        event = json.loads(bytes(payload))
        for rule in EVENT_RULES:
            alert = rule(session, cfg, int(idx), event)
            if alert is not None:
                found.append(alert)
    if state:
        for state_rule in STATE_RULES:
            found.extend(state_rule(session, cfg, now))
    if move and end > start:
        move_cursor(session, CURSOR, end, end_hash)
    return _not_raised(session, found), max(0, end - start)


def _not_raised(session: Session, alerts: Sequence[Alert]) -> list[Alert]:
    fresh: list[Alert] = []
    keys: set[tuple[str, str]] = set()
    for alert in alerts:
        if (alert.rule, alert.key) in keys:
            continue
        keys.add((alert.rule, alert.key))
        raised = session.execute(select(AuditEntry.idx).where(
            AuditEntry.event_type == EventType.ALERT_RAISED.value,
            AuditEntry.subject == f"{alert.rule} {alert.key}"[:256]).limit(1)).first()
        if raised is None:
            fresh.append(alert)
    return fresh
