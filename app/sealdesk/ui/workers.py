"""The GUI's one worker mechanism: jobs on a thread pool, results back on the GUI thread.

Modelled on Anki's task manager: a :class:`Job` runs a plain function on a ``QThreadPool`` and
reports through a :class:`JobSignals` object that lives on the GUI thread, so progress, success
and failure arrive there as queued signals and the callbacks may touch widgets. The function
itself never sees Qt.

Jobs that name a resource ``key`` ("token") run one at a time per key, in the order they were
asked for: two sessions on one token would fight over its login state, and SoftHSM2 is
re-initialised by a token lookup when no session is open.

Every exception a job raises becomes a :class:`JobFailure` with the traceback already formatted.
The frames are then cleared, so nothing a job held (a PIN argument, for one) outlives the job
through a traceback kept for an error dialog.
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication

from sealdesk.ui.failures import JobFailure, present_failure

__all__ = ["TOKEN", "Job", "JobFailure", "JobRunner", "JobSignals"]

TOKEN = "token"
"""Resource key of every job that touches the PKCS#11 token."""


SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[JobFailure], None]
ProgressHandler = Callable[[int, int, str], None]


class JobSignals(QObject):
    """Created on the GUI thread; the worker emits, the GUI thread receives (queued)."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """One function call on the pool. Use :meth:`JobRunner.run` rather than building these."""

    def __init__(self, fn: Callable[..., Any], *, name: str, key: str | None,
                 with_progress: bool) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner owns it until its result has been delivered
        self.id = next(_ids)
        self.name = name
        self.key = key
        self.signals = JobSignals()
        self.signals.job_id = self.id  # type: ignore[attr-defined]  # read back via sender()
        self._fn: Callable[..., Any] | None = fn
        self._with_progress = with_progress

    def run(self) -> None:
        fn, self._fn = self._fn, None  # drop the closure (and whatever it captured) at once
        if fn is None:
            return
        try:
            result = fn(self._report_progress) if self._with_progress else fn()
        except BaseException as exc:  # every failure must reach the GUI, or it waits forever
            self.signals.failed.emit(_failure_of(exc))
        else:
            self.signals.succeeded.emit(result)

    def _report_progress(self, done: int, total: int, item: str) -> None:
        self.signals.progress.emit(done, total, item)


_ids = itertools.count(1)


def _failure_of(exc: BaseException) -> JobFailure:
    report = "".join(traceback.format_exception(exc))
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return JobFailure(exc, report)


class _GuiCall:
    """A function a job wants run on the GUI thread, and what came of it."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn(*self.args)
        except BaseException as exc:  # handed back to the waiting job, which raises it
            self.error = exc
        finally:
            self.done.set()


class _GuiCaller(QObject):
    """Lives on the GUI thread; runs :class:`_GuiCall` objects posted from workers."""

    requested = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.requested.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, call: _GuiCall) -> None:
        call.run()


class JobRunner(QObject):
    """Starts jobs, keeps at most one per resource key running, and delivers their results.

    ``reporter`` shows failures nobody handled (no ``on_failure`` given): by default
    :func:`~sealdesk.ui.failures.present_failure`; tests set a list so that an unexpected error
    fails the test.
    """

    busy_changed = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._running: dict[int, Job] = {}
        self._waiting: dict[str, deque[Job]] = {}
        self._busy_keys: set[str] = set()
        self._callbacks: dict[int, tuple[Any, ...]] = {}
        self.reporter: FailureCallback = _default_reporter
        self._gui_caller = _GuiCaller(self)

    def run(
        self,
        fn: Callable[..., Any],
        *,
        name: str = "",
        key: str | None = None,
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
        on_progress: ProgressHandler | None = None,
    ) -> Job:
        """Run ``fn()`` in the pool (``fn(progress)`` when ``on_progress`` is given).

        Callbacks run on the GUI thread. A job whose ``key`` is busy waits for its turn.
        """
        job = Job(fn, name=name or getattr(fn, "__name__", "job"), key=key,
                  with_progress=on_progress is not None)
        self._callbacks[job.id] = (on_success, on_failure, on_progress)
        queued = Qt.ConnectionType.QueuedConnection
        job.signals.progress.connect(self._delivered_progress, queued)
        job.signals.succeeded.connect(self._delivered_success, queued)
        job.signals.failed.connect(self._delivered_failure, queued)
        if key is not None and key in self._busy_keys:
            self._waiting.setdefault(key, deque()).append(job)
        else:
            self._start(job)
        return job

    def is_busy(self, key: str) -> bool:
        return key in self._busy_keys

    @property
    def idle(self) -> bool:
        return not self._running and not any(self._waiting.values())

    @property
    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def call_in_gui(self, fn: Callable[..., Any], *args: Any) -> Any:
        """From inside a job: run ``fn(*args)`` on the GUI thread, wait, return its result.

        For questions a job must ask half-way (a PIN after the token was reinserted): the job
        blocks, the GUI thread shows the dialog, and the answer comes back as the return value
        (an exception raised by ``fn`` is raised in the job). Called on the GUI thread, it just
        calls ``fn``. :meth:`wait_for_all` keeps serving these calls while it waits.
        """
        if threading.current_thread() is threading.main_thread():
            return fn(*args)
        call = _GuiCall(fn, args)
        self._gui_caller.requested.emit(call)
        call.done.wait()
        if call.error is not None:
            raise call.error
        return call.result

    def report(self, failure: JobFailure) -> None:
        """Show a failure through the reporter (for callbacks that handle only some errors)."""
        self.reporter(failure)

    def wait_for_all(self, timeout: float = 60.0) -> None:
        """Run the event loop until every job, queued ones included, has been delivered.

        Tests call this at teardown so no worker outlives its test; the window calls it on close.
        """
        deadline = time.monotonic() + timeout
        while not self.idle:
            if time.monotonic() > deadline:
                names = ", ".join(job.name for job in self._running.values())
                raise TimeoutError(f"Jobs still running after {timeout:.0f} s: {names}")
            self._pool.waitForDone(20)
            QCoreApplication.processEvents()
        self._pool.waitForDone(int(max(0.0, deadline - time.monotonic()) * 1000))

    def _start(self, job: Job) -> None:
        self._running[job.id] = job
        if job.key is not None and job.key not in self._busy_keys:
            self._busy_keys.add(job.key)
            self.busy_changed.emit(job.key, True)
        self._pool.start(job)

    def _finish(self, job_id: int) -> tuple[Any, ...]:
        job = self._running.pop(job_id)
        callbacks = self._callbacks.pop(job_id)
        job.signals.deleteLater()
        if job.key is not None:
            waiting = self._waiting.get(job.key)
            if waiting:
                self._start(waiting.popleft())
            else:
                self._busy_keys.discard(job.key)
                self.busy_changed.emit(job.key, False)
        return callbacks

    def _job_id(self) -> int:
        return int(getattr(self.sender(), "job_id", 0))

    @Slot(int, int, str)
    def _delivered_progress(self, done: int, total: int, item: str) -> None:
        callbacks = self._callbacks.get(self._job_id())
        if callbacks and callbacks[2] is not None:
            callbacks[2](done, total, item)

    @Slot(object)
    def _delivered_success(self, result: object) -> None:
        on_success, _, _ = self._finish(self._job_id())
        if on_success is not None:
            on_success(result)

    @Slot(object)
    def _delivered_failure(self, failure: JobFailure) -> None:
        _, on_failure, _ = self._finish(self._job_id())
        if on_failure is not None:
            on_failure(failure)
        else:
            self.reporter(failure)


def _default_reporter(failure: JobFailure) -> None:
    present_failure(QApplication.activeWindow(), failure)

