"""Benchmark of the audit core: append, verify, prove — at the sizes a long-lived console reaches.

    python bench/audit_bench.py --events 1000000     # the target size
    python bench/audit_bench.py --events 10000       # smoke run

Targets (2-core machine): verify_chain over 1,000,000 entries (chain + Merkle root + checkpoint
roots) in at most 5 s; one inclusion proof at that size, generated and verified with the subtree
cache, in at most 10 ms. Everything runs in memory, so the figures are the core's own cost; a
database adds its read time on top.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable

from sealdesk.core.audit.chain import GENESIS, ChainEntry, make_entry, verify_chain
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.audit.merkle import (
    CompactRange,
    consistency_proof,
    inclusion_proof,
    root_of,
    verify_consistency,
    verify_inclusion,
)
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
KINDS = [EventType.DOCUMENT_LOADED, EventType.DOCUMENT_SEALED] * 8 + [
    EventType.DOCUMENT_VERIFIED,
    EventType.REVALIDATION_RESULT,
    EventType.TOKEN_LOGIN_SUCCEEDED,
    EventType.CHECKPOINT_CREATED,
]


def realistic_event(i: int) -> AuditEvent:
    """An event like the ones a sealing console writes all day."""
    kind = KINDS[i % len(KINDS)]
    doc = hashlib.sha256(i.to_bytes(8, "big")).hexdigest()
    details: dict[str, object] = {"file_name": f"invoice-{2024 + i // 400_000}-{i:07d}.pdf"}
    if kind is EventType.DOCUMENT_SEALED:
        details.update(profile="PAdES-B-T", pages=1 + i % 12, key_label="seal-2024", batch=i // 50)
    elif kind is EventType.REVALIDATION_RESULT:
        details.update(indication="PASSED", reasons=[])
    return AuditEvent(
        type=kind,
        time=T0 + dt.timedelta(milliseconds=250 * i),
        actor=f"operator{i % 7}@example.org",
        console_id=f"console-{i % 3:02d}",
        software_version="0.1.0",
        subject={"document_sha256": doc},
        details=details,
    )


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def build(n: int, checkpoint_every: int) -> tuple[list[ChainEntry], dict[int, bytes], float]:
    """Append ``n`` events as the storage layer would: event, entry, compact range, checkpoints."""
    entries: list[ChainEntry] = []
    roots: dict[int, bytes] = {}
    rng = CompactRange()
    prev = GENESIS
    start = time.perf_counter()
    for i in range(n):
        entry = make_entry(i, prev, realistic_event(i))
        entries.append(entry)
        rng.append(entry.entry_hash)
        prev = entry.entry_hash
        if (i + 1) % checkpoint_every == 0 or i + 1 == n:
            roots[i + 1] = rng.root()
    return entries, roots, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--proofs", type=int, default=200, help="proofs to time (random indices)")
    parser.add_argument("--checkpoints", type=int, default=100, help="checkpoint roots to check")
    parser.add_argument("--seed", type=int, default=9162)
    args = parser.parse_args(argv)
    n = args.events
    rand = random.Random(args.seed)
    rows: list[tuple[str, str, str]] = []

    entries, roots, build_s = build(n, max(1, n // args.checkpoints))
    rows.append(
        ("append (event + entry + range)", f"{n / build_s:,.0f} events/s", f"{build_s:.1f} s")
    )

    start = time.perf_counter()
    result = verify_chain(entries, expected_roots=roots)
    verify_s = time.perf_counter() - start
    if not result.ok or result.root != roots[n]:
        raise SystemExit(f"verification failed on an untouched log: {result.problem}")
    rows.append(
        (f"verify_chain, {len(roots)} checkpoint roots", f"{verify_s:.2f} s", "target ≤ 5 s")
    )

    hashes = [e.entry_hash for e in entries]
    start = time.perf_counter()
    cache = InMemorySubtreeCache.from_leaf_hashes(hashes)
    cache_s = time.perf_counter() - start
    rows.append(
        ("subtree cache build (in memory)", f"{cache_s:.2f} s", f"{len(cache.rows()):,} rows")
    )

    def source(start: int, end: int) -> list[bytes]:
        return hashes[start:end]

    root = roots[n]
    times = []
    for _ in range(args.proofs):
        m = rand.randrange(n)
        start = time.perf_counter()
        proof = inclusion_proof(m, n, source, cache)
        verify_inclusion(hashes[m], m, n, proof, root)
        times.append((time.perf_counter() - start) * 1000)
    rows.append(_latency("inclusion proof + verify", times, "target ≤ 10 ms"))

    sizes = sorted(roots)
    times = []
    for _ in range(args.proofs):
        old = rand.choice(sizes)
        start = time.perf_counter()
        proof = consistency_proof(old, n, source, cache)
        verify_consistency(old, n, roots[old], root, proof)
        times.append((time.perf_counter() - start) * 1000)
    rows.append(_latency("consistency proof + verify", times, ""))

    if n <= 200_000:
        uncached_s, _ = timed(lambda: inclusion_proof(n // 2, n, source))
        rows.append(("inclusion proof without cache", f"{uncached_s * 1000:.1f} ms", "reference"))
        root_s, _ = timed(lambda: root_of(hashes))
        rows.append(("root_of (all leaves)", f"{root_s:.2f} s", "reference"))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak memory (all entries in memory)", f"{peak_mb:,.0f} MB", ""))
    _print_table(n, rows)
    return 0


def _latency(name: str, times_ms: list[float], note: str) -> tuple[str, str, str]:
    mean = statistics.fmean(times_ms)
    worst = max(times_ms)
    return (name, f"{mean:.2f} ms mean, {worst:.2f} ms max", note)


def _print_table(n: int, rows: list[tuple[str, str, str]]) -> None:
    print(f"SealDesk audit core, {n:,} events, Python {sys.version.split()[0]}")
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for name, value, note in rows:
        print(f"  {name:<{widths[0]}}  {value:<{widths[1]}}  {note}")


if __name__ == "__main__":
    sys.exit(main())
