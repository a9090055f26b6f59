"""Progress reporting and cancellation for long operations, shared by GUI workers and the CLI."""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]
"""Called as ``progress(done, total, current_item)``; must be cheap and thread-safe."""


def no_progress(_done: int, _total: int, _item: str) -> None:
    """The default progress callback: report nothing."""


class CancelFlag:
    """Set from any thread; the running operation checks it between documents."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()
