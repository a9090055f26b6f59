"""Issue 20, item 4: the audit log to a SIEM as RFC 5424 syslog and JSON Lines, from a cursor:
every entry arrives exactly once across a restart of the exporter (a new process), the entry
hash travels with it, a receiver that is down loses nothing, and a log rewritten under the
cursor stops the export instead of streaming another history."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from sealdesk.config import AlertsConfig, SiemConfig, save_config
from sealdesk.core.audit.events import EventType
from sealdesk.errors import RecordIntegrityError, StorageError
from sealdesk.services import alerts, siem
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag
from sealdesk.services.siem.syslog_format import syslog_message
from sealdesk.storage.audit.models import AuditEntry
from tests.incidents.support import run_cli
from tests.siem.receiver import syslog_receiver


def _log(ctx: AppContext) -> dict[int, str]:
    with ctx.database.reader() as session:
        return {int(i): bytes(h).hex() for i, h in session.execute(
            select(AuditEntry.idx, AuditEntry.entry_hash))}


def _some_events(ctx: AppContext, n: int, tag: str) -> None:
    for i in range(n):
        record_now(ctx, ctx.event(EventType.SETTINGS_CHANGED, {"settings": f"{tag}-{i}"},
                                  {"changed": ["console_id"]}))


def _wait_for(received, count: int) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 10
    while len(received.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_every_entry_arrives_exactly_once_across_a_restart(
    demo_ctx: AppContext, tmp_path: Path,
) -> None:
    ctx = demo_ctx
    jsonl = tmp_path / "siem" / "audit.jsonl"
    with syslog_receiver("tcp") as (port, received):
        ctx.config = dataclasses.replace(ctx.config, siem=SiemConfig(
            host="127.0.0.1", port=port, transport="tcp", jsonl_path=str(jsonl)),
            alerts=AlertsConfig(enabled=True))
        save_config(ctx.config, ctx.paths.config_file)
        alerts.watch(ctx)
        _some_events(ctx, 4, "first")
        first = siem.export_once(ctx)
        assert len(set(first.sent.values())) == 1, "both destinations got the same entries"
        _wait_for(received, min(first.sent.values()))

        _some_events(ctx, 5, "second")  # includes alert.raised events: alerts travel too
        home = ctx.paths.config_dir.parent
        again = run_cli(home, "siem", "export")  # a new process: the restart
        assert again.returncode == 0, again.stderr
        assert "sent" in again.stdout
        log = _log(ctx)
        _wait_for(received, len(log) - 1)
        nothing = run_cli(home, "siem", "export")
        assert nothing.returncode == 0 and "sent 0" in nothing.stdout, nothing.stdout
        time.sleep(0.2)
    indexes = received.indexes()
    assert sorted(indexes) == indexes, "in log order"
    assert len(indexes) == len(set(indexes)), "nothing twice"
    assert set(indexes) == set(range(max(indexes) + 1)), "nothing lost"
    assert all(received.hashes()[i] == log[i] for i in indexes), "the entry hash travels"
    assert set(indexes) == set(log), "the whole log, and the last run found nothing new"
    assert any(b"alert.raised" in m for m in received.messages)
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [r["index"] for r in records] == list(range(len(records)))
    assert all(r["entry_hash"] == log[r["index"]] for r in records)
    assert (jsonl.stat().st_mode & 0o777) == 0o600


def test_a_receiver_that_is_down_loses_nothing(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    _some_events(ctx, 2, "up")
    with syslog_receiver("tcp") as (port, before):
        sink = siem.sinks.SyslogSink("127.0.0.1", port, "tcp", hostname="console-1")
        first = siem.export_once(ctx, [sink]).positions[sink.name]
        _wait_for(before, first)
    _some_events(ctx, 3, "down")  # the receiver is down now: nobody listens on the port
    with pytest.raises(StorageError, match="cannot be reached"):
        siem.export_once(ctx, [sink])
    with syslog_receiver("tcp", port) as (_, after):
        done = siem.export_once(ctx, [sink])
        _wait_for(after, done.sent[sink.name])
    assert before.indexes() == list(range(first))
    assert after.indexes() == list(range(first, done.positions[sink.name])), "the rest, once"


def test_udp_messages_are_rfc5424(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    _some_events(ctx, 2, "udp")
    with syslog_receiver("udp") as (port, received):
        sink = siem.sinks.SyslogSink("127.0.0.1", port, "udp", hostname="console 1")
        done = siem.export_once(ctx, [sink])
        _wait_for(received, done.sent[sink.name])
    first = received.messages[0]
    assert first.startswith(b"<")
    header = first.split(b" [", 1)[0].decode()
    pri_version, timestamp, host, app, procid, msgid = header.split(" ")
    assert pri_version.endswith(">1") and 0 <= int(pri_version[1:-2]) < 192
    assert timestamp.endswith("Z") and host == "console1" and app == "sealdesk"
    assert procid == "-" and "." in msgid
    payload = first.split("\ufeff".encode(), 1)[1]
    assert json.loads(payload)["type"] == msgid
    crafted = syslog_message(7, b"\x01" * 32, b"\x02" * 32, json.dumps({
        "type": "settings.changed", "time": "2026-01-01T00:00:00.000000Z",
        "actor": 'eve"] [fake@1 idx="0"', "console_id": "c", "details": {}}).encode(),
        hostname="h", app_name="sealdesk")
    structured = crafted.split(b"\xef\xbb\xbf", 1)[0]
    assert b'actor="eve\\"\\] [fake@1 idx=\\"0\\""' in structured, "an actor cannot forge SD"


def test_a_log_rewritten_under_the_cursor_stops_the_export(
    demo_ctx: AppContext, tmp_path: Path,
) -> None:
    ctx = demo_ctx
    sink = siem.sinks.JsonlSink(tmp_path / "audit.jsonl")
    _some_events(ctx, 3, "before")
    position = siem.export_once(ctx, [sink]).positions[sink.name]
    with ctx.database.transaction() as session:  # the DBA's rewrite of an exported entry
        session.execute(update(AuditEntry).where(AuditEntry.idx == position - 1)
                        .values(entry_hash=b"\x00" * 32))
    with pytest.raises(RecordIntegrityError, match="rewritten"):
        siem.export_once(ctx, [siem.sinks.JsonlSink(tmp_path / "audit.jsonl")])


def test_follow_streams_new_entries_until_cancelled(demo_ctx: AppContext, tmp_path: Path) -> None:
    ctx = demo_ctx
    sink = siem.sinks.JsonlSink(tmp_path / "follow.jsonl")
    cancel = CancelFlag()
    worker = threading.Thread(target=siem.follow, args=(ctx, [sink]),
                              kwargs={"interval": 0.2, "cancel": cancel})
    worker.start()
    try:
        _some_events(ctx, 3, "live")
        deadline = time.monotonic() + 20
        wanted = set(_log(ctx))
        while time.monotonic() < deadline:
            lines = (tmp_path / "follow.jsonl").read_text().splitlines() \
                if (tmp_path / "follow.jsonl").exists() else []
            if {json.loads(line)["index"] for line in lines} >= wanted:
                break
            time.sleep(0.1)
    finally:
        cancel.cancel()
        worker.join(10)
    assert not worker.is_alive()
    indexes = [json.loads(line)["index"] for line in
               (tmp_path / "follow.jsonl").read_text().splitlines()]
    assert indexes == sorted(set(indexes)) and set(indexes) >= wanted
