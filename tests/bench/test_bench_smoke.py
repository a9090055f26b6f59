"""The benchmark runner still runs: ``python -m bench --smoke --quick`` prints every row.

No timing is asserted (timed unit tests are flaky by nature); the figures of a quick run mean
nothing. What is asserted: the runner provisions its token, seals through every contender,
reads the other benchmarks' output, prints the whole table and writes its JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROWS = (
    "1-page PDFs: seal_documents",
    "1-page PDFs: Sealer alone",
    "20-page PDFs",
    "scans, 2 image pages",
    "1-page PDFs vs pyHanko CLI per file",
    "same TSA object for both",
    "demo timestamps (RSA-3072)",
    "seal, whole use case (seal_documents)",
    "seal, sealing step (Sealer → staging, fsync, hash)",
    "peak RSS, whole use case",
    "encrypted store: throughput vs plaintext store",
    "into an encrypted store, whole use case",
    "peak RSS, sealing into an encrypted store",
    "encrypt_stream, 10 MB file to file",
    "peak RSS, encrypting process",
    "vs naive validate_pdf_signature loop",
    "append, one event per transaction (fsync)",
    "events from the database",
    "inclusion proof at",
    "cold start to main window shown",
    "Audit page first paint",
    "Audit page filter",
)


@pytest.mark.timeout(240)
def test_quick_smoke_run_prints_every_row(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.pop("SEALDESK_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--quick", "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=230, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for row in ROWS:
        assert row in result.stdout, f"row {row!r} missing from:\n{result.stdout}"
    saved = json.loads(out.read_text())
    assert saved["meta"]["mode"] == "quick"
    assert len(saved["rows"]) >= len(ROWS)
    sealing = [r for r in saved["rows"] if r["section"].startswith("Batch sealing")]
    # Every sealing row has its ratio, except an optional baseline the machine lacks (the
    # pyHanko CLI comes with the 'bench' extra, which CI does not install): that row says so.
    for row in sealing:
        if row["ratio"] is None:
            assert "not installed" in row["note"], row
        else:
            assert row["ratio"] > 0, row
    assert any(row["ratio"] for row in sealing)
