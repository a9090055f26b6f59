"""Run document checks in parallel processes (or in this process for small runs).

Processes are forked when this process runs a single thread (the CLI): a forked worker starts
in milliseconds with everything imported. With other threads alive (the GUI's Qt threads, a
test's servers) a fork could copy a lock some thread holds and deadlock the child, so workers
are *spawned* instead and pay their imports once (a second or two). Workers never touch the
parent's database connections and leave with ``os._exit``, so nothing inherited is closed
twice. Runs too small to repay a pool are checked in this process. Only a few items per worker
are in flight at any time, so a cancel takes effect after the documents being checked, and
memory stays flat for any run size.
Frozen builds (PyInstaller) must call ``multiprocessing.freeze_support()`` first thing.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from sealdesk.core.token.child_env import secrets_withheld
from sealdesk.errors import SealDeskError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.progress import CancelFlag
from sealdesk.services.revalidation.worker import (
    DocumentChecker,
    PolicySpec,
    WorkItem,
    WorkOutcome,
    check_in_worker,
    failed_outcome,
    init_worker,
)

IN_FLIGHT_PER_WORKER = 4
SMALL_RUN = 4
"""Runs of at most this many documents are checked in this process (no start-up cost)."""


class WorkerCrashError(SealDeskError):
    """A worker process died (killed, out of memory); everything recorded so far is kept."""

    exit_code = ExitCode.STORAGE


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def start_method() -> str:
    """``fork`` when it is safe (a single thread, module docstring), else ``spawn``."""
    safe = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if safe else "spawn"


def check_all(spec: PolicySpec, items: Iterable[WorkItem], cancel: CancelFlag,
              workers: int | None = None, *, expected: int | None = None,
              ) -> Iterator[tuple[WorkItem, WorkOutcome]]:
    """Yield ``(item, outcome)`` as checks finish (in any order), until done or cancelled.

    ``items`` may be a lazy iterable (claimed from the run's queue as they are asked for);
    ``expected`` then says how many there may be, to size the pool.
    """
    count = len(items) if isinstance(items, list) else (expected or 0)
    workers = min(workers or default_workers(), max(count, 1))
    if workers <= 1 or count <= SMALL_RUN:
        yield from _in_process(spec, items, cancel)
    else:
        yield from _in_pool(spec, items, cancel, workers)


def _in_process(spec: PolicySpec, items: Iterable[WorkItem], cancel: CancelFlag
                ) -> Iterator[tuple[WorkItem, WorkOutcome]]:
    checker = DocumentChecker(spec)
    try:
        for item in items:
            if cancel.cancelled:
                return
            try:
                outcome = checker.check(item)
            except Exception as e:  # a bug must not end the run; the result says so
                outcome = failed_outcome(item, f"{type(e).__name__}: {e}")
            yield item, outcome
    finally:
        checker.close()


def _in_pool(spec: PolicySpec, items: Iterable[WorkItem], cancel: CancelFlag, workers: int
             ) -> Iterator[tuple[WorkItem, WorkOutcome]]:
    context = multiprocessing.get_context(start_method())
    pending = iter(items)
    in_flight: dict[Future[WorkOutcome], WorkItem] = {}
    with contextlib.ExitStack() as stack:
        # Every child the pool starts (its resource tracker when it is built, its workers on
        # the first submits) is started with secret-named variables withheld.
        withheld = stack.enter_context(contextlib.ExitStack())
        withheld.enter_context(secrets_withheld())
        pool = stack.enter_context(ProcessPoolExecutor(
            workers, mp_context=context, initializer=init_worker, initargs=(spec,)))

        def submit_next() -> None:
            item = next(pending, None)
            if item is not None:
                in_flight[pool.submit(check_in_worker, item)] = item

        for _ in range(workers * IN_FLIGHT_PER_WORKER):
            submit_next()
        withheld.close()
        try:
            while in_flight:
                if cancel.cancelled:
                    for future in [f for f in in_flight if f.cancel()]:
                        del in_flight[future]
                done, _ = wait(list(in_flight), timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    item = in_flight.pop(future)
                    yield item, _result(future, item)
                    if not cancel.cancelled:
                        submit_next()
        finally:
            for future in in_flight:
                future.cancel()


def _result(future: Future[WorkOutcome], item: WorkItem) -> WorkOutcome:
    try:
        return future.result()
    except BrokenProcessPool as e:
        raise WorkerCrashError(
            "A revalidation worker process stopped unexpectedly.",
            hint="Results recorded so far are kept; resume the run to finish it.",
        ) from e
    except Exception as e:  # a bug in checking this document: recorded, the run goes on
        return failed_outcome(item, f"{type(e).__name__}: {e}")
