"""Where a ``sealdesk`` command spends its start-up: ``python -m bench.profile_command ARGS…``.

Runs the command twice as a fresh process, the way a person runs it: once under
``python -X importtime`` (which modules cost what, cumulative, the heaviest first) and once under
cProfile (the heaviest calls, cumulative). ``SEALDESK_HOME`` and ``SEALDESK_PIN`` are taken from
the environment, so point them at a demo setup first (``sealdesk demo init``). Used to find what
issue 23's "instant commands" had to cut; the figures themselves belong in ``python -m bench``.
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]


def heaviest_imports(args: list[str], top: int = 25) -> list[tuple[int, str]]:
    """(cumulative µs, module) of the heaviest imports, nested ones included."""
    run = subprocess.run([sys.executable, "-X", "importtime", *SEALDESK[1:], *args],
                         capture_output=True, text=True, check=False,
                         stdin=subprocess.DEVNULL, env=os.environ.copy())
    found = []
    for line in run.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            found.append((int(parts[1]), parts[2].rstrip()))
    return sorted(found, reverse=True)[:top]


def heaviest_calls(args: list[str], top: int = 30) -> str:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "run.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *SEALDESK[1:], *args],
                       capture_output=True, check=False, stdin=subprocess.DEVNULL)
        stats = pstats.Stats(str(out), stream=(text := _Buffer()))
        stats.sort_stats("cumulative").print_stats(top)
        return text.value


class _Buffer:
    def __init__(self) -> None:
        self.value = ""

    def write(self, chunk: str) -> None:
        self.value += chunk


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(__doc__)
        return 2
    print("Heaviest imports (cumulative ms; nested modules are indented):")
    for micros, module in heaviest_imports(args):
        print(f"{micros / 1000:9.1f}  {module}")
    print("\nHeaviest calls (cProfile, cumulative):")
    print(heaviest_calls(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
