"""Sealing in waves (issue 9): the streamed path, the original-prefix check, order, atomicity.

These pin down what the concurrent, group-committed sealing must keep from the one-by-one
version: every document's result and events in input order, all of a wave's records or none,
and an original that is exactly the sealed file's checked prefix (or a legacy separate copy).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing import intake
from sealdesk.core.sealing.sealer import Sealer
from sealdesk.errors import InputError, RecordIntegrityError, StorageError
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.verification import check_against_store
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.sealing.originals import extract_original
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.fixtures.independent import assert_pdfsig_valid, assert_pyhanko_trusted

HEADER_COMMENT_OFFSET = 11
"""A byte of the PDF's binary header comment: changing it keeps the file a valid PDF."""


def _events(ctx: AppContext) -> list[AuditEntry]:
    with ctx.database.reader() as session:
        return list(session.execute(select(AuditEntry).order_by(AuditEntry.idx)).scalars())


def _seals(ctx: AppContext) -> list[Seal]:
    with ctx.database.reader() as session:
        return list(session.execute(select(Seal)).scalars())


def _store_objects(ctx: AppContext) -> list[Path]:
    return [p for p in ctx.store.objects.rglob("*") if p.is_file()]


def _names(entries: list[AuditEntry], kind: EventType) -> list[str]:
    return [json.loads(e.payload)["details"]["name"] for e in entries
            if e.event_type == str(kind)]


def test_streamed_documents_are_sealed_valid_and_begin_with_their_original(
    demo_ctx: AppContext, demo_pin: str, pdf_factory: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the memory limit at zero every document takes the large-file path."""
    monkeypatch.setattr(intake, "MEMORY_LIMIT", 0)
    files = [pdf_factory(f"scan-{i}", pages=3) for i in range(3)]
    batch = seal_documents(demo_ctx, files, demo_pin)
    assert batch.ok and batch.count(Outcome.SEALED) == 3
    for source, result in zip(files, batch.results, strict=True):
        assert result.stored_path is not None
        assert result.stored_path.read_bytes().startswith(source.read_bytes())
        assert demo_ctx.store.verify(result.sealed_sha256)
        assert_pdfsig_valid(result.stored_path)
        assert_pyhanko_trusted(result.stored_path, demo_ctx.trust_anchors()[0])
    assert demo_ctx.store.staged_files() == []


def _write_to_source_before_sealing(monkeypatch: pytest.MonkeyPatch, victim: Path) -> None:
    """Another program writes ``victim`` after intake has hashed it, just before the seal."""
    original_seal = Sealer.async_seal

    async def seal_after_a_write(self: Sealer, source: Any, *args: Any) -> Any:
        if source.facts.path == victim:
            with victim.open("r+b") as handle:
                handle.seek(HEADER_COMMENT_OFFSET)
                handle.write(b"\x01")
        return await original_seal(self, source, *args)

    monkeypatch.setattr(Sealer, "async_seal", seal_after_a_write)


def test_a_streamed_source_changed_while_sealing_is_refused_and_nothing_is_kept(
    demo_ctx: AppContext, demo_pin: str, pdf_factory: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large document is read from disk again while sealed: if it changed since intake, the
    sealed output does not begin with the checked original, so it is refused and audited."""
    monkeypatch.setattr(intake, "MEMORY_LIMIT", 0)
    victim, untouched = pdf_factory("changing"), pdf_factory("steady")
    _write_to_source_before_sealing(monkeypatch, victim)
    batch = seal_documents(demo_ctx, [victim, untouched], demo_pin)

    changed, steady = batch.results
    assert changed.outcome is Outcome.FAILED and isinstance(changed.error, InputError)
    assert "changed while it was being sealed" in changed.error.message
    assert batch.stopped_by is None
    assert steady.outcome is Outcome.SEALED  # an input problem does not stop the batch
    assert [s.sealed_sha256 for s in _seals(demo_ctx)] == [steady.sealed_sha256]
    assert _store_objects(demo_ctx) == [demo_ctx.store.path_of(steady.sealed_sha256)]
    assert demo_ctx.store.staged_files() == []
    assert _names(_events(demo_ctx), EventType.DOCUMENT_SEAL_FAILED) == ["changing.pdf"]
    assert verify_log(demo_ctx).ok


def test_an_in_memory_source_is_sealed_from_the_bytes_intake_checked(
    demo_ctx: AppContext, demo_pin: str, pdf_factory: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A small document is held in memory from intake on: a later write to the file cannot
    reach the seal, which begins with the bytes whose hash is recorded."""
    victim = pdf_factory("changing")
    checked = victim.read_bytes()
    _write_to_source_before_sealing(monkeypatch, victim)
    result = seal_documents(demo_ctx, [victim], demo_pin).results[0]

    assert result.outcome is Outcome.SEALED and result.stored_path is not None
    assert victim.read_bytes() != checked
    assert result.stored_path.read_bytes().startswith(checked)
    assert demo_ctx.store.verify(result.sealed_sha256)
    assert check_against_store(demo_ctx, result.stored_path, result.sealed_sha256).problems == ()


def test_a_mixed_wave_reports_and_records_in_input_order(
    demo_ctx: AppContext, demo_pin: str, pdf_factory: Any, tmp_path: Path,
) -> None:
    """A wave mixing a refused file, a duplicate within the wave and a document sealed before
    gives one result per input, in order, and audit events in that same order."""
    known = pdf_factory("known")
    assert seal_documents(demo_ctx, [known], demo_pin).ok
    before = len(_events(demo_ctx))

    first, second = pdf_factory("first"), pdf_factory("second")
    copy = tmp_path / "copy-of-first.pdf"
    copy.write_bytes(first.read_bytes())
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a PDF\n")
    files = [first, broken, known, copy, second]
    batch = seal_documents(demo_ctx, files, demo_pin)

    assert [r.source for r in batch.results] == files
    assert [r.outcome for r in batch.results] == [
        Outcome.SEALED, Outcome.FAILED, Outcome.ALREADY_SEALED, Outcome.ALREADY_SEALED,
        Outcome.SEALED]  # the copy is sealed once, as if it had come after the wave
    assert isinstance(batch.results[1].error, InputError)
    assert batch.results[3].sealed_sha256 == batch.results[0].sealed_sha256  # sealed once
    assert batch.stopped_by is None

    new = [e for e in _events(demo_ctx)[before:]
           if e.event_type.startswith("document.")]
    kinds = [(e.event_type, json.loads(e.payload)["details"].get("name")) for e in new]
    assert kinds == [
        (str(EventType.DOCUMENT_LOADED), "first.pdf"),
        (str(EventType.DOCUMENT_SEALED), "first.pdf"),
        (str(EventType.DOCUMENT_SEAL_FAILED), "broken.pdf"),
        (str(EventType.DOCUMENT_LOADED), "second.pdf"),
        (str(EventType.DOCUMENT_SEALED), "second.pdf"),
    ]
    assert len(_seals(demo_ctx)) == 3 and verify_log(demo_ctx).ok


def test_a_wave_commits_all_of_its_records_or_none(
    demo_ctx: AppContext, demo_pin: str, pdf_factory: Any,
) -> None:
    """The database refuses the third seal row of a wave: none of the wave's documents, seals
    or events stay, no sealed file is left in the store, and a rerun seals them all."""
    files = [pdf_factory(f"part-{i}") for i in range(4)]
    database_file = demo_ctx.database.engine.url.database
    assert database_file is not None
    with sqlite3.connect(database_file) as connection:
        connection.execute(
            "CREATE TRIGGER refuse_third_seal BEFORE INSERT ON seals "
            "WHEN (SELECT count(*) FROM seals) >= 2 "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    before = _events(demo_ctx)

    batch = seal_documents(demo_ctx, files, demo_pin)

    assert [r.outcome for r in batch.results] == [Outcome.FAILED] * 4
    assert isinstance(batch.stopped_by, StorageError)
    assert "Run the operation again" in (batch.stopped_by.hint or "")
    assert _seals(demo_ctx) == [] and _store_objects(demo_ctx) == []
    assert demo_ctx.store.staged_files() == []
    after = _events(demo_ctx)[len(before):]
    assert not [e for e in after if e.event_type in (str(EventType.DOCUMENT_SEALED),
                                                     str(EventType.DOCUMENT_LOADED))]
    assert _names(after, EventType.DOCUMENT_SEAL_FAILED) == [f.name for f in files]
    assert verify_log(demo_ctx).ok

    with sqlite3.connect(database_file) as connection:
        connection.execute("DROP TRIGGER refuse_third_seal")
    again = seal_documents(demo_ctx, files, demo_pin)
    assert again.ok and again.count(Outcome.SEALED) == 4
    assert len(_seals(demo_ctx)) == 4 and verify_log(demo_ctx).ok


def test_legacy_original_copies_are_checked_and_used(
    demo_ctx: AppContext, demo_pin: str, pdf_factory: Any, tmp_path: Path,
) -> None:
    """Installations sealed before issue 9 also stored each original on its own: verify checks
    such a copy, and getting the original back uses it, falling back to the sealed prefix."""
    source = pdf_factory("deed")
    result = seal_documents(demo_ctx, [source], demo_pin).results[0]
    assert result.stored_path is not None
    demo_ctx.store.put_file(source, result.sha256)  # what an older version kept
    legacy = demo_ctx.store.path_of(result.sha256)
    wanted = {"sha256": result.sha256, "size": source.stat().st_size,
              "sealed_sha256": result.sealed_sha256, "name": source.name}

    assert check_against_store(demo_ctx, result.stored_path, result.sealed_sha256).problems == ()

    sealed_bytes = result.stored_path.read_bytes()
    result.stored_path.chmod(0o600)
    result.stored_path.write_bytes(b"")  # the sealed file is gone: the legacy copy serves
    out = extract_original(demo_ctx, **wanted, target=tmp_path / "a" / "deed.pdf")
    assert out.read_bytes() == source.read_bytes()
    result.stored_path.write_bytes(sealed_bytes)

    legacy.chmod(0o600)
    legacy.write_bytes(legacy.read_bytes().replace(b"Contents of deed", b"Contents of DEED"))
    problems = check_against_store(demo_ctx, result.stored_path, result.sealed_sha256).problems
    assert problems == ("the stored original is damaged",)
    out = extract_original(demo_ctx, **wanted, target=tmp_path / "b" / "deed.pdf")
    assert out.read_bytes() == source.read_bytes()  # from the sealed file's checked prefix

    result.stored_path.write_bytes(b"%PDF-1.7 something else entirely")
    with pytest.raises(RecordIntegrityError, match="missing or damaged"):
        extract_original(demo_ctx, **wanted, target=tmp_path / "c" / "deed.pdf")
    assert not (tmp_path / "c" / "deed.pdf").exists()  # nothing half-written
