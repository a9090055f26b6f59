"""The benchmark's own world: a demo installation in a temporary folder, a TSA, machine facts.

Nothing of the user's is touched: ``SEALDESK_HOME`` points at a fresh folder with its own
SoftHSM2 token (demo style: EC P-256 seal key generated on the token, demo root CA, demo TSA
key), and every measured batch gets a fresh database and document store inside it, so
idempotency ("already sealed") never short-cuts a run.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sealdesk.config import Config, StorageConfig
from sealdesk.paths import HOME_ENV, AppPaths
from sealdesk.services.console.demo import DEMO_LABEL, DEMO_PIN, SEAL_KEY_LABEL, init_demo
from sealdesk.services.context import Actor, AppContext

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BenchHome:
    """A provisioned demo installation: paths, configuration and the token's coordinates."""

    root: Path
    paths: AppPaths
    config: Config
    pin: str = DEMO_PIN
    token_label: str = DEMO_LABEL
    key_label: str = SEAL_KEY_LABEL

    @property
    def module(self) -> str:
        return self.config.token.module

    @property
    def token_env(self) -> dict[str, str]:
        return dict(self.config.token.environment)

    def fresh_context(self, tsa_url: str = "") -> AppContext:
        """A context on a new, empty database and store (same token, keys and trust)."""
        run = self.root / "runs" / uuid.uuid4().hex[:12]
        config = replace(
            self.config,
            storage=StorageConfig(
                database_url=f"sqlite:///{run / 'sealdesk.db'}", store_dir=str(run / "store")
            ),
        )
        if tsa_url:
            config = replace(config, tsa=replace(config.tsa, url=tsa_url))
        run.mkdir(parents=True)
        return AppContext.open(self.paths, config=config, actor=Actor("bench"))

    def clean_runs(self) -> None:
        """Delete the stores and databases of finished runs (large files add up fast)."""
        shutil.rmtree(self.root / "runs", ignore_errors=True)


def provision(root: Path) -> BenchHome:
    """Create the demo installation under ``root`` and point this process at its token."""
    paths = AppPaths(root / "config", root / "data", root / "logs")
    os.environ[HOME_ENV] = str(root)
    setup = init_demo(paths)
    os.environ.update(setup.config.token.environment)  # python-pkcs11 reads it at load time
    return BenchHome(root, paths, setup.config)


@contextlib.contextmanager
def loopback_tsa(home: BenchHome) -> Iterator[str]:
    """Run :mod:`bench.tsa_server` with the demo TSA key; yield its URL; stop it afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.tsa_server", "--cert", home.config.tsa.demo_cert,
         "--key", home.config.tsa.demo_key],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().split()
        if len(line) != 2 or line[0] != "port":
            raise RuntimeError("the benchmark TSA did not start")
        yield f"http://127.0.0.1:{line[1]}/"
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def machine() -> dict[str, object]:
    """What the figures were measured on; the load matters on a shared machine."""
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory": memory,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "load_at_start": [round(x, 2) for x in load_average()],
    }
