"""Benchmarks owned by other parts of SealDesk, run as they are and read from their output.

The audit benchmarks (``bench/audit_bench.py``, ``bench/audit_db_bench.py``,
``bench/audit_page_bench.py``) and the revalidation benchmark (``bench/revalidation_bench.py``)
belong to the engineers of those features; the runner calls them in child processes, with their
own options, and picks the figures out of their printed lines, so they stay runnable by hand and
nobody maintains two copies. A line that cannot be found fails loudly, never silently.

The GUI cold start is measured here: the real console (``python -m sealdesk.ui.app
--smoke-test``, offscreen) against a bare PySide6 main window started the same way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import REPO

BENCH = REPO / "bench"


def run_script(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 3600,
               ) -> str:
    """Run a Python script of the repository; its standard output, or an error with its tail."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
                   **(env or {})}
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, env=environment,
        timeout=timeout, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): "
                           f"{(result.stdout + result.stderr)[-1500:]}")
    return result.stdout


def find(pattern: str, text: str) -> float:
    """The first number captured by ``pattern`` in ``text`` (commas allowed)."""
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"benchmark output changed: no line matches {pattern!r}\n{text[-800:]}")
    return float(match.group(1).replace(",", ""))


def audit_core(events: int) -> dict[str, float]:
    """``bench/audit_bench.py``: in-memory chain + Merkle verification and proofs."""
    out = run_script([str(BENCH / "audit_bench.py"), "--events", str(events)])
    return {
        "append_per_s": find(r"append \(event \+ entry \+ range\)\s+([\d,]+) events/s", out),
        "verify_s": find(r"verify_chain, \d+ checkpoint roots\s+([\d.]+) s", out),
        "proof_ms": find(r"inclusion proof \+ verify\s+([\d.]+) ms mean", out),
    }


def audit_database(events: int, appends: int, folder: Path) -> dict[str, float]:
    """``bench/audit_db_bench.py``: appends, verification from SQLite, proofs; keeps the log."""
    out = run_script([str(BENCH / "audit_db_bench.py"), "--events", str(events),
                      "--appends", str(appends), "--proofs", "50", "--dir", str(folder)])
    return {
        "append_single_per_s": find(r"1 event per transaction[^:]*:\s+([\d,.]+) events/s", out),
        "append_batch_per_s": find(r"100 events per transaction:\s+([\d,.]+) events/s", out),
        "verify_s": find(r"verify \d+ entries from the database:\s+([\d.]+) s", out),
        "proof_ms": find(r"inclusion proof file[^\n]*?median\s+([\d.]+) ms", out),
    }


def audit_page(database: Path) -> dict[str, float]:
    """``bench/audit_page_bench.py`` on an existing log: first paint and a type filter."""
    out = run_script([str(BENCH / "audit_page_bench.py"), "--db", str(database)])
    return {
        "rows": find(r"for a log of ([\d,]+) entries", out),
        "first_paint_ms": find(r"first paint[^:]*:\s+([\d.]+) ms", out),
        "filter_ms": find(r"filter type = document\.seal_failed\s*:\s+([\d.]+) ms", out),
    }


_RATE = r"\s+[\d.]+ s \(\s*([\d.]+) docs/s"


def revalidation_available() -> bool:
    return (BENCH / "revalidation_bench.py").exists()


def revalidation(smoke: bool) -> dict[str, float]:
    """``bench/revalidation_bench.py`` (its ``--smoke`` in smoke mode): both rates, the ratio."""
    out = run_script([str(BENCH / "revalidation_bench.py"), *(["--smoke"] if smoke else [])])
    return {
        "count": find(r"revalidation benchmark: (\d+) PAdES", out),
        "ratio": find(r"speed-up: ([\d.]+)× faster than the naive loop", out),
        "naive_per_s": find(r"naive validate_pdf_signature loop[^:]*:" + _RATE, out),
        "ours_per_s": find(r"SealDesk revalidate, whole run:" + _RATE, out),
    }


_BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)
window.show()
while not (window.windowHandle() and window.windowHandle().isExposed()):
    app.processEvents()
print("main window shown", flush=True)
"""


def cold_start(home_root: Path) -> tuple[float, float]:
    """Seconds from process start to the shown main window: SealDesk, then a bare window.

    Both are child processes started the same way and timed until they print "main window
    shown" (SealDesk's ``--smoke-test`` checks every 50 ms, so its figure may be up to 50 ms
    late). SealDesk opens the benchmark's demo installation (``SEALDESK_HOME``).
    """
    env = {"SEALDESK_HOME": str(home_root)}
    sealdesk = _until_shown(["-m", "sealdesk.ui.app", "--smoke-test"], env)
    bare = _until_shown(["-c", _BARE_WINDOW], env)
    return sealdesk, bare


def _until_shown(args: list[str], env: dict[str, str]) -> float:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), **env}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=REPO, env=environment)
    assert process.stdout is not None
    seconds = None
    for line in process.stdout:
        if "main window shown" in line:
            seconds = time.perf_counter() - started
            break
    process.stdout.close()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if seconds is None:
        raise RuntimeError(f"{args} never showed its main window")
    return seconds
