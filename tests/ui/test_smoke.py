"""``--smoke-test``: the packaged app's self-check reaches the shown main window and exits 0."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from sealdesk.ui.app import main
from sealdesk.ui.smoke import SHOWN


def test_smoke_test_flag_exits_when_the_main_window_is_shown(
    qapp: QApplication, sealdesk_home: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    # Closing main()'s last window would quit the test's QApplication after its exec() ended,
    # leaving every later QEventLoop.exec() (qtbot.wait, modal dialogs) returning at once.
    qapp.setQuitOnLastWindowClosed(False)
    try:
        assert main(["sealdesk", "--smoke-test"]) == 0
    finally:
        qapp.setStyleSheet("")
        qapp.setQuitOnLastWindowClosed(True)
    assert capsys.readouterr().out.strip().endswith(SHOWN)
    assert (sealdesk_home / "config" / "window.ini").is_file()  # closed like a person would
