"""Bulk revalidation versus a naive loop of pyHanko's ``validate_pdf_signature``, same files.

    .venv/bin/python bench/revalidation_bench.py            # N=200, median of 3 runs each
    .venv/bin/python bench/revalidation_bench.py --smoke    # N=20, one run each

The world: the loopback test PKI (certomancer: root, issuing CA, OCSP responder, CRLs, TSA)
served from a *separate process*, so its HTTP work never shares a CPU lock with the contenders.
N distinct PDFs are sealed PAdES B-T with the PKI's EC P-256 key and timestamped by the PKI's
TSA, and stored and recorded in a fresh SealDesk installation.

The contenders, alternating, each validating every stored seal once per run, online, hard-fail
revocation (OCSP for the signer, CRLs for the CA and the TSA) and trusting only the PKI root:

* naive: one process, for each file ``validate_pdf_signature`` with a fresh
  ``ValidationContext`` (what a script calling pyHanko per file does);
* SealDesk: ``revalidate(ctx, Scope.everything(), policy)`` — a whole run: planning, worker
  processes (one per CPU; policy, event loop and fetchers built once per worker; fetched
  OCSP/CRL answers reused for up to 60 s, still checked for freshness per document), ETSI
  processes, container and store checks (stored original, recorded hashes), one recorded
  result row per document and the audit events.

Printed: the median wall time of each, documents per second, and the speed-up (also against a
naive loop that shares one ``ValidationContext`` across files, for reference).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asn1crypto import keys, pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from sealdesk.config import Config, TrustConfig
from sealdesk.paths import AppPaths
from sealdesk.services.context import Actor, AppContext
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.pool import default_workers
from sealdesk.services.revalidation.runs import revalidate
from sealdesk.services.revalidation.verification import policy_from


def serve_pki(conn: Connection) -> None:
    """Child process: run the loopback PKI and hand its certificates and keys to the parent."""
    from tests.fixtures.pki import start_test_pki
    from tests.revalidation.support import tsa_key

    pki, _server, _thread = start_test_pki()
    signer = pki.signer("ec")
    conn.send({
        "root": pki.root_cert.dump(), "signer": signer.cert.dump(),
        "chain": [c.dump() for c in signer.chain], "key": signer.key.dump(),
        "tsa": pki.tsa_cert.dump(), "tsa_key": tsa_key(pki).dump(),
    })
    conn.recv()  # until the parent says stop


def prepare(folder: Path, material: dict, count: int) -> tuple[AppContext, list[Path]]:
    from tests.revalidation.support import EcTimeStamper, seal_and_register

    anchor = folder / "root.pem"
    anchor.write_bytes(pem.armor("CERTIFICATE", material["root"]))
    paths = AppPaths(folder / "config", folder / "data", folder / "logs").ensure()
    config = Config(trust=TrustConfig(anchors=(str(anchor),), revocation="hard-fail"))
    ctx = AppContext.open(paths, config=config, actor=Actor("bench"))
    chain = [x509.Certificate.load(d) for d in material["chain"]]
    signer = SimpleSigner(signing_cert=x509.Certificate.load(material["signer"]),
                          signing_key=keys.PrivateKeyInfo.load(material["key"]),
                          cert_registry=SimpleCertificateStore.from_certs(chain))
    timestamper = EcTimeStamper(tsa_cert=x509.Certificate.load(material["tsa"]),
                                tsa_key=keys.PrivateKeyInfo.load(material["tsa_key"]))
    hashes = seal_and_register(ctx, signer, timestamper, count, prefix="bench")
    return ctx, [ctx.store.path_of(h) for h in hashes]


def naive(files: list[Path], root: x509.Certificate, *, shared: bool) -> float:
    started = time.perf_counter()
    context = ValidationContext(trust_roots=[root], allow_fetching=True,
                                revocation_mode="hard-fail")
    for path in files:
        if not shared:
            context = ValidationContext(trust_roots=[root], allow_fetching=True,
                                        revocation_mode="hard-fail")
        with path.open("rb") as handle:
            status = validate_pdf_signature(PdfFileReader(handle).embedded_signatures[0],
                                            context)
        if not status.bottom_line:
            raise RuntimeError(f"naive loop: {path.name} did not validate")
    return time.perf_counter() - started


def ours(ctx: AppContext, count: int) -> float:
    started = time.perf_counter()
    result = revalidate(ctx, Scope.everything(), policy_from(ctx))
    elapsed = time.perf_counter() - started
    if not result.finished or result.count("PASSED") != count:
        raise RuntimeError(f"SealDesk run did not pass every document: {result.counts}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="N=20, one run (CI)")
    parser.add_argument("-n", type=int, help="documents (default 200, 20 with --smoke)")
    parser.add_argument("--runs", type=int, help="runs per contender (default 3, 1 with --smoke)")
    args = parser.parse_args()
    count = args.n or (20 if args.smoke else 200)
    runs = args.runs or (1 if args.smoke else 3)
    parent, child = multiprocessing.get_context("spawn").Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve_pki, args=(child,),
                                                          daemon=True)
    server.start()
    try:
        material = parent.recv()
        with tempfile.TemporaryDirectory(prefix="reval-bench-") as tmp:
            ctx, files = prepare(Path(tmp), material, count)
            root = x509.Certificate.load(material["root"])
            naive(files[:2], root, shared=False)  # warm both up: imports, first fetches
            ours_times, naive_times, shared_times = [], [], []
            for _ in range(runs):
                naive_times.append(naive(files, root, shared=False))
                ours_times.append(ours(ctx, count))
            shared_times.append(naive(files, root, shared=True))
            ctx.close()
    finally:
        parent.send("stop")
        server.join(timeout=10)
    report(count, runs, naive_times, ours_times, shared_times)
    return 0


def report(count: int, runs: int, naive_times: list[float], ours_times: list[float],
           shared_times: list[float]) -> None:
    n, o, s = (statistics.median(t) for t in (naive_times, ours_times, shared_times))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"revalidation benchmark: {count} PAdES B-T seals, median of {runs} run(s), "
          f"{default_workers()} CPU(s), load average {load:.1f} at the end")
    print(f"speed-up: {n / o:.2f}× faster than the naive loop "
          f"({o / n * 100:.0f} % of its time)")
    print(f"  naive validate_pdf_signature loop, fresh context per file: {n:7.2f} s "
          f"({count / n:6.1f} docs/s)  runs: {', '.join(f'{t:.2f}' for t in naive_times)}")
    print(f"  SealDesk revalidate, whole run:                             {o:7.2f} s "
          f"({count / o:6.1f} docs/s)  runs: {', '.join(f'{t:.2f}' for t in ours_times)}")
    print(f"  for reference, naive loop sharing one ValidationContext:    {s:7.2f} s "
          f"({count / s:6.1f} docs/s); SealDesk: {s / o:.2f} times as fast")


if __name__ == "__main__":
    raise SystemExit(main())
