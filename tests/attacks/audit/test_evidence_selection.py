"""Attack: hide an event from an evidence bundle by editing its copied ``subject`` column.

Before the defence, evidence export picked events by that column, so one ``UPDATE`` dropped the
``document.sealed`` event from a bundle that still verified. Selection now rests on the hashed
payloads; the edit no longer changes the bundle, and ``audit verify`` names the entry.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import select, text

from sealdesk.core.evidence import verify_bundle
from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.storage.audit.query import AuditFilter, filtered_page
from sealdesk.storage.documents.models import Seal


def _entries(bundle: Path) -> list[int]:
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    return sorted(e["index"] for e in manifest["entries"])


def test_subject_column_edit_does_not_drop_the_event(own_ctx: AppContext,
                                                     tmp_path: Path) -> None:
    with own_ctx.database.reader() as session:
        seal = session.execute(select(Seal).order_by(Seal.id)).scalars().first()
        assert seal is not None
        sealed_sha, sealed_entry = seal.sealed_sha256, seal.audit_index
    before = export_bundle(own_ctx, Selection(hashes=(sealed_sha,)), tmp_path / "a.zip",
                           DEMO_PIN)
    assert sealed_entry in _entries(before.path)

    with own_ctx.database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET subject = 'nothing-to-see' WHERE idx = :i"),
                     {"i": sealed_entry})

    after = export_bundle(own_ctx, Selection(hashes=(sealed_sha,)), tmp_path / "b.zip",
                          DEMO_PIN)
    assert sealed_entry in _entries(after.path)
    assert verify_bundle(after.path).ok
    report = verify_log(own_ctx)
    assert [(f.kind, f.index) for f in report.findings] == [
        (FindingKind.COLUMN_ALTERED, sealed_entry)], report.summary()


def test_listed_rows_show_the_payload_and_flag_the_edit(own_ctx: AppContext) -> None:
    with own_ctx.database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'mallory' WHERE idx = 0"))
    with own_ctx.database.reader() as session:
        rows = filtered_page(session, AuditFilter(actor="mallory"), before=None, limit=10)
    assert [(r.index, r.columns_match) for r in rows] == [(0, False)]
    assert rows[0].actor != "mallory"
