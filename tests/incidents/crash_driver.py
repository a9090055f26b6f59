"""Fork server for the kill -9 harness: import SealDesk once, fork one ``sealdesk`` run per
request, report its pid and then its exit code.

Starting the CLI costs about 1.8 s of CPU in imports (pyHanko, SQLAlchemy, ...), and the
harness starts forty of them; forking a process that already imported everything but touched
nothing (no token module initialised, no database opened, no thread started) makes each run a
real, separate ``sealdesk seal`` process, killable with SIGKILL like any other, for the price
of a fork. Protocol, one JSON object per line: request ``{"args", "env", "log"}`` on stdin;
answers ``{"started": pid}`` then ``{"exited": pid, "code": n}`` (negative: killed by signal).
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    import importlib

    from sealdesk.cli import main as cli_main

    # Commands load lazily and import their services when they run: import what ``sealdesk
    # seal`` needs here instead, the expensive imports once, before any fork.
    for module in ("sealdesk.cli.seal_cmd", "sealdesk.cli.prompts", "sealdesk.core.token.module",
                   "sealdesk.services.incidents.recovery", "sealdesk.services.sealing.batch",
                   "sealdesk.services.sealing.gates"):
        importlib.import_module(module)

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _run_child(cli_main, request)  # raises SystemExit: the child ends like the CLI
        print(json.dumps({"started": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"exited": pid, "code": os.waitstatus_to_exitcode(status)}), flush=True)


def _run_child(cli_main: object, request: dict[str, object]) -> None:
    """Become ``sealdesk ARGS`` with the request's environment and output file, then exit."""
    from sealdesk.services import _testing as crashpoints

    os.environ.clear()
    os.environ.update(request["env"])  # type: ignore[arg-type]
    crashpoints.rearm()
    log = os.open(str(request["log"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - the process ends with it
    sys.argv = ["sealdesk", *request["args"]]  # type: ignore[misc]
    cli_main.main()  # type: ignore[attr-defined]
    raise SystemExit(0)  # click exits by itself; the child then ends like any CLI run


if __name__ == "__main__":
    main()
