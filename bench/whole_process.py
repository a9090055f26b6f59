"""Whole-process rows: SealDesk measured the way people run it, ``sealdesk …`` from a shell.

Every contender is a fresh process, timed from fork to exit, SealDesk and its baseline taking
turns on the same files, token, key and TSA:

* ``sealdesk seal FILES`` (a fresh database and store per run, the PIN from the environment)
  against :mod:`bench.naive_seal_script` — the naive pyHanko loop as a script — at B-B and at B-T
  with the same loopback TSA;
* ``sealdesk --help`` and ``sealdesk verify FILE`` against a bare ``python -c pass`` (the floor
  any Python command pays).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.environment import REPO, BenchHome
from bench.table import Row, limit_row, speedup_row
from sealdesk.config import PadesLevel, SealConfig, StorageConfig, save_config
from sealdesk.paths import HOME_ENV

NAIVE = REPO / "bench" / "naive_seal_script.py"
SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]


def _timed(args: list[str], env: dict[str, str], *, expect: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False,
                            stdin=subprocess.DEVNULL, timeout=3600)
    elapsed = time.perf_counter() - started
    if result.returncode not in expect:
        raise RuntimeError(f"{' '.join(args[:4])} … exited {result.returncode}: "
                           f"{result.stderr[-600:]}{crash_log(env)}")
    return elapsed


def crash_log(env: dict[str, str]) -> str:
    """The end of the run home's CLI crash log (the traceback of an unexpected error), if any:
    the run home is deleted with the bench's temporary folder, so it is shown now."""
    home = env.get(HOME_ENV)
    log = Path(home) / "logs" / "sealdesk-cli.log" if home else None
    if log is None or not log.is_file():
        return ""
    return "\n--- sealdesk-cli.log ---\n" + log.read_text(errors="replace")[-3000:]


def _run_home(home: BenchHome, tsa_url: str, level: PadesLevel) -> dict[str, str]:
    """A SEALDESK_HOME of its own per run: same token and keys, fresh database and store."""
    run = home.root / "runs" / uuid.uuid4().hex[:12]
    config = dataclasses.replace(
        home.config,
        storage=StorageConfig(database_url=f"sqlite:///{run / 'sealdesk.db'}",
                              store_dir=str(run / "store")),
        tsa=dataclasses.replace(home.config.tsa, url=tsa_url),
        seal=dataclasses.replace(home.config.seal or SealConfig(), level=level),
    )
    (run / "config").mkdir(parents=True)
    save_config(config, run / "config" / "config.toml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEALDESK")}
    env.update({HOME_ENV: str(run), "SEALDESK_PIN": home.pin, "PYTHONWARNINGS": "ignore"})
    return env


def sealing(home: BenchHome, files: list[Path], runs: int, tsa_url: str) -> list[Row]:
    section = "Whole process: `sealdesk seal` vs the naive pyHanko loop as a script"
    rows = []
    for level, url in ((PadesLevel.B_B, ""), (PadesLevel.B_T, tsa_url)):
        ours, naive = [], []
        for _ in range(runs):
            env = _run_home(home, url, level)
            ours.append(_timed([*SEALDESK, "seal", *map(str, files)], env))
            out = Path(env[HOME_ENV]) / "naive"
            naive_env = {**env, "NAIVE_PIN": home.pin}
            naive.append(_timed([sys.executable, str(NAIVE), home.module, home.token_label,
                                 home.key_label, url or "-", str(out), *map(str, files)],
                                {**naive_env, **home.token_env}))
            home.clean_runs()
        rows.append(speedup_row(
            section, f"{len(files)} 1-page PDFs at {level}", count=len(files), unit="docs",
            ours=ours, base=naive, base_name="naive loop script", target=4.0,
            note="whole process each: start-up, login, sealing, exit"))
    return rows


def commands(home: BenchHome, sealed: Path, runs: int) -> list[Row]:
    section = "Whole process: command start-up"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEALDESK")}
    env.update({HOME_ENV: str(home.root), "PYTHONWARNINGS": "ignore"})
    bare, helps, verifies = [], [], []
    for _ in range(runs):
        bare.append(_timed([sys.executable, "-c", "pass"], env))
        helps.append(_timed([*SEALDESK, "--help"], env))
        verifies.append(_timed([*SEALDESK, "verify", str(sealed)], env,
                               expect=tuple(range(0, 20))))
    floor = f"python -c pass: {sorted(bare)[len(bare) // 2]:.2f} s"
    return [
        limit_row(section, "sealdesk --help", values=helps, unit="s", limit=0.3, baseline=floor),
        limit_row(section, "sealdesk verify (one sealed file)", values=verifies, unit="s",
                  limit=1.0, baseline=floor),
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.whole_process``: only the whole-process rows (a few minutes).

    The full ``python -m bench`` also generates a million audit events and a 200 MB PDF; this
    measures what issue 23 asks of the commands people run, with the same contenders.
    """
    import argparse
    import shutil
    import tempfile

    from bench.environment import load_average, loopback_tsa, provision
    from bench.pdfgen import make_inputs
    from bench.replay_bench import verify_on_long_log
    from bench.revalidation_pg import two_workers_vs_one
    from bench.table import render

    parser = argparse.ArgumentParser(prog="python -m bench.whole_process")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=200, help="1-page PDFs per batch")
    parser.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL row")
    parser.add_argument("--long-log", type=int, default=200_000,
                        help="audit entries for the long-log verify row (0: skip)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sealdesk-whole-"))
    start_load = load_average()
    try:
        home = provision(work / "home")
        files = make_inputs(work / "inputs", "small", args.count)
        with loopback_tsa(home) as tsa_url:
            rows = sealing(home, files, args.runs, tsa_url)
            from bench import seal_bench

            seal_bench.seal_naively(home, files[:1], work / "naive-verify",
                                    seal_bench.http_timestamper(tsa_url))
            rows += commands(home, sorted((work / "naive-verify").glob("*.pdf"))[0], args.runs)
        if args.long_log:
            rows += verify_on_long_log(home, work / "inputs", args.long_log, args.runs)
        if not args.no_pg:
            rows += two_workers_vs_one(home, files, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(rows))
    print(f"\nload average before/after: {start_load} / {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
