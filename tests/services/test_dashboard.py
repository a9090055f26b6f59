"""The Home dashboard's data, gathered from a real demo token and database, without widgets."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography import x509
from sqlalchemy import inspect, text

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.services.audit.log import record_now
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.console.dashboard import Level, gather_dashboard, start_of_day
from sealdesk.services.console.dashboard_queries import LoggedEvent
from sealdesk.services.console.dashboard_tiles import snapshot_tile
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.keys.models import ProposalRecord

NOW = dt.datetime.now(dt.UTC)


def seal_certificate_expiry(ctx: AppContext) -> dt.datetime:
    from sealdesk.core.token import TokenSelector, open_token_session

    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), None,
                            environment=cfg.environment) as token:
        der = token.certificate_der(cfg.seal_key_label)
    return x509.load_der_x509_certificate(der).not_valid_after_utc


def test_a_fresh_demo_installation(demo_ctx: AppContext) -> None:
    board = gather_dashboard(demo_ctx)
    assert [t.key for t in board.tiles] == [
        "token", "certificate", "activity", "revalidation", "chain", "maintenance", "rotation",
        "snapshot", "incidents", "alerts"]
    token = board.tile("token")
    assert (token.title, token.headline, token.level) == (
        "Token (demo)", "SealDesk Demo is ready", Level.OK)
    assert board.certificate_days_left is not None and board.certificate_days_left > 1000
    assert board.tile("certificate").level == Level.OK
    assert "SealDesk Demo Seal, issued by SealDesk Demo Root CA" in board.tile("certificate").detail
    assert (board.seals_today, board.failures_today) == (0, 0)
    assert board.tile("revalidation").headline == "Never run"
    assert board.tile("revalidation").detail == "Schedule: every 30 days."
    assert board.tile("chain").headline == "No checkpoint yet"
    assert board.sealing_enabled and board.tile("maintenance").headline == "Sealing enabled"
    assert board.open_proposals == 0 and board.notes == ()
    assert board.tile("incidents").headline == "No open incidents"
    assert board.tile("incidents").detail == "MTTR (30 days): no incident resolved."
    assert (board.tile("alerts").headline, board.alerts) == ("No alerts", ())


def test_seals_failures_checkpoint_and_chain_status(
    demo_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    batch = seal_documents(demo_ctx, [pdf_factory("a"), pdf_factory("b")], demo_pin)
    assert batch.count(Outcome.SEALED) == 2
    record_now(demo_ctx, demo_ctx.event(EventType.DOCUMENT_SEAL_FAILED, {"document": "c"},
                                        {"reason": "encrypted"}))
    verify_log(demo_ctx, record=True)
    board = gather_dashboard(demo_ctx)
    assert (board.seals_today, board.failures_today) == (2, 1)
    activity = board.tile("activity")
    assert activity.headline == "2 documents sealed" and activity.level == Level.WARNING
    chain = board.tile("chain")
    assert chain.headline.startswith("Checkpoint today ")
    assert "Chain intact when verified today" in chain.detail and chain.level == Level.OK

    recent = [(e.description, e.subject) for e in board.recent]
    assert recent[:2] == [("Selftest passed", "audit_log"), ("Document seal failed", "c")]
    assert ("Document sealed", "a.pdf") in recent  # the name, found through its hash
    assert ("Checkpoint created", next(e.subject for e in board.recent
                                       if e.type == "checkpoint.created")) in recent
    assert all(len(e.subject) <= 13 for e in board.recent if e.type == "checkpoint.created")

    tomorrow = gather_dashboard(demo_ctx, now=NOW + dt.timedelta(days=1))
    assert (tomorrow.seals_today, tomorrow.failures_today) == (0, 0)


def test_a_failed_chain_verification_is_red(demo_ctx: AppContext) -> None:
    record_now(demo_ctx, demo_ctx.event(EventType.SELFTEST_FAILED, {"check": "audit_log"},
                                        {"findings": 2}))
    chain = gather_dashboard(demo_ctx).tile("chain")
    assert chain.headline == "Chain verification FAILED" and chain.level == Level.DANGER
    assert "2 finding(s)" in chain.detail


@pytest.mark.parametrize(("days_before", "level"), [
    (120, Level.OK), (60, Level.INFO), (20, Level.WARNING), (5, Level.DANGER)])
def test_certificate_expiry_warnings_at_90_30_7_days(
    demo_ctx: AppContext, days_before: int, level: Level,
) -> None:
    expiry = seal_certificate_expiry(demo_ctx)
    board = gather_dashboard(demo_ctx, now=expiry - dt.timedelta(days=days_before, hours=1))
    tile = board.tile("certificate")
    assert board.certificate_days_left == days_before
    assert (tile.headline, tile.level) == (f"Expires in {days_before} days", level)
    assert ("Start a key rotation" in tile.detail) == (level in (Level.WARNING, Level.DANGER))


def test_an_expired_certificate(demo_ctx: AppContext) -> None:
    expiry = seal_certificate_expiry(demo_ctx)
    board = gather_dashboard(demo_ctx, now=expiry + dt.timedelta(days=1))
    assert board.tile("certificate").headline == "Expired"
    assert board.tile("certificate").level == Level.DANGER
    assert board.certificate_days_left is None


def test_revalidation_result_and_overdue_schedule(demo_ctx: AppContext) -> None:
    record_now(demo_ctx, demo_ctx.event(EventType.REVALIDATION_FINISHED, {"run": "1"},
                                        {"passed": 12, "failed": 0, "indeterminate": 1}))
    tile = gather_dashboard(demo_ctx).tile("revalidation")
    assert tile.headline.startswith("today ")
    assert tile.detail == "12 passed, 0 failed, 1 indeterminate. Schedule: every 30 days."
    assert tile.level == Level.WARNING
    late = gather_dashboard(demo_ctx, now=NOW + dt.timedelta(days=31)).tile("revalidation")
    assert "Overdue: Schedule: every 30 days." in late.detail


def test_revalidation_runs_table_is_preferred_when_it_exists(demo_ctx: AppContext) -> None:
    with demo_ctx.database.transaction() as session:
        if inspect(session.connection()).has_table("revalidation_runs"):
            pytest.skip("the real revalidation_runs table exists; its own tests cover it")
        session.execute(text("CREATE TABLE revalidation_runs (id INTEGER PRIMARY KEY, "
                             "finished_at TIMESTAMP, passed INTEGER, failed INTEGER)"))
        session.execute(text("INSERT INTO revalidation_runs (finished_at, passed, failed) "
                             "VALUES (:t, 40, 2)"), {"t": NOW.replace(tzinfo=None)})
    tile = gather_dashboard(demo_ctx).tile("revalidation")
    assert tile.detail.startswith("40 passed, 2 failed.") and tile.level == Level.DANGER


def test_maintenance_flag_from_the_audit_log(demo_ctx: AppContext) -> None:
    record_now(demo_ctx, demo_ctx.event(EventType.MAINTENANCE_ENABLED, {"console": "x"},
                                        {"reason": "Token firmware update."}))
    board = gather_dashboard(demo_ctx)
    tile = board.tile("maintenance")
    assert not board.sealing_enabled
    assert tile.headline == "Sealing stopped for maintenance" and tile.level == Level.WARNING
    assert tile.detail.endswith("Token firmware update.")
    record_now(demo_ctx, demo_ctx.event(EventType.MAINTENANCE_DISABLED, {"console": "x"}))
    assert gather_dashboard(demo_ctx).sealing_enabled


def test_open_rotation_proposals(demo_ctx: AppContext) -> None:
    def proposal(pid: str, status: str, expires: dt.timedelta) -> ProposalRecord:
        content = pid.encode()
        return ProposalRecord(
            id=pid, action="rotate_seal_key", content=content,
            content_sha256=hashlib.sha256(content).hexdigest(), status=status,
            created_at=NOW, expires_at=NOW + expires, proposer="alice", updated_at=NOW)

    with demo_ctx.database.transaction() as session:
        session.add_all([proposal("P-1", "proposed", dt.timedelta(days=3)),
                         proposal("P-2", "approved", dt.timedelta(days=1)),
                         proposal("P-3", "proposed", -dt.timedelta(days=1)),
                         proposal("P-4", "executed", dt.timedelta(days=3))])
    board = gather_dashboard(demo_ctx)
    tile = board.tile("rotation")
    assert board.open_proposals == 2 and tile.headline == "2 open proposals"
    assert tile.detail.startswith("P-1 rotate seal key (proposed); P-2 rotate seal key (approved)")


def test_token_missing_or_not_configured(demo_ctx: AppContext) -> None:
    demo_ctx.config = with_token(demo_ctx.config, label="Gone", serial="")
    tile = gather_dashboard(demo_ctx).tile("token")
    assert tile.level == Level.DANGER and tile.headline == "Token absent"
    assert "No token with label 'Gone'" in tile.detail
    demo_ctx.config = with_token(demo_ctx.config, module="", label="")
    board = gather_dashboard(demo_ctx)
    assert board.tile("token").headline == "No token configured"
    assert board.tile("certificate").headline == "Not available"


def test_today_starts_at_local_midnight() -> None:
    moment = dt.datetime(2024, 3, 14, 10, 30, tzinfo=dt.UTC)
    start = start_of_day(moment)
    assert start.tzinfo == dt.UTC and start <= moment < start + dt.timedelta(days=1)
    assert start.astimezone().hour == 0


def test_snapshot_tile_warns_when_none_or_stale() -> None:
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    assert snapshot_tile(None, now, 7).level == Level.WARNING
    fresh = LoggedEvent(1, EventType.SNAPSHOT_CREATED.value, now - dt.timedelta(days=2), "ops",
                        {"reason": "before the update"})
    assert snapshot_tile(fresh, now, 7).level == Level.OK
    assert "before the update" in snapshot_tile(fresh, now, 7).detail
    stale = LoggedEvent(1, EventType.SNAPSHOT_CREATED.value, now - dt.timedelta(days=9), "ops", {})
    assert snapshot_tile(stale, now, 7).level == Level.WARNING
    assert snapshot_tile(stale, now, 0).level == Level.OK


def test_open_incidents_the_oldest_and_mttr_of_30_days(demo_ctx: AppContext) -> None:
    first = register.open_incident(demo_ctx, "availability", "TSA unreachable")
    register.open_incident(demo_ctx, "config", "Wrong TSA URL after update")
    done = register.open_incident(demo_ctx, "availability", "Disk full")
    register.close_incident(demo_ctx, done, "Log rotation was off.")
    board = gather_dashboard(demo_ctx)
    tile = board.tile("incidents")
    assert board.open_incidents == 2
    assert (tile.headline, tile.level) == ("2 open incidents", Level.WARNING)
    assert tile.detail.startswith(f"Oldest: INC-{first} (availability, open ")
    assert "TSA unreachable." in tile.detail
    assert tile.detail.endswith(" over 1 resolved incident.")
    # a month later the closing falls out of the MTTR window
    later = gather_dashboard(demo_ctx, now=NOW + dt.timedelta(days=31)).tile("incidents")
    assert later.detail.endswith("MTTR (30 days): no incident resolved.")
    register.open_incident(demo_ctx, "security", "Seal key copied")
    assert gather_dashboard(demo_ctx).tile("incidents").level == Level.DANGER


def test_the_newest_alerts(demo_ctx: AppContext) -> None:
    for number, severity in enumerate(("warning", "critical", "warning")):
        record_now(demo_ctx, demo_ctx.event(
            EventType.ALERT_RAISED, {"alert": "failed_logins", "key": str(number)},
            {"severity": severity, "message": f"Alert number {number}."}))
    board = gather_dashboard(demo_ctx)
    tile = board.tile("alerts")
    assert [a.details["message"] for a in board.alerts] == [
        "Alert number 2.", "Alert number 1.", "Alert number 0."]
    assert (tile.headline, tile.level) == ("3 alerts in 24 hours", Level.DANGER)
    assert tile.detail.splitlines()[0].endswith("warning: Alert number 2.")
    quiet = gather_dashboard(demo_ctx, now=NOW + dt.timedelta(days=2)).tile("alerts")
    assert (quiet.headline, quiet.level) == ("No alerts in 24 hours", Level.OK)
    assert quiet.detail.endswith("warning: Alert number 2.")
