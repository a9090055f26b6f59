"""Turning dashboard facts into tiles: the words, and the thresholds that decide the colour.

Kept apart from the queries so the rules (certificate expiry at 90/30/7 days, a failed
verification is red, a revalidation overdue is amber) are read and tested in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from sealdesk.core.audit.events import EventType
from sealdesk.core.token.status import TokenState, TokenStatus
from sealdesk.services.console.dashboard_queries import CheckpointRow, LoggedEvent, OpenProposal
from sealdesk.services.incidents.register import Incident


class Level(StrEnum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    DANGER = "danger"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    headline: str
    detail: str = ""
    level: Level = Level.NEUTRAL


def when(moment: dt.datetime, now: dt.datetime) -> str:
    """"today 10:22", "yesterday 18:05" or "2024-03-12 09:00", in local time."""
    local, today = moment.astimezone(), now.astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"today {clock}"
    if local.date() == today - dt.timedelta(days=1):
        return f"yesterday {clock}"
    return local.strftime("%Y-%m-%d %H:%M")


def _plural(count: int, word: str) -> str:
    many = word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"
    return f"{count} {word if count == 1 else many}"


def token_tile(status: TokenStatus, *, demo: bool) -> Tile:
    title = "Token (demo)" if demo else "Token"
    if status.state == TokenState.NOT_CONFIGURED:
        return Tile("token", title, "No token configured",
                    "Verification works; configure a token in Settings to seal.", Level.NEUTRAL)
    if status.state != TokenState.READY or status.info is None:
        detail = f"{status.message} {status.hint}".strip()
        return Tile("token", title, f"Token {status.state}", detail, Level.DANGER)
    info = status.info
    warning = info.pin.warning()
    level = Level.DANGER if info.pin.locked or info.pin.final_try else (
        Level.WARNING if warning else Level.OK)
    detail = " ".join(t for t in (f"Serial {info.serial or '?'}, {info.model}.", warning,
                                  status.notice) if t)
    return Tile("token", title, f"{info.label} is ready" if level == Level.OK
                else f"{info.label}: check the PIN", detail, level)


@dataclass(frozen=True)
class CertificateFacts:
    tile: Tile
    days_left: int | None


def certificate_tile(der: bytes | None, now: dt.datetime,
                     thresholds: Sequence[int]) -> CertificateFacts:
    """Days to expiry; above the first threshold fine, then notice, warning, danger."""
    if der is None:
        return CertificateFacts(Tile("certificate", "Seal certificate", "Not available",
                                     "No active seal certificate could be read.",
                                     Level.NEUTRAL), None)
    cert = x509.load_der_x509_certificate(der)
    expires = cert.not_valid_after_utc
    days = (expires - now).days if expires > now else -1
    notice, warning, danger = sorted(thresholds, reverse=True)[:3]
    if days < 0:
        level, headline = Level.DANGER, "Expired"
    else:
        headline = f"Expires in {_plural(days, 'day')}"
        level = (Level.DANGER if days <= danger else Level.WARNING if days <= warning
                 else Level.INFO if days <= notice else Level.OK)
    name = _common_name(cert.subject) or cert.subject.rfc4514_string()
    issuer = _common_name(cert.issuer) or cert.issuer.rfc4514_string()
    detail = f"{name}, issued by {issuer}; valid until {expires:%Y-%m-%d}."
    if level in (Level.WARNING, Level.DANGER):
        detail += " Start a key rotation (Keys & certificates) before it expires."
    return CertificateFacts(Tile("certificate", "Seal certificate", headline, detail, level),
                            days if days >= 0 else None)


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""


def revalidation_tile(run: dict[str, Any] | None, finished: LoggedEvent | None,
                      now: dt.datetime, interval_days: int) -> Tile:
    facts = dict(run) if run is not None else (
        {"time": finished.time, **finished.details} if finished is not None else None)
    schedule = (f"Schedule: every {_plural(interval_days, 'day')}." if interval_days
                else "No schedule: run on demand.")
    if facts is None:
        return Tile("revalidation", "Last revalidation", "Never run", schedule, Level.NEUTRAL)
    counts = {k: facts[k] for k in ("passed", "failed", "indeterminate")
              if isinstance(facts.get(k), int)}
    summary = ", ".join(f"{v} {k}" for k, v in counts.items()) or str(facts.get("status", ""))
    overdue = bool(interval_days) and now - facts["time"] > dt.timedelta(days=interval_days)
    level = (Level.DANGER if counts.get("failed") else
             Level.WARNING if counts.get("indeterminate") or overdue else Level.OK)
    detail = f"{summary}. " if summary else ""
    detail += "Overdue: " + schedule if overdue else schedule
    return Tile("revalidation", "Last revalidation", when(facts["time"], now), detail, level)


def chain_tile(checkpoint: CheckpointRow | None, size: int, verified: LoggedEvent | None) -> Tile:
    now = dt.datetime.now(dt.UTC)
    if checkpoint is None:
        headline, detail = "No checkpoint yet", f"The log holds {_plural(size, 'entry')}."
    else:
        since = max(0, size - checkpoint.tree_size)
        headline = f"Checkpoint {when(checkpoint.created_at, now)}"
        detail = (f"Signed at {_plural(checkpoint.tree_size, 'entry')}; "
                  f"{_plural(since, 'entry')} since.")
    if verified is None:
        return Tile("chain", "Audit log", headline,
                    f"{detail} Chain not verified yet (Audit log page).", Level.INFO)
    findings = verified.details.get("findings", 0)
    if verified.type == EventType.SELFTEST_FAILED:
        return Tile("chain", "Audit log", "Chain verification FAILED",
                    f"{detail} Verified {when(verified.time, now)}: {findings} finding(s). "
                    "Open the Audit log page.", Level.DANGER)
    return Tile("chain", "Audit log", headline,
                f"{detail} Chain intact when verified {when(verified.time, now)}.", Level.OK)


def maintenance_tile(event: LoggedEvent | None) -> Tile:
    if event is None or event.type != EventType.MAINTENANCE_ENABLED:
        return Tile("maintenance", "Maintenance", "Sealing enabled",
                    "No maintenance window is active.", Level.OK)
    reason = str(event.details.get("reason", "")).strip()
    detail = f"Since {when(event.time, dt.datetime.now(dt.UTC))}, by {event.actor}."
    return Tile("maintenance", "Maintenance", "Sealing stopped for maintenance",
                f"{detail} {reason}".strip(), Level.WARNING)


def rotation_tile(proposals: Sequence[OpenProposal], now: dt.datetime) -> Tile:
    if not proposals:
        return Tile("rotation", "Key rotation", "No open proposals",
                    "Nothing waits for custodian approval.", Level.OK)
    first = min(proposals, key=lambda p: p.expires_at)
    detail = "; ".join(f"{p.id} {p.action.replace('_', ' ')} ({p.status})" for p in proposals[:3])
    if len(proposals) > 3:
        detail += f"; and {len(proposals) - 3} more"
    detail += f". Next expiry {when(first.expires_at, now)}."
    return Tile("rotation", "Key rotation", f"{_plural(len(proposals), 'open proposal')}",
                detail, Level.INFO)


def snapshot_tile(event: LoggedEvent | None, now: dt.datetime, warn_days: int) -> Tile:
    """How old the newest snapshot is (from its ``snapshot.created`` event in the log)."""
    if event is None:
        return Tile("snapshot", "Snapshots", "No snapshot yet",
                    "Take one before risky changes (Snapshots page, or 'sealdesk snapshot "
                    "create'): rollback and restore start from a snapshot.",
                    Level.WARNING if warn_days else Level.NEUTRAL)
    age = now - event.time
    reason = str(event.details.get("reason", "")).strip()
    detail = f"Taken {when(event.time, now)} by {event.actor}." + (
        f" Reason: {reason}." if reason else "")
    stale = bool(warn_days) and age > dt.timedelta(days=warn_days)
    headline = ("Last snapshot just now" if age < dt.timedelta(minutes=1)
                else f"Last snapshot {_age(age)} ago")
    if stale:
        detail += f" Older than {warn_days} days: take a new one."
    return Tile("snapshot", "Snapshots", headline, detail, Level.WARNING if stale else Level.OK)


def _age(age: dt.timedelta) -> str:
    if age < dt.timedelta(hours=1):
        return f"{max(int(age.total_seconds() // 60), 0)} min"
    if age < dt.timedelta(days=2):
        return f"{int(age.total_seconds() // 3600)} h"
    return f"{age.days} days"


MTTR_DAYS = 30
"""The incidents tile's MTTR is the mean over incidents resolved in this many days."""


def duration(seconds: float) -> str:
    """``45 s``, ``12 min``, ``3 h 5 min``, ``4 days`` — the precision a glance needs."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{hours // 24} days"


def mttr_seconds(incidents: Sequence[Incident], now: dt.datetime,
                 days: int = MTTR_DAYS) -> tuple[float | None, int]:
    """Mean resolved − detected over incidents closed in the last ``days``; and how many."""
    since = now - dt.timedelta(days=days)
    spans = [(i.closed_at - i.opened_at).total_seconds() for i in incidents
             if i.closed_at is not None and i.closed_at >= since]
    return (sum(spans) / len(spans) if spans else None), len(spans)


def incidents_tile(incidents: Sequence[Incident], now: dt.datetime) -> Tile:
    """Open incidents (count, the oldest and its age) and the MTTR of the last 30 days.

    Amber while any incident is open, red when an open one is a security or integrity
    incident (a compromised key, a seal that no longer verifies).
    """
    open_now = sorted((i for i in incidents if i.is_open), key=lambda i: i.opened_at)
    mttr, resolved = mttr_seconds(incidents, now)
    mttr_text = (f"MTTR ({MTTR_DAYS} days): {duration(mttr)} over "
                 f"{_plural(resolved, 'resolved incident')}." if mttr is not None
                 else f"MTTR ({MTTR_DAYS} days): no incident resolved.")
    if not open_now:
        return Tile("incidents", "Incidents", "No open incidents", mttr_text, Level.OK)
    oldest = open_now[0]
    age = duration(max(0.0, (now - oldest.opened_at).total_seconds()))
    detail = (f"Oldest: {oldest.name} ({oldest.type.value}, open {age}) {oldest.title}. "
              f"{mttr_text}")
    serious = any(i.type.value in ("security", "integrity") for i in open_now)
    return Tile("incidents", "Incidents", _plural(len(open_now), "open incident"), detail,
                Level.DANGER if serious else Level.WARNING)


ALERT_HOURS = 24


def alerts_tile(alerts: Sequence[LoggedEvent], raised_lately: int, now: dt.datetime) -> Tile:
    """The newest alerts (``alert.raised``): how many in the last 24 hours, the latest three."""
    if not alerts:
        return Tile("alerts", "Alerts", "No alerts", "No alert was ever raised.", Level.OK)
    lines = [f"{when(a.time, now)} {a.details.get('severity', '')}: "
             f"{a.details.get('message', '')}" for a in alerts[:3]]
    if not raised_lately:
        return Tile("alerts", "Alerts", f"No alerts in {ALERT_HOURS} hours",
                    "Latest: " + lines[0], Level.OK)
    since = now - dt.timedelta(hours=ALERT_HOURS)
    critical = any(a.details.get("severity") == "critical" and a.time >= since for a in alerts)
    return Tile("alerts", "Alerts", f"{_plural(raised_lately, 'alert')} in {ALERT_HOURS} hours",
                "\n".join(lines), Level.DANGER if critical else Level.WARNING)
