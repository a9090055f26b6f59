"""Running the alert rules over what is new in the log, once, after every commit.

A cursor (``log_cursors``, name ``alerts``) remembers up to which entry the rules ran. After a
commit the new entries are read in a reading session; only when a rule fires (or many entries
piled up) is a write transaction opened, which evaluates the same entries again under the lock,
appends the ``alert.raised`` events and moves the cursor together. An alert already raised with
the same rule and key is not raised again, so two consoles, or a crash between the reading and
the writing, never double an alert. ``alert.raised`` entries are not themselves evaluated.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.errors import SealDeskError
from sealdesk.services.alerts.rules import EVENT_RULES, STATE_RULES, Alert
from sealdesk.services.audit.log import record_all
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.incidents.cursors import move_cursor, read_cursor

log = logging.getLogger(__name__)

CURSOR = "alerts"
BACKLOG = 256
"""Entries evaluated without an alert before the cursor is moved anyway (one write)."""
PAGE = 5000

_busy = threading.local()


def watch(ctx: AppContext) -> None:
    """Evaluate the rules after every committed transaction of ``ctx``'s database."""
    def after_commit() -> None:
        if getattr(_busy, "active", False):
            return  # our own alert transaction committing
        _busy.active = True
        try:
            evaluate(ctx)
        except (SealDeskError, SQLAlchemyError) as exc:
            log.warning("The alert rules could not run after this change: %s", exc)
        finally:
            _busy.active = False

    ctx.database.on_commit(after_commit)


def evaluate(ctx: AppContext, now: dt.datetime | None = None) -> list[Alert]:
    """Run the rules on the entries after the cursor and the state rules; returns new alerts."""
    if ctx.read_only or not ctx.config.alerts.enabled:
        return []
    now = now or dt.datetime.now(dt.UTC)
    with ctx.database.reader() as session:
        alerts, seen = _pending(session, ctx, now)
    if not alerts and seen < BACKLOG:
        return []
    with ctx.database.transaction() as session:
        read_cursor(session, CURSOR, lock=True)
        alerts, _ = _pending(session, ctx, now, move=True)
        record_all(session, [ctx.event(EventType.ALERT_RAISED,
                                       {"alert": a.rule, "key": a.key}, a.details())
                             for a in alerts])
    return alerts


def _pending(session: Session, ctx: AppContext, now: dt.datetime,
             *, move: bool = False) -> tuple[list[Alert], int]:
    """New alerts (not raised before) from the entries after the cursor, and how many entries
    were read; ``move`` sets the cursor past them (in a write transaction)."""
    cfg = ctx.config.alerts
    start = read_cursor(session, CURSOR).position
    rows = session.execute(
        select(AuditEntry.idx, AuditEntry.entry_hash, AuditEntry.payload)
        .where(AuditEntry.idx >= start).order_by(AuditEntry.idx).limit(PAGE)).all()
    found: list[Alert] = []
    for idx, _, payload in rows:
        event = json.loads(bytes(payload))
        if event["type"] == EventType.ALERT_RAISED.value:
            continue
        for rule in EVENT_RULES:
            alert = rule(session, cfg, int(idx), event)
            if alert is not None:
                found.append(alert)
    for state_rule in STATE_RULES:
        found.extend(state_rule(session, cfg, now))
    if move and rows:
        move_cursor(session, CURSOR, int(rows[-1][0]) + 1, bytes(rows[-1][1]))
    return _not_raised(session, found), len(rows)


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
