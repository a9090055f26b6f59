"""The last line of defence: an exception nobody caught becomes an error dialog with a report.

Qt calls Python slots from C++; an exception escaping one would otherwise be printed to a
terminal the operator never sees, and the window would carry on in an unknown state. The report
is built from the traceback only (no local variables), so a PIN cannot leak into it.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from sealdesk.ui.failures import JobFailure, present_failure

_showing = False


def install_excepthook() -> None:
    sys.excepthook = show_unhandled


def show_unhandled(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: show the error dialog (never two at once, never recursively)."""
    global _showing
    report = "".join(traceback.format_exception(exc_type, exc, tb))
    if tb is not None:
        with contextlib.suppress(RuntimeError):  # a frame still running goes away on its own
            traceback.clear_frames(tb)
    if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None or _showing:
        sys.__excepthook__(exc_type, exc, None)
        if issubclass(exc_type, KeyboardInterrupt) and QApplication.instance() is not None:
            QApplication.quit()
        return
    _showing = True
    try:
        dialog = present_failure(QApplication.activeWindow(), JobFailure(exc, report))
        dialog.finished.connect(_dialog_closed)
    except Exception:  # the dialog itself failed: fall back to the terminal
        _showing = False
        sys.__excepthook__(exc_type, exc, None)


def _dialog_closed() -> None:
    global _showing
    _showing = False
