"""The incident detail the Incidents page shows: the timeline in words, from the real log."""

from __future__ import annotations

import datetime as dt

from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register
from sealdesk.services.incidents.detail import describe, incident_detail
from sealdesk.services.incidents.timeline import TimelineEntry


def test_the_timeline_in_words(demo_ctx: AppContext) -> None:
    incident_id = register.open_incident(demo_ctx, "availability", "TSA down; seals wait")
    register.add_note(demo_ctx, incident_id, "Provider says: back at 10:00; maybe later.")
    register.link(demo_ctx, incident_id, "entry", str(incident_id))
    register.close_incident(demo_ctx, incident_id, "Provider outage.")
    detail = incident_detail(demo_ctx, incident_id)
    assert [line.what for line in detail.timeline] == [
        "Incident opened: TSA down; seals wait",
        "Note added: Provider says: back at 10:00; maybe later.",
        f"Item linked: entry {incident_id}",
        "Incident closed: Provider outage.",
    ]
    assert {line.actor for line in detail.timeline} == {detail.incident.opened_by}
    assert detail.seconds["resolve"] is not None and not detail.incident.is_open


def test_unknown_events_and_long_references_read_as_words() -> None:
    now = dt.datetime.now(dt.UTC)
    entry = TimelineEntry(7, now, "alice", "seal.quarantined", "kind=seal; ref=" + "ab" * 32, {})
    assert describe(entry) == "Seal quarantined: seal abababababab…"
    odd = TimelineEntry(8, now, "alice", "custom.thing_done", "", {})
    assert describe(odd) == "Custom thing done"
