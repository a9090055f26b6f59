"""Run a pure-Python parse with a time limit, and stop it when the limit passes.

pyHanko's reader is pure Python; a damaged or hostile PDF can make it walk a huge file byte by
byte (a 5 MB run of zeros took 50 s here) or loop. A document that cannot be read in
reasonable time must be refused, not freeze a batch or the GUI's intake worker. The parse runs
in a helper thread; when the limit passes the caller gets :class:`ParseTimeout` at once and the
helper thread is interrupted at its next Python instruction (``PyThreadState_SetAsyncExc``), so
it does not keep burning CPU. Only for Python code: a call blocked in C would finish first.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ParseTimeout(Exception):
    """The parse did not finish within the limit (raised to the caller)."""


class _Stop(BaseException):
    """Injected into the helper thread; a BaseException so ``except Exception`` lets it pass."""


def run_bounded(work: Callable[[], T], seconds: float, name: str = "parse") -> T:
    """``work()`` in a helper thread; its result or exception, or ParseTimeout after ``seconds``."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except _Stop:
            pass
        except BaseException as exc:  # handed to the caller as it is
            outcome["error"] = exc

    helper = threading.Thread(target=target, name=f"bounded {name}", daemon=True)
    helper.start()
    helper.join(seconds)
    if helper.is_alive():
        _interrupt(helper)
        helper.join(1.0)
        raise ParseTimeout(f"{name} took longer than {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _interrupt(thread: threading.Thread) -> None:
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                                   ctypes.py_object(_Stop))
