"""What every screenshot script needs: let Qt run a while, wait for a state, grab the screen.

The capture scripts import this as ``screen`` (they run as ``python docs/screenshots/x.py``, so
this folder is on ``sys.path``). The screen is grabbed with ImageMagick's ``import -window root``
so window frames drawn by the window manager are in the picture; without ImageMagick, Qt grabs
the root window (no frames without a window manager).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication


def spin(seconds: float) -> None:
    """Process Qt events for ``seconds`` (animations, queued signals, repaints)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def wait_until(cond: Callable[[], object], timeout: float = 60.0) -> None:
    """Process events until ``cond()`` is true; TimeoutError after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError("condition not met")
        QApplication.processEvents()
        time.sleep(0.01)


def grab_screen(path: Path, *, settle: float = 0.3,
                crop: tuple[int, int, int, int] | None = None) -> None:
    """Let the screen settle, then write it (or the ``crop`` w, h, x, y of it) to ``path``."""
    spin(settle)
    if shutil.which("import") is None:  # no ImageMagick: Qt grabs the X root window itself
        x, y, w, h = (crop[2], crop[3], crop[0], crop[1]) if crop else (0, 0, -1, -1)
        screen = QApplication.primaryScreen()
        if not screen.grabWindow(0, x, y, w, h).save(str(path)):
            raise OSError(f"could not write {path}")
        print("captured", path)
        return
    args = ["import", "-window", "root"]
    if crop:
        w, h, x, y = crop
        args += ["-crop", f"{w}x{h}+{x}+{y}"]
    subprocess.run([*args, str(path)], check=True)
    print("captured", path)
