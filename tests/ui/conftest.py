"""GUI test fixtures: offscreen Qt, a fresh data folder and demo token per test, joined workers.

Every test that needs a token gets its own SoftHSM2 token through ``init_demo`` in its own
``SEALDESK_HOME``; the token layer re-initialises the module when ``SOFTHSM2_CONF`` changes, so
tokens of different tests never meet. Workers are joined at teardown and an unexpected error
reported by any job fails the test.
"""

from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import HOME_ENV, app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window
from sealdesk.ui.dialogs.pin_dialog import PinAnswer, PinRequest
from sealdesk.ui.failures import LOGGER_NAME
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.workers import JobFailure, JobRunner


@pytest.fixture
def sealdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    return home


@pytest.fixture
def demo_ctx(sealdesk_home: Path) -> Iterator[AppContext]:
    init_demo(app_paths())
    ctx = AppContext.open()
    yield ctx
    ctx.close()


@pytest.fixture
def unexpected_errors() -> list[JobFailure]:
    """Failures the job runner would have shown in an error dialog."""
    return []


@pytest.fixture
def jobs(qapp: QApplication, unexpected_errors: list[JobFailure]) -> Iterator[JobRunner]:
    runner = JobRunner()
    runner.reporter = unexpected_errors.append
    yield runner
    runner.wait_for_all()
    assert runner.idle
    assert runner.active_threads == 0
    assert not [f.report for f in unexpected_errors], "a job failed with nobody handling it"


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> Iterator[MainWindow]:
    win = build_main_window(demo_ctx, jobs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    jobs.wait_for_all()
    win.close()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def internal_errors() -> Iterator[list[logging.LogRecord]]:
    """Internal errors a page presented (``present_failure`` logs each); any left fails the test.

    Pages show a bug through ``present_failure`` rather than the job runner's reporter, so this is
    the second half of the "an unexpected error fails the test" net. A test that provokes one on
    purpose reads and clears the list.
    """
    handler = _Records()
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
    assert not [r.getMessage() for r in handler.records], "a page presented an internal error"


@pytest.fixture(autouse=True)
def _no_leftover_global_workers() -> Iterator[None]:
    yield
    assert QThreadPool.globalInstance().activeThreadCount() == 0


@dataclass
class ScriptedPins:
    """A PIN provider for tests: answers in order (None = cancel), records each request."""

    answers: list[str | PinAnswer | None]
    requests: list[PinRequest] = field(default_factory=list)

    def __call__(self, request: PinRequest, _parent: object) -> PinAnswer | None:
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else None
        if answer is None or isinstance(answer, PinAnswer):
            return answer
        return PinAnswer(answer)


@pytest.fixture
def pin_script() -> type[ScriptedPins]:
    """``pin_script(["0000", None])``: a wrong PIN, then cancel."""
    return ScriptedPins


@pytest.fixture
def demo_pins() -> ScriptedPins:
    return ScriptedPins([DEMO_PIN] * 5)


@pytest.fixture
def make_pdfs(tmp_path: Path) -> Callable[[int, str], list[Path]]:
    def make(count: int, prefix: str = "doc") -> list[Path]:
        folder = tmp_path / "inbox"
        folder.mkdir(exist_ok=True)
        return [
            make_text_pdf(folder / f"{prefix}-{i:02d}.pdf", f"{prefix} {i}", ["Test document."])
            for i in range(count)
        ]

    return make


def pdfsig_says_valid(path: Path) -> bool:
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return "Signature is Valid." in out.stdout and "Total document signed" in out.stdout


@pytest.fixture
def pdfsig_valid() -> Callable[[Path], bool]:
    return pdfsig_says_valid


@pytest.fixture(autouse=True, scope="session")
def _protect_true_and_none(qapp: QApplication) -> None:
    """PySide6 6.12 leaks references to True/None on CPython 3.11 (see ui/refcount_guard)."""
    from sealdesk.ui import refcount_guard

    refcount_guard.apply()
