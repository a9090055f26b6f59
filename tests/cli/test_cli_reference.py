"""The CLI reference (docs/cli.md and the README's command table) matches the commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_current() -> None:
    check = subprocess.run([sys.executable, str(ROOT / "docs" / "cli_reference.py"), "--check"],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, (
        f"{check.stdout}{check.stderr}Regenerate with: .venv/bin/python docs/cli_reference.py")
