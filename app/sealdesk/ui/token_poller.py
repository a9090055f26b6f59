"""Watching the configured token every few seconds, so a pulled token shows at once.

Each poll is :func:`sealdesk.core.token.status.poll_token_status` in a job: a child-process probe
that never touches the module loaded in SealDesk, so it may run while a batch holds a session.
That is also why its jobs use their own resource key, :data:`POLL`, and not ``TOKEN``: on the
token key a poll would wait behind a whole batch, and the status bar could not show the token
being pulled out in the middle of it.

Polls never overlap: the next one is scheduled only when the previous one has been delivered
(a hung driver costs one probe timeout, not a pile of waiting probes). :meth:`TokenPoller.stop`
ends the cycle when the window closes; tests shorten the interval or set it to 0 (no timer:
polls happen only when asked for).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from sealdesk.config import TokenConfig
from sealdesk.core.token.status import TokenStatus, poll_token_status
from sealdesk.ui.workers import JobFailure, JobRunner

POLL = "token-poll"
"""Resource key of status polls: one at a time, independent of the ``TOKEN`` key."""

DEFAULT_INTERVAL_MS = 4_000


class TokenPoller(QObject):
    """Polls the token named by ``config()`` and emits each :class:`TokenStatus` (GUI thread)."""

    polled = Signal(object)

    def __init__(
        self, jobs: JobRunner, config: Callable[[], TokenConfig],
        interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._config = config
        self._interval_ms = interval_ms
        self._running = False
        self._pending = False
        self._again = False
        self.last: TokenStatus | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll_now)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def running(self) -> bool:
        return self._running

    @property
    def pending(self) -> bool:
        """A poll is on its way (its result not delivered yet)."""
        return self._pending

    def set_interval(self, interval_ms: int) -> None:
        """Poll every ``interval_ms`` from the next poll on; 0 polls only on :meth:`poll_now`."""
        self._interval_ms = interval_ms
        if self._timer.isActive():
            self._timer.stop()
            self._schedule()

    def start(self) -> None:
        """Poll now and then every interval, until :meth:`stop`."""
        self._running = True
        self.poll_now()

    def stop(self) -> None:
        """No further polls (one already running is still delivered)."""
        self._running = False
        self._again = False
        self._timer.stop()

    def poll_now(self) -> None:
        """Poll at once; during a poll, poll again right after it (the config may have changed)."""
        if self._pending:
            self._again = True
            return
        self._timer.stop()
        self._pending = True
        self._jobs.run(
            partial(poll_token_status, self._config()), name="Checking the token", key=POLL,
            on_success=self._delivered, on_failure=self._failed,
        )

    def _delivered(self, status: TokenStatus) -> None:
        self._pending = False
        self.last = status
        self.polled.emit(status)
        self._next()

    def _failed(self, failure: JobFailure) -> None:
        self._pending = False
        self._jobs.report(failure)  # poll_token_status never raises: this is a bug
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.poll_now()
        else:
            self._schedule()

    def _schedule(self) -> None:
        if self._running and self._interval_ms > 0:
            self._timer.start(self._interval_ms)
