"""Two consoles on one PostgreSQL database detect failures at the same moment: they agree on
one open incident per type (the head lock serializes the choice), both failures are linked,
and the log verifies. The SIEM cursor works there too."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sealdesk.services import siem
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register
from sealdesk.services.incidents.register import IncidentType, LinkKind, Trigger, attach_or_open

pytestmark = pytest.mark.postgres


def test_two_consoles_detecting_at_once_share_one_incident(
    pg_ctx: AppContext, tmp_path: Path,
) -> None:
    other = AppContext.open(pg_ctx.paths, config=pg_ctx.config)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def detect(ctx: AppContext, n: int) -> None:
        try:
            barrier.wait(10)
            with ctx.database.transaction() as session:
                attach_or_open(session, ctx, IncidentType.AVAILABILITY, "TSA down",
                               [Trigger(LinkKind.DOCUMENT, f"{n:064x}")], contained=True)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=detect, args=(pg_ctx if n % 2 else other, n))
               for n in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        other.close()
    assert errors == []
    [incident] = register.list_incidents(pg_ctx)
    assert {lk.ref for lk in incident.links} == {f"{n:064x}" for n in range(8)}
    assert verify_log(pg_ctx).ok

    sink = siem.sinks.JsonlSink(tmp_path / "pg.jsonl")
    first = siem.export_once(pg_ctx, [sink])
    assert siem.export_once(pg_ctx, [siem.sinks.JsonlSink(tmp_path / "pg.jsonl")]).sent == {
        sink.name: 0}
    assert first.sent[sink.name] == first.positions[sink.name]
