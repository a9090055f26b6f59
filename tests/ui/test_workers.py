"""The one worker mechanism: results on the GUI thread, one job per key, failures with reports."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication

from sealdesk.errors import InputError
from sealdesk.ui.workers import JobFailure, JobRunner


def test_runs_in_a_worker_and_delivers_on_the_gui_thread(jobs: JobRunner) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread() is threading.main_thread()

    jobs.run(work, on_success=done)
    jobs.wait_for_all()
    assert seen == {"worker": False, "value": 42, "callback": True}


def test_progress_arrives_in_order_before_success(jobs: JobRunner) -> None:
    events: list[object] = []

    def work(progress) -> str:
        for i in range(5):
            progress(i, 5, f"item {i}")
        return "done"

    jobs.run(work, on_progress=lambda d, t, n: events.append((d, t, n)),
             on_success=events.append)
    jobs.wait_for_all()
    assert events == [*[(i, 5, f"item {i}") for i in range(5)], "done"]


def test_one_job_per_key_at_a_time_in_request_order(jobs: JobRunner) -> None:
    active = 0
    overlap = False
    order: list[int] = []
    lock = threading.Lock()

    def work(number: int) -> int:
        nonlocal active, overlap
        with lock:
            active += 1
            overlap = overlap or active > 1
        time.sleep(0.02)
        with lock:
            active -= 1
        return number

    busy: list[tuple[str, bool]] = []
    jobs.busy_changed.connect(lambda key, state: busy.append((key, state)))
    for number in range(4):
        jobs.run(lambda n=number: work(n), key="token", on_success=order.append)
    assert jobs.is_busy("token")
    jobs.wait_for_all()
    assert not overlap
    assert order == [0, 1, 2, 3]
    assert busy == [("token", True), ("token", False)]
    assert not jobs.is_busy("token")


def test_domain_errors_go_to_the_failure_callback(jobs: JobRunner) -> None:
    failures: list[JobFailure] = []

    def work() -> None:
        raise InputError("x.txt is not a PDF document.", hint="Select a PDF.")

    jobs.run(work, on_failure=failures.append)
    jobs.wait_for_all()
    assert len(failures) == 1
    assert failures[0].expected
    error = failures[0].error
    assert isinstance(error, InputError) and error.message == "x.txt is not a PDF document."


def test_unexpected_errors_reach_the_reporter_without_secrets(
    jobs: JobRunner, unexpected_errors: list[JobFailure]
) -> None:
    def work(pin: str) -> None:
        assert pin
        raise ValueError("bug in a worker")

    secret = "s3cret-pin-" + str(4711 * 2)  # built at run time: not in any source line
    jobs.run(lambda: work(secret))
    jobs.wait_for_all()
    assert len(unexpected_errors) == 1
    failure = unexpected_errors.pop()
    assert not failure.expected
    assert isinstance(failure.error, ValueError)
    assert "ValueError: bug in a worker" in failure.report
    assert "in work" in failure.report
    assert secret not in failure.report
    assert failure.error.__traceback__ is None  # frames (and the PIN argument) released


def test_wait_for_all_gives_up_with_the_job_names(qapp: QApplication) -> None:
    runner = JobRunner()
    release = threading.Event()
    runner.run(lambda: release.wait(5), name="stuck job")
    with pytest.raises(TimeoutError, match="stuck job"):
        runner.wait_for_all(timeout=0.1)
    release.set()
    runner.wait_for_all()
    assert runner.idle


def test_a_job_can_ask_the_gui_thread_and_wait_for_the_answer(jobs: JobRunner) -> None:
    answers: list[object] = []

    def ask() -> tuple[bool, str]:
        return threading.current_thread() is threading.main_thread(), "1234"

    def work() -> tuple[object, ...]:
        on_gui, pin = jobs.call_in_gui(ask)
        with pytest.raises(ZeroDivisionError):
            jobs.call_in_gui(lambda: 1 / 0)
        return on_gui, pin, threading.current_thread() is threading.main_thread()

    jobs.run(work, on_success=answers.append)
    jobs.wait_for_all()
    assert answers == [(True, "1234", False)]
    assert jobs.call_in_gui(lambda x: x * 2, 21) == 42  # on the GUI thread: a plain call
