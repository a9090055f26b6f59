"""Snapshot of a large store against ``cp -r`` + ``sync`` + ``sha256sum``, and its peak memory.

``python -m bench.snapshot_bench [--mb 200] [--files 200]`` fills a demo installation's store
with ``--files`` random objects totalling ``--mb`` MB (named by their SHA-256, as the store
does), then measures, each in a child process of its own:

* the baseline: ``cp -r`` of the objects folder, ``sync``, ``sha256sum`` of every copy (one
  read, one durable write, one hash: the least any checked copy costs);
* ``create_snapshot`` (token login, two checkpoints, signing and the timestamp included;
  interpreter start-up and imports not) with the child's peak resident set size;
* an incremental snapshot after 10 new objects: how many were copied and how long it took.

The issue's target: within 1.5x of the baseline, peak memory under 150 MB. Prints one JSON
object; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def fill_store(objects: Path, total_mb: int, files: int) -> int:
    """Write ``files`` random objects of about ``total_mb`` MB in all; return bytes written."""
    size = max(1, total_mb * 1024 * 1024 // files)
    written = 0
    for _ in range(files):
        data = os.urandom(size)
        name = hashlib.sha256(data).hexdigest()
        folder = objects / name[:2]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        written += size
    return written


def baseline(objects: Path, scratch: Path) -> float:
    """Seconds for ``cp -r`` + ``sync`` + ``sha256sum`` of every copied file."""
    target = scratch / "cp-copy"
    started = time.perf_counter()
    subprocess.run(["cp", "-r", str(objects), str(target)], check=True)
    subprocess.run(["sync"], check=True)
    subprocess.run(f"find {target} -type f -exec sha256sum {{}} + > /dev/null", shell=True,
                   check=True)
    seconds = time.perf_counter() - started
    shutil.rmtree(target)
    return seconds


_CHILD = """
import json, resource, sys, time
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots import create_snapshot
ctx = AppContext.open()
cfg = ctx.config.token
started = time.perf_counter()
with open_token_session(cfg.module, TokenSelector.from_config(cfg), "1234",
                        environment=cfg.environment) as token:
    result = create_snapshot(ctx, token, reason=sys.argv[1])
seconds = time.perf_counter() - started
ctx.close()
print(json.dumps({"seconds": seconds, "copied": result.copied, "linked": result.linked,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def snapshot_in_child(home: Path, reason: str) -> dict[str, float]:
    """Time ``create_snapshot`` alone (token login, two checkpoints, signing and the timestamp
    included; interpreter start-up and imports not) in a child; its figures and peak RSS."""
    env = {**os.environ, "SEALDESK_HOME": str(home),
           "PYTHONPATH": os.pathsep.join([str(REPO / "app"), str(REPO)])}
    done = subprocess.run([sys.executable, "-c", _CHILD, reason], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"snapshot failed: {done.stderr[-1500:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="store size in MB (default 200)")
    parser.add_argument("--files", type=int, default=200, help="number of objects")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="sealdesk-snapbench-", dir="/var/tmp"))
    try:
        home = scratch / "home"
        env = {**os.environ, "SEALDESK_HOME": str(home),
               "PYTHONPATH": os.pathsep.join([str(REPO / "app"), str(REPO)])}
        subprocess.run([sys.executable, "-m", "sealdesk.cli.main", "demo", "init"], env=env,
                       check=True, capture_output=True)
        objects = home / "data" / "store" / "objects"
        written = fill_store(objects, args.mb, args.files)
        subprocess.run(["sync"], check=True)
        base = baseline(objects, scratch)
        full = snapshot_in_child(home, "bench")
        fill_store(objects, max(1, args.mb * 10 // args.files), 10)
        incremental = snapshot_in_child(home, "bench incremental")
        figures: dict[str, object] = {
            "store_mb": round(written / 1024 / 1024, 1), "objects": args.files,
            "baseline_cp_sync_sha256sum_s": round(base, 2),
            "snapshot_s": round(full["seconds"], 2), "ratio": round(full["seconds"] / base, 2),
            "snapshot_peak_rss_mb": round(full["peak_rss_mb"], 1),
            "incremental_after_10_s": round(incremental["seconds"], 2),
            "incremental_copied": incremental["copied"],
            "incremental_linked": incremental["linked"],
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    main()
