"""Probing a PKCS#11 module in a child process before SealDesk loads it itself.

A vendor module runs inside the process that loads it: if it hangs in C_GetSlotList or calls
abort(), the host hangs or dies with it, and no timeout inside the process can cancel a C call.
So the first contact with a module (per path and environment, per process) happens in a
short-lived child (:mod:`sealdesk.core.token.probe_child`): load, initialise, list tokens,
finalise. A child that does not answer within the timeout is killed; one that crashes is reported
with its signal. Either way the module is never loaded into SealDesk, and the error names the
module path and the step it was on ("stopped responding while listing slots").

The same probe is the status bar's polling call (:mod:`sealdesk.core.token.status`): it sees
insertions and removals without re-initialising the in-process module, which a running batch
holds a session on, and it can never block the caller beyond the timeout.

Usable from a shell as ``python -m sealdesk.core.token MODULE [TIMEOUT]`` (prints JSON).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sealdesk.core.token import probe_child
from sealdesk.core.token.child_env import child_environment
from sealdesk.core.token.identity import PinState, TokenInfo
from sealdesk.errors import ModuleLoadError

TOKEN_INITIALIZED = 0x400
_CHILD = Path(probe_child.__file__)
_KILL_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class ProbeResult:
    """What the child saw: the initialised tokens present, with their PIN flags."""

    module_path: str
    tokens: tuple[TokenInfo, ...]


def probe_module(
    path: str, environment: Mapping[str, str] | None = None, *, timeout: float = 30.0
) -> ProbeResult:
    """Load ``path`` in a child process and list its tokens; never blocks beyond ``timeout``.

    Raises :class:`ModuleLoadError` naming the module and what it was doing when it failed.
    """
    _require_file(path)
    env = child_environment(environment)  # never a PIN in the child's environment
    command = [sys.executable, "-S", "-E", str(_CHILD), path]
    child = subprocess.Popen(  # the path is one argument
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        out, err = _kill(child)
        stage = _last_stage(out)
        raise ModuleLoadError(
            f"The PKCS#11 module {path} stopped responding while {stage} "
            f"(no answer after {timeout:g} s).",
            hint="Unplug and reconnect the token or reader and try again. If it keeps happening, "
            "update or reinstall the token's driver; SealDesk did not load the module.",
        ) from None
    return _interpret(path, child.returncode, out, err)


def _require_file(path: str) -> None:
    if not path:
        raise ModuleLoadError(
            "No PKCS#11 module is configured.",
            hint="Set the module path in Settings (e.g. /usr/lib/softhsm/libsofthsm2.so), "
            "or run 'sealdesk demo init' for a demo token.",
        )
    if not Path(path).is_file():
        raise ModuleLoadError(
            f"The PKCS#11 module {path} does not exist.",
            hint="Install the token's driver, or correct the module path in Settings.",
        )


def _kill(child: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Kill the child's whole process group (a driver may have forked helpers holding pipes)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        child.kill()
    try:
        return child.communicate(timeout=_KILL_GRACE_SECONDS)
    except subprocess.TimeoutExpired:  # pragma: no cover - a helper escaped the group
        return b"", b""


def _messages(out: bytes) -> list[dict[str, object]]:
    messages = []
    for line in out.decode("utf-8", "replace").splitlines():
        try:
            value = json.loads(line)
        except ValueError:
            continue  # a chatty module printed to stdout; ignore its lines
        if isinstance(value, dict):
            messages.append(value)
    return messages


def _last_stage(out: bytes) -> str:
    stages = [str(m["stage"]) for m in _messages(out) if "stage" in m]
    return stages[-1] if stages else "starting"


def _interpret(path: str, returncode: int, out: bytes, err: bytes) -> ProbeResult:
    messages = _messages(out)
    stage = _last_stage(out)
    if returncode < 0:
        name = _signal_name(-returncode)
        raise ModuleLoadError(
            f"The PKCS#11 module {path} crashed (signal {name}) while {stage}.",
            hint="SealDesk did not load it. Update or reinstall the token's driver, or check "
            "that it matches this system; the crash happened in a separate test process.",
        )
    for message in messages:
        if "error" in message:
            raise _orderly_error(path, str(message["error"]), str(message.get("detail", "")))
        if "result" in message:
            return _result(path, message["result"])
    first_line = err.decode("utf-8", "replace").strip().splitlines()[:1]
    raise ModuleLoadError(
        f"The PKCS#11 module {path} ended the probe (exit status {returncode}) while {stage}"
        + (f": {first_line[0]}" if first_line else "."),
        hint="Check that the token's driver is installed for this system's architecture.",
    )


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _orderly_error(path: str, kind: str, detail: str) -> ModuleLoadError:
    if kind == "not-pkcs11":
        return ModuleLoadError(
            f"{path} is not a PKCS#11 module (it has no C_GetFunctionList).",
            hint="Point SealDesk at the token vendor's PKCS#11 library (often named "
            "*pkcs11*.so); see the README's list of module paths.",
        )
    if kind == "not-a-library":
        return ModuleLoadError(
            f"The PKCS#11 module {path} could not be loaded: {detail}.",
            hint="Check that the file is the token's driver, built for this system's "
            "architecture.",
        )
    return ModuleLoadError(
        f"The PKCS#11 module {path} reported an error ({detail}).",
        hint="Reconnect the token or reader and try again; if it persists, check the driver.",
    )


def _result(path: str, result: object) -> ProbeResult:
    raw_tokens = result.get("tokens", []) if isinstance(result, dict) else []
    tokens = []
    for raw in raw_tokens:
        flags = int(raw["flags"])
        tokens.append(TokenInfo(
            slot_id=int(raw["slot_id"]), label=str(raw["label"]), serial=str(raw["serial"]),
            manufacturer=str(raw["manufacturer"]), model=str(raw["model"]),
            initialized=bool(flags & TOKEN_INITIALIZED), pin=PinState.from_flags(flags),
        ))
    return ProbeResult(path, tuple(t for t in tokens if t.initialized))


def main(argv: list[str] | None = None) -> int:
    """``python -m sealdesk.core.token MODULE [TIMEOUT]``: print what the probe sees."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m sealdesk.core.token MODULE [TIMEOUT_SECONDS]")
        return 2
    try:
        result = probe_module(args[0], timeout=float(args[1]) if len(args) > 1 else 30.0)
    except ModuleLoadError as exc:
        print(json.dumps({"error": exc.message, "hint": exc.hint}))
        return 1
    print(json.dumps({"module": result.module_path,
                      "tokens": [t.__dict__ | {"pin": t.pin.__dict__} for t in result.tokens]}))
    return 0
