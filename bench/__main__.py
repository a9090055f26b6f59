"""SealDesk's benchmark runner: ``python -m bench [--smoke [--quick]] [--runs N] [--out FILE]``.

Generates its inputs, provisions its own demo token in a temporary folder, starts a loopback TSA,
and prints one table in which every SealDesk figure stands next to a baseline measured in the
same run on the same files (see :mod:`bench.table`). Results also go to ``bench/results/`` as
JSON; ``bench/results/reference.json`` is the committed full run quoted in the README.

``--markdown RESULTS`` prints a results file as the README's Markdown table.

Modes: full (by hand; 200 small PDFs, a 200 MB PDF, a 200 MB file encrypted, the PDFs sealed
into an encrypted store, a million audit events, median of 3 runs), ``--smoke`` (CI; every row
with small counts, under two minutes) and
``--smoke --quick`` (the test suite; tiny counts, under a minute). Smoke figures say only that
the bench still works.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import sections
from bench.environment import REPO, load_average, loopback_tsa, machine, provision
from bench.sections import Sizes
from bench.table import Row, render, render_markdown, write_json

FULL = Sizes(runs=3, small=200, pages=20, page_count=300, scans=20, scan_pages=5,
             scan_image_bytes=1 << 20, cli=20, large_mb=200, stamps=20,
             audit_core_events=1_000_000, audit_db_events=1_000_000, audit_appends=2000,
             gui_runs=3, replay_entries=200_000)
SMOKE = Sizes(runs=1, small=20, pages=3, page_count=100, scans=3, scan_pages=3,
              scan_image_bytes=512 << 10, cli=3, large_mb=50, stamps=5,
              audit_core_events=10_000, audit_db_events=3000, audit_appends=100, gui_runs=1,
              replay_entries=5000, envelope_mb=50)
QUICK = Sizes(runs=1, small=4, pages=1, page_count=20, scans=1, scan_pages=2,
              scan_image_bytes=256 << 10, cli=1, large_mb=10, stamps=2,
              audit_core_events=2000, audit_db_events=1000, audit_appends=20, gui_runs=1,
              pg_revalidation=False, envelope_mb=10, encrypted_b_t=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small counts (CI)")
    parser.add_argument("--quick", action="store_true", help="with --smoke: tiny counts (tests)")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3 in full mode)")
    parser.add_argument("--out", type=Path, help="JSON results file")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: temporary)")
    parser.add_argument("--markdown", type=Path, metavar="RESULTS",
                        help="print a results file's table as Markdown, measure nothing")
    args = parser.parse_args(argv)
    if args.markdown:
        print(render_markdown(json.loads(args.markdown.read_text())))
        return 0
    sizes = (QUICK if args.quick else SMOKE) if args.smoke else FULL
    if args.runs:
        sizes = Sizes(**{**sizes.__dict__, "runs": args.runs, "gui_runs": args.runs})
    mode = ("quick" if args.quick else "smoke") if args.smoke else "full"
    work = args.keep or Path(tempfile.mkdtemp(prefix="sealdesk-bench-"))
    try:
        rows, meta = run(work, sizes, mode)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(render(rows))
    print(f"\nload average before/after: {meta['machine']['load_at_start']} / "  # type: ignore[index]
          f"{meta['load_at_end']}; {meta['seconds']:.0f} s in all")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = args.out or REPO / "bench" / "results" / f"{stamp}-{mode}.json"
    write_json(out, rows, meta)
    print(f"results: {out}")
    return 0


def run(work: Path, sizes: Sizes, mode: str) -> tuple[list[Row], dict[str, object]]:
    started = time.perf_counter()
    meta: dict[str, object] = {"mode": mode, "sizes": sizes.__dict__, "machine": machine()}
    home = provision(work / "home")
    inputs = work / "inputs"
    rows: list[Row] = []
    with loopback_tsa(home) as tsa_url:
        rows += sections.sealing(home, inputs, sizes, tsa_url)
        rows += sections.cli(home, inputs, sizes, tsa_url)
        rows += sections.whole_process(home, inputs, sizes, tsa_url)
        rows += sections.encrypted_store(home, inputs, sizes, tsa_url)
    rows += sections.demo_tsa(home, inputs, sizes)
    rows += sections.large(home, inputs, sizes)
    rows += sections.encrypted_store_large(home, inputs, sizes)
    shutil.rmtree(inputs / "large", ignore_errors=True)
    rows += sections.envelope(inputs, sizes)
    rows += sections.revalidation(smoke=mode != "full", quick=mode == "quick")
    audit_rows, log = sections.audit(sizes, work / "audit")
    rows += audit_rows
    rows += sections.gui(home, sizes, log)
    meta["load_at_end"] = [round(x, 2) for x in load_average()]
    meta["seconds"] = time.perf_counter() - started
    meta["pid"] = os.getpid()
    return rows, meta


if __name__ == "__main__":
    sys.exit(main())
