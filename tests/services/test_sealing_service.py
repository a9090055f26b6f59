"""The sealing use case end to end: demo token, store, database, audit log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.errors import PinLockedError, WrongPinError
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.recovery import recover
from sealdesk.services.progress import CancelFlag
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.fixtures.independent import (
    assert_pdfsig_valid,
    assert_pyhanko_trusted,
    assert_qpdf_clean,
)


def _events(ctx: AppContext, kind: EventType) -> list[AuditEntry]:
    with ctx.database.reader() as session:
        return list(session.execute(
            select(AuditEntry).where(AuditEntry.event_type == str(kind))).scalars())


def test_seals_validate_independently_and_are_audited(demo_ctx: AppContext, demo_pin: str,  # type: ignore[no-untyped-def]
                                                     pdf_factory, tmp_path: Path) -> None:
    files = [pdf_factory(f"doc{i}") for i in range(3)]
    batch = seal_documents(demo_ctx, files, demo_pin, export_dir=tmp_path / "out")
    assert batch.ok and batch.count(Outcome.SEALED) == 3
    root = demo_ctx.trust_anchors()[0]
    for result in batch.results:
        assert result.exported_path is not None and result.stored_path is not None
        assert result.exported_path.read_bytes() == result.stored_path.read_bytes()
        assert_pdfsig_valid(result.exported_path)
        assert_qpdf_clean(result.exported_path)
        assert_pyhanko_trusted(result.exported_path, root)
    sealed_events = _events(demo_ctx, EventType.DOCUMENT_SEALED)
    assert len(sealed_events) == 3
    with demo_ctx.database.reader() as session:
        seals = list(session.execute(select(Seal)).scalars())
    assert {s.audit_index for s in seals} == {e.idx for e in sealed_events}
    assert len(_events(demo_ctx, EventType.TOKEN_LOGIN_SUCCEEDED)) == 1


def test_batch_of_100_one_login_cancel_and_resume(demo_ctx: AppContext, demo_pin: str,  # type: ignore[no-untyped-def]
                                                 pdf_factory) -> None:
    files = [pdf_factory(f"record-{i:03}") for i in range(100)]
    cancel = CancelFlag()

    def progress(done: int, _total: int, _name: str) -> None:
        if done >= 50:
            cancel.cancel()

    first = seal_documents(demo_ctx, files, demo_pin, progress=progress, cancel=cancel)
    assert first.cancelled
    sealed = first.count(Outcome.SEALED)
    assert 50 <= sealed < 100  # documents already running when cancelled are finished
    assert [r.outcome for r in first.results] == (
        [Outcome.SEALED] * sealed + [Outcome.NOT_STARTED] * (100 - sealed))
    assert demo_ctx.store.staged_files() == [], "no partial file may remain"
    objects = [p for p in demo_ctx.store.objects.rglob("*") if p.is_file()]
    assert len(objects) == sealed  # the sealed outputs (each begins with its original)
    for result in first.results[:sealed]:
        assert demo_ctx.store.verify(result.sealed_sha256)
        assert result.stored_path is not None
        assert result.stored_path.read_bytes().startswith(result.source.read_bytes())

    second = seal_documents(demo_ctx, files, demo_pin)
    assert second.ok
    assert second.count(Outcome.ALREADY_SEALED) == sealed
    assert second.count(Outcome.SEALED) == 100 - sealed
    assert len(_events(demo_ctx, EventType.DOCUMENT_SEALED)) == 100
    assert len(_events(demo_ctx, EventType.TOKEN_LOGIN_SUCCEEDED)) == 2  # one login per batch


def test_bad_inputs_are_reported_recorded_and_leave_nothing(demo_ctx: AppContext, demo_pin: str,  # type: ignore[no-untyped-def]
                                                           pdf_factory, tmp_path: Path) -> None:
    text = tmp_path / "notes.pdf"
    text.write_text("just text")
    good = pdf_factory("good")
    batch = seal_documents(demo_ctx, [text, good], demo_pin, export_dir=tmp_path / "out")
    outcomes = [r.outcome for r in batch.results]
    assert outcomes == [Outcome.FAILED, Outcome.SEALED]
    assert "not a PDF" in batch.results[0].error.message  # type: ignore[union-attr]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.sealed.pdf"]
    assert len(_events(demo_ctx, EventType.DOCUMENT_SEAL_FAILED)) == 1


def test_wrong_pin_seals_nothing_and_never_records_the_pin(demo_ctx: AppContext,  # type: ignore[no-untyped-def]
                                                          pdf_factory) -> None:
    with pytest.raises(WrongPinError):
        seal_documents(demo_ctx, [pdf_factory("doc")], "8642097")
    assert not _events(demo_ctx, EventType.DOCUMENT_SEALED)
    failed = _events(demo_ctx, EventType.TOKEN_LOGIN_FAILED)
    assert len(failed) == 1
    db_file = Path(demo_ctx.database.engine.url.database or "")
    demo_ctx.database.dispose()
    wal = Path(str(db_file) + "-wal")
    raw = db_file.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"8642097" not in raw
    with sqlite3.connect(db_file) as conn:
        dump = "\n".join(conn.iterdump())
    assert "8642097" not in dump


def test_locked_pin_is_refused_before_trying(demo_ctx: AppContext, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    """SoftHSM2 never locks a PIN; the p11shim tests cover the lock itself. Here: the message."""
    err = PinLockedError("The token's PIN is locked.", hint="Ask the security officer.")
    assert "security officer" in err.describe()


def test_recovery_promotes_committed_and_discards_uncommitted(demo_ctx: AppContext,  # type: ignore[no-untyped-def]
                                                             demo_pin: str, pdf_factory) -> None:
    batch = seal_documents(demo_ctx, [pdf_factory("kept")], demo_pin)
    sealed = batch.results[0]
    # Simulate a crash after commit, before promotion: move the stored file back to staging.
    staged = demo_ctx.store.staging / "crash.pdf"
    sealed.stored_path.rename(staged)  # type: ignore[union-attr]
    orphan = demo_ctx.store.staging / "orphan.pdf"
    orphan.write_bytes(b"%PDF-1.7 half written")
    report = recover(demo_ctx)
    assert report.promoted == [sealed.sealed_sha256]
    assert len(report.discarded) == 1
    assert demo_ctx.store.verify(sealed.sealed_sha256)
    assert demo_ctx.store.staged_files() == []
    assert len(_events(demo_ctx, EventType.RECOVERY_PERFORMED)) == 1
