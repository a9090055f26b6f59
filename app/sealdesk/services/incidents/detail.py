"""One incident as a person reads it: its facts, its timeline in words, its times.

The Incidents page calls only services, and the timeline (:mod:`.timeline`) needs a read
session; this module reads the incident, fills its containment time and builds the timeline in
one snapshot, then turns each event type into a sentence ("Seal failed", "Sealing stopped for
maintenance") with the event's own summary after it. The CLI keeps the raw types for scripts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sealdesk.core.audit.events import EventType
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.metrics import fill_containment, incident_times
from sealdesk.services.incidents.register import Incident, load_incidents, require_incident
from sealdesk.services.incidents.timeline import TimelineEntry, build_timeline

_WORDS: dict[str, str] = {
    EventType.INCIDENT_OPENED: "Incident opened",
    EventType.INCIDENT_NOTED: "Note added",
    EventType.INCIDENT_LINKED: "Item linked",
    EventType.INCIDENT_CLOSED: "Incident closed",
    EventType.INCIDENT_ACTION_ADDED: "Action item added",
    EventType.INCIDENT_ACTION_CLOSED: "Action item closed",
    EventType.INCIDENT_REPORTED: "Signed statement issued",
    EventType.ALERT_RAISED: "Alert raised",
    EventType.DOCUMENT_LOADED: "Document taken in",
    EventType.DOCUMENT_SEALED: "Document sealed",
    EventType.DOCUMENT_SEAL_FAILED: "Seal failed",
    EventType.DOCUMENT_VERIFIED: "Document verified",
    EventType.DOCUMENT_RESEALED: "Document sealed again",
    EventType.REVALIDATION_RESULT: "Revalidation result",
    EventType.REVALIDATION_STARTED: "Revalidation started",
    EventType.REVALIDATION_FINISHED: "Revalidation finished",
    EventType.KEY_COMPROMISED: "Key marked compromised",
    EventType.SEAL_QUARANTINED: "Seal quarantined",
    EventType.MAINTENANCE_ENABLED: "Sealing stopped for maintenance",
    EventType.MAINTENANCE_DISABLED: "Sealing allowed again",
    EventType.SELFTEST_PASSED: "Self-test passed",
    EventType.SELFTEST_FAILED: "Self-test failed",
    EventType.TOKEN_LOGIN_FAILED: "Token login failed",
    EventType.RECOVERY_PERFORMED: "Crash recovery performed",
    EventType.TOKEN_SWITCHED: "Seal token switched",
}


@dataclass(frozen=True)
class TimelineLine:
    index: int
    time: dt.datetime
    actor: str
    what: str
    """The event in words, then its summary (``Seal failed: error=TSA unreachable``)."""


@dataclass(frozen=True)
class IncidentDetail:
    incident: Incident
    timeline: tuple[TimelineLine, ...]
    seconds: dict[str, float | None]
    """Seconds to detect, contain and resolve (see :func:`.metrics.incident_times`)."""


_PLAIN = ("title", "text", "root_cause", "outcome", "reason", "message", "error", "name",
          "label", "indication")
"""Summary keys whose value is shown as is (the words a person typed or the verdict)."""
_KEYS = (*_PLAIN, "kind", "ref", "rule")


def describe(entry: TimelineEntry) -> str:
    """The event type in words, then what the event itself says, without ``key=`` clutter.

    ``Item linked: kind=document; ref=68ed…`` becomes ``Item linked: document 68ed815abe9b…``.
    """
    words = _WORDS.get(entry.type) or entry.type.replace(".", " ").replace("_", " ").capitalize()
    facts = _facts(entry.summary)
    parts = [facts[k] for k in _PLAIN if facts.get(k)]
    if facts.get("ref"):
        parts.append(f"{facts.get('kind', 'item')} {_short(facts['ref'])}")
    if facts.get("rule"):
        parts.append(f"rule {facts['rule']}")
    text = "; ".join(parts)
    return f"{words}: {text}" if text else words


def _facts(summary: str) -> dict[str, str]:
    """Split the timeline's ``key=value; key=value`` summary (values may contain "; ")."""
    facts: dict[str, str] = {}
    last = ""
    for part in summary.split("; ") if summary else []:
        key, sep, value = part.partition("=")
        if sep and key in _KEYS:
            facts[key], last = value, key
        elif last:
            facts[last] += "; " + part
    return facts


def _short(value: str) -> str:
    return value[:12] + "…" if len(value) > 24 else value


def incident_detail(ctx: AppContext, incident_id: int) -> IncidentDetail:
    """The incident, its timeline in words and its times, read in one snapshot."""
    with ctx.database.reader() as session:
        incident = fill_containment(session, require_incident(load_incidents(session),
                                                              incident_id))
        timeline = build_timeline(session, incident)
    lines = tuple(TimelineLine(e.index, e.time, e.actor, describe(e)) for e in timeline)
    return IncidentDetail(incident, lines, incident_times(incident))
