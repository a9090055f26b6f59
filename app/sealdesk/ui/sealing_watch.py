"""The sealing state on every page: a banner while sealing is stopped, re-read regularly.

Maintenance mode is switched in the database (possibly from another console or the CLI), and
an update may leave a self-test owed, so the window re-reads :func:`sealing_state` in a job
every few seconds and after a self-test, shows a banner above every page while sealing is
refused, and hands the state to every page that can act on it (``set_sealing_state``: the
Documents page disables its Seal buttons).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sealdesk.services.context import AppContext
from sealdesk.services.incidents.maintenance import SealingState, sealing_state
from sealdesk.ui.failures import present_failure
from sealdesk.ui.status_colors import DANGER, WARNING, emphasis_style
from sealdesk.ui.workers import JobFailure, JobRunner

POLL_MS = 15_000


class SealingWatch(QObject):
    """Owns the banner and the polling; the window wraps its central widget with :meth:`wrap`."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._jobs = jobs
        self._pages: list[object] = []
        self._bug_reported = False
        self._reading = False
        self.state: SealingState | None = None
        self.banner = QLabel()
        self.banner.setObjectName("incidentBanner")
        self.banner.setAccessibleName(self.tr("Sealing stopped"))
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(12, 8, 12, 8)
        self.banner.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)

    def wrap(self, central: QWidget, pages: Iterable[object]) -> QWidget:
        """``central`` under the banner; starts watching."""
        self._pages = list(pages)
        outer = QWidget()
        layout = QVBoxLayout(outer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(central, 1)
        self.timer.start()
        self.refresh()
        return outer

    def refresh(self) -> None:
        """Re-read the state now (off the GUI thread); one read at a time."""
        if self._reading:
            return
        self._reading = True
        self._jobs.run(partial(sealing_state, self._ctx), name="Reading the sealing state",
                       on_success=self.apply, on_failure=self._unreadable)

    def stop(self) -> None:
        self.timer.stop()

    def apply(self, state: SealingState) -> None:
        self._reading = False
        self.state = state
        text = state.banner
        self.banner.setText(text)
        color = DANGER if state.maintenance.enabled else WARNING
        self.banner.setStyleSheet(emphasis_style(color))
        self.banner.setVisible(bool(text))
        for page in self._pages:
            apply = getattr(page, "set_sealing_state", None)
            if apply is not None:
                apply(state)

    def _unreadable(self, failure: JobFailure) -> None:
        """A busy or unreachable database: keep showing the last state, try again later.

        A bug is reported, once per window (the read repeats every few seconds): swallowing it
        would leave the banner showing a state nobody can read any more.
        """
        self._reading = False
        if not failure.expected and not self._bug_reported:
            self._bug_reported = True
            present_failure(self.banner, failure)
