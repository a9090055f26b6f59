"""Start-up: a first start provisions demo mode in a worker; main() runs and exits cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sealdesk.services.progress import no_progress
from sealdesk.ui.app import build_main_window, main
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.startup import Launcher, StartupWindow, prepare_context
from sealdesk.ui.workers import JobRunner


def test_first_start_sets_up_demo_mode_once(sealdesk_home: Path) -> None:
    steps: list[str] = []
    first = prepare_context(lambda _d, _t, text: steps.append(text))
    try:
        assert first.demo_created and first.demo_error is None
        assert first.ctx.config.has_token and first.ctx.config.demo
        assert any("demo token" in step for step in steps)
    finally:
        first.ctx.close()
    second = prepare_context(no_progress)
    try:
        assert not second.demo_created
        assert second.ctx.config.token.serial == first.ctx.config.token.serial
    finally:
        second.ctx.close()


def test_launcher_shows_progress_then_the_main_window(
    qtbot: QtBot, sealdesk_home: Path, jobs: JobRunner,
) -> None:
    launcher = Launcher(jobs, lambda ctx: build_main_window(ctx, jobs))
    launcher.start()
    assert isinstance(launcher.splash, StartupWindow) and launcher.splash.isVisible()
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=20_000)
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible() and not launcher.splash.isVisible()
    assert "Demo mode is ready" in window.statusBar().currentMessage()
    jobs.wait_for_all()
    window.close()
    launcher.close()


def test_main_runs_until_the_window_closes(
    qapp: QApplication, sealdesk_home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    seen: list[MainWindow] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            seen.append(windows[0])
            windows[0].close()
        else:
            QTimer.singleShot(50, close_when_shown)

    QTimer.singleShot(50, close_when_shown)
    try:
        assert main([]) == 0
    finally:
        qapp.setStyleSheet("")
    assert len(seen) == 1
    assert QApplication.applicationName() == "SealDesk"
