"""Issue 8, item 2: the database locked by another connection for longer than the (configured)
busy timeout: a clear StorageError, nothing half-written, and a rerun completes."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sealdesk.config import StorageConfig, save_config
from sealdesk.errors import StorageError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.sealing.wave import WAVE_DOCUMENTS
from tests.incidents.support import leftovers, run_cli, seals

BUSY_TIMEOUT = 0.4


@contextmanager
def locked(database_file: Path) -> Iterator[None]:
    """Another process's write transaction (BEGIN IMMEDIATE), held for the block."""
    holder = sqlite3.connect(database_file, isolation_level=None, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def quick_ctx(demo_ctx: AppContext) -> Iterator[AppContext]:
    """The demo installation with a short busy timeout (configurable; 30 s by default)."""
    config = dataclasses.replace(demo_ctx.config, storage=StorageConfig(
        busy_timeout_seconds=BUSY_TIMEOUT))
    save_config(config, demo_ctx.paths.config_file)
    ctx = AppContext.open(demo_ctx.paths, config=config)
    yield ctx
    ctx.close()


def _database_file(ctx: AppContext) -> Path:
    return Path(ctx.database.engine.url.database or "")


def test_locked_database_gives_a_clear_error_and_writes_nothing(
    quick_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    files = [pdf_factory(f"memo-{i}") for i in range(2)]
    assert seal_documents(quick_ctx, files[:1], demo_pin).ok
    with locked(_database_file(quick_ctx)):
        started = time.monotonic()
        with pytest.raises(StorageError) as busy:
            seal_documents(quick_ctx, files, demo_pin)
        waited = time.monotonic() - started
    assert busy.value.message == (
        "The database is busy (another console or process holds a lock).")
    assert "nothing was written" in busy.value.hint
    assert waited < 15, "the configured busy timeout bounds the wait"
    assert len(seals(quick_ctx)) == 1 and not leftovers(quick_ctx)

    again = seal_documents(quick_ctx, files, demo_pin)
    assert [r.outcome for r in again.results] == [Outcome.ALREADY_SEALED, Outcome.SEALED]
    assert verify_log(quick_ctx).ok


def test_lock_taken_mid_batch_stops_after_the_document_in_flight(
    quick_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    """The lock arrives while the batch runs: waves done stay done, the wave in flight is not
    committed (its staged files are removed), the rest are not started."""
    wave = WAVE_DOCUMENTS
    files = [pdf_factory(f"order-{i}") for i in range(2 * wave + 2)]
    holder: list[sqlite3.Connection] = []

    def progress(done: int, _total: int, _name: str) -> None:
        if done == wave + 1 and not holder:  # the first wave is committed, the second staging
            connection = sqlite3.connect(_database_file(quick_ctx), isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            holder.append(connection)

    try:
        batch = seal_documents(quick_ctx, files, demo_pin, progress=progress)
    finally:
        for connection in holder:
            connection.execute("ROLLBACK")
            connection.close()
    outcomes = [r.outcome for r in batch.results]
    assert outcomes == ([Outcome.SEALED] * wave + [Outcome.FAILED] * wave
                        + [Outcome.NOT_STARTED] * 2)
    assert isinstance(batch.stopped_by, StorageError)
    assert "busy" in batch.stopped_by.message
    assert len(seals(quick_ctx)) == wave and not leftovers(quick_ctx)
    again = seal_documents(quick_ctx, files, demo_pin)
    assert again.count(Outcome.ALREADY_SEALED) == wave
    assert again.count(Outcome.SEALED) == wave + 2
    assert len(seals(quick_ctx)) == len(files) and verify_log(quick_ctx).ok


def test_cli_database_busy_exit_code(quick_ctx: AppContext, sealdesk_home: Path,  # type: ignore[no-untyped-def]
                                     demo_pin: str, pdf_factory) -> None:
    with locked(_database_file(quick_ctx)):
        result = run_cli(sealdesk_home, "seal", str(pdf_factory("x")), pin=demo_pin)
    assert result.returncode == ExitCode.STORAGE, result.stdout + result.stderr
    assert "Error: The database is busy" in result.stderr
    assert "Traceback" not in result.stderr
