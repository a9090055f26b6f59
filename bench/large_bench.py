"""A very large PDF: sealing time against copying it durably, and the memory sealing takes.

The baseline is what any durable handling of the file costs at least: ``cp`` to the same disk,
``sync``, ``sha256sum`` of the copy (one read, one durable write, one hash). Each contender runs
in a child process of its own (:mod:`bench.large_child`) so its peak resident set size belongs
to that sealing alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import REPO, BenchHome


def copy_sync_hash(source: Path, folder: Path) -> float:
    """Seconds for ``cp`` + ``sync`` + ``sha256sum`` of ``source`` into ``folder``."""
    target = folder / f"copy-{source.name}"
    started = time.perf_counter()
    subprocess.run(["cp", str(source), str(target)], check=True)
    subprocess.run(["sync"], check=True)
    subprocess.run(["sha256sum", str(target)], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def seal_in_child(home: BenchHome, source: Path, mode: str) -> dict[str, float]:
    """Run :mod:`bench.large_child` in ``mode``; its seconds, peak and starting RSS (MB)."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.large_child", str(home.root), str(source), mode],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"large seal ({mode}) failed: {result.stderr[-1500:]}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures
