"""Build the p11shim test module and steer it through its control file.

p11shim is a TEST SUBSTITUTE FOR HARDWARE: a PKCS#11 module that forwards to
SoftHSM2 and adds what SoftHSM2 lacks but real USB tokens do — a PIN retry
counter with lock-out, removal and re-insertion, a PIN-pad reader, keys that
need a PIN per signature, hangs, crashes and arbitrary error codes — so that
production code can be tested against those behaviours through the very same
python-pkcs11 / pyHanko path it uses with a real token. It proves nothing about
any particular token model; see README.md for what it does not simulate.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent
SOURCES = ("p11shim.c", "pkcs11_min.h")
CFLAGS = ("-shared", "-fPIC", "-Wall", "-Wextra", "-O2")
SOFTHSM2_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")

#: Every key the shim reads from its control file (see README.md).
CONTROL_KEYS = frozenset(
    {
        "max_pin_tries",
        "removed",
        "removal_epoch",
        "protected_auth_path",
        "pinpad_pin",
        "pinpad_delay_ms",
        "always_authenticate",
        "context_pin",
        "hang",
        "crash",
        "fail",
        "token_label",
        "token_serial",
    }
)

ControlValue = str | int | bool | None


class ShimBuildError(RuntimeError):
    """The shim could not be compiled; the message says what to install or fix."""


def build_shim(out_dir: Path) -> Path:
    """Compile ``libp11shim.so`` into ``out_dir`` and return its path.

    The file name carries a hash of the sources and flags, so an unchanged
    shim is compiled once per directory and an edited one never runs stale.
    The library is written to a temporary name and renamed, so parallel test
    workers sharing ``out_dir`` never load a half-written file.
    """
    gcc = shutil.which("gcc")
    if gcc is None:
        raise ShimBuildError("gcc not found: install gcc (Debian: apt-get install gcc libc6-dev)")
    digest = hashlib.sha256(" ".join(CFLAGS).encode())
    for name in SOURCES:
        digest.update((SOURCE_DIR / name).read_bytes())
    out_dir.mkdir(parents=True, exist_ok=True)
    library = out_dir / f"libp11shim-{digest.hexdigest()[:16]}.so"
    if library.exists():
        return library

    fd, tmp_name = tempfile.mkstemp(prefix=".libp11shim-", suffix=".so", dir=out_dir)
    os.close(fd)
    cmd = [gcc, *CFLAGS, "-o", tmp_name, str(SOURCE_DIR / "p11shim.c"), "-ldl"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        Path(tmp_name).unlink(missing_ok=True)
        raise ShimBuildError(f"compiling p11shim failed:\n{result.stderr}")
    os.replace(tmp_name, library)
    return library


def _format_value(value: str | int | bool) -> str:
    text = str(int(value)) if isinstance(value, bool) else str(value)
    if "\n" in text or "\r" in text:
        raise ValueError(f"control values are single lines, got {text!r}")
    return text


class ShimControl:
    """The control file of one shim "token", and the counters it keeps.

    The shim re-reads the control file on every PKCS#11 call, so a test may
    change behaviour while a process has the module loaded. Writes replace the
    file atomically, so the shim never sees half a file. Counters the shim
    keeps like a real token would — ``pin_failures``, ``user_logins``,
    ``context_logins``, ``signatures`` — live in ``<control>.state`` and
    survive process restarts. Point the shim at a control file by passing
    :meth:`env` into the environment of the process that loads the module.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.state_path = self.path.with_name(self.path.name + ".state")

    def env(self, target: Path | str | None = None) -> dict[str, str]:
        """Environment variables that make the shim use this control file (and target)."""
        env = {"P11SHIM_CONTROL": str(self.path)}
        if target is not None:
            env["P11SHIM_TARGET"] = str(target)
        return env

    # -- control keys -------------------------------------------------------

    def read(self) -> dict[str, str]:
        """The control keys currently in force (an absent file means none)."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return {}
        return dict(line.split("=", 1) for line in lines if "=" in line)

    def set(self, **keys: ControlValue) -> None:
        """Set control keys; ``None`` removes a key. Booleans are written as 1/0.

        Setting ``removed`` to true also bumps ``removal_epoch``, so sessions
        opened before the removal stay invalid even in a process that made no
        PKCS#11 call while the token was "out".
        """
        unknown = set(keys) - CONTROL_KEYS
        if unknown:
            raise ValueError(f"unknown shim control keys {sorted(unknown)}; see CONTROL_KEYS")
        current = self.read()
        if keys.get("removed") and current.get("removed", "0") == "0":
            keys.setdefault("removal_epoch", int(current.get("removal_epoch", "0")) + 1)
        for key, value in keys.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = _format_value(value)
        self._write(current)

    def clear(self) -> None:
        """Drop all faults: the shim behaves exactly like its target again.

        ``removal_epoch`` is kept so that clearing after a removal does not
        revive sessions the removal invalidated.
        """
        epoch = self.read().get("removal_epoch")
        self._write({"removal_epoch": epoch} if epoch else {})

    def remove_token(self) -> None:
        """Simulate pulling the token out of the reader."""
        self.set(removed=True)

    def insert_token(self) -> None:
        """Simulate plugging the token back in; old sessions stay invalid."""
        self.set(removed=False)

    def hang(self, function: str, ms: int) -> None:
        """Make ``function`` (e.g. ``"C_Login"``) sleep ``ms`` before it runs."""
        self._set_list_entry("hang", function, str(ms))

    def crash(self, function: str) -> None:
        """Make ``function`` call abort(), killing the process that loaded the shim."""
        self._set_list_entry("crash", function, None)

    def fail(self, function: str, rv: str | int) -> None:
        """Make ``function`` return ``rv`` (``"CKR_DEVICE_ERROR"`` or a number)."""
        self._set_list_entry("fail", function, hex(rv) if isinstance(rv, int) else rv)

    def _set_list_entry(self, key: str, function: str, arg: str | None) -> None:
        entries = [e for e in self.read().get(key, "").split(",") if e]
        entries = [e for e in entries if e.split(":", 1)[0] != function]
        entries.append(function if arg is None else f"{function}:{arg}")
        self.set(**{key: ",".join(entries)})

    def _write(self, keys: Mapping[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{key}={value}\n" for key, value in keys.items())
        fd, tmp_name = tempfile.mkstemp(prefix=".p11shim-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
        os.replace(tmp_name, self.path)

    # -- counters ------------------------------------------------------------

    @contextmanager
    def _locked_state(self, exclusive: bool) -> Iterator[int]:
        """Hold the same flock the shim takes, so no update is lost or torn."""
        fd = os.open(self.state_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield fd
        finally:
            os.close(fd)

    def state(self) -> dict[str, int]:
        """All counters the shim has recorded (missing ones are zero)."""
        with self._locked_state(exclusive=False) as fd:
            text = os.pread(fd, 1 << 16, 0).decode()
        pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
        return {key: int(value) for key, value in pairs}

    def counter(self, name: str) -> int:
        """One counter: ``pin_failures``, ``user_logins``, ``context_logins``, ``signatures``."""
        return self.state().get(name, 0)

    @property
    def pin_failures(self) -> int:
        """Consecutive wrong user PINs (the retry counter; reset by a good PIN)."""
        return self.counter("pin_failures")

    @property
    def context_logins(self) -> int:
        """Successful CKU_CONTEXT_SPECIFIC logins — one per always-authenticate signature."""
        return self.counter("context_logins")

    @property
    def user_logins(self) -> int:
        """Successful CKU_USER logins."""
        return self.counter("user_logins")

    @property
    def signatures(self) -> int:
        """Signatures the shim passed back (C_Sign/C_SignFinal with an output buffer)."""
        return self.counter("signatures")

    def reset_state(self) -> None:
        """Zero every counter, like a factory-fresh token (and unlock the PIN)."""
        with self._locked_state(exclusive=True) as fd:
            os.ftruncate(fd, 0)

    def reset(self) -> None:
        """Clear all faults and counters."""
        self.clear()
        self.reset_state()
