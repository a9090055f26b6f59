"""Four processes appending at once to one database: one linear chain, nothing lost or doubled."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from sealdesk.core.audit.merkle import CompactRange
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache
from sealdesk.services.audit.report import CheckpointTrust
from sealdesk.services.audit.verify import verify_database
from sealdesk.storage.audit.repo import frontier_of
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import upgrade_schema

WRITERS = 4
EACH = 80  # 320 entries: more than one 256-leaf block, so subtree rows are written under load
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'shared.db'}"


def test_concurrent_appenders_make_one_chain(database_url: str, tmp_path: Path) -> None:
    database = Database(create_database_engine(database_url))
    upgrade_schema(database)
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.audit.appender", database_url, f"w{n}", str(EACH),
             str(go)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-w{n}").exists() for n in range(WRITERS)):
        assert time.monotonic() < deadline, "the appenders never became ready"
        time.sleep(0.01)
    go.touch()
    spans = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
        spans.append([float(t) for t in out.split()])
    assert max(s for s, _ in spans) < min(e for _, e in spans), "the writers did not overlap"

    with database.engine.connect() as conn:
        entries = conn.execute(text(
            "SELECT idx, entry_hash, payload FROM audit_entries ORDER BY idx")).all()
        head = conn.execute(text("SELECT size, head_hash, frontier FROM audit_head")).one()
        subtrees = conn.execute(text(
            "SELECT level, idx, hash FROM audit_subtrees ORDER BY level, idx")).all()
    assert [e.idx for e in entries] == list(range(WRITERS * EACH))  # no gap, no duplicate
    written = Counter((p["actor"], p["details"]["n"]) for p in
                      (json.loads(bytes(e.payload)) for e in entries))
    assert set(written.values()) == {1}
    assert len(written) == WRITERS * EACH  # nothing lost

    hashes = [bytes(e.entry_hash) for e in entries]
    expected = CompactRange()
    expected.extend(hashes)
    assert head.size == len(hashes) and bytes(head.head_hash) == hashes[-1]
    assert frontier_of(head.size, head.frontier).hashes == expected.hashes
    cache = InMemorySubtreeCache.from_leaf_hashes(hashes)
    assert [(r.level, r.idx, bytes(r.hash)) for r in subtrees] == [
        (r.level, r.index, r.hash) for r in cache.rows()]

    report = verify_database(database, CheckpointTrust())
    assert report.ok, report.summary()
    assert report.entries_checked == WRITERS * EACH
    database.dispose()
