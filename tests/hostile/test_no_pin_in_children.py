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


def _children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _pool_children() -> dict[int, bytes]:
    """multiprocessing's children of this process that have finished starting (exec done)."""
    found = {}
    for pid in _children_of(os.getpid()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue  # it ended meanwhile
        if b"multiprocessing" in cmdline and environ:
            found[pid] = environ
    return found


def test_spawned_revalidation_workers_hold_no_pin(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    """multiprocessing spawns workers with the parent's environment (it takes no ``env``): the
    pool starts them with secret-named variables withheld, and puts them back afterwards."""
    from sealdesk.services.progress import CancelFlag
    from sealdesk.services.revalidation import pool
    from sealdesk.services.revalidation.worker import PolicySpec, WorkItem

    monkeypatch.setenv("SEALDESK_PIN", SCRIPT_PIN)
    monkeypatch.setattr(pool, "start_method", lambda: "spawn")
    items = [WorkItem(i, str(tmp_path / f"missing-{i}.pdf")) for i in range(pool.SMALL_RUN + 2)]
    environs: dict[int, bytes] = {}
    spec = PolicySpec((_self_signed_der(),), "soft-fail")
    for _item, _outcome in pool.check_all(spec, items, CancelFlag(), workers=2):
        environs.update(_pool_children())  # the workers are alive while results come in
    assert len(environs) >= 2, "the spawned workers (and the resource tracker) were seen"
    assert not [pid for pid, env in environs.items()
                if b"SEALDESK_PIN" in env or SCRIPT_PIN.encode() in env]
    assert os.environ["SEALDESK_PIN"] == SCRIPT_PIN, "the variable is back for the parent"


def _self_signed_der() -> bytes:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test anchor")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)
