"""Upgrading a 0001 database (log without Merkle state) to the current schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from sealdesk.core.audit.chain import GENESIS, make_entry
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.audit.merkle import CompactRange
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.report import CheckpointTrust
from sealdesk.services.audit.verify import verify_database
from sealdesk.storage.audit.repo import append_event, frontier_of
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import current_revision, head_revision, upgrade_schema

OLD_LOG = 700


def _event(i: int) -> AuditEvent:
    return AuditEvent(type=EventType.SETTINGS_CHANGED,
                      time=dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=i),
                      actor="alice", console_id="old-console", software_version="0.0.9",
                      subject={"setting": f"s{i}"}, details={"n": i})


def _old_database(url: str, entries: int) -> tuple[Database, list[bytes]]:
    """A database at revision 0001 holding ``entries`` entries, written as 0001 code did."""
    database = Database(create_database_engine(url))
    upgrade_schema(database, target="0001")
    prev, hashes = GENESIS, []
    with database.engine.begin() as conn:
        for i in range(entries):
            entry = make_entry(i, prev, _event(i))
            conn.execute(text(
                "INSERT INTO audit_entries (idx, prev_hash, entry_hash, payload, event_type, "
                "time, actor, subject) VALUES (:i, :p, :h, :d, 'settings.changed', :t, 'alice', "
                ":s)"), {"i": i, "p": entry.prev_hash, "h": entry.entry_hash,
                         "d": entry.payload_json, "t": _event(i).time, "s": f"s{i}"})
            prev = entry.entry_hash
            hashes.append(entry.entry_hash)
        conn.execute(text("UPDATE audit_head SET size = :s, head_hash = :h"),
                     {"s": entries, "h": prev})
    return database, hashes


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'old.db'}"


def test_upgrade_computes_merkle_state_for_an_existing_log(database_url: str) -> None:
    database, hashes = _old_database(database_url, OLD_LOG)
    assert verify_database(database, CheckpointTrust()).ok  # the verifier reads the old schema
    backup = upgrade_schema(database)
    assert current_revision(database) == head_revision()
    if database.is_sqlite:
        assert backup is not None and backup.name.endswith(".pre-0001.bak")
    with database.engine.connect() as conn:
        head = conn.execute(text("SELECT size, frontier FROM audit_head")).one()
        rows = conn.execute(text("SELECT level, idx, hash FROM audit_subtrees "
                                 "ORDER BY level, idx")).all()
    expected = CompactRange()
    expected.extend(hashes)
    assert frontier_of(head.size, head.frontier).hashes == expected.hashes
    cache = InMemorySubtreeCache.from_leaf_hashes(hashes)
    assert [(r.level, r.idx, bytes(r.hash)) for r in rows] == [
        (r.level, r.index, r.hash) for r in cache.rows()]
    # Appending continues the same tree, and the old entries are untouched evidence.
    with database.transaction() as session:
        for i in range(OLD_LOG, 2 * 256 * 2):
            append_event(session, _event(i))
    report = verify_database(database, CheckpointTrust())
    assert report.ok and report.entries_checked == 1024, report.summary()
    database.dispose()


def test_upgrade_refuses_a_log_with_missing_entries(tmp_path: Path) -> None:
    database, _ = _old_database(f"sqlite:///{tmp_path / 'old.db'}", 300)
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE idx = 42"))
    with pytest.raises(RecordIntegrityError, match="missing"):
        upgrade_schema(database)
    assert current_revision(database) == "0001"
    database.dispose()
