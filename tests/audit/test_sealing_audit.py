"""Sealing and the audit log: one event per act, in the act's transaction, a checkpoint per batch,
and never a PIN."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from sealdesk.core.audit.events import EventType
from sealdesk.errors import WrongPinError
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.audit.audit_support import payload_texts

ODD_PIN = "97531864"


def _events(ctx: AppContext, kind: EventType) -> list[AuditEntry]:
    with ctx.database.reader() as session:
        return list(session.execute(
            select(AuditEntry).where(AuditEntry.event_type == str(kind)).order_by(AuditEntry.idx)
        ).scalars())


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_each_seal_has_exactly_one_event_and_each_batch_a_checkpoint(  # type: ignore[no-untyped-def]
    fresh_ctx: AppContext, demo_pin: str, pdf_factory, tmp_path: Path
) -> None:
    with pytest.raises(WrongPinError):
        seal_documents(fresh_ctx, [pdf_factory("refused")], ODD_PIN)
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf")
    files = [pdf_factory("a"), bad, pdf_factory("b"), pdf_factory("c")]
    batch = seal_documents(fresh_ctx, files, demo_pin)
    assert [r.outcome for r in batch.results] == [
        Outcome.SEALED, Outcome.FAILED, Outcome.SEALED, Outcome.SEALED]

    with fresh_ctx.database.reader() as session:
        seals = list(session.execute(select(Seal)).scalars())
        by_index = {e.idx: e for e in session.execute(select(AuditEntry)).scalars()}
    sealed_events = _events(fresh_ctx, EventType.DOCUMENT_SEALED)
    assert len(seals) == len(sealed_events) == 3
    for seal in seals:
        event = by_index[seal.audit_index]
        assert event.event_type == "document.sealed"
        payload = json.loads(event.payload)
        assert payload["subject"]["sealed_sha256"] == seal.sealed_sha256
    failed = _events(fresh_ctx, EventType.DOCUMENT_SEAL_FAILED)
    assert [json.loads(e.payload)["details"]["name"] for e in failed] == ["notes.pdf"]

    # The batch ended with a checkpoint covering everything before its own event.
    last = max(by_index)
    assert by_index[last].event_type == "checkpoint.created"
    with fresh_ctx.database.reader() as session:
        latest = checkpoint_repo.latest_checkpoint(session)
    assert latest is not None and latest.tree_size == last
    report = verify_log(fresh_ctx)
    assert report.ok and report.warnings == [], report.summary()

    # No PIN anywhere: not the refused one (anywhere in the database files), not the demo one
    # (as any string of any event; hashes may contain its digits by chance).
    for payload in payload_texts(fresh_ctx):
        assert ODD_PIN not in payload
        assert demo_pin not in _strings(json.loads(payload))
    fresh_ctx.database.dispose()
    db_file = Path(fresh_ctx.database.engine.url.database or "")
    raw = b"".join(p.read_bytes() for p in db_file.parent.glob(db_file.name + "*"))
    assert ODD_PIN.encode() not in raw


def test_a_seal_and_its_event_commit_together(  # type: ignore[no-untyped-def]
    fresh_ctx: AppContext, demo_pin: str, pdf_factory
) -> None:
    """The seal row cannot be written (a trigger fails): the event must not remain either."""
    with fresh_ctx.database.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER refuse_seal BEFORE INSERT ON seals "
                          "BEGIN INSERT INTO table_that_is_not_there VALUES (1); END"))
    batch = seal_documents(fresh_ctx, [pdf_factory("doomed")], demo_pin)
    assert batch.results[0].outcome is Outcome.FAILED
    assert _events(fresh_ctx, EventType.DOCUMENT_SEALED) == []
    assert _events(fresh_ctx, EventType.DOCUMENT_LOADED) == []
    assert len(_events(fresh_ctx, EventType.DOCUMENT_SEAL_FAILED)) == 1
    assert fresh_ctx.store.staged_files() == []
    assert verify_log(fresh_ctx).ok
