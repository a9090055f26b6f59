"""``sealdesk verify FILE`` on a long audit log: with the signed authority snapshot and without.

Every ``sealdesk seal`` and ``sealdesk verify`` asks the audit log which signing policy is in
force, which means checking the log's hash chain and replaying its authority events. Before the
signed snapshots (:mod:`sealdesk.core.rotation.replay_snapshot`) a fresh process read the whole
log for that: 4 s per 200,000 entries. Now a seal batch ends by signing a snapshot at its
checkpoint, and a later process checks it and reads only the entries after it.

The log is generated (:func:`bench.audit_db_gen.generate_log`, checkpoints signed with the demo
token's audit key), one PDF is sealed with ``sealdesk seal`` (which takes the checkpoint and
the snapshot), and then, alternating, ``sealdesk verify`` of that seal runs as a fresh process
with the snapshot rows in place and with them deleted (the whole-log replay every process paid
before). Both record their verification in the log, as by default.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.environment import BenchHome
from bench.pdfgen import make_inputs
from bench.table import Row, limit_row
from sealdesk.config import StorageConfig, save_config
from sealdesk.paths import HOME_ENV, AppPaths
from sealdesk.services.context import Actor, AppContext

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]
SECTION = "Whole process: long audit log"


def _timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=1800)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[2:5])} exited {done.returncode}: {done.stderr[-400:]}")
    return elapsed


def _long_log(home: BenchHome, entries: int) -> tuple[Path, dict[str, str]]:
    from bench.audit_db_gen import generate_log
    from sealdesk.core.token import TokenSelector, open_token_session
    from sealdesk.services.audit.checkpoints import TokenCheckpointSigner

    root = home.root / "replay" / uuid.uuid4().hex[:12]
    paths = AppPaths(root / "config", root / "data", root / "logs").ensure()
    database = root / "sealdesk.db"
    config = dataclasses.replace(home.config, storage=StorageConfig(
        database_url=f"sqlite:///{database}", store_dir=str(root / "store")))
    save_config(config, paths.config_file)
    ctx = AppContext.open(paths, config=config, actor=Actor("bench"))
    try:
        cfg = config.token
        with open_token_session(cfg.module, TokenSelector(label=cfg.label), home.pin,
                                environment=cfg.environment) as token:
            signer = TokenCheckpointSigner(token, cfg.audit_key_label)
            generate_log(ctx.database, entries, signer, signer.certificate_der,
                         checkpoint_every=10_000)
    finally:
        ctx.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEALDESK")}
    env.update({HOME_ENV: str(root), "SEALDESK_PIN": home.pin, "PYTHONWARNINGS": "ignore"})
    return database, env


def verify_on_long_log(home: BenchHome, inputs: Path, entries: int, runs: int) -> list[Row]:
    database, env = _long_log(home, entries)
    document = make_inputs(inputs / "replay", "small", 1)[0]
    out = database.parent / "out"
    _timed([*SEALDESK, "seal", "--out", str(out), str(document)], env)
    sealed = str(next(out.glob("*.pdf")))
    with sqlite3.connect(database) as connection:
        saved = connection.execute("SELECT * FROM authority_snapshots").fetchall()
    if not saved:
        raise RuntimeError("sealdesk seal signed no authority snapshot")
    marks = ",".join("?" * len(saved[0]))
    with_snapshot, without = [], []
    for _ in range(runs):
        with_snapshot.append(_timed([*SEALDESK, "verify", sealed], env))
        with sqlite3.connect(database) as connection:
            connection.execute("DELETE FROM authority_snapshots")
        without.append(_timed([*SEALDESK, "verify", sealed], env))
        with sqlite3.connect(database) as connection:
            connection.executemany(f"INSERT INTO authority_snapshots VALUES ({marks})", saved)
    before = sorted(without)[len(without) // 2]
    return [limit_row(
        SECTION, f"sealdesk verify (one sealed file), {entries:,}-entry log",
        values=with_snapshot, unit="s", limit=1.0,
        baseline=f"whole-log replay, as before snapshots: {before:.2f} s",
        note="fresh process each; the signed authority snapshot checked, then only newer "
             "entries read")]
