"""Instant commands: ``--help`` imports nothing heavy, and the CLI keeps to its layer.

Each case runs in a fresh interpreter (``sys.modules`` of this test process is full already):
``sealdesk --help`` and ``sealdesk COMMAND --help`` must not load pyHanko, SQLAlchemy or PySide6.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sealdesk.cli.custodian_cmd import CUSTODIAN_KEY_LABEL
from sealdesk.cli.main import COMMANDS
from sealdesk.cli.rotation_cmd import ALGORITHMS
from sealdesk.core.rotation.custodian import DEFAULT_KEY_LABEL
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.exit_codes import ExitCode
from sealdesk.services.revalidation.ltv import DEFAULT_DAYS

CLI_DIR = Path(__file__).resolve().parents[2] / "app" / "sealdesk" / "cli"
HEAVY = ("pyhanko", "sqlalchemy", "PySide6")
PROBE = """
import json, runpy, sys
heavy = set(json.loads(sys.argv[2]))
sys.argv = ["sealdesk", *json.loads(sys.argv[1])]
try:
    runpy.run_module("sealdesk.cli.main", run_name="__main__")
except SystemExit as exc:
    code = exc.code
loaded = sorted({m.split(".")[0] for m in sys.modules} & heavy)
print(json.dumps({"code": code, "heavy": loaded}), file=sys.stderr)
"""


def _probe(args: list[str]) -> tuple[dict[str, object], str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                          capture_output=True, text=True, timeout=60, check=False,
                          env=dict(os.environ))
    *_, last = done.stderr.strip().splitlines()
    return json.loads(last), done.stdout


@pytest.mark.parametrize("args", [
    ["--help"], *([name, "--help"] for name in sorted(COMMANDS)),
    ["audit", "verify-quorum", "--help"], ["revalidate", "run", "--help"],
    ["ltv", "refresh", "--help"], ["rotation", "propose", "--help"],
], ids=lambda args: " ".join(args))
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    outcome, stdout = _probe(args)
    assert outcome == {"code": 0, "heavy": []}, stdout
    assert "Usage: sealdesk" in stdout


def test_a_real_command_shows_no_library_deprecation_warnings(sealdesk_home: Path,
                                                              pdf_factory) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "SEALDESK_HOME": str(sealdesk_home), "PYTHONWARNINGS": "default"}
    env.pop("SEALDESK_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "sealdesk.cli.main", "verify", "--no-record",
                           str(pdf_factory("plain"))], capture_output=True, text=True,
                          timeout=120, check=False, env=env)
    # pyHanko (and its DSA import warning) was loaded; no trust anchors configured yet
    assert done.returncode == ExitCode.CONFIG, done.stdout + done.stderr
    assert "No trust anchors are configured" in done.stderr
    assert "Warning" not in done.stderr and "deprecated" not in done.stderr.lower()


def test_the_cli_reaches_storage_only_through_services() -> None:
    offenders = []
    for path in sorted(CLI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("sealdesk.storage")]
    assert offenders == []


def test_constants_named_for_a_light_help_agree_with_their_source() -> None:
    assert tuple(a.value for a in KeyAlgorithm) == ALGORITHMS
    assert CUSTODIAN_KEY_LABEL == DEFAULT_KEY_LABEL
    outcome, stdout = _probe(["ltv", "status", "--help"])
    assert outcome["code"] == 0
    assert f"[default: {DEFAULT_DAYS}]" in " ".join(stdout.split())
