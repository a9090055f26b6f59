"""Issue 20, item 1: incidents by hand and the failed self-test's incident; bad input is a clear
error; every change is an audit event that the log verifies; a failed self-test opens a
configuration incident that is already contained (sealing stays refused)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from sealdesk.config import AlertsConfig, TrustConfig
from sealdesk.core.audit.events import EventType
from sealdesk.errors import InputError
from sealdesk.services import alerts
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register, selftest
from sealdesk.services.incidents.metrics import metrics_by_type
from sealdesk.services.incidents.timeline import entries_at
from tests.incidents.support import events, run_cli
from tests.incidents.test_selftest import _pretend_updated_from


def test_incident_by_hand_every_change_is_an_event(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    began = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)
    incident_id = register.open_incident(ctx, "config", "Wrong TSA URL deployed",
                                         occurred_at=began)
    entry = events(ctx, EventType.INCIDENT_OPENED)[0]
    register.add_note(ctx, incident_id, "Seen by the operator at 10:12")
    register.link(ctx, incident_id, "entry", str(incident_id))
    action = register.add_action(ctx, incident_id, "Check the deployment script", "ops")
    register.close_incident(ctx, incident_id, "Unreviewed configuration change")
    register.add_note(ctx, incident_id, "Postmortem held")  # notes after closing are fine

    incident = register.get_incident(ctx, incident_id)
    assert incident.type is register.IncidentType.CONFIG and not incident.automatic
    assert incident.opened_by == entry["actor"] and incident.name == f"INC-{incident_id}"
    assert [n[3] for n in incident.notes] == ["Seen by the operator at 10:12", "Postmortem held"]
    assert [a.id for a in incident.open_actions] == [action]
    kinds = [e["type"] for e in events(ctx, EventType.INCIDENT_NOTED)]
    assert len(kinds) == 2
    config = {m.type: m for m in metrics_by_type(ctx)}[register.IncidentType.CONFIG]
    assert config.mttd_seconds is not None and 1790 < config.mttd_seconds < 1900
    assert config.mttc_seconds is None, "sealing was never stopped for it"
    assert verify_log(ctx).ok


@pytest.mark.parametrize(("call", "message"), [
    (lambda ctx: register.open_incident(ctx, "outage", "x"), "not an incident type"),
    (lambda ctx: register.open_incident(ctx, "security", "  "), "title is empty"),
    (lambda ctx: register.open_incident(ctx, "security", "x" * 201), "at most 200"),
    (lambda ctx: register.open_incident(ctx, "security", "x", occurred_at=dt.datetime(2026, 1, 1)),
     "time zone"),
    (lambda ctx: register.add_note(ctx, 999999, "x"), "no incident INC-999999"),
    (lambda ctx: register.parse_incident_id("INC-x"), "not an incident id"),
])
def test_bad_input_is_a_clear_error(demo_ctx: AppContext, call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        call(demo_ctx)


def test_links_must_name_existing_items(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    incident_id = register.open_incident(ctx, "integrity", "Checking a document")
    with pytest.raises(InputError, match="no seal"):
        register.link(ctx, incident_id, "seal", "ab" * 32)
    with pytest.raises(InputError, match="no run"):
        register.link(ctx, incident_id, "run", "12")
    with pytest.raises(InputError, match="not something an incident links to"):
        register.link(ctx, incident_id, "printer", "1")
    assert register.get_incident(ctx, incident_id).links == []


def test_a_failed_selftest_opens_a_contained_config_incident(
    demo_ctx: AppContext, demo_pin: str, tmp_path: Path, pki,  # type: ignore[no-untyped-def]
) -> None:
    _pretend_updated_from(demo_ctx, "0.0.9")
    other_root = tmp_path / "other-root.pem"
    other_root.write_bytes(pki.root_cert_pem)
    demo_ctx.config = dataclasses.replace(
        demo_ctx.config, trust=TrustConfig(anchors=(str(other_root),), revocation="soft-fail"),
        alerts=AlertsConfig(enabled=True))
    alerts.watch(demo_ctx)
    assert not selftest.run_selftest(demo_ctx, demo_pin).passed
    [incident] = register.list_incidents(demo_ctx)
    assert incident.type is register.IncidentType.CONFIG and incident.contained_at is not None
    [link] = incident.links
    assert link.kind == "entry" and link.entry == int(link.ref)
    with demo_ctx.database.reader() as session:
        [trigger] = entries_at(session, [int(link.ref)])
    assert trigger.type == EventType.SELFTEST_FAILED
    raised = [e["subject"]["alert"] for e in events(demo_ctx, EventType.ALERT_RAISED)]
    assert "selftest_failed" in raised and "incident_opened" in raised

    home = demo_ctx.paths.config_dir.parent
    cli = run_cli(home, "incident", "close", incident.name, "--root-cause", "wrong trust anchor")
    assert cli.returncode == 0, cli.stderr
    assert not register.get_incident(demo_ctx, incident.id).is_open
    again = run_cli(home, "incident", "close", incident.name, "--root-cause", "again")
    assert again.returncode == InputError.exit_code and "is closed" in again.stderr
