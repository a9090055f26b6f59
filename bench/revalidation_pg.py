"""Revalidation on PostgreSQL: two ``sealdesk revalidate work RUN`` processes against one.

Issue 23's distributed revalidation lets several consoles (or machines sharing the database and
the store) work one run: each claims chunks of pending documents with ``FOR UPDATE SKIP LOCKED``
(:mod:`sealdesk.services.revalidation.queue`). This row measures what a second worker buys on
this machine: a private PostgreSQL server started from Debian's binaries (as the tests start
it, :mod:`tests.fixtures.postgres`), the demo token seals ``count`` one-page PDFs into it with
``sealdesk seal``, and then, alternating, a fresh run of every stored seal is worked by

* one ``sealdesk revalidate work RUN --workers 1`` process (the baseline), or
* two such processes started together (the figure), timed until both have exited.

Each side is a whole process, start-up included; the run is planned beforehand in this process
(``create_run``), so both sides check exactly the same documents under the same policy.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.environment import BenchHome
from bench.table import Row, missing_row, speedup_row
from sealdesk.config import StorageConfig, save_config
from sealdesk.paths import HOME_ENV, AppPaths
from sealdesk.services.context import Actor, AppContext

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]
SECTION = "Revalidation on PostgreSQL (whole processes)"
NAME = "revalidate work: two worker processes vs one"


def _home_on(home: BenchHome, url: str) -> tuple[AppContext, dict[str, str]]:
    """A SEALDESK_HOME of its own on the PostgreSQL database (same token, keys and trust)."""
    root = home.root / "pg-home"
    paths = AppPaths(root / "config", root / "data", root / "logs").ensure()
    config = dataclasses.replace(home.config, storage=StorageConfig(
        database_url=url, store_dir=str(root / "store"), busy_timeout_seconds=30))
    save_config(config, paths.config_file)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEALDESK")}
    env.update({HOME_ENV: str(root), "SEALDESK_PIN": home.pin, "PYTHONWARNINGS": "ignore",
                **home.token_env})
    return AppContext.open(paths, config=config, actor=Actor("bench")), env


def _work(env: dict[str, str], run_id: int, processes: int) -> float:
    started = time.perf_counter()
    workers = [subprocess.Popen([*SEALDESK, "revalidate", "work", str(run_id), "--workers", "1"],
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    errors = [w.communicate(timeout=1800)[1] for w in workers]
    elapsed = time.perf_counter() - started
    for worker, err in zip(workers, errors, strict=True):
        if worker.returncode not in (0, 10):
            raise RuntimeError(f"revalidate work exited {worker.returncode}: {err[-400:]}")
    return elapsed


def two_workers_vs_one(home: BenchHome, files: list[Path], runs: int) -> list[Row]:
    try:
        from tests.fixtures.postgres import PostgresServer, _pg_bin
    except ImportError:
        return [missing_row(SECTION, NAME, "needs the repository's tests/ (PostgreSQL fixture)")]
    bindir = _pg_bin()
    if bindir is None:
        return [missing_row(SECTION, NAME, "PostgreSQL is not installed")]
    from sealdesk.services.revalidation.plan import Scope
    from sealdesk.services.revalidation.runs import create_run, summary
    from sealdesk.services.revalidation.verification import policy_from

    root = Path(tempfile.mkdtemp(prefix="sealdesk-bench-pg-"))  # initdb's user must reach it
    server = PostgresServer(bindir, root)
    server.start()
    try:
        ctx, env = _home_on(home, server.create_database())
        try:
            sealed = subprocess.run([*SEALDESK, "seal", *map(str, files)], env=env,
                                    capture_output=True, text=True, check=False,
                                    stdin=subprocess.DEVNULL, timeout=1800)
            if sealed.returncode != 0:
                raise RuntimeError(f"sealdesk seal exited {sealed.returncode}: "
                                   f"{sealed.stderr[-400:]}")
            policy = policy_from(ctx)
            one, two = [], []
            for _ in range(runs):
                for processes, times in ((1, one), (2, two)):
                    run_id = create_run(ctx, Scope.everything(), policy)
                    times.append(_work(env, run_id, processes))
                    final = summary(ctx, run_id)
                    if not final.finished or final.count("PASSED") != len(files):
                        raise RuntimeError(f"run {run_id} did not pass every seal: {final}")
        finally:
            ctx.close()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    return [speedup_row(SECTION, f"{len(files)} B-T seals, {NAME}", count=len(files),
                        unit="docs", ours=two, base=one, base_name="one worker process",
                        target=1.7, note="each a whole process; same run plan and policy")]
