"""Executing a proposal from the Keys page: PIN for the seal token, then the resumable run.

A key rotation logs in to the seal token: the token's state is read in a job (TOKEN key), the
PIN asked with the PIN dialog, and the execution runs as a job with step progress. An action
that only changes records (policy, custodians) needs no token and no PIN. An execution waiting
for a certificate (no demo CA) says so; "Import certificate…" resumes it with the CA's file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.keys import rotation
from sealdesk.services.keys.execution import ExecutionResult
from sealdesk.services.keys.views import ProposalView
from sealdesk.services.progress import ProgressCallback
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest
from sealdesk.ui.failures import show_authority_refusal
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.workers import TOKEN, JobFailure


class ExecuteFlow(QObject):
    finished = Signal(object)
    """The :class:`ExecutionResult`, or None when it stopped (cancelled, failed)."""
    step = Signal(str)

    def __init__(self, services: PageServices, pin_provider: Callable[[], PinProvider],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._pin_provider = pin_provider
        self._parent = parent
        self.running = False
        self.last_error: BaseException | None = None

    def start(self, view: ProposalView, certificate: bytes | None = None) -> bool:
        if self.running:
            return False
        self.running = True
        self.last_error = None
        if not view.content.action.rotates_key:
            self._run(view.proposal_id, None, certificate)
            return True
        self._services.jobs.run(partial(read_token_info, self._services.ctx),
                                name="Looking for the seal token", key=TOKEN,
                                on_success=partial(self._ask_pin, view, certificate),
                                on_failure=self._failed)
        return True

    def _ask_pin(self, view: ProposalView, certificate: bytes | None, info: TokenInfo) -> None:
        request = PinRequest(
            info.label, info.serial, info.pin, demo=self._services.ctx.config.demo,
            reason=f"Executing proposal {view.proposal_id} ({view.content.action.title}) "
                   "needs the seal token's user PIN.",
        )
        answer = self._pin_provider()(request, self._parent)
        if answer is None:
            self._stop(None)
            return
        self._run(view.proposal_id, answer.pin, certificate)

    def _run(self, proposal_id: str, pin: str | None, certificate: bytes | None) -> None:
        ctx = self._services.ctx

        def run(progress: ProgressCallback) -> ExecutionResult:
            return rotation.execute(ctx, proposal_id, pin, certificate=certificate,
                                    progress=progress)

        def show(done: int, total: int, step: str) -> None:
            self.step.emit(f"Executing {proposal_id}: step {min(done + 1, total)} of {total} "
                           f"({step})")

        self._services.jobs.run(run, name=f"Executing proposal {proposal_id}", key=TOKEN,
                                on_progress=show, on_success=self._stop,
                                on_failure=self._failed)

    def _failed(self, failure: JobFailure) -> None:
        self.last_error = failure.error
        if show_authority_refusal(self._parent, failure.error) is None:
            self._services.jobs.report(failure)
        self._stop(None)

    def _stop(self, result: ExecutionResult | None) -> None:
        self.running = False
        self._services.refresh_token()
        self.finished.emit(result)
