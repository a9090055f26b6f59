"""Issue 8, item 6: hostile and broken inputs are refused quickly, clearly, and nothing is kept.

Each case goes through the whole sealing service (intake first): a clear InputError on the
document, the batch goes on with the next document, no file and no seal is left for it."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from sealdesk.core.sealing.intake import inspect_pdf
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.incidents.pdf_inputs import huge_pdf, stalling_pdf
from tests.incidents.support import leftovers, seals

HUGE = 512 * 1024 * 1024


def _cases(folder: Path, pdf_factory) -> dict[str, tuple[Path, str]]:  # type: ignore[no-untyped-def]
    valid = pdf_factory("valid", pages=2).read_bytes()
    cases: dict[str, tuple[Path, str]] = {}

    def write(name: str, data: bytes, expected: str) -> None:
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        cases[name] = (path, expected)

    write("zero-byte", b"", "is empty (0 bytes)")
    write("not-a-pdf", b"PK\x03\x04 a zip file, not a PDF" * 20, "is not a PDF document")
    write("truncated", valid[: len(valid) // 2], "damaged")
    write("malformed", valid.replace(b"/Root", b"/Rxxt"), "damaged")  # no document catalog
    write("no-pages", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n"
          b"0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n"
          b"startxref\n48\n%%EOF\n", "damaged")
    encrypted = folder / "encrypted.pdf"
    subprocess.run(["qpdf", "--encrypt", "u", "o", "256", "--", str(pdf_factory("plain")),
                    str(encrypted)], check=True)
    cases["encrypted"] = (encrypted, "is encrypted (password protected)")
    fifo = folder / "fifo.pdf"
    os.mkfifo(fifo)
    cases["fifo"] = (fifo, "not a regular file")
    link = folder / "link-to-fifo.pdf"
    link.symlink_to(fifo)
    cases["symlink-to-fifo"] = (link, "link to something that is not a regular file")
    dangling = folder / "dangling.pdf"
    dangling.symlink_to(folder / "gone.pdf")
    cases["dangling-symlink"] = (dangling, "link to something that is not a regular file")
    cases["directory"] = (folder, "not a regular file")
    cases["device"] = (Path("/dev/zero"), "not a regular file")
    return cases


def test_each_bad_input_is_refused_clearly_and_the_batch_goes_on(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    cases = _cases(folder, pdf_factory)
    good = pdf_factory("good")
    files = [path for path, _ in cases.values()] + [good]
    started = time.monotonic()
    batch = seal_documents(demo_ctx, files, demo_pin, export_dir=tmp_path / "out")
    assert time.monotonic() - started < 120, "no input may stall the batch"
    by_path = {r.source: r for r in batch.results}
    for name, (path, expected) in cases.items():
        result = by_path[path]
        assert result.outcome == Outcome.FAILED, name
        assert isinstance(result.error, InputError), (name, result.error)
        assert expected in result.error.message, (name, result.error.message)
        assert result.error.hint, name
    assert by_path[good].outcome == Outcome.SEALED
    assert batch.stopped_by is None, "a bad document never stops the batch"
    assert len(seals(demo_ctx)) == 1 and not leftovers(demo_ctx)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.sealed.pdf"]


def test_a_fifo_never_blocks_even_if_swapped_in_after_the_check(tmp_path: Path) -> None:
    fifo = tmp_path / "late.pdf"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: _capture(outcome, fifo), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "intake blocked on a FIFO"
    assert isinstance(outcome[0], InputError)


def _capture(outcome: list[BaseException], path: Path) -> None:
    try:
        inspect_pdf(path)
    except BaseException as exc:
        outcome.append(exc)


def test_a_huge_pdf_is_streamed_not_loaded(tmp_path: Path) -> None:
    path = huge_pdf(tmp_path / "huge.pdf", HUGE)
    assert path.stat().st_size > HUGE
    tracemalloc.start()
    try:
        started = time.monotonic()
        facts = inspect_pdf(path)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert facts.page_count == 1 and facts.size == path.stat().st_size
    assert peak < 64 * 1024 * 1024, f"intake held {peak / 1e6:.0f} MB in memory"
    assert elapsed < 60
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2 * 1024 * 1024  # < 2 GB KiB


def test_a_huge_file_that_is_not_a_pdf_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.bin.pdf"
    with path.open("wb") as out:
        out.truncate(HUGE)
    started = time.monotonic()
    with pytest.raises(InputError, match="not a PDF document"):
        inspect_pdf(path)
    assert time.monotonic() - started < 5, "refused from its header, without reading it all"


@pytest.mark.parametrize("zeros", [HUGE, 20 * 1024 * 1024], ids=["512MB", "20MB"])
def test_a_file_made_to_stall_the_reader_is_stopped(tmp_path: Path, zeros: int) -> None:
    path = stalling_pdf(tmp_path / "stall.pdf", zeros)
    started = time.monotonic()
    with pytest.raises(InputError) as refused:
        inspect_pdf(path, timeout=2)
    assert time.monotonic() - started < 30
    assert "could not be read as a PDF within 2 seconds" in refused.value.message
    time.sleep(1.5)
    assert not [t for t in threading.enumerate() if t.name.startswith("bounded")], (
        "the stopped parse must not keep running")
