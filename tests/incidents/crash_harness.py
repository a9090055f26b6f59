"""The kill -9 harness: seal a batch in a subprocess, SIGKILL it, restart, check nothing was lost.

Each *point* is one crash: a fresh installation (a copy of one demo installation made once),
``sealdesk seal`` over N documents in a child process killed with SIGKILL either at a protocol
step (``SEALDESK_CRASH_AT``, :mod:`sealdesk.services._testing`) or at a random moment once a
random number of files reached the store; then the same command again (the CLI runs recovery
before sealing) and the checks of :mod:`tests.incidents.crash_checks`. Both runs are real
``sealdesk seal`` processes, forked by :mod:`tests.incidents.crash_driver` (imports paid once).

Run by hand for the full size (also what ``SEALDESK_SLOW=1 pytest`` runs)::

    .venv/bin/python -m tests.incidents.crash_harness --documents 200 [--seed N] [--workers N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import HOME_ENV, AppPaths
from sealdesk.services._testing import ENV as CRASH_ENV
from sealdesk.services._testing import STEPS
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from tests.incidents.crash_checks import check_installation

DRIVER = [sys.executable, "-m", "tests.incidents.crash_driver"]
RANDOM_POINTS = 8


@dataclass(frozen=True)
class Point:
    """One crash: at ``step`` the ``count``-th time, or (step "") after ``objects`` store files
    appeared plus ``delay`` seconds."""

    name: str
    step: str = ""
    count: int = 0
    objects: int = 0
    delay: float = 0.0


@dataclass
class PointResult:
    point: Point
    killed: bool = False
    crash_returncode: int | None = None
    restart_returncode: int | None = None
    problems: list[str] = field(default_factory=list)
    recovery: str = ""
    seconds: float = 0.0
    log: str = ""

    @property
    def passed(self) -> bool:
        return self.killed and self.restart_returncode == 0 and not self.problems


def plan(documents: int, seed: int) -> list[Point]:
    """Twenty points: every step at the first document and at a random later one, and eight
    random moments (after a random number of sealed files in the store, plus up to 0.2 s)."""
    rng = random.Random(seed)
    points = []
    for step in STEPS:
        points.append(Point(f"{step}#1", step, 1))
        later = rng.randint(2, documents) if documents > 1 else 1
        points.append(Point(f"{step}#{later}", step, later))
    for number in range(1, RANDOM_POINTS + 1):
        points.append(Point(f"random-{number}", objects=rng.randint(1, max(1, documents - 1)),
                            delay=round(rng.uniform(0.0, 0.2), 3)))
    return points


class Template:
    """One demo installation (token, PKI, configuration); each point works on a copy."""

    def __init__(self, root: Path, documents: int) -> None:
        self.root = root
        self.home = root / "template"
        init_demo(_paths(self.home))
        self.inputs = root / "inputs"
        self.inputs.mkdir()
        self.files = [
            make_text_pdf(self.inputs / f"record-{i:04}.pdf", f"Record {i}", [f"Entry {i}"])
            for i in range(documents)
        ]

    def clone(self, home: Path) -> Path:
        """Copy the installation to ``home``, pointing its configuration at the copy."""
        shutil.copytree(self.home, home)
        for text_file in (home / "config" / "config.toml", *home.rglob("softhsm2.conf")):
            text_file.write_text(text_file.read_text().replace(str(self.home), str(home)))
        return home


def _paths(home: Path) -> AppPaths:
    return AppPaths(home / "config", home / "data", home / "logs")


class Driver:
    """One fork server (:mod:`tests.incidents.crash_driver`) per harness worker thread."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(DRIVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, cwd=Path(__file__).parents[2])

    def run(self, args: list[str], env: dict[str, str], log: Path,
            watch: Callable[[int], None] | None = None) -> int:
        """Run ``sealdesk ARGS``; ``watch(pid)`` may kill it meanwhile. Returns the exit code."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"args": args, "env": env, "log": str(log)}) + "\n")
        self.process.stdin.flush()
        pid = json.loads(self.process.stdout.readline())["started"]
        if watch is not None:
            watch(pid)
        return int(json.loads(self.process.stdout.readline())["code"])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


_drivers = threading.local()
_all_drivers: list[Driver] = []


def _driver() -> Driver:
    if not hasattr(_drivers, "driver"):
        _drivers.driver = Driver()
        _all_drivers.append(_drivers.driver)
    return _drivers.driver  # type: ignore[no-any-return]


def run_point(template: Template, point: Point, workdir: Path) -> PointResult:
    result = PointResult(point)
    started = time.monotonic()
    home = template.clone(workdir / point.name.replace("#", "-"))
    out = home / "exported"
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    env.update({HOME_ENV: str(home), "SEALDESK_PIN": DEMO_PIN})
    args = ["seal", *map(str, template.files), "--out", str(out)]
    crash_env = {**env, CRASH_ENV: f"{point.step}:{point.count}"} if point.step else env
    objects = home / "data" / "store" / "objects"
    watch = None if point.step else (lambda pid: _kill_when(pid, objects, point))
    result.crash_returncode = _driver().run(args, crash_env, home / "crash.log", watch)
    result.killed = result.crash_returncode == -signal.SIGKILL
    result.restart_returncode = _driver().run(args, env, home / "restart.log")
    log = (home / "restart.log").read_text()
    result.log = log[-3000:]
    result.recovery = next((line for line in log.splitlines()
                            if line.startswith("Recovered")), "")
    result.problems = check_installation(_paths(home), template.files, out, point.step)
    result.seconds = time.monotonic() - started
    return result


def _kill_when(pid: int, objects: Path, point: Point) -> None:
    """SIGKILL ``pid`` once ``point.objects`` files are in the store, after ``point.delay``."""
    while _alive(pid):
        if objects.is_dir() and _count_files(objects) >= point.objects:
            time.sleep(point.delay)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.01)


def _alive(pid: int) -> bool:
    """Running (a finished child stays a zombie until its parent, the driver, reaps it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def run_all(documents: int, seed: int, workers: int, root: Path | None = None,
            points: Iterable[Point] | None = None) -> list[PointResult]:
    """Build the template and run every point, ``workers`` at a time."""
    root = root or Path(tempfile.mkdtemp(prefix="sealdesk-crash-"))
    template = Template(root, documents)
    chosen = list(points or plan(documents, seed))
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda p: run_point(template, p, root), chosen))
    finally:
        while _all_drivers:
            _all_drivers.pop().close()


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


def format_results(results: list[PointResult]) -> str:
    lines = [f"{'point':28} {'killed':6} {'rerun':5} {'secs':>6}  recovery / problems"]
    for r in results:
        note = "; ".join(r.problems) if r.problems else (r.recovery or "nothing to recover")
        lines.append(f"{r.point.name:28} {r.killed!s:6} {r.restart_returncode!s:5} "
                     f"{r.seconds:6.1f}  {note}")
    passed = sum(r.passed for r in results)
    lines.append(f"{passed}/{len(results)} points passed")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="sealdesk-crash-"))
    root.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        results = run_all(args.documents, args.seed, args.workers, root)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(format_results(results))
    print(f"{args.documents} documents per point, {time.monotonic() - started:.0f} s in all")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
