"""The alert rules: what in the log, or in the state it describes, deserves a person's eyes.

Event rules look at one new entry (and, for counts, at the entries of the window before it);
state rules look at the installation as it is now (certificate expiry, an overdue checkpoint).
Every alert has a ``rule`` and a ``key``; an alert with the same rule and key is raised once,
so re-evaluating the same entries (after a crash, on another console) raises nothing twice.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sealdesk.config import AlertsConfig
from sealdesk.core.audit.canonical import format_time, parse_time
from sealdesk.core.audit.events import EventType
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.keys.models import ManagedKey

WARNING, CRITICAL = "warning", "critical"


@dataclass(frozen=True)
class Alert:
    rule: str
    key: str
    severity: str
    message: str
    entry: int | None = None
    """The audit entry that set it off, if one did."""

    def details(self) -> dict[str, object]:
        out: dict[str, object] = {"severity": self.severity, "message": self.message}
        if self.entry is not None:
            out["entry"] = self.entry
        return out


Event = dict[str, Any]
EventRule = Callable[[Session, AlertsConfig, int, Event], "Alert | None"]


def _count(session: Session, kind: EventType, since: dt.datetime, upto: int) -> int:
    return int(session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.event_type == kind.value, AuditEntry.time >= since,
        AuditEntry.idx <= upto)).scalar_one())


def _window_rule(kind: EventType, rule: str, limit: Callable[[AlertsConfig], int],
                 what: str) -> EventRule:
    """Raise when the ``limit``-th ``kind`` event within the window arrives."""
    def check(session: Session, cfg: AlertsConfig, idx: int, event: Event) -> Alert | None:
        if event["type"] != kind.value:
            return None
        since = _time(event) - dt.timedelta(minutes=cfg.window_minutes)
        count = _count(session, kind, since, idx)
        if count != limit(cfg):
            return None
        return Alert(rule, str(idx), CRITICAL,
                     f"{count} {what} within {cfg.window_minutes} minutes (last: entry {idx}, "
                     f"{event['actor']})", idx)
    return check


def revalidation_failed(session: Session, cfg: AlertsConfig, idx: int,
                        event: Event) -> Alert | None:
    if event["type"] != EventType.REVALIDATION_RESULT.value:
        return None
    if event["details"].get("indication") != "FAILED":
        return None
    run = event["subject"].get("run", "?")
    return Alert("revalidation_failed", f"run {run}", CRITICAL,
                 f"Revalidation run {run} found a FAILED seal: "
                 f"{event['details'].get('reason', '')}", idx)


_ADMIN_EVENTS = {
    EventType.ROLE_CHANGED.value: "role change",
    EventType.POLICY_CHANGED.value: "policy change",
    EventType.SETTINGS_CHANGED.value: "settings change",
    EventType.KEY_COMPROMISED.value: "key marked compromised",
    EventType.SELFTEST_FAILED.value: "self-test failed",
    EventType.INCIDENT_OPENED.value: "incident opened",
}


def admin_change(session: Session, cfg: AlertsConfig, idx: int, event: Event) -> Alert | None:
    what = _ADMIN_EVENTS.get(event["type"])
    if what is None:
        return None
    severity = CRITICAL if event["type"] in (EventType.KEY_COMPROMISED.value,
                                             EventType.SELFTEST_FAILED.value) else WARNING
    return Alert(event["type"].replace(".", "_"), str(idx), severity,
                 f"{what.capitalize()} by {event['actor']} (entry {idx})", idx)


def sealing_hours(session: Session, cfg: AlertsConfig, idx: int, event: Event) -> Alert | None:
    if event["type"] != EventType.DOCUMENT_SEALED.value:
        return None
    when = _time(event)
    if cfg.sealing_start_hour <= when.hour < cfg.sealing_end_hour:
        return None
    hour = when.strftime("%Y-%m-%dT%H")
    return Alert("sealing_outside_hours", hour, WARNING,
                 f"Sealing at {format_time(when)} by {event['actor']}, outside "
                 f"{cfg.sealing_start_hour:02d}:00-{cfg.sealing_end_hour:02d}:00 UTC", idx)


def sealing_rate(session: Session, cfg: AlertsConfig, idx: int, event: Event) -> Alert | None:
    """More seals in the last hour than ``rate_factor`` × the hourly mean of the week before."""
    if event["type"] != EventType.DOCUMENT_SEALED.value:
        return None
    when = _time(event)
    hour_ago = when - dt.timedelta(hours=1)
    in_hour = _count(session, EventType.DOCUMENT_SEALED, hour_ago, idx)
    if in_hour < cfg.rate_minimum:
        return None
    week = int(session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.event_type == EventType.DOCUMENT_SEALED.value,
        AuditEntry.time >= hour_ago - dt.timedelta(days=7), AuditEntry.time < hour_ago,
    )).scalar_one())
    limit = max(cfg.rate_minimum, math.ceil(cfg.rate_factor * week / (7 * 24)))
    if in_hour < limit:
        return None
    return Alert("sealing_rate", when.strftime("%Y-%m-%dT%H"), WARNING,
                 f"{in_hour} seals in the hour before {format_time(when)}; the usual rate is "
                 f"{week / (7 * 24):.1f} an hour", idx)


RELEVANT_TYPES = frozenset({
    EventType.TOKEN_LOGIN_FAILED.value, EventType.DOCUMENT_SEAL_FAILED.value,
    EventType.REVALIDATION_RESULT.value, EventType.DOCUMENT_SEALED.value, *_ADMIN_EVENTS,
})
"""The only event types an event rule looks at; other entries are never read by the rules."""

EVENT_RULES: tuple[EventRule, ...] = (
    _window_rule(EventType.TOKEN_LOGIN_FAILED, "failed_logins",
                 lambda c: c.failed_logins, "failed token logins"),
    _window_rule(EventType.DOCUMENT_SEAL_FAILED, "failed_seals",
                 lambda c: c.failed_seals, "failed seals"),
    revalidation_failed, admin_change, sealing_hours, sealing_rate,
)


def certificate_expiry(session: Session, cfg: AlertsConfig, now: dt.datetime) -> list[Alert]:
    """The active keys' certificates within ``expiry_warn_days``/``expiry_urgent_days``."""
    found = []
    keys = session.execute(select(ManagedKey).where(ManagedKey.status == "active")).scalars()
    for key in keys:
        if not key.certificate_der:
            continue
        try:
            not_after = x509.load_der_x509_certificate(key.certificate_der).not_valid_after_utc
        except ValueError:
            continue
        left = (not_after - now).total_seconds() / 86400
        for days, severity in ((cfg.expiry_urgent_days, CRITICAL), (cfg.expiry_warn_days,
                                                                       WARNING)):
            if left <= days:
                found.append(Alert(
                    "certificate_expiry", f"{key.certificate_sha256} {days}d", severity,
                    f"The {key.purpose} certificate {key.label!r} expires "
                    f"{format_time(not_after)} ({max(left, 0):.0f} days)"))
                break
    return found


def checkpoint_overdue(session: Session, cfg: AlertsConfig, now: dt.datetime) -> list[Alert]:
    """Entries older than ``checkpoint_overdue_hours`` that no checkpoint pins yet."""
    last = session.execute(select(func.max(AuditEntry.idx)).where(
        AuditEntry.event_type == EventType.CHECKPOINT_CREATED.value)).scalar_one_or_none()
    start = -1 if last is None else int(last)
    oldest = session.execute(select(AuditEntry.time).where(
        AuditEntry.idx > start,
        AuditEntry.event_type != EventType.ALERT_RAISED.value,
    ).order_by(AuditEntry.idx).limit(1)).scalar_one_or_none()
    if oldest is None:
        return []
    oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=dt.UTC)
    age = (now - oldest).total_seconds() / 3600
    if age < cfg.checkpoint_overdue_hours:
        return []
    return [Alert("checkpoint_overdue", f"after {start}", WARNING,
                  f"Entries since {format_time(oldest)} ({age:.0f} h) are not pinned by a signed "
                  "checkpoint; run 'sealdesk audit checkpoint create'")]


STATE_RULES = (certificate_expiry, checkpoint_overdue)


def _time(event: Event) -> dt.datetime:
    return parse_time(event["time"])
