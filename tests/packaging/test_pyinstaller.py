"""The one-folder PyInstaller build: it builds, starts offscreen to the main window, and the
same executable serves the CLI and the PKCS#11 module probe (a child process of itself).

Building takes a few minutes, so the test runs only with ``SEALDESK_TEST_PACKAGING=1``
(``SEALDESK_TEST_PACKAGING=1 .venv/bin/pytest -m packaging tests/packaging``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dist" / "sealdesk" / "sealdesk"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(os.environ.get("SEALDESK_TEST_PACKAGING") != "1",
                       reason="builds the PyInstaller app: set SEALDESK_TEST_PACKAGING=1"),
    pytest.mark.timeout(1800),
]


@pytest.fixture(scope="module")
def built_app() -> Path:
    subprocess.run(["sh", str(ROOT / "packaging" / "build.sh"), "--no-check"],
                   env={**os.environ, "PYTHON": sys.executable}, check=True, timeout=1700)
    assert APP.is_file()
    return APP


def run(app: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SEALDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SEALDESK_PIN", None)
    return subprocess.run([str(app), *args], env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def test_the_built_app_starts_to_the_main_window(built_app: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    started = run(built_app, home, "--smoke-test")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().splitlines()[-1] == "main window shown"
    assert (home / "config" / "config.toml").is_file()  # demo mode was set up on first start

    listed = run(built_app, home, "token", "list")  # the module probe runs as a child of itself
    assert listed.returncode == 0, listed.stderr
    assert "'SealDesk Demo'" in listed.stdout

    version = run(built_app, home, "--version")
    assert version.returncode == 0 and version.stdout.startswith("sealdesk, version ")


def test_the_built_app_carries_the_german_translation(built_app: Path) -> None:
    """SealDesk's catalogue (spec datas) and Qt's own (PyInstaller's PySide6 hooks)."""
    bundled = {path.name for path in built_app.parent.rglob("*.qm")}
    assert {"sealdesk_de.qm", "qtbase_de.qm"} <= bundled
