"""Batch sealing: SealDesk against what an office would script with pyHanko itself.

Contenders, on the same files, the same token and key, the same timestamp authority:

* **SealDesk** — :func:`sealdesk.services.sealing.batch.seal_documents`, the whole use case: intake
  checks, the seal written to staging (fsynced) and checked to begin with the original, one
  database transaction per wave of documents with their audit events (fsynced), the renames,
  and the signed audit checkpoint at the end of the batch. Nothing is skipped for speed.
* **SealDesk's sealing engine alone** — one :class:`~sealdesk.core.sealing.sealer.Sealer` on one
  logged-in session, intake's parse reused, up to ``IN_FLIGHT`` documents at once, writing each
  seal to a staging file of the document store, fsynced (no database or audit log): the part of
  the use case that pyHanko's loop also does.
* **naive pyHanko loop** — per file a fresh ``PKCS11Signer`` and a fresh ``PdfSigner``, then
  ``sign_pdf`` (pyHanko estimates the signature size per document), in one logged-in session, with
  pyHanko's own ``RequestsHTTPTimeStamper`` for a TSA URL, writing plain output files. It keeps no
  store, no database and no audit log, and does not fsync: the baseline gets every benefit of the
  doubt.
* **pyHanko CLI** — ``pyhanko sign addsig ... pkcs11`` once per file, PIN on standard input:
  what offices script today. It needs a TSA URL, hence the loopback TSA (:mod:`bench.tsa_server`).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

from bench.environment import BenchHome
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.services.sealing.batch import seal_documents

PYHANKO_CLI = Path(sys.executable).with_name("pyhanko")


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds, and CPU seconds of this process (or of the CLI's processes).

    On a shared machine the wall clock moves with the load; CPU time much less so, and the two
    together show what a contender costs and how long it waits (TSA, fsync). The loopback TSA's
    own CPU time is in neither, for any contender.
    """

    wall: float
    cpu: float


class Clock:
    def __init__(self, children: bool = False) -> None:
        self.who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
        self.wall, self.cpu = time.perf_counter(), self._cpu()

    def _cpu(self) -> float:
        usage = resource.getrusage(self.who)
        return usage.ru_utime + usage.ru_stime

    def stop(self) -> Timing:
        return Timing(time.perf_counter() - self.wall, self._cpu() - self.cpu)


def seal_with_sealdesk(
    home: BenchHome, files: list[Path], tsa_url: str = "", *, check: bool = False
) -> Timing:
    """Wall and CPU time of one ``seal_documents`` batch on a fresh database and store.

    ``check``: the first sealed file must pass poppler's ``pdfsig`` (a fast seal is worthless
    if it is not a valid one).
    """
    ctx = home.fresh_context(tsa_url)
    try:
        clock = Clock()
        batch = seal_documents(ctx, files, home.pin)
        timing = clock.stop()
    finally:
        ctx.close()
    if not batch.ok:
        failed = next((r.error for r in batch.results if r.error), batch.stopped_by)
        raise RuntimeError(f"SealDesk batch failed: {failed}")
    if check and batch.results[0].stored_path is not None:
        assert_valid_seal(batch.results[0].stored_path)
    return timing


def seal_with_sealer(home: BenchHome, files: list[Path], tsa_url: str = "") -> Timing:
    """Wall and CPU time of SealDesk's Sealer alone (one login, fsynced staging files)."""
    import asyncio

    from sealdesk.core.sealing.intake import open_source
    from sealdesk.core.sealing.policy import SealPolicy
    from sealdesk.core.sealing.sealer import Sealer
    from sealdesk.core.token import TokenSelector, open_token_session
    from sealdesk.services.sealing.policy import seal_policy_from
    from sealdesk.services.sealing.wave import IN_FLIGHT

    ctx = home.fresh_context(tsa_url)
    anchors = ctx.trust_anchors()

    async def seal_all(sealer: Sealer, policy: SealPolicy) -> None:
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def seal(source: Path) -> None:
            async with gate:
                with await asyncio.to_thread(open_source, source) as document:
                    handle, path = ctx.store.open_staging()
                    await sealer.async_seal(document, handle, policy, "bench")
                    await asyncio.to_thread(ctx.store.finish_staging, handle, path)

        await seal(files[0])  # as seal_documents: the first alone (the batch's estimates)
        async with asyncio.TaskGroup() as group:
            for source in files[1:]:
                group.create_task(seal(source))

    try:
        clock = Clock()
        stamper = build_timestamper(ctx.config.tsa)
        with open_token_session(home.module, TokenSelector(label=home.token_label), home.pin,
                                environment=home.token_env) as token:
            sealer = Sealer(token, home.key_label, timestamper=stamper, chain=anchors,
                            trust_anchors=anchors)
            policy = seal_policy_from(ctx.config, sealer.certificate_sha256)
            sealer.run(seal_all(sealer, policy))
            sealer.forget_pin()
        return clock.stop()
    finally:
        ctx.close()


def assert_valid_seal(path: Path) -> None:
    """poppler's verdict on a sealed file (skipped where pdfsig is not installed)."""
    if shutil.which("pdfsig") is None:
        return
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    if "Signature is Valid." not in report or "Total document signed" not in report:
        raise RuntimeError(f"{path.name} is not validly sealed:\n{report}")


def seal_naively(
    home: BenchHome, files: list[Path], out: Path, timestamper: Callable[[], TimeStamper]
) -> Timing:
    """Wall and CPU time of the naive pyHanko loop (one login; see the module docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    meta = signers.PdfSignatureMetadata(
        field_name="Signature1", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=home.config.seal.reason,
    )
    clock = Clock()
    stamper = timestamper()
    session = open_pkcs11_session(
        home.module, token_criteria=TokenCriteria(label=home.token_label), user_pin=home.pin
    )
    try:
        for source in files:
            signer = PKCS11Signer(
                session, key_label=home.key_label, cert_label=home.key_label,
                use_raw_mechanism=True,
            )
            with source.open("rb") as handle, (out / source.name).open("wb") as target:
                pdf_signer = signers.PdfSigner(meta, signer, timestamper=stamper)
                pdf_signer.sign_pdf(IncrementalPdfFileWriter(handle, strict=False), output=target)
    finally:
        session.close()
    return clock.stop()


def seal_with_cli(home: BenchHome, files: list[Path], out: Path, tsa_url: str) -> Timing:
    """Wall and CPU time of pyHanko's CLI run once per file (process start, login, sign, exit)."""
    out.mkdir(parents=True, exist_ok=True)
    clock = Clock(children=True)
    for source in files:
        result = subprocess.run(
            [str(PYHANKO_CLI), "sign", "addsig", "--field", "Signature1", "--use-pades",
             "--reason", home.config.seal.reason, "--timestamp-url", tsa_url,
             "pkcs11", "--lib", home.module, "--token-label", home.token_label,
             "--key-label", home.key_label, "--cert-label", home.key_label, "--raw-mechanism",
             str(source), str(out / source.name)],
            input=f"{home.pin}\n", capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pyhanko CLI failed on {source.name}: {result.stderr[-500:]}")
    return clock.stop()


def cli_available() -> bool:
    return PYHANKO_CLI.exists()


def http_timestamper(url: str) -> Callable[[], TimeStamper]:
    """pyHanko's own requests-based TSA client (SealDesk's adds only retries to it)."""
    return lambda: RequestsHTTPTimeStamper(url, timeout=30)


def demo_timestamper(home: BenchHome) -> Callable[[], TimeStamper]:
    """SealDesk's demo TSA object (what ``seal_documents`` uses in demo mode)."""
    return lambda: build_timestamper(home.config.tsa)


def stock_dummy_timestamper(home: BenchHome) -> TimeStamper:
    """pyHanko's own ``DummyTimeStamper`` with the demo TSA key: the demo TSA before SealDesk's."""
    demo = build_timestamper(home.config.tsa)
    return DummyTimeStamper(tsa_cert=demo.tsa_cert, tsa_key=demo.tsa_key)  # type: ignore[attr-defined]


def time_stamps(stamper: TimeStamper, count: int) -> float:
    """Seconds for ``count`` timestamp tokens over distinct digests."""
    import asyncio
    import hashlib

    async def stamp_all() -> None:
        for i in range(count):
            await stamper.async_timestamp(hashlib.sha256(str(i).encode()).digest(), "sha256")

    started = time.perf_counter()
    asyncio.run(stamp_all())
    return time.perf_counter() - started
