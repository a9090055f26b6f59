"""Issue 18, item 4: a hostile document costs only itself, never the batch.

Built byte by byte (tests/hostile/hostile_pdfs.py) and sealed with the demo's real SoftHSM2
token: arrays nested thousands deep that pyHanko only meets while it writes the seal
(RecursionError inside the signer), a page tree claiming 10^26 pages (once an audit payload
integer overflow that took the whole batch down with a traceback), and a page tree that loops.
Each fails alone with a clear InputError, its refusal is audited, nothing of it is stored, and
the good documents around it are sealed.
"""

from __future__ import annotations

import os
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing.intake import inspect_pdf
from sealdesk.errors import InputError
from sealdesk.exit_codes import ExitCode
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.hostile.hostile_pdfs import lying_count_pdf, nested_arrays_pdf, page_tree_loop_pdf
from tests.incidents.support import events, leftovers, run_cli, seals


def _hostile(folder: Path) -> dict[Path, str]:
    """Each hostile file and the words its refusal must contain."""
    return {
        nested_arrays_pdf(folder / "nested-annots.pdf", where="annots"):
            "nested too deeply to be processed safely (RecursionError)",
        nested_arrays_pdf(folder / "nested-page.pdf", where="page"): "RecursionError",
        lying_count_pdf(folder / "count-1e26.pdf"):
            "its page tree claims 100000000000000000000000000 pages but holds 1",
        page_tree_loop_pdf(folder / "loop.pdf"): "its page tree loops back on itself",
    }


def test_the_nested_arrays_reach_the_signer_not_only_intake(tmp_path: Path) -> None:
    """The attack is real: intake accepts the file, so only the signer can meet the nesting."""
    facts = inspect_pdf(nested_arrays_pdf(tmp_path / "n.pdf", where="annots"))
    assert facts.page_count == 1


def test_hostile_documents_fail_alone_and_the_batch_is_sealed(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    hostile = _hostile(folder)
    first, last = pdf_factory("first"), pdf_factory("last")
    files = [first, *hostile, last]
    batch = seal_documents(demo_ctx, files, demo_pin, export_dir=tmp_path / "out")
    by_path = {r.source: r for r in batch.results}
    for path, words in hostile.items():
        result = by_path[path]
        assert result.outcome is Outcome.FAILED, path.name
        assert isinstance(result.error, InputError), (path.name, result.error)
        assert words in result.error.message, (path.name, result.error.message)
        assert result.error.hint, path.name
    assert by_path[first].outcome is Outcome.SEALED
    assert by_path[last].outcome is Outcome.SEALED
    assert batch.stopped_by is None
    assert len(seals(demo_ctx)) == 2, "nothing half-stored for a hostile document"
    assert not leftovers(demo_ctx)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "first.sealed.pdf", "last.sealed.pdf"]
    refused = {e["details"]["name"]: e["details"]["reason"]
               for e in events(demo_ctx, EventType.DOCUMENT_SEAL_FAILED)}
    assert sorted(refused) == sorted(p.name for p in hostile), "every refusal is audited"
    for path, words in hostile.items():
        assert words in refused[path.name]


def test_a_file_name_that_is_not_utf8_costs_nothing(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Names are recorded in the audit log; undecodable bytes in one (a lone surrogate in
    Python) must neither fail the wave's transaction nor be lost: they are kept as escapes."""
    folder = tmp_path / "names"
    folder.mkdir()
    good = pdf_factory("good")
    odd = Path(os.fsdecode(os.fsencode(folder) + b"/odd-\xff.pdf"))
    odd.write_bytes(pdf_factory("odd").read_bytes())
    refused = Path(os.fsdecode(os.fsencode(folder) + b"/refused-\xfe.pdf"))
    refused.write_bytes(b"not a pdf at all" * 10)
    batch = seal_documents(demo_ctx, [good, odd, refused], demo_pin)
    outcomes = {r.source: r.outcome for r in batch.results}
    assert outcomes == {good: Outcome.SEALED, odd: Outcome.SEALED, refused: Outcome.FAILED}
    sealed_names = {e["details"]["name"] for e in events(demo_ctx, EventType.DOCUMENT_SEALED)}
    assert "odd-\\udcff.pdf" in sealed_names
    failed = [e["details"]["name"] for e in events(demo_ctx, EventType.DOCUMENT_SEAL_FAILED)]
    assert failed == ["refused-\\udcfe.pdf"]


def test_sealdesk_seal_on_the_hostile_batch_says_what_failed_and_seals_the_rest(
    sealdesk_home: Path, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The command line as issue 18 measured it: before, exit 1 with a traceback and no
    document of the batch sealed."""
    init_demo(app_paths())
    folder = tmp_path / "hostile"
    folder.mkdir()
    hostile = _hostile(folder)
    first, last = pdf_factory("first"), pdf_factory("last")
    done = run_cli(sealdesk_home, "seal", str(first), *map(str, hostile), str(last),
                   "--out", str(tmp_path / "out"), pin=DEMO_PIN)
    assert "Traceback" not in done.stderr
    assert done.returncode == ExitCode.INCOMPLETE, done.stderr  # some sealed, some refused
    output = done.stdout + done.stderr
    for words in hostile.values():
        assert words in output, words
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "first.sealed.pdf", "last.sealed.pdf"]
