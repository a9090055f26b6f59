"""The "Seal…" conversation: find the token, ask for the PIN, seal in a worker, report the outcome.

Each step that touches the token is a job on the ``TOKEN`` key, so a status refresh and a batch
never share the token. The PIN comes from :attr:`SealFlow.pin_provider` (the PIN dialog by
default) and goes straight into the sealing job's closure; the job drops the closure when it
ends, so the PIN lives exactly as long as the sealing call. A wrong PIN asks again, with the
token's fresh warning; any other error is shown with its message and hint.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sealdesk.core.token.identity import TokenInfo
from sealdesk.errors import WrongPinError
from sealdesk.services.jobs import CancelFlag, ProgressCallback
from sealdesk.services.sealing import BatchResult, Outcome, seal_documents
from sealdesk.ui.dialogs.error_dialog import show_error
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest, ask_pin
from sealdesk.ui.models.documents_model import DocumentsTableModel, DocumentStatus
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.workers import TOKEN, JobFailure


class SealFlow(QObject):
    """Seals a list of documents of a :class:`DocumentsTableModel`, one batch at a time."""

    finished = Signal(object)
    """Emitted with the :class:`BatchResult`, or None when nothing was sealed (cancel, error)."""

    def __init__(
        self, services: PageServices, model: DocumentsTableModel, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._model = model
        self._parent = parent
        self._paths: list[Path] = []
        self._cancel: CancelFlag | None = None
        self.pin_provider: PinProvider = ask_pin
        self.progress_dialog: QProgressDialog | None = None
        self.running = False
        self.last_batch: BatchResult | None = None
        self.last_error: BaseException | None = None

    def start(self, paths: list[Path]) -> bool:
        """Begin sealing ``paths``; False when a batch is already running or nothing is given."""
        if self.running or not paths:
            return False
        self.running = True
        self._paths = list(paths)
        self.last_batch = None
        self.last_error = None
        self._services.notify("Looking for the token…")
        self._services.jobs.run(
            partial(read_token_info, self._services.ctx), name="Finding the token", key=TOKEN,
            on_success=self._ask_pin, on_failure=self._failed,
        )
        return True

    def cancel(self) -> None:
        """Stop after the document being sealed; what is done stays done."""
        if self._cancel is not None:
            self._cancel.cancel()
            self._services.notify(
                "Cancelling: the document being sealed is finished, the rest are left unsealed."
            )

    def _ask_pin(self, info: TokenInfo, retry_message: str = "") -> None:
        request = PinRequest(
            token_label=info.label, token_serial=info.serial, pin_state=info.pin,
            demo=self._services.ctx.config.demo, retry_message=retry_message,
            reason=f"Sealing {len(self._paths)} document(s) needs the token's user PIN.",
        )
        answer = self.pin_provider(request, self._parent)
        if answer is None:
            self._finish(None, "Sealing cancelled: no PIN was entered. Nothing was sealed.")
            return
        self._seal(info, answer.pin)

    def _seal(self, info: TokenInfo, pin: str | None) -> None:
        ctx = self._services.ctx
        paths = list(self._paths)
        cancel = self._cancel = CancelFlag()
        for path in paths:
            self._model.set_status(path, DocumentStatus.SEALING)
        self._open_progress(len(paths))
        self._services.notify(f"Sealing {len(paths)} document(s)…")

        def work(progress: ProgressCallback) -> BatchResult:
            return seal_documents(ctx, paths, pin, progress=progress, cancel=cancel)

        self._services.jobs.run(
            work, name="Sealing documents", key=TOKEN, on_progress=self._progress,
            on_success=self._sealed, on_failure=partial(self._seal_failed, info),
        )

    def _open_progress(self, total: int) -> None:
        dialog = QProgressDialog("Logging in to the token…", "Cancel", 0, total, self._parent)
        dialog.setWindowTitle("Sealing documents")
        dialog.setAccessibleName("Sealing progress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        self.progress_dialog = dialog

    def _progress(self, done: int, total: int, name: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        if name and not (self._cancel and self._cancel.cancelled):
            dialog.setLabelText(f"Sealing {name} ({done + 1} of {total})…")
        dialog.setValue(done)  # may process events (modal dialog): keep it the last call

    def _close_progress(self) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)  # closing emits canceled()
            dialog.close()
            dialog.deleteLater()

    def _sealed(self, batch: BatchResult) -> None:
        self._close_progress()
        for result in batch.results:
            self._model.apply_result(result)
        self.last_batch = batch
        if batch.stopped_by is not None:
            self.last_error = batch.stopped_by
            show_error(batch.stopped_by, parent=self._parent, title="Sealing stopped")
        self._finish(batch, summarize(batch))

    def _seal_failed(self, info: TokenInfo, failure: JobFailure) -> None:
        self._close_progress()
        for path in self._paths:
            self._model.set_status(path, DocumentStatus.READY)
        error = failure.error
        if isinstance(error, WrongPinError):
            self._services.refresh_token()
            state = dataclasses.replace(
                info.pin, count_low=error.count_low or info.pin.count_low,
                final_try=error.final_try,
            )
            self._ask_pin(dataclasses.replace(info, pin=state), retry_message=error.message)
            return
        self._failed(failure)

    def _failed(self, failure: JobFailure) -> None:
        self.last_error = failure.error
        if failure.expected:
            show_error(failure.error, parent=self._parent, title="Sealing failed")
        else:
            self._services.jobs.report(failure)
        message = getattr(failure.error, "message", "an unexpected error occurred")
        self._finish(None, f"Nothing was sealed: {message}")

    def _finish(self, batch: BatchResult | None, text: str) -> None:
        self.running = False
        self._cancel = None
        self._services.notify(text)
        self._services.refresh_token()
        self.finished.emit(batch)


def summarize(batch: BatchResult) -> str:
    """One line for the status bar and the page banner."""
    labels = (
        (Outcome.SEALED, "sealed"), (Outcome.ALREADY_SEALED, "already sealed"),
        (Outcome.FAILED, "failed"), (Outcome.NOT_STARTED, "not started"),
    )
    parts = [f"{batch.count(o)} {label}" for o, label in labels if batch.count(o)]
    if batch.cancelled:
        prefix = "Sealing cancelled"
    elif batch.stopped_by is not None:
        prefix = "Sealing stopped"
    else:
        prefix = "Sealing finished"
    return f"{prefix}: {', '.join(parts) or 'nothing to do'}."
