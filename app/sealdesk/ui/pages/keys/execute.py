"""Executing a proposal from the Keys page: PIN for the seal token, then the resumable run.

Every execution logs in to the token: each step is recorded together with a checkpoint the
audit key signs (:mod:`sealdesk.ui.signed_acts`). The execution runs as a job with step
progress; once its authority is proven from the log it asks the PIN with the page's PIN
dialog. An execution waiting for a certificate (no demo CA) says so; "Import certificate…"
resumes it with the CA's file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from sealdesk.services.keys import rotation
from sealdesk.services.keys.execution import ExecutionResult
from sealdesk.services.keys.views import ProposalView
from sealdesk.services.progress import ProgressCallback
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.failures import show_authority_refusal
from sealdesk.ui.models.keys_model import action_title
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.signed_acts import signed_act, signing_reason
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
        self._run(view, certificate)
        return True

    def _run(self, view: ProposalView, certificate: bytes | None) -> None:
        ctx, proposal_id = self._services.ctx, view.proposal_id

        def run(progress: ProgressCallback) -> ExecutionResult:
            return rotation.execute(ctx, proposal_id, certificate=certificate,
                                    progress=progress)

        def show(done: int, total: int, step: str) -> None:
            self.step.emit(self.tr("Executing {pid}: step {number} of {total} ({step})").format(
                pid=proposal_id, number=min(done + 1, total), total=total, step=step))

        reason = signing_reason(self.tr("Executing proposal {pid} ({title})").format(
            pid=proposal_id, title=action_title(view.content.action)))
        work = signed_act(self._services.jobs, ctx, self._pin_provider, self._parent, reason,
                          run)
        self._services.jobs.run(work, name=self.tr("Executing proposal {pid}").format(
                                    pid=proposal_id), key=TOKEN,
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
