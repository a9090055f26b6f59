"""Issue 8, item 2: the TSA down or slow. Retries with backoff, then "TSA unreachable";
nothing partial is kept, and running again finishes the batch without sealing anything twice."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from sealdesk.config import TsaConfig, save_config
from sealdesk.errors import TimestampError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.fixtures.independent import assert_pdfsig_valid
from tests.incidents.slow_tsa import slow_tsa
from tests.incidents.support import leftovers, run_cli, seals


def _use_tsa(ctx: AppContext, url: str, *, timeout: float = 2.0, retries: int = 2) -> None:
    ctx.config = dataclasses.replace(ctx.config, tsa=TsaConfig(
        url=url, timeout_seconds=timeout, retries=retries, retry_backoff_seconds=0.05))
    save_config(ctx.config, ctx.paths.config_file)  # the CLI reads the same


def test_tsa_down_stops_the_batch_clearly_and_a_rerun_completes(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, pki, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    _use_tsa(demo_ctx, pki.tsa_url)
    files = [pdf_factory(f"invoice-{i}") for i in range(3)]
    with pki.outage("tsa"), pki.recording() as served:
        batch = seal_documents(demo_ctx, files, demo_pin, export_dir=tmp_path / "out")
    assert isinstance(batch.stopped_by, TimestampError)
    message = batch.stopped_by.message
    assert message.startswith(f"TSA unreachable: the timestamp authority {pki.tsa_url}")
    assert "3 attempt(s); last: HTTP 503" in message
    assert "Retry" in batch.stopped_by.hint and "never twice" in batch.stopped_by.hint
    # first try + 2 retries, then stop; then one best-effort try for the checkpoint's anchor
    assert sum(1 for kind, _ in served if kind == "tsa") == 3 + 1
    assert [r.outcome for r in batch.results] == [
        Outcome.FAILED, Outcome.NOT_STARTED, Outcome.NOT_STARTED]
    assert not seals(demo_ctx) and not leftovers(demo_ctx)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())

    again = seal_documents(demo_ctx, files, demo_pin, export_dir=tmp_path / "out")
    assert again.ok and again.count(Outcome.SEALED) == 3
    assert len(seals(demo_ctx)) == 3
    for result in again.results:
        assert result.exported_path is not None
        assert_pdfsig_valid(result.exported_path)


def test_a_slow_tsa_is_retried_with_backoff_and_the_seal_succeeds(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, pki,  # type: ignore[no-untyped-def]
) -> None:
    with slow_tsa(pki.tsa_url, slow=1, delay=2.0) as tsa:
        _use_tsa(demo_ctx, tsa.url, timeout=0.5)
        batch = seal_documents(demo_ctx, [pdf_factory("slow")], demo_pin)
    assert batch.ok, batch.stopped_by
    assert tsa.requests >= 2, "the timed-out request was retried"
    stored = batch.results[0].stored_path
    assert stored is not None
    assert_pdfsig_valid(stored)


def test_a_tsa_slower_than_every_retry_says_timed_out(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, pki,  # type: ignore[no-untyped-def]
) -> None:
    with slow_tsa(pki.tsa_url, slow=100, delay=1.5) as tsa:
        _use_tsa(demo_ctx, tsa.url, timeout=0.3, retries=1)
        started = time.monotonic()
        batch = seal_documents(demo_ctx, [pdf_factory("late")], demo_pin)
        elapsed = time.monotonic() - started
    assert isinstance(batch.stopped_by, TimestampError)
    assert "2 attempt(s); last: timed out" in batch.stopped_by.message
    assert elapsed < 20, "bounded by the timeouts, never a hang"
    assert not seals(demo_ctx) and not leftovers(demo_ctx)


def test_cli_tsa_down_exit_code_and_message(
    demo_ctx: AppContext, sealdesk_home: Path, demo_pin: str, pdf_factory, pki,  # type: ignore[no-untyped-def]
) -> None:
    _use_tsa(demo_ctx, pki.tsa_url)
    with pki.outage("tsa"):
        result = run_cli(sealdesk_home, "seal", str(pdf_factory("letter")), pin=demo_pin)
    assert result.returncode == ExitCode.TIMESTAMP, result.stdout + result.stderr
    assert "Error: TSA unreachable: the timestamp authority" in result.stderr
    again = run_cli(sealdesk_home, "seal", str(pdf_factory("letter")), pin=demo_pin)
    assert again.returncode == 0 and "Done: 1 sealed." in again.stdout
