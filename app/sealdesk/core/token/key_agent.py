"""The key agent: a child process that holds the login for opening stored documents' data keys.

Every stored document's data key is wrapped to the token's key-encryption key (issue 21), so
reading documents needs a logged-in session. PKCS#11 login state is per process: a session
logged in here for reading would make the sealing code's own login fail (UserAlreadyLoggedIn),
and closing one session could log out the other. So the reading login lives in a child
(:mod:`sealdesk.core.token.key_agent_child`) and this process only asks it, over pipes, to open
wraps; the data keys come back over the pipe and nowhere else (never argv, environment, files
or logs).

Like the module probe, the child gets :func:`child_environment` (no secret-named variable) and
the PIN only through its stdin. Every answer is awaited at most the token timeout (the child
sends signs of life during long requests), so a hung token is a clear
:class:`~sealdesk.errors.TokenTimeoutError`, never a frozen console; the stuck child is killed.
Errors come back as the same :mod:`sealdesk.errors` classes and messages as a direct call.
The child exits when its stdin closes: on :meth:`KeyAgent.close`, when the agent object is
dropped, and when this process dies.
"""

from __future__ import annotations

import base64
import binascii
import collections
import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import sealdesk
from sealdesk import errors
from sealdesk.core.crypto.wrapping import WrappedKey
from sealdesk.core.token import watchdog
from sealdesk.core.token.child_env import child_environment, is_secret_name
from sealdesk.core.token.identity import TokenSelector
from sealdesk.core.token.key_agent_child import FrameError, read_frame, write_frame
from sealdesk.errors import SealDeskError, TokenError, TokenTimeoutError

CHILD_MODULE = "sealdesk.core.token.key_agent_child"
"""Started as ``python -m CHILD_MODULE``; a frozen build recognises the same arguments."""
REQUEST_BYTES = 4 * 1024 * 1024
""":meth:`KeyAgent.unwrap_many` sends documents in requests of about this size."""
_START_SECONDS = 15.0
"""Allowed on top of the login's own time: starting Python, importing, probing the module."""
_ANSWER_MARGIN = 5.0
"""At most this long on top of the timeout: the child's own watchdog answers a stuck call."""
_EXIT_GRACE_SECONDS = 5.0
_STDERR_LINES = 5
_ERRORS: dict[str, type[SealDeskError]] = {
    name: cls for name, cls in vars(errors).items()
    if isinstance(cls, type) and issubclass(cls, SealDeskError)
}


class KeyAgent:
    """A running key agent; use :meth:`start`. Thread-safe: requests take turns."""

    def __init__(self, child: subprocess.Popen[bytes], timeout: float) -> None:
        self._child = child
        self._timeout = timeout
        self._lock = threading.Lock()
        self._frames: queue.Queue[dict[str, Any] | Exception | None] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=_STDERR_LINES)
        self._broken: TokenError | None = None
        _daemon(_pump_frames, child.stdout, self._frames)
        _daemon(_pump_stderr, child.stderr, self._stderr)
        # Dropped without close(): stdin is closed all the same, so the child logs out and exits.
        self._finalizer = weakref.finalize(self, _shut, child)

    @classmethod
    def start(
        cls,
        module_path: str,
        selector: TokenSelector,
        pin: str | None,
        *,
        environment: Mapping[str, str] | None = None,
        timeout: float = watchdog.DEFAULT_TIMEOUT,
        recovery_key: str | None = None,
    ) -> KeyAgent:
        """Start the child and log in; returns once it is ready, raises the login's error.

        ``recovery_key`` (a key label on a recovery token) opens wraps with that key
        (:func:`~sealdesk.core.token.storage_key.unwrap_with_certificate_key`) instead of
        looking for the storage key. ``pin=None`` logs in on the reader's PIN pad if it has one.
        """
        extra = {k: v for k, v in (environment or {}).items() if not is_secret_name(k)}
        agent = cls(_spawn(extra), timeout)
        hello = {
            "module": module_path, "pin": pin, "environment": extra, "timeout": timeout,
            "selector": {"label": selector.label, "serial": selector.serial,
                         "manufacturer": selector.manufacturer, "model": selector.model},
            "recovery_key": recovery_key,
        }
        login = max(timeout, watchdog.PINPAD_MIN_TIMEOUT) if pin is None else timeout
        try:
            with agent._lock:
                agent._send(hello, "starting the key agent")
                del hello
                answer = agent._answer("logging in", 2 * timeout + login + _START_SECONDS)
            if "error" in answer:
                raise _error(answer["error"])
            if answer.get("ready") is not True:
                raise agent._fail("logging in", "it answered something unexpected")
        except BaseException:
            agent.close()
            raise
        return agent

    def unwrap(self, wraps: Sequence[WrappedKey]) -> bytes:
        """The data key behind the first of ``wraps`` that the token opens.

        :class:`~sealdesk.errors.KeyNotFoundError` when the token holds none of their keys,
        :class:`~sealdesk.errors.RecordIntegrityError` when a wrap for it is damaged.
        """
        (result,) = self.unwrap_many([wraps])
        if isinstance(result, SealDeskError):
            raise result
        return result

    def unwrap_many(
        self, documents: Sequence[Sequence[WrappedKey]]
    ) -> list[bytes | SealDeskError]:
        """One answer per document, in order: its data key, or the error that document met.

        Documents travel in few, large requests (revalidation opens thousands); an error of the
        agent itself (gone, timed out) is raised instead.
        """
        results: list[bytes | SealDeskError] = []
        for batch in _batches(documents):
            results.extend(self._request(batch))
        return results

    def close(self) -> None:
        """Let the child log out and exit (killed if it does not within a few seconds)."""
        self._finalizer()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._child.wait(_EXIT_GRACE_SECONDS + 1)

    @property
    def pid(self) -> int:
        return self._child.pid

    def __enter__(self) -> KeyAgent:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _request(self, documents: list[list[dict[str, str]]]) -> list[bytes | SealDeskError]:
        doing = f"opening the data keys of {len(documents)} document(s)"
        with self._lock:
            self._send({"documents": documents}, doing)
            answer = self._answer(doing, self._timeout + min(self._timeout, _ANSWER_MARGIN))
        if "error" in answer:  # the agent could not serve at all (it has stopped)
            self._broken = _error(answer["error"])
            raise self._broken
        results = answer.get("results")
        if not isinstance(results, list) or len(results) != len(documents):
            raise self._fail(doing, "its answer does not match the request")
        return [self._result(doing, r) for r in results]

    def _result(self, doing: str, raw: Any) -> bytes | SealDeskError:
        if isinstance(raw, dict) and "error" in raw:
            return _error(raw["error"])
        try:
            return base64.b64decode(raw["key"], validate=True)
        except (KeyError, TypeError, binascii.Error, ValueError):
            raise self._fail(doing, "its answer is malformed") from None

    def _send(self, message: dict[str, Any], doing: str) -> None:
        if self._broken is not None:
            raise self._broken
        try:
            write_frame(self._child.stdin, message)  # type: ignore[arg-type]
        except (OSError, ValueError):
            raise self._fail(doing, "it is no longer running") from None

    def _answer(self, doing: str, wait: float) -> dict[str, Any]:
        """The next answer, skipping signs of life; no more than ``wait`` s between frames."""
        while True:
            try:
                frame = self._frames.get(timeout=wait)
            except queue.Empty:
                raise self._timed_out(doing, wait) from None
            if isinstance(frame, Exception):
                raise self._fail(doing, f"it sent a broken answer ({frame})")
            if frame is None:
                raise self._fail(doing, self._exit_status())
            if "progress" not in frame:
                return frame

    def _timed_out(self, doing: str, wait: float) -> TokenError:
        _kill(self._child)
        self._broken = TokenTimeoutError(
            f"The key agent stopped responding while {doing} (no answer after {wait:g} s).",
            hint="Unplug and reconnect the token, then open the documents again; the agent "
            "is restarted with the next login.",
        )
        return self._broken

    def _fail(self, doing: str, why: str) -> TokenError:
        _kill(self._child)
        self._broken = TokenError(
            f"The key agent failed while {doing}: {why}.",
            hint="Log in to the token again to restart it; if it keeps failing, check the "
            "token's driver.",
        )
        return self._broken

    def _exit_status(self) -> str:
        try:
            code = self._child.wait(_EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            return "it closed its output"
        if code < 0:
            return f"it crashed (signal {_signal_name(-code)})"
        last = list(self._stderr)[-1:]
        return f"it ended (exit status {code})" + (f": {last[0]}" if last else "")


def _spawn(extra: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """``python -m CHILD_MODULE`` with no PIN anywhere but the pipe that stdin will be."""
    env = child_environment(extra)
    if not getattr(sys, "frozen", False):  # the child imports the same SealDesk as this process
        root = str(Path(sealdesk.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    try:
        return subprocess.Popen(
            [sys.executable, "-m", CHILD_MODULE], env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        raise TokenError(
            f"The key agent could not be started ({exc.__class__.__name__}).",
            hint="Check that SealDesk is installed completely, then log in again.",
        ) from None


def _batches(documents: Sequence[Sequence[WrappedKey]]) -> list[list[list[dict[str, str]]]]:
    """Documents as JSON, in requests of about :data:`REQUEST_BYTES` each (never empty)."""
    batches: list[list[list[dict[str, str]]]] = [[]]
    size = 0
    for wraps in documents:
        entry = [w.to_json() for w in wraps]
        entry_size = sum(len(w.wrapped) * 4 // 3 + 120 for w in wraps)
        if batches[-1] and size + entry_size > REQUEST_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(entry)
        size += entry_size
    return batches if batches[0] else []


def _error(raw: Any) -> SealDeskError:
    """The child's error as the same class and message it had there."""
    if not isinstance(raw, dict):
        return TokenError("The key agent reported an error it could not describe.",
                          hint="Log in to the token again; if it persists, report it as a bug.")
    cls = _ERRORS.get(str(raw.get("kind")), TokenError)
    message, hint = str(raw.get("message", "")), str(raw.get("hint", ""))
    if issubclass(cls, errors.WrongPinError):
        return cls(message, hint=hint, count_low=bool(raw.get("count_low")),
                   final_try=bool(raw.get("final_try")))
    return cls(message, hint=hint)


def _daemon(target: Any, *args: Any) -> None:
    threading.Thread(target=target, args=args, name="key agent pipe", daemon=True).start()


def _pump_frames(stream: IO[bytes], frames: queue.Queue[dict[str, Any] | Exception | None]) -> None:
    """Move the child's frames to the queue; None at the end, the error for a broken frame."""
    try:
        while (frame := read_frame(stream)) is not None:  # type: ignore[arg-type]
            frames.put(frame)
    except (FrameError, OSError, ValueError) as exc:
        frames.put(exc)
        return
    frames.put(None)


def _pump_stderr(stream: IO[bytes], tail: collections.deque[str]) -> None:
    """Keep the last few lines the child printed (a crash report), bounded in length."""
    with contextlib.suppress(OSError, ValueError):
        for line in iter(lambda: stream.readline(2048), b""):
            tail.append(line.decode("utf-8", "replace").strip()[:300])


def _shut(child: subprocess.Popen[bytes]) -> None:
    """Close the child's stdin (it logs out and exits), and reap it, killing it if it lingers."""
    with contextlib.suppress(OSError, ValueError):
        child.stdin.close()  # type: ignore[union-attr]

    def reap() -> None:
        try:
            child.wait(_EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            _kill(child)

    threading.Thread(target=reap, name="key agent exit", daemon=True).start()


def _kill(child: subprocess.Popen[bytes]) -> None:
    """Kill the child's process group (a driver may have started helpers), and reap it."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):  # AttributeError: Windows
        with contextlib.suppress(OSError):
            child.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(_EXIT_GRACE_SECONDS)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
