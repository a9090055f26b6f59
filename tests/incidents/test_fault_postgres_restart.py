"""Issue 8, item 2: PostgreSQL restarted in the middle of a batch (every connection dropped).

Connections are checked before use (``pool_pre_ping``), so the batch either goes on with fresh
connections or stops with a clear StorageError; either way running it again completes it, and
no document is sealed twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sealdesk.errors import StorageError
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.sealing.wave import WAVE_DOCUMENTS
from sealdesk.storage.documents.models import Document, Seal
from tests.incidents.support import leftovers, seals

pytestmark = pytest.mark.postgres


def test_postgres_restart_mid_batch_loses_and_duplicates_nothing(
    pg_ctx: AppContext, demo_pin: str, pdf_factory, postgres_server,  # type: ignore[no-untyped-def]
) -> None:
    wave = WAVE_DOCUMENTS
    files = [pdf_factory(f"deed-{i}") for i in range(2 * wave + 2)]
    restarted: list[int] = []

    def progress(done: int, _total: int, _name: str) -> None:
        # Progress comes per staged document: wave + 1 is in the middle of the second wave.
        if done in (wave + 1, 2 * wave + 1) and done not in restarted:
            restarted.append(done)
            postgres_server.restart()

    batch = seal_documents(pg_ctx, files, demo_pin, progress=progress)
    # The second restart only if the batch went on after the first.
    assert restarted in ([wave + 1, 2 * wave + 1], [wave + 1])
    if batch.stopped_by is not None:  # allowed: a clear error, then a rerun finishes the job
        assert isinstance(batch.stopped_by, StorageError), batch.stopped_by
        assert "database" in batch.stopped_by.message
    assert batch.count(Outcome.SEALED) >= wave
    assert not leftovers(pg_ctx)

    again = seal_documents(pg_ctx, files, demo_pin)
    assert again.ok
    assert again.count(Outcome.ALREADY_SEALED) == batch.count(Outcome.SEALED)
    assert len(seals(pg_ctx)) == len(files), "every document sealed exactly once"
    with pg_ctx.database.reader() as session:
        sealed = set(session.execute(select(Document.sha256).join(Seal)).scalars())
    assert sealed == {r.sha256 for r in again.results}
    report = verify_log(pg_ctx)
    assert report.ok, report.summary()
