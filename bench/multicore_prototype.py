"""Prototype (issue 23 item 2): PDF work in worker processes, every signature by one token session.

Not SealDesk's sealing path and not merged into it: a measurement of what pyHanko's interrupted
signing buys on this machine before the durability rules (fsync, commit order, idempotency,
cancel, token removal, crash recovery) are carried over, which the real path must keep.

Each worker process prepares its documents with ``PdfSigner.async_digest_doc_for_signing`` (an
``ExternalSigner`` with a placeholder signature sizes the reservation), builds the PAdES signed
attributes over the document digest and sends their DER (eight documents per message, so that a
worker does not stall on a round trip per document) to the main process, which holds the one
logged-in token session (one PIN entry) and signs with ``TokenSession.sign_with`` (SHA-256 here,
raw ECDSA on the token). The worker then assembles the CMS with the returned value
(``async_sign_prescribed_attributes``) and embeds it (``PdfTBSDocument.async_finish_signing``).
PAdES B-B, like the B-B whole-process row; every output is validated by pyHanko at the end.

    python -m bench.multicore_prototype [--count 200] [--runs 3]

prints the median wall time with one worker process and with two, alternating, on the same
files and token.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

PLACEHOLDER = 72
"""Bytes reserved for the signature value: the longest DER ECDSA P-256 signature."""
BATCH = 8
"""Documents a worker prepares before asking for their signatures in one message."""


def _worker(wid: int, files: list[str], out: str, cert_der: bytes, requests: Any,
            replies: Any) -> None:
    asyncio.run(_seal_all(wid, files, Path(out), cert_der, requests, replies))
    requests.put((wid, None))


async def _seal_all(wid: int, files: list[str], out: Path, cert_der: bytes, requests: Any,
                    replies: Any) -> None:
    from asn1crypto import x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = x509.Certificate.load(cert_der)
    registry = SimpleCertificateStore.from_certs([cert])
    meta = signers.PdfSignatureMetadata(field_name="SealDesk-Seal-1", md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES)
    for start in range(0, len(files), BATCH):
        prepared_batch = []
        for name in files[start:start + BATCH]:
            writer = IncrementalPdfFileWriter(BytesIO(Path(name).read_bytes()))
            sizing = signers.ExternalSigner(cert, registry, signature_value=PLACEHOLDER)
            prepared, tbs, output = await signers.PdfSigner(
                meta, signer=sizing).async_digest_doc_for_signing(writer)
            attrs = await sizing.signed_attrs(prepared.document_digest, "sha256",
                                              use_pades=True)
            prepared_batch.append((name, prepared, tbs, output, attrs))
        requests.put((wid, [item[4].dump() for item in prepared_batch]))
        signatures = replies.recv()
        for (name, prepared, tbs, output, attrs), signature in zip(prepared_batch, signatures,
                                                                   strict=True):
            final = signers.ExternalSigner(cert, registry, signature_value=signature)
            cms = await final.async_sign_prescribed_attributes("sha256", signed_attrs=attrs)
            await PdfTBSDocument.async_finish_signing(
                output, prepared_digest=prepared, signature_cms=cms,
                post_sign_instr=tbs.post_sign_instructions)
            (out / Path(name).name).write_bytes(output.getvalue())


def seal_in_workers(token: Any, key_label: str, files: list[Path], out: Path,
                    workers: int) -> float:
    """Seal ``files`` into ``out`` with ``workers`` processes; the wall time in seconds."""
    context = multiprocessing.get_context("spawn")
    requests = context.Queue()
    pipes = [context.Pipe() for _ in range(workers)]
    shares = [[str(f) for f in files[i::workers]] for i in range(workers)]
    cert_der = token.certificate_der(key_label)
    started = time.perf_counter()
    processes = [context.Process(target=_worker, args=(i, shares[i], str(out), cert_der,
                                                        requests, pipes[i][1]))
                 for i in range(workers)]
    for process in processes:
        process.start()
    finished = 0
    while finished < workers:
        wid, payload = requests.get(timeout=600)
        if payload is None:
            finished += 1
            continue
        pipes[wid][0].send([token.sign_with(key_label, attrs)[0] for attrs in payload])
    for process in processes:
        process.join(timeout=60)
        if process.exitcode != 0:
            raise RuntimeError(f"a worker exited {process.exitcode}")
    return time.perf_counter() - started


def _check(out: Path, count: int, root_der: bytes) -> None:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    outputs = sorted(out.glob("*.pdf"))
    if len(outputs) != count:
        raise RuntimeError(f"{len(outputs)} of {count} documents sealed")
    context = ValidationContext(trust_roots=[x509.Certificate.load(root_der)])
    for path in (outputs[0], outputs[-1]):
        with path.open("rb") as handle:
            status = validate_pdf_signature(PdfFileReader(handle).embedded_signatures[0],
                                            context)
        if not (status.intact and status.valid):
            raise RuntimeError(f"{path.name}: the prototype's seal does not validate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.multicore_prototype")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from asn1crypto import pem

    from bench.environment import load_average, provision
    from bench.pdfgen import make_inputs
    from sealdesk.core.token import TokenSelector, open_token_session

    with tempfile.TemporaryDirectory(prefix="sealdesk-multicore-") as tmp:
        work = Path(tmp)
        home = provision(work / "home")
        files = make_inputs(work / "inputs", "small", args.count)
        root_pem = Path(home.config.trust.anchors[0]).read_bytes()
        _, _, root_der = pem.unarmor(root_pem)
        times: dict[int, list[float]] = {1: [], 2: []}
        load = load_average()
        with open_token_session(home.module, TokenSelector(label=home.token_label), home.pin,
                                environment=home.token_env) as token:
            for run in range(args.runs):
                for workers in (1, 2):
                    out = work / f"out-{run}-{workers}"
                    out.mkdir()
                    times[workers].append(seal_in_workers(token, home.key_label, files, out,
                                                          workers))
                    _check(out, len(files), root_der)
        one, two = (statistics.median(times[w]) for w in (1, 2))
        print(f"prototype, {len(files)} 1-page PDFs at B-B, median of {args.runs}, load "
              f"{load[0]:.1f} -> {load_average()[0]:.1f}:")
        print(f"  one worker process:  {one:6.2f} s  ({len(files) / one:6.1f} docs/s)  "
              f"runs {', '.join(f'{t:.2f}' for t in times[1])}")
        print(f"  two worker processes: {two:6.2f} s  ({len(files) / two:6.1f} docs/s)  "
              f"runs {', '.join(f'{t:.2f}' for t in times[2])}")
        print(f"  two vs one: {one / two:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
