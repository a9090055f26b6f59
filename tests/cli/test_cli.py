"""The ``sealdesk`` command as a user runs it: a real process, real token, exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sealdesk.exit_codes import ExitCode
from tests.fixtures.independent import assert_pdfsig_valid

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]


def run(home: Path, *args: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SEALDESK_PIN"}
    env["SEALDESK_HOME"] = str(home)
    if pin is not None:
        env["SEALDESK_PIN"] = pin
    return subprocess.run([*SEALDESK, *args], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


@pytest.fixture
def demo_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    result = run(home, "demo", "init")
    assert result.returncode == 0, result.stderr
    assert "user PIN: 1234" in result.stdout
    return home


def test_demo_init_refuses_to_overwrite(demo_home: Path) -> None:
    again = run(demo_home, "demo", "init")
    assert again.returncode == ExitCode.CONFIG
    assert "already exists" in again.stderr and "--force" in again.stderr


def test_token_list_shows_the_demo_token(demo_home: Path) -> None:
    result = run(demo_home, "token", "list")
    assert result.returncode == 0, result.stderr
    assert "'SealDesk Demo'" in result.stdout and "SoftHSM" in result.stdout


def test_seal_writes_valid_sealed_copies(demo_home: Path, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = [str(pdf_factory(f"letter{i}")) for i in range(2)]
    out = tmp_path / "out"
    result = run(demo_home, "seal", *files, "--out", str(out), "--visible", "--page", "1",
                 "--operator", "alice", pin="1234")
    assert result.returncode == 0, result.stderr
    assert "Done: 2 sealed." in result.stdout
    for name in ("letter0.sealed.pdf", "letter1.sealed.pdf"):
        assert_pdfsig_valid(out / name)
    again = run(demo_home, "seal", *files, "--out", str(out), "--visible", "--page", "1",
                pin="1234")
    assert again.returncode == 0
    assert "Done: 2 already sealed." in again.stdout


def test_wrong_pin_exits_token_and_writes_nothing(demo_home: Path, pdf_factory,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(demo_home, "seal", str(pdf_factory("x")), "--out", str(out), pin="7777")
    assert result.returncode == ExitCode.TOKEN
    assert "PIN was not accepted" in result.stderr
    assert "7777" not in result.stderr + result.stdout
    assert not out.exists()


def test_no_pin_without_terminal_is_a_usage_error(demo_home: Path, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    result = run(demo_home, "seal", str(pdf_factory("x")))
    assert result.returncode == ExitCode.USAGE
    assert "SEALDESK_PIN" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"plain text", "not a PDF"), (b"%PDF-1.4\nbroken", "damaged")],
    ids=["non-pdf", "corrupt"],
)
def test_bad_documents_exit_input(demo_home: Path, tmp_path: Path, content: bytes,
                              message: str) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = run(demo_home, "seal", str(bad), "--out", str(out), pin="1234")
    assert result.returncode == ExitCode.INPUT  # nothing sealed, one cause
    assert message in result.stdout
    assert not out.exists() or not any(out.iterdir())


def test_missing_module_exits_token(demo_home: Path, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    config = demo_home / "config" / "config.toml"
    text = config.read_text().replace("/usr/lib/softhsm/libsofthsm2.so", "/opt/none/libp11.so")
    config.write_text(text)
    result = run(demo_home, "seal", str(pdf_factory("x")), pin="1234")
    assert result.returncode == ExitCode.TOKEN
    assert "does not exist" in result.stderr


def test_token_absent_exits_token(demo_home: Path, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    config = demo_home / "config" / "config.toml"
    text = config.read_text().replace('label = "SealDesk Demo"', 'label = "Gone"')
    # The serial identifies the token (a relabelled token is still found by it): forget it too.
    config.write_text(re.sub(r'(?m)^serial = ".*"$', 'serial = ""', text))
    result = run(demo_home, "seal", str(pdf_factory("x")), pin="1234")
    assert result.returncode == ExitCode.TOKEN
    assert "No token with label 'Gone'" in result.stderr
