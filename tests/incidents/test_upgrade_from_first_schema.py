"""Issue 8, item 5: a database at the first schema (0001), full of evidence, upgrades to head
with a backup first, keeps every row of verification metadata, and still verifies."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from sealdesk.core.audit.events import EventType
from sealdesk.paths import app_paths
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import selftest
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import current_revision, head_revision, upgrade_schema
from tests.incidents.support import events, run_cli

TABLES_0001 = {
    "documents": "id, sha256, original_name, size, page_count, added_at, added_by",
    "seals": "id, document_id, policy_id, policy_json, sealed_sha256, sealed_size, field_name, "
             "certificate_sha256, key_label, level, operator, sealed_at, audit_index, status",
    "audit_entries": "idx, prev_hash, entry_hash, payload, event_type, time, actor, subject",
    "audit_checkpoints": "id, tree_size, root_hash, signed_payload, signature, algorithm, "
                         "certificate_der, created_at",
}


def _rows(database: Database) -> dict[str, list[tuple[object, ...]]]:
    with database.engine.connect() as conn:
        found = {t: [tuple(r) for r in conn.execute(text(f"SELECT {c} FROM {t} ORDER BY 1"))]
                 for t, c in TABLES_0001.items()}
        found["audit_head"] = [tuple(conn.execute(text(
            "SELECT size, head_hash FROM audit_head")).one())]
    return found


def _as_first_schema(source: Database, target_file: Path) -> None:
    """Copy every row into a new database at revision 0001, as 0001 code stored them."""
    old = Database(create_database_engine(f"sqlite:///{target_file}"))
    upgrade_schema(old, target="0001")
    rows = _rows(source)
    with old.engine.begin() as conn:
        for table, columns in TABLES_0001.items():
            names = [c.strip() for c in columns.split(",")]
            insert = text(f"INSERT INTO {table} ({columns}) VALUES "
                          f"({', '.join(':' + n for n in names)})")
            for row in rows[table]:
                conn.execute(insert, dict(zip(names, row, strict=True)))
        size, head_hash = rows["audit_head"][0]
        conn.execute(text("UPDATE audit_head SET size = :s, head_hash = :h"),
                     {"s": size, "h": head_hash})
    old.dispose()


def test_upgrade_from_0001_keeps_all_evidence_and_verifies(
    demo_ctx: AppContext, demo_pin: str, sealdesk_home: Path, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    files = [pdf_factory(f"archive-{i}") for i in range(3)]
    assert seal_documents(demo_ctx, files, demo_pin).ok
    before = _rows(demo_ctx.database)
    assert before["audit_checkpoints"], "the batch ended with a signed checkpoint"
    db_file = Path(demo_ctx.database.engine.url.database or "")
    demo_ctx.close()
    first = tmp_path / "first-schema.db"
    _as_first_schema(Database(create_database_engine(f"sqlite:///{db_file}")), first)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    shutil.copy2(first, db_file)

    ctx = AppContext.open(app_paths())  # the upgrade happens here, as on a real start
    try:
        assert current_revision(ctx.database) == head_revision()
        backup = db_file.with_name(f"{db_file.name}.pre-0001.bak")
        assert backup.is_file(), "the database is copied before it is migrated"
        assert _rows(ctx.database) == before, "no row of verification metadata changed"
        report = verify_log(ctx)
        assert report.ok and report.checkpoints >= 1, report.summary()
        assert selftest.status(ctx).required, "a database from before self-tests must self-test"
        assert selftest.run_selftest(ctx, demo_pin).passed
        again = seal_documents(ctx, files, demo_pin)
        assert again.count(Outcome.ALREADY_SEALED) == 3, "idempotency survives the upgrade"
        assert len(events(ctx, EventType.DOCUMENT_SEALED)) == 3
    finally:
        ctx.close()
    cli = run_cli(sealdesk_home, "audit", "verify")
    assert cli.returncode == 0, cli.stdout + cli.stderr
