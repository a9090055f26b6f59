"""Issue 18, item 7: no PIN on a child's command line or in its environment.

``demo init`` used to run ``softhsm2-util --init-token --pin 1234 --so-pin S`` (readable by
every account in /proc/<pid>/cmdline) and the token probe child inherited ``SEALDESK_PIN``.
Every child started during a demo set-up is seen here through Python's ``subprocess.Popen``
audit event (exactly the argv and environment given to exec, no patching): none carries a PIN
in its arguments, none a secret-named variable or a PIN value in its environment. A second test
reads a live child's /proc/<pid>/cmdline and environ.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sealdesk.core.token.child_env import child_environment, is_secret_name
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo

SCRIPT_PIN = "pin-from-the-script-7731"

_recording = threading.Event()  # process-wide: a child started from any thread is seen
_children: list[tuple[list[str], dict[str, str]]] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    """Audit hooks cannot be removed: this one only records while a test asks it to."""
    if event == "subprocess.Popen" and _recording.is_set():
        _executable, argv, _cwd, env = args
        argv = [os.fsdecode(a) for a in (argv if isinstance(argv, list | tuple) else [argv])]
        _children.append((argv, dict(os.environ if env is None else env)))


sys.addaudithook(_hook)


@pytest.fixture
def children() -> Iterator[list[tuple[list[str], dict[str, str]]]]:
    _children.clear()
    _recording.set()
    try:
        yield _children
    finally:
        _recording.clear()


def _decoded(env: dict[Any, Any]) -> dict[str, str]:
    return {os.fsdecode(k): os.fsdecode(v) for k, v in env.items()}


def test_demo_init_passes_no_pin_to_any_child(
    sealdesk_home: Path, monkeypatch: pytest.MonkeyPatch,
    children: list[tuple[list[str], dict[str, str]]],
) -> None:
    monkeypatch.setenv("SEALDESK_PIN", SCRIPT_PIN)
    monkeypatch.setenv("SEALDESK_CUSTODIAN_PIN", SCRIPT_PIN)
    setup = init_demo(app_paths())
    secrets = {DEMO_PIN, setup.so_pin, SCRIPT_PIN}
    for argv, env in children:
        env = _decoded(env)
        for secret in secrets:
            assert not any(secret in arg for arg in argv), argv
            assert secret not in env.values(), argv[:3]
        assert not [name for name in env if is_secret_name(name)], argv[:3]
    assert not any("softhsm2-util" in " ".join(argv) for argv, _ in children)
    started = " ".join(" ".join(argv) for argv, _ in children)
    assert "init_child.py" in started and "probe_child.py" in started, "both children seen"


def test_a_live_child_shows_no_pin_in_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    """What another process on the machine could read of a child, while it runs."""
    monkeypatch.setenv("SEALDESK_PIN", SCRIPT_PIN)
    # The child says it is running before /proc is read: Popen returns as soon as exec begins,
    # and until the kernel has laid out the new program's environment /proc/PID/environ is empty.
    child = subprocess.Popen(
        [sys.executable, "-S", "-E", "-c",
         "import sys; print('ready', flush=True); sys.stdin.read()"],
        env=child_environment({"SOFTHSM2_CONF": "/x"}),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        cmdline = Path(f"/proc/{child.pid}/cmdline").read_bytes()
        environ = Path(f"/proc/{child.pid}/environ").read_bytes()
    finally:
        child.communicate(b"", timeout=10)
    assert SCRIPT_PIN.encode() not in cmdline + environ
    assert b"SEALDESK_PIN" not in environ and b"SOFTHSM2_CONF=/x" in environ
