"""Exporting: by hash, prefix, file or period; a fresh checkpoint first; the export recorded."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.core.evidence import verify_bundle
from sealdesk.errors import InputError
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.evidence.conftest import Installation


def _manifest(bundle: Path) -> dict:  # type: ignore[type-arg]
    with zipfile.ZipFile(bundle) as archive:
        return json.loads(archive.read("manifest.json"))


def test_export_by_hash_prefix_and_period_records_the_export(
        own_ctx: AppContext, installation: Installation, tmp_path: Path) -> None:
    with own_ctx.database.reader() as session:
        seals = list(session.execute(select(Seal).order_by(Seal.id)).scalars())
    first = seals[0].sealed_sha256
    one = export_bundle(own_ctx, Selection(hashes=(first[:12],)), tmp_path / "one.zip",
                        DEMO_PIN)
    manifest = _manifest(one.path)
    assert [d["sealed_sha256"] for d in manifest["documents"]] == [first]
    sealed_entry = seals[0].audit_index
    assert sealed_entry in manifest["documents"][0]["entries"]
    assert manifest["checkpoint"]["tree_size"] > max(e["index"] for e in manifest["entries"])
    assert verify_bundle(one.path).ok

    now = dt.datetime.now(dt.UTC)
    period = export_bundle(own_ctx, Selection(since=now - dt.timedelta(days=1), until=now),
                           tmp_path / "period.zip", DEMO_PIN)
    assert period.documents == 2 and verify_bundle(period.path).ok
    with own_ctx.database.reader() as session:
        exported = list(session.execute(select(AuditEntry).where(
            AuditEntry.event_type == EventType.EVIDENCE_EXPORTED.value)).scalars())
    assert len(exported) == 3  # the session bundle, and these two
    details = json.loads(exported[-1].payload)["details"]
    assert details["manifest_sha256"] == period.manifest_sha256
    assert details["documents"] == [s.sealed_sha256 for s in seals]
    assert not list(tmp_path.glob(".*.part"))  # written through a temp file and renamed


def test_unknown_or_ambiguous_selections_are_refused(own_ctx: AppContext,
                                                     tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No sealed document"):
        export_bundle(own_ctx, Selection(hashes=("ab" * 32,)), tmp_path / "x.zip", DEMO_PIN)
    with pytest.raises(InputError, match="not a SHA-256"):
        export_bundle(own_ctx, Selection(hashes=("xyz",)), tmp_path / "x.zip", DEMO_PIN)
    with pytest.raises(InputError, match="Nothing to export"):
        export_bundle(own_ctx, Selection(), tmp_path / "x.zip", DEMO_PIN)
    long_ago = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(InputError, match="No document was sealed in that period"):
        export_bundle(own_ctx, Selection(since=long_ago, until=long_ago + dt.timedelta(1)),
                      tmp_path / "x.zip", DEMO_PIN)
    assert not (tmp_path / "x.zip").exists()
