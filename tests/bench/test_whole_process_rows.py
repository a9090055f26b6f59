"""The whole-process rows and the multi-core prototype still run (tiny counts, no timing asserted).

``python -m bench.whole_process`` seals through ``sealdesk seal`` and the naive script, times
``--help`` and ``verify`` and, on a generated log, ``verify`` with and without the signed
authority snapshot (it fails if the seal batch signed no snapshot). The prototype seals in worker
processes with one token session and validates its output with pyHanko (it fails otherwise).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'app'}{os.pathsep}{REPO}",
           "PYTHONWARNINGS": "ignore"}
    env.pop("SEALDESK_HOME", None)
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=400, check=False)


@pytest.mark.timeout(420)
def test_whole_process_rows_print_with_the_long_log_row() -> None:
    done = _run("bench.whole_process", "--runs", "1", "--count", "2", "--long-log", "600",
                "--no-pg")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for row in ("2 1-page PDFs at B-B", "2 1-page PDFs at B-T", "sealdesk --help",
                "sealdesk verify (one sealed file)", "600-entry log",
                "whole-log replay, as before snapshots"):
        assert row in done.stdout, done.stdout


@pytest.mark.timeout(300)
def test_the_multicore_prototype_seals_valid_documents() -> None:
    done = _run("bench.multicore_prototype", "--count", "4", "--runs", "1")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "two vs one" in done.stdout
