"""Migration 0010 adds only ``log_cursors``: a database at 0006 with a log upgrades, keeps its
entries, and its existing log is read as-is (no incident yet, the SIEM cursor at 0)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select

from sealdesk.core.audit.events import EventType
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.register import load_incidents
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import append_event
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.incidents.cursors import read_cursor
from sealdesk.storage.schema import current_revision, head_revision, upgrade_schema


def test_upgrade_from_0006_adds_the_cursor_table_and_keeps_the_log(
        demo_ctx: AppContext, tmp_path: Path) -> None:
    old = Database(create_database_engine(f"sqlite:///{tmp_path / 'old.db'}"))
    upgrade_schema(old, target="0006")
    assert not inspect(old.engine).has_table("log_cursors")
    with old.transaction() as session:
        for n in range(3):
            append_event(session, demo_ctx.event(EventType.SETTINGS_CHANGED,
                                                 {"settings": str(n)}, {"n": n}))
    with old.reader() as session:
        before = list(session.execute(select(AuditEntry.idx, AuditEntry.entry_hash)))
    upgrade_schema(old)
    assert current_revision(old) == head_revision()
    assert inspect(old.engine).has_table("log_cursors")
    with old.reader() as session:
        assert list(session.execute(select(AuditEntry.idx, AuditEntry.entry_hash))) == before
        assert load_incidents(session) == {}
        assert read_cursor(session, "siem:jsonl:/x").position == 0
    old.dispose()
