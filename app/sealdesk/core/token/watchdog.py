"""A time limit for in-process PKCS#11 calls that can block (initialise, list slots, log in, sign).

A C call into a module cannot be cancelled from Python. What can be done: run it in a daemon
thread and stop WAITING for it after the timeout (python-pkcs11 releases the GIL during module
calls, so the waiting thread keeps running). The caller then gets a :class:`TokenTimeoutError`
naming the module and the step, and the abandoned call stays stuck in its thread.

While a call on a module is stuck, SealDesk makes no other call into that module (it would most
likely block on the module's own lock): :func:`guarded` refuses at once, and clean-ups such as
closing the session are deferred with :func:`after_unstuck` until the stuck call returns, if it
ever does. A batch that times out is therefore abandoned cleanly: nothing is committed for the
document in flight, and the documents finished before it are kept.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

from sealdesk.errors import TokenTimeoutError

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0
PINPAD_MIN_TIMEOUT = 120.0
"""Typing a PIN on a reader's keypad takes a person a while; never allow less than this."""

_lock = threading.Lock()
_stuck: dict[str, list[str]] = {}  # module path -> what each abandoned call was doing
_deferred: dict[str, list[Callable[[], object]]] = {}


def guarded(
    module_path: str,
    doing: str,
    call: Callable[[], T],
    timeout: float,
    *,
    late: Callable[[T], object] | None = None,
) -> T:
    """Run ``call()`` (a PKCS#11 call on ``module_path``) and wait at most ``timeout`` seconds.

    ``late`` receives the result of a call that returned after it was abandoned (e.g. a login
    that finally succeeded: its session must be closed, nobody else will).
    """
    refuse_if_stuck(module_path, doing)
    outcome: dict[str, object] = {}
    finished = threading.Event()
    abandoned = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the waiting thread, raised there
            outcome["error"] = exc
        with _lock:
            finished.set()
            was_abandoned = abandoned.is_set()
        if was_abandoned:
            if late is not None and "value" in outcome:
                _run_quietly(lambda: late(outcome["value"]))  # type: ignore[arg-type]
            with _lock:
                _release(module_path, doing)

    worker = threading.Thread(target=run, name=f"pkcs11 call: {doing}", daemon=True)
    worker.start()
    if not finished.wait(timeout):
        with _lock:
            if not finished.is_set():
                abandoned.set()
                _stuck.setdefault(module_path, []).append(doing)
                raise TokenTimeoutError(
                    f"The PKCS#11 module {module_path} stopped responding while {doing} "
                    f"(no answer after {timeout:g} s).",
                    hint="Unplug and reconnect the token, then try again; restart SealDesk if "
                    "it still does not answer. Nothing was sealed for the document in progress; "
                    "documents finished before it are kept.",
                )
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def refuse_if_stuck(module_path: str, doing: str) -> None:
    """Raise at once when an earlier call into ``module_path`` has not come back yet."""
    with _lock:
        pending = list(_stuck.get(module_path, ()))
    if pending:
        raise TokenTimeoutError(
            f"The PKCS#11 module {module_path} is still stuck in an earlier call "
            f"({pending[0]}), so SealDesk did not start {doing}.",
            hint="Unplug and reconnect the token; if the module still does not recover, "
            "restart SealDesk (a stuck driver call cannot be interrupted from inside).",
        )


def is_stuck(module_path: str) -> bool:
    with _lock:
        return bool(_stuck.get(module_path))


def any_stuck() -> bool:
    """Is any call into any module stuck? (Then the process must not finalise modules at exit.)"""
    with _lock:
        return any(_stuck.values())


def stuck_calls(module_path: str) -> list[str]:
    """What the abandoned calls on ``module_path`` were doing (empty when none is stuck)."""
    with _lock:
        return list(_stuck.get(module_path, ()))


def after_unstuck(module_path: str, cleanup: Callable[[], object]) -> None:
    """Run ``cleanup`` once no call on ``module_path`` is stuck (now, if none is)."""
    with _lock:
        if _stuck.get(module_path):
            _deferred.setdefault(module_path, []).append(cleanup)
            return
    _run_quietly(cleanup)


def _release(module_path: str, doing: str) -> None:
    """An abandoned call came back (``_lock`` held): forget it, run deferred clean-ups."""
    pending = _stuck.get(module_path, [])
    if doing in pending:
        pending.remove(doing)
    if pending:
        return
    _stuck.pop(module_path, None)
    cleanups = _deferred.pop(module_path, [])
    if cleanups:
        threading.Thread(
            target=lambda: [_run_quietly(c) for c in cleanups],
            name="pkcs11 deferred clean-up", daemon=True,
        ).start()


def _run_quietly(cleanup: Callable[[], object]) -> None:
    # A clean-up of a dead session may fail; there is nobody left to report it to.
    with contextlib.suppress(Exception):
        cleanup()
