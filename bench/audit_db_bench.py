"""Benchmark of the audit log in the database: append, verify, prove, browse.

    python bench/audit_db_bench.py --events 100000      # append rate, verify 100k, proofs
    python bench/audit_db_bench.py --events 1000000     # the target size (generates ~1 GB)
    python bench/audit_db_bench.py --smoke              # a few seconds, for CI

What it measures, on a SQLite file with SealDesk's settings (WAL, ``synchronous=FULL``, so
every commit is fsynced):

* append rate through ``append_event``: one event per transaction (a console recording acts one
  by one) and 100 per transaction (a batch);
* verification from the database (``verify_database``: chain, Merkle roots, every checkpoint
  signature, checkpoint events, head) of a log of ``--events`` entries, generated in bulk with a
  signed checkpoint every 10,000 entries;
* inclusion and consistency proofs at that size (files built and self-checked, as the CLI does);
* the browsing queries behind the Audit page (a page by index, filtered pages, a text search).

Targets: 1M events verify in at most 5 s on a 2-core machine; a proof in at most 10 ms.
The Audit page's own first paint and filter times are measured by bench/audit_page_bench.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.audit_db_gen import generate_log, sample_event
from sealdesk.core.audit.checkpoint import key_id_for
from sealdesk.services.audit.proofs import consistency_proof, inclusion_proof
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.report import CheckpointTrust
from sealdesk.services.audit.verify import verify_database
from sealdesk.storage.audit import query as audit_query
from sealdesk.storage.audit.models import AuditHead, Checkpoint
from sealdesk.storage.audit.repo import append_event
from sealdesk.storage.audit.tree import DatabaseTree
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import upgrade_schema


class SoftwareAuditKey:
    """An audit key in memory with a self-signed certificate: the bench needs no token."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench audit key")])
        now = dt.datetime.now(dt.UTC)
        self.certificate = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1000))
            .not_valid_after(now + dt.timedelta(days=1000)).sign(self.key, hashes.SHA256())
        )
        self.certificate_der = self.certificate.public_bytes(serialization.Encoding.DER)
        self.algorithm = "ecdsa-sha256"
        self.key_id = key_id_for(self.key.public_key())

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))


def _open(path: Path) -> Database:
    database = Database(create_database_engine(f"sqlite:///{path}"))
    upgrade_schema(database)
    return database


def _timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def bench_append(folder: Path, count: int) -> None:
    database = _open(folder / "append.db")
    events = [sample_event(i, "bench") for i in range(count)]
    started = time.perf_counter()
    for event in events:
        with database.transaction() as session:
            append_event(session, event)
    single = time.perf_counter() - started
    started = time.perf_counter()
    for first in range(0, count, 100):
        with database.transaction() as session:
            for event in events[first : first + 100]:
                append_event(session, event)
    batched = time.perf_counter() - started
    database.dispose()
    print(f"append, 1 event per transaction (fsync each): {count / single:8.0f} events/s "
          f"({1000 * single / count:.2f} ms each)")
    print(f"append, 100 events per transaction:           {count / batched:8.0f} events/s")


def bench_log(folder: Path, events: int, proofs: int) -> None:
    path = folder / f"log-{events}.db"
    database = _open(path)
    every = min(10_000, max(1, events // 10))
    with AuditReader(database) as reader, reader.session() as session:
        existing = session.execute(select(Checkpoint.certificate_der).limit(1)).scalar()
        size = session.execute(select(AuditHead.size)).scalar_one()
    if existing is not None and size == events:  # kept with --dir from an earlier run
        certificate = x509.load_der_x509_certificate(existing)
        print(f"reusing the log of {events} entries in {path}")
    else:
        key = SoftwareAuditKey()
        certificate = key.certificate
        generated = generate_log(database, events, key, key.certificate_der,
                                 checkpoint_every=every)
        print(f"generated {events} entries, {generated.checkpoints} checkpoints in "
              f"{generated.seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    trust = CheckpointTrust(certificates=(certificate,))
    cpu = time.process_time()
    seconds, report = _timed(lambda: verify_database(database, trust), repeat=2)
    cpu = (time.process_time() - cpu) / 2
    assert report.ok, report.summary()  # type: ignore[attr-defined]
    print(f"verify {events} entries from the database:   {seconds:6.2f} s wall (best of 2), "
          f"{cpu:.2f} s CPU ({events / seconds / 1e6:.2f} M entries/s)")
    _bench_proofs(database, (events - 1) // every * every, every, proofs)  # latest checkpoint
    _bench_queries(database, events)
    database.dispose()


def _costs(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call: CPU time stays meaningful on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _report(name: str, costs: list[tuple[float, float]]) -> None:
    walls, cpus = [c[0] for c in costs], [c[1] for c in costs]
    print(f"{name:42} median {1000 * statistics.median(walls):6.2f} ms wall "
          f"({1000 * statistics.median(cpus):5.2f} ms CPU), max {1000 * max(walls):6.2f} ms, "
          f"n={len(costs)}")


def _bench_proofs(database: Database, size: int, every: int, count: int) -> None:
    """Proofs against the checkpoint of ``size`` entries (the latest)."""
    rng = random.Random(7)
    with AuditReader(database) as reader, reader.session() as session:
        raw = [_costs(lambda i=i: DatabaseTree(session).inclusion_proof(i, size))
               for i in (rng.randrange(size) for _ in range(count))]
    files = [_costs(lambda i=i: inclusion_proof(database, i, size))
             for i in (rng.randrange(size) for _ in range(count // 2 or 1))]
    old = max(every, size // 2 - size // 2 % every)
    consistency = [_costs(lambda: consistency_proof(database, old, size)) for _ in range(5)]
    _report(f"inclusion proof at {size} (audit path)", raw)
    _report("inclusion proof file (built, self-checked)", files)
    _report(f"consistency proof file {old} -> {size}", consistency)


def _bench_queries(database: Database, events: int) -> None:
    with AuditReader(database) as reader, reader.session() as session:
        cases: list[tuple[str, Callable[[], object]]] = [
            ("page of 200 rows by index (end of log)",
             lambda: audit_query.rows_between(session, events - 200, events - 1)),
            ("page of 200 rows by index (middle)",
             lambda: audit_query.rows_between(session, events // 2, events // 2 + 199)),
            ("filter type=document.seal_failed, first 200",
             lambda: audit_query.filtered_page(
                 session, audit_query.AuditFilter(event_types=("document.seal_failed",)),
                 before=None, limit=200)),
            ("filter actor contains 'rossi', first 200",
             lambda: audit_query.filtered_page(
                 session, audit_query.AuditFilter(actor="rossi"), before=None, limit=200)),
            ("text search, rare term (full scan)",
             lambda: audit_query.filtered_page(
                 session, audit_query.AuditFilter(text="deed-2024-0000003"), before=None,
                 limit=200)),
            ("count type=document.sealed",
             lambda: audit_query.count_matching(
                 session, audit_query.AuditFilter(event_types=("document.sealed",)))),
        ]
        for name, fn in cases:
            seconds, _ = _timed(fn, repeat=3)
            print(f"query: {name:45} {1000 * seconds:8.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--appends", type=int, default=2000)
    parser.add_argument("--proofs", type=int, default=100)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    parser.add_argument("--dir", type=Path, help="keep the databases here (a log of the same "
                        "size found there is reused)")
    parser.add_argument("--skip-append", action="store_true")
    args = parser.parse_args(argv)
    if args.smoke:
        args.events, args.appends, args.proofs = 3000, 200, 10
    folder = args.dir or Path(tempfile.mkdtemp(prefix="sealdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"SQLite files in {folder} (WAL, synchronous=FULL)")
    if not args.skip_append:
        bench_append(folder, args.appends)
    bench_log(folder, args.events, args.proofs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
