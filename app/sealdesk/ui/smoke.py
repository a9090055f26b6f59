"""``--smoke-test``: start for real, wait until the main window is on screen, say so, exit.

Used by the packaging check (``dist/sealdesk/sealdesk --smoke-test`` with
``QT_QPA_PLATFORM=offscreen``): a frozen build can miss a Qt plugin, a data file or a migration
and still start its Python code; only reaching the shown main window proves the build works.
Exit status 0 and the line "main window shown" on success; 1 if start-up failed (the error
dialog's text is printed), 2 if nothing happened within the time limit, 3 if the window came up
without its style sheet or icons (resources missing from the build, or the SVG plugin).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.startup import Launcher
from sealdesk.ui.style import app_icon, resource_path

FLAG = "--smoke-test"
TIME_LIMIT_SECONDS = 120.0
SHOWN = "main window shown"


class SmokeWatch:
    """Polls the launcher from the event loop and ends the application when the verdict is in."""

    def __init__(self, app: QApplication, launcher: Launcher,
                 limit: float = TIME_LIMIT_SECONDS) -> None:
        self.app = app
        self.launcher = launcher
        self.deadline = time.monotonic() + limit
        self.limit = limit
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def check(self) -> None:
        window = self.launcher.window
        if window is not None and _on_screen(window):
            missing = missing_resources()
            if missing:
                self._finish(3, f"main window shown without {', '.join(missing)}", window)
            else:
                self._finish(0, SHOWN, window)
            return
        failure = next((w for w in QApplication.topLevelWidgets()
                        if isinstance(w, ErrorDialog) and w.isVisible()), None)
        if failure is not None:
            text = f"start-up failed: {failure.message_label.text()} {failure.hint_label.text()}"
            self._finish(1, text.strip(), failure)
        elif time.monotonic() > self.deadline:
            self._finish(2, f"main window not shown after {self.limit:g} s", None)

    def _finish(self, code: int, text: str, widget: QWidget | None) -> None:
        self.timer.stop()
        print(text, file=sys.stdout if code == 0 else sys.stderr, flush=True)
        if widget is not None:
            widget.close()
        self.app.exit(code)


def missing_resources() -> list[str]:
    """What a correct build shows that this one cannot: the style sheet, the SVG icons."""
    missing = []
    if resource_path("styles", "sealdesk.qss") is None:
        missing.append("its style sheet")
    if app_icon().pixmap(32, 32).isNull():
        missing.append("its icons (resources or the Qt SVG plugin)")
    return missing


def _on_screen(window: QWidget) -> bool:
    handle = window.windowHandle()
    return window.isVisible() and handle is not None and handle.isExposed()
