"""The benchmark's sections; each returns table rows measured on the inputs it is given.

Runs of SealDesk and of its baseline alternate (SealDesk, baseline, SealDesk, …) so that a
change of machine load during the benchmark hits both alike; each row reports medians.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import (
    encrypted_store_bench,
    envelope_bench,
    external,
    large_bench,
    replay_bench,
    revalidation_pg,
    seal_bench,
)
from bench import whole_process as whole
from bench.environment import BenchHome
from bench.pdfgen import make_inputs
from bench.table import Row, limit_row, missing_row, slowdown_row, speedup_row
from sealdesk.config import PadesLevel


@dataclass(frozen=True)
class Sizes:
    """How much work each section does; see ``bench.__main__`` for the three modes."""

    runs: int
    small: int
    pages: int
    page_count: int
    scans: int
    scan_pages: int
    scan_image_bytes: int
    cli: int
    large_mb: int
    stamps: int
    audit_core_events: int
    audit_db_events: int
    audit_appends: int
    gui_runs: int
    pg_revalidation: bool = True
    """Start a private PostgreSQL server for the two-workers row (not in --quick)."""
    replay_entries: int = 0
    """Audit log length for ``sealdesk verify`` with and without the authority snapshot."""
    envelope_mb: int = 200
    """Size of the file encrypted into an envelope (stored-document encryption)."""
    encrypted_b_t: bool = True
    """Also the B-T row of sealing into an encrypted store (not in --quick)."""


def sealing(home: BenchHome, inputs: Path, sizes: Sizes, tsa_url: str) -> list[Row]:
    section = "Batch sealing (PAdES B-T, loopback HTTP TSA, SoftHSM2 EC P-256)"
    cases = [
        ("small", sizes.small, {}, "1-page PDFs"),
        ("pages", sizes.pages, {"pages": sizes.page_count}, f"{sizes.page_count}-page PDFs"),
        ("scan", sizes.scans, {"pages": sizes.scan_pages, "image_bytes": sizes.scan_image_bytes},
         f"scans, {sizes.scan_pages} image pages "
         f"({sizes.scan_pages * sizes.scan_image_bytes / 1e6:.0f} MB)"),
    ]
    rows = []
    for kind, count, size, label in cases:
        files = make_inputs(inputs / kind, kind, count, **size)
        ours, engine, naive = [], [], []
        for run in range(sizes.runs):
            ours.append(seal_bench.seal_with_sealdesk(home, files, tsa_url, check=run == 0))
            engine.append(seal_bench.seal_with_sealer(home, files, tsa_url))
            naive.append(seal_bench.seal_naively(home, files, inputs / f"naive-{kind}",
                                                 seal_bench.http_timestamper(tsa_url)))
            home.clean_runs()
        for contender, timings in (("seal_documents", ours), ("Sealer alone", engine)):
            rows.append(speedup_row(
                section, f"{count} {label}: {contender}", count=count, unit="docs",
                ours=[t.wall for t in timings], base=[t.wall for t in naive],
                ours_cpu=[t.cpu for t in timings], base_cpu=[t.cpu for t in naive],
                base_name="naive pyHanko loop", target=4.0,
            ))
    return rows


def cli(home: BenchHome, inputs: Path, sizes: Sizes, tsa_url: str) -> list[Row]:
    section = "Batch sealing (PAdES B-T, loopback HTTP TSA, SoftHSM2 EC P-256)"
    name = f"{sizes.cli} 1-page PDFs vs pyHanko CLI per file"
    if not seal_bench.cli_available():
        return [missing_row(section, name, "pyhanko-cli not installed (pip install .[bench])")]
    files = make_inputs(inputs / "small", "small", sizes.cli)
    ours, theirs = [], []
    for _ in range(sizes.runs):
        ours.append(seal_bench.seal_with_sealdesk(home, files, tsa_url))
        theirs.append(seal_bench.seal_with_cli(home, files, inputs / "cli", tsa_url))
        home.clean_runs()
    return [speedup_row(section, name, count=len(files), unit="docs",
                        ours=[t.wall for t in ours], base=[t.wall for t in theirs],
                        ours_cpu=[t.cpu for t in ours], base_cpu=[t.cpu for t in theirs],
                        base_name="pyhanko sign addsig pkcs11")]


def whole_process(home: BenchHome, inputs: Path, sizes: Sizes, tsa_url: str) -> list[Row]:
    """`sealdesk seal` and friends as processes, beside the naive loop as a script."""
    files = make_inputs(inputs / "small", "small", sizes.small)
    rows = whole.sealing(home, files, sizes.runs, tsa_url)
    naive_out = inputs / "naive-verify"
    seal_bench.seal_naively(home, files[:1], naive_out, seal_bench.http_timestamper(tsa_url))
    sealed = sorted(naive_out.glob("*.pdf"))
    rows += whole.commands(home, sealed[0], sizes.runs)
    if sizes.replay_entries:
        rows += replay_bench.verify_on_long_log(home, inputs, sizes.replay_entries, sizes.runs)
    if not sizes.pg_revalidation:
        return [*rows, missing_row(revalidation_pg.SECTION, revalidation_pg.NAME,
                                   "skipped with --quick; --smoke runs it")]
    return rows + revalidation_pg.two_workers_vs_one(home, files, sizes.runs)


def demo_tsa(home: BenchHome, inputs: Path, sizes: Sizes) -> list[Row]:
    section = "Demo mode (in-process demo TSA)"
    files = make_inputs(inputs / "small", "small", sizes.small)
    ours, naive, fast, stock = [], [], [], []
    for _ in range(sizes.runs):
        ours.append(seal_bench.seal_with_sealdesk(home, files))
        naive.append(seal_bench.seal_naively(home, files, inputs / "naive-demo",
                                             seal_bench.demo_timestamper(home)))
        home.clean_runs()
        fast.append(seal_bench.time_stamps(seal_bench.demo_timestamper(home)(), sizes.stamps))
        stock.append(seal_bench.time_stamps(seal_bench.stock_dummy_timestamper(home),
                                            sizes.stamps))
    return [
        speedup_row(section, f"{len(files)} 1-page PDFs, same TSA object for both",
                    count=len(files), unit="docs", ours=[t.wall for t in ours],
                    base=[t.wall for t in naive], ours_cpu=[t.cpu for t in ours],
                    base_cpu=[t.cpu for t in naive], base_name="naive pyHanko loop",
                    note="the TSA's signing is in both CPU figures"),
        speedup_row(section, f"{sizes.stamps} demo timestamps (RSA-3072)", count=sizes.stamps,
                    unit="stamps", ours=fast, base=stock, base_name="pyHanko DummyTimeStamper"),
    ]


def large(home: BenchHome, inputs: Path, sizes: Sizes) -> list[Row]:
    section = f"Large PDF ({sizes.large_mb} MB, {sizes.large_mb // 2} image pages)"
    source = make_inputs(inputs / "large", "large", 1, megabytes=sizes.large_mb)[0]
    base, whole, step, peaks, naive_peaks, before = [], [], [], [], [], []
    for _ in range(sizes.runs):
        base.append(large_bench.copy_sync_hash(source, home.root))
        run = large_bench.seal_in_child(home, source, "sealdesk")
        home.clean_runs()
        whole.append(run["seconds"])
        peaks.append(run["peak_rss_mb"])
        before.append(run["rss_before_mb"])
        step.append(large_bench.seal_in_child(home, source, "sealer")["seconds"])
        home.clean_runs()
        naive_peaks.append(large_bench.seal_in_child(home, source, "naive")["peak_rss_mb"])
    baseline = "cp + sync + sha256sum"
    return [
        slowdown_row(section, "seal, whole use case (seal_documents)", ours=whole, base=base,
                     base_name=baseline, target=1.5,
                     note="intake hash, one durable sealed copy that begins with the original, "
                     "prefix and content hash, commit"),
        slowdown_row(section, "seal, sealing step (Sealer → staging, fsync, hash)", ours=step,
                     base=base, base_name=baseline, target=1.5),
        limit_row(section, "peak RSS, whole use case", values=peaks, unit="MB", limit=150,
                  fmt=lambda v: f"{v:.0f}",
                  baseline=f"naive pyHanko: {sorted(naive_peaks)[len(naive_peaks) // 2]:.0f} MB",
                  note=f"{sorted(before)[len(before) // 2]:.0f} MB of it before the document"),
    ]


def encrypted_store(home: BenchHome, inputs: Path, sizes: Sizes, tsa_url: str) -> list[Row]:
    """`sealdesk seal` into an encrypted store vs a plaintext one (bench.encrypted_store_bench)."""
    files = make_inputs(inputs / "small", "small", sizes.small)
    levels = (PadesLevel.B_B, PadesLevel.B_T) if sizes.encrypted_b_t else (PadesLevel.B_B,)
    rows = encrypted_store_bench.throughput(home, files, sizes.runs, tsa_url, levels)
    if not sizes.encrypted_b_t:
        rows.append(missing_row(encrypted_store_bench.SECTION,
                                f"{len(files)} 1-page PDFs at B-T, encrypted store",
                                "skipped with --quick; --smoke runs it"))
    return rows


def encrypted_store_large(home: BenchHome, inputs: Path, sizes: Sizes) -> list[Row]:
    """The large PDF sealed into an encrypted store, against cp + sync + sha256sum."""
    source = make_inputs(inputs / "large", "large", 1, megabytes=sizes.large_mb)[0]
    return encrypted_store_bench.large(home, source, sizes.runs, sizes.large_mb)


def envelope(inputs: Path, sizes: Sizes) -> list[Row]:
    """Stored-document encryption against cp + sha256sum (:mod:`bench.envelope_bench`)."""
    return envelope_bench.rows(inputs / "envelope", sizes.envelope_mb, sizes.runs)


def revalidation(smoke: bool, quick: bool = False) -> list[Row]:
    section = "Revalidation"
    name = "revalidate stored seals vs naive validate_pdf_signature loop"
    if quick:  # its own smoke run alone takes ~25 s
        return [missing_row(section, name, "skipped with --quick; --smoke runs it")]
    if not external.revalidation_available():
        return [missing_row(section, name, "bench/revalidation_bench.py has not landed yet")]
    try:
        result = external.revalidation(smoke)
    except RuntimeError as exc:  # their bench is young: report, do not sink the whole table
        return [missing_row(section, name, f"revalidation_bench.py: {str(exc)[:120]}")]
    ratio = result["ratio"]
    return [Row(
        section, f"revalidate {result['count']:.0f} seals vs naive validate_pdf_signature loop",
        figure=f"{result['ours_per_s']:.1f} docs/s",
        baseline=f"naive loop: {result['naive_per_s']:.1f} docs/s", ratio=ratio,
        ratio_text=f"{ratio:.2f}× faster", target="≥ 1.8×", met=ratio >= 1.8,
        note="median of 3 inside revalidation_bench.py" if not smoke else "",
    )]


def audit(sizes: Sizes, folder: Path) -> tuple[list[Row], Path]:
    """Rows from the audit benchmarks; also the generated log, for the Audit page section."""
    section = f"Audit log ({sizes.audit_db_events:,} events in SQLite, WAL, synchronous=FULL)"
    db = external.audit_database(sizes.audit_db_events, sizes.audit_appends, folder)
    core = external.audit_core(sizes.audit_core_events)
    log = folder / f"log-{sizes.audit_db_events}.db"
    rows = [
        limit_row(section, "append, one event per transaction (fsync)",
                  values=[db["append_single_per_s"]], unit="events/s", limit=None,
                  fmt=lambda v: f"{v:,.0f}",
                  baseline=f"100 per transaction: {db['append_batch_per_s']:,.0f} events/s"),
        limit_row(section, f"verify {sizes.audit_db_events:,} events from the database",
                  values=[db["verify_s"]], unit="s", limit=5.0,
                  baseline=f"in memory, {sizes.audit_core_events:,} events: "
                  f"{core['verify_s']:.2f} s", note="best of 2, one run"),
        limit_row(section, f"inclusion proof at {sizes.audit_db_events:,} (file, self-checked)",
                  values=[db["proof_ms"]], unit="ms", limit=10.0,
                  baseline=f"in memory: {core['proof_ms']:.2f} ms", note="median of 50, one run"),
    ]
    return rows, log


def gui(home: BenchHome, sizes: Sizes, log: Path) -> list[Row]:
    section = "GUI (offscreen Qt)"
    starts, bare, paints, filters = [], [], [], []
    for _ in range(sizes.gui_runs):
        ours, plain = external.cold_start(home.root)
        starts.append(ours)
        bare.append(plain)
        page = external.audit_page(log)
        paints.append(page["first_paint_ms"])
        filters.append(page["filter_ms"])
    events = f"{sizes.audit_db_events:,}"
    return [
        limit_row(section, "cold start to main window shown", values=starts, unit="s",
                  limit=2.0, baseline=f"bare PySide6 window: {sorted(bare)[len(bare) // 2]:.2f} s"),
        limit_row(section, f"Audit page first paint, {events} events", values=paints, unit="ms",
                  limit=1000, fmt=lambda v: f"{v:,.0f}"),
        limit_row(section, "Audit page filter (type = document.seal_failed)", values=filters,
                  unit="ms", limit=200, fmt=lambda v: f"{v:,.0f}"),
    ]
