"""Issue 8, item 2: a full disk, for real (a 2 MB tmpfs): "the disk is full", nothing partial,
and after space is freed the same batch completes without sealing anything twice."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sealdesk.config import StorageConfig
from sealdesk.errors import StorageError
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.documents.blobstore import BlobStore
from tests.incidents.support import leftovers, seals

SIZE = "2m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for this test (root only; skipped where mounting is not allowed)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs",
                              str(mount_point)], capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path, leave_bytes: int) -> Path:
    """Fill ``disk`` up to ``leave_bytes`` of free space; returns the filler to delete later."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave_bytes))
    return filler


def test_store_on_a_full_disk(demo_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
                              small_disk: Path) -> None:
    demo_ctx.store = BlobStore(small_disk / "store").ensure()
    files = [pdf_factory(f"minutes-{i}") for i in range(3)]
    filler = _fill(small_disk, leave_bytes=12 * 1024)  # the originals fit, a sealed copy not
    batch = seal_documents(demo_ctx, files, demo_pin)
    assert isinstance(batch.stopped_by, StorageError)
    assert batch.stopped_by.message == "The disk is full (writing the sealed document)."
    assert "nothing partial was kept" in batch.stopped_by.hint
    assert batch.results[0].outcome == Outcome.FAILED
    assert not seals(demo_ctx) and not leftovers(demo_ctx), "no partial file, no seal"

    filler.unlink()
    again = seal_documents(demo_ctx, files, demo_pin)
    assert again.ok and again.count(Outcome.SEALED) == 3
    assert len(seals(demo_ctx)) == 3
    for result in again.results:
        assert demo_ctx.store.verify(result.sealed_sha256)
    assert verify_log(demo_ctx).ok


def test_database_on_a_full_disk(demo_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
                                 small_disk: Path) -> None:
    config = dataclasses.replace(demo_ctx.config, storage=StorageConfig(
        database_url=f"sqlite:///{small_disk / 'sealdesk.db'}", store_dir=str(small_disk / "s")))
    ctx = AppContext.open(demo_ctx.paths, config=config)
    try:
        files = [pdf_factory(f"ledger-{i}") for i in range(2)]
        filler = _fill(small_disk, leave_bytes=0)
        with pytest.raises(StorageError) as failed:
            seal_documents(ctx, files, demo_pin)  # not even the login can be recorded
        assert "full" in failed.value.message
        assert not seals(ctx) and not leftovers(ctx)

        filler.unlink()
        again = seal_documents(ctx, files, demo_pin)
        assert again.ok and again.count(Outcome.SEALED) == 2
        assert verify_log(ctx).ok, "the failed writes left no trace in the log's chain"
    finally:
        ctx.close()
