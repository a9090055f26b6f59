"""The "Seal…" conversation: find the token, ask for the PIN, seal in a worker, report the outcome.

Each step that touches the token is a job on the ``TOKEN`` key, so a settings save and a batch
never share the token. The first PIN is asked before the batch starts, with what the token
lookup found (PIN flags, PIN pad); it goes straight into the sealing job's closure, which the job
drops when it ends, so the PIN lives exactly as long as the sealing call.

Everything a batch must ask half-way goes through the core's small interfaces
(:mod:`sealdesk.core.token.prompts`), handed to
:func:`~sealdesk.services.sealing.batch.seal_documents`
by :class:`BatchPrompts`: the PIN again after a wrong one or after a reinsertion, whether to wait
for a token pulled out, notices (PIN per signature, label changed). They are called on the
worker thread and block it through :meth:`JobRunner.call_in_gui` while the GUI thread shows the
dialog; that is the only retry mechanism (a wrong PIN no longer ends the job to be asked again).

Hooks tests replace: :attr:`SealFlow.pin_provider` (the PIN dialog), :attr:`SealFlow.token_waiter`
(the removal dialog) and :attr:`SealFlow.token_chooser` (the token picker, opened when several
tokens match or another token sits where the configured one should be).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sealdesk.config import TokenConfig, VisibleStampConfig
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.prompts import PinReply, TokenAbsence, WaitDecision
from sealdesk.core.token.prompts import PinRequest as TokenPinRequest
from sealdesk.core.token.status import TokenState, TokenStatus
from sealdesk.errors import (
    SealDeskError,
    TimestampError,
    TokenAmbiguousError,
    TokenReplacedError,
    TokenTimeoutError,
    WrongPinError,
)
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.standby import SwitchResult
from sealdesk.services.keys.standby import PrimaryTokenUnavailableError, find_seal_token
from sealdesk.services.progress import CancelFlag, ProgressCallback
from sealdesk.services.sealing.batch import BatchResult, Outcome, seal_documents
from sealdesk.services.sealing.choices import SealChoices
from sealdesk.services.sealing.preview import SealPreview, seal_preview
from sealdesk.services.sealing.wave import IN_FLIGHT
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest, SealReply, ask_pin
from sealdesk.ui.dialogs.retry_offer import RetryOffer, offer_retry
from sealdesk.ui.dialogs.standby_switch_dialog import offer_standby_switch
from sealdesk.ui.dialogs.token_picker import open_token_picker
from sealdesk.ui.dialogs.token_removed_dialog import ask_to_reinsert
from sealdesk.ui.failures import failure_text, present_failure
from sealdesk.ui.models.documents_model import DocumentsTableModel, DocumentStatus
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.documents.seal_progress import SealProgress
from sealdesk.ui.token_poller import TokenPoller
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

TokenWaiterHook = Callable[[TokenAbsence, QWidget | None], WaitDecision]
"""Shows the removal dialog on the GUI thread and returns the person's decision."""
TokenChooserHook = Callable[[SealDeskError, QWidget | None], object]
StandbyOfferHook = Callable[[PrimaryTokenUnavailableError, QWidget | None], object]
"""Offers "Switch to standby" (tests replace it to answer without a dialog)."""
"""Lets the person choose the token explicitly (non-blocking); the return value is ignored."""

REMOVAL_POLL_MS = 1_000
"""How often the removal dialog looks for the token (the status bar polls less often)."""
NO_PIN = QT_TRANSLATE_NOOP(
    "seal_flow", "Sealing cancelled: no PIN was entered. Nothing was sealed."
)


@dataclass(frozen=True)
class BatchPrompts:
    """The core's prompt interfaces for one batch, answered on the GUI thread.

    Each method is called on the worker thread and blocks it until the GUI-thread function has
    returned (a dialog closed); see the module docstring.
    """

    jobs: JobRunner
    ask_pin: Callable[[TokenPinRequest], PinReply | None]
    wait: Callable[[TokenAbsence], WaitDecision]
    notice: Callable[[str], None]

    def pin_provider(self, request: TokenPinRequest) -> PinReply | None:
        return self.jobs.call_in_gui(self.ask_pin, request)  # type: ignore[no-any-return]

    def waiter(self, absence: TokenAbsence) -> WaitDecision:
        return self.jobs.call_in_gui(self.wait, absence)  # type: ignore[no-any-return]

    def on_notice(self, text: str) -> None:
        self.jobs.call_in_gui(self.notice, text)


class SealFlow(QObject):
    """Seals a list of documents of a :class:`DocumentsTableModel`, one batch at a time."""

    finished = Signal(object)
    """Emitted with the :class:`BatchResult`, or None when nothing was sealed (cancel, error)."""
    notice = Signal(str)
    """Something the person should know once per batch (PIN per signature, label changed)."""

    def __init__(
        self, services: PageServices, model: DocumentsTableModel, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._model = model
        self._parent = parent
        self._paths: list[Path] = []
        self._export_dir: Path | None = None
        self._preview: SealPreview | str | None = None
        self._cancel: CancelFlag | None = None
        self._declined = False
        self._stopped_by_person = False
        self.pin_provider: PinProvider = ask_pin
        self.token_waiter: TokenWaiterHook = self._ask_to_reinsert
        self.token_chooser: TokenChooserHook = self._open_picker
        self.retry_offer: RetryOffer = offer_retry
        self.standby_offer: StandbyOfferHook = self._offer_standby
        self.progress = SealProgress(parent, self.cancel)
        self._sealing_token: TokenConfig | None = None  # the standby's, after a switch
        self.removal_poller = TokenPoller(
            services.jobs, lambda: self._sealing_token or services.ctx.config.token,
            REMOVAL_POLL_MS, parent=self)
        self.removal_poller.polled.connect(self._removal_polled)
        self._removal_state: TokenState | None = None
        self.running = False
        self._done = 0
        self.notices: list[str] = []
        self.last_batch: BatchResult | None = None
        self.last_error: BaseException | None = None
        self.last_choices = SealChoices()
        """Reason, location and level chosen in the seal dialog for the latest batch."""
        self.last_retention: str | None = None
        self.visible_stamp: VisibleStampConfig | None = None
        """A visible seal placed on the preview for the next batch (the page sets it)."""

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self.progress.dialog

    def start(self, paths: list[Path], export_dir: Path | None = None) -> bool:
        """Begin sealing ``paths``; False when a batch is already running or nothing is given.

        ``export_dir``: where the batch also writes ``NAME.sealed.pdf`` copies (None: the store
        only).
        """
        if self.running or not paths:
            return False
        self.running = True
        self._paths = list(paths)
        self._export_dir = export_dir
        self.last_batch = None
        self.last_error = None
        self._services.notify(self.tr("Looking for the token…"))
        self._services.jobs.run(
            partial(_token_and_preview, self._services.ctx), name="Finding the token",
            key=TOKEN, on_success=self._ask_first_pin, on_failure=self._failed,
        )
        return True

    def cancel(self) -> None:
        """Stop starting seals; those in flight finish and are kept (what is done stays done)."""
        if self._cancel is not None and not self._cancel.cancelled:
            self._cancel.cancel()
            text = cancel_text(self._done, len(self._paths))
            self.progress.say(text)
            self._services.notify(text)

    def _reason(self) -> str:
        return self.tr("Sealing {count} document(s) needs the token's user PIN.").format(
            count=len(self._paths)
        )

    def _ask_first_pin(self, found: tuple[TokenInfo, SealPreview | str, TokenConfig]) -> None:
        info, preview, self._sealing_token = found
        self._preview = preview
        request = PinRequest(info.label, info.serial, info.pin, reason=self._reason(),
                             demo=self._services.ctx.config.demo, preview=preview,
                             choosable=isinstance(preview, SealPreview),
                             visible=self.visible_stamp)
        answer = self.pin_provider(request, self._parent)
        if answer is None:
            self._finish(None, NO_PIN)
            return
        if isinstance(answer, SealReply):  # what the person chose in the seal dialog
            self.last_choices, self.last_retention = answer.choices, answer.retention
        else:  # a provider that only answers the PIN: the Settings defaults
            self.last_choices = SealChoices(visible=self.visible_stamp)
            self.last_retention = None
        self._seal(answer.pin, pin_pad=info.pin.protected_auth_path)

    def _seal(self, pin: str | None, *, pin_pad: bool) -> None:
        ctx = self._services.ctx
        paths = list(self._paths)
        cancel = self._cancel = CancelFlag()
        self.notices = []
        self._done = 0
        self._declined = self._stopped_by_person = False
        for path in paths:
            self._model.set_status(path, DocumentStatus.SEALING)
        self.progress.open(len(paths), pin_pad=pin_pad and pin is None)
        self._services.notify(self.tr("Sealing {count} document(s)…").format(count=len(paths)))
        prompts = BatchPrompts(self._services.jobs, self._pin_again, self._wait_for_token,
                               self._show_notice)

        export_dir = self._export_dir
        choices, retention = self.last_choices, self.last_retention

        def work(progress: ProgressCallback) -> BatchResult:
            return seal_documents(
                ctx, paths, pin, export_dir=export_dir, progress=progress, cancel=cancel,
                pin_provider=prompts.pin_provider, waiter=prompts.waiter,
                on_notice=prompts.on_notice, choices=choices, retention=retention,
            )

        self._services.jobs.run(
            work, name="Sealing documents", key=TOKEN, on_progress=self._progress,
            on_success=self._sealed, on_failure=self._seal_failed,
        )

    def _progress(self, done: int, total: int, name: str) -> None:
        self._done = done
        self.progress.show(done, total, name, cancelling=bool(self._cancel and
                                                              self._cancel.cancelled))

    # --- questions from the batch (GUI thread, the worker waits) ----------------------------

    def _pin_again(self, request: TokenPinRequest) -> PinReply | None:
        prompt = PinRequest.of(request, demo=self._services.ctx.config.demo,
                               reason=self._reason(), preview=self._preview)
        reply = self.pin_provider(prompt, self._parent)
        if reply is None:
            self._declined = True
        return reply

    def _wait_for_token(self, absence: TokenAbsence) -> WaitDecision:
        self._services.refresh_token()  # the status bar says "Token removed" at once
        self._removal_state = None
        self.progress.say(
            self.tr("Token removed: waiting before {document}…").format(document=absence.document)
        )
        decision = self.token_waiter(absence, self._parent)
        if decision is not WaitDecision.CONTINUE:
            self._stopped_by_person = True
            if self._cancel is not None:
                self._cancel.cancel()
            return WaitDecision.STOP
        self.progress.say(self.tr("Reconnecting to the token…"))
        return WaitDecision.CONTINUE

    def _ask_to_reinsert(self, absence: TokenAbsence, parent: QWidget | None) -> WaitDecision:
        return ask_to_reinsert(absence, parent, self.removal_poller)

    def _removal_polled(self, status: TokenStatus) -> None:
        """The removal dialog saw the token change: let the status bar catch up at once."""
        previous = self._removal_state
        self._removal_state = status.state
        if previous is not None and previous is not status.state:
            self._services.refresh_token()

    def _show_notice(self, text: str) -> None:
        if text in self.notices:  # once per batch, even after a reconnection
            return
        self.notices.append(text)
        self._services.notify(text)
        self.notice.emit(text)

    # --- outcomes ------------------------------------------------------------------------------

    def _sealed(self, batch: BatchResult) -> None:
        self.progress.close()
        for result in batch.results:
            self._model.apply_result(result)
        self.last_batch = batch
        error = batch.stopped_by
        if error is not None:
            self.last_error = error
            person_stopped = self._stopped_by_person or self._declined
            if isinstance(error, TokenAmbiguousError | TokenReplacedError):
                self.token_chooser(error, self._parent)
            elif isinstance(error, TimestampError) and not person_stopped:  # TSA down: ask
                rest = [r.source for r in batch.results if r.outcome in (Outcome.FAILED,
                                                                         Outcome.NOT_STARTED)]
                self.retry_offer(error, self._parent, partial(self.start, rest))
            elif not person_stopped:
                present_failure(
                    self._parent, error, title=_title(error, self.tr("Sealing stopped"))
                )
        self._finish(batch, summarize(batch))

    def _seal_failed(self, failure: JobFailure) -> None:
        self.progress.close()
        for path in self._paths:
            self._model.set_status(path, DocumentStatus.READY)
        if isinstance(failure.error, WrongPinError) and self._declined:
            self.last_error = failure.error
            self._finish(None, NO_PIN)
            return
        self._failed(failure)

    def _failed(self, failure: JobFailure) -> None:
        error = self.last_error = failure.error
        if isinstance(error, PrimaryTokenUnavailableError):
            self.standby_offer(error, self._parent)  # the person decides; never automatic
        elif isinstance(error, TokenAmbiguousError | TokenReplacedError):
            self.token_chooser(error, self._parent)
        else:
            present_failure(self._parent, failure, title=_title(error, self.tr("Sealing failed")))
        self._finish(
            None,
            self.tr("Nothing was sealed: {reason}").format(
                reason=failure_text(failure).splitlines()[0]
            ),
        )

    def _offer_standby(self, error: PrimaryTokenUnavailableError, parent: QWidget | None) -> None:
        dialog = offer_standby_switch(self._services.ctx, self._services.jobs, error, parent)
        dialog.switched.connect(partial(self._standby_switched, list(self._paths),
                                        self._export_dir))

    def _standby_switched(self, paths: list[Path], export_dir: Path | None,
                          result: SwitchResult) -> None:
        self._services.notify(self.tr("Switched to the standby token (INC-{incident}); sealing "
                                      "again with it.").format(incident=result.incident))
        self._services.refresh_token()
        self.start(paths, export_dir)

    def _open_picker(self, error: SealDeskError, parent: QWidget | None) -> None:
        dialog = open_token_picker(self._services.ctx, self._services.jobs, error, parent)
        dialog.chosen.connect(self._token_chosen)

    def _token_chosen(self, info: TokenInfo) -> None:
        self._services.notify(
            self.tr(
                "SealDesk now seals with {display_name}. "
                "Seal the remaining documents again to continue."
            ).format(display_name=info.display_name)
        )
        self._services.refresh_token()

    def _finish(self, batch: BatchResult | None, text: str) -> None:
        self.running = False
        self._cancel = None
        self._services.notify(text)
        self._services.refresh_token()
        self.finished.emit(batch)


def _token_and_preview(ctx: AppContext) -> tuple[TokenInfo, SealPreview | str, TokenConfig]:
    """The token (its errors stop the flow as before) and what the seal will be made with.

    A preview that cannot be read (no certificate under the key label, say) does not stop the
    flow here: the PIN prompt shows why, and the batch itself refuses with the same error.
    """
    choice, info = find_seal_token(ctx)  # the standby after a switch; offers it when needed
    try:
        return info, seal_preview(ctx), choice.token
    except SealDeskError as exc:
        return info, failure_text(exc), choice.token


def cancel_text(done: int, total: int) -> str:
    """What a cancel really does: the batch starts no new seal, but up to :data:`IN_FLIGHT`
    seals are already under way (concurrent timestamps) and those finish and are kept."""
    in_flight = max(0, min(IN_FLIGHT, total - done))
    if in_flight == 0:
        return translate(
            "seal_flow", "Cancelling: every document is already sealed; finishing the batch…"
        )
    return translate(
        "seal_flow",
        "Cancelling after {done} of {total}: up to {in_flight} seal(s) already under way "
        "finish and are kept; the other documents stay unsealed.",
    ).format(done=done, total=total, in_flight=in_flight)


def _title(error: BaseException, fallback: str) -> str:
    if isinstance(error, TokenTimeoutError):
        return translate("seal_flow", "The token stopped answering")
    return fallback


def summarize(batch: BatchResult) -> str:
    """One line for the status bar and the page banner."""
    labels = (
        (Outcome.SEALED, translate("seal_flow", "sealed")),
        (Outcome.ALREADY_SEALED, translate("seal_flow", "already sealed")),
        (Outcome.FAILED, translate("seal_flow", "failed")),
        (Outcome.NOT_STARTED, translate("seal_flow", "not started")),
    )
    parts = [f"{batch.count(o)} {label}" for o, label in labels if batch.count(o)]
    if batch.cancelled:
        prefix = translate("seal_flow", "Sealing cancelled")
    elif batch.stopped_by is not None:
        prefix = translate("seal_flow", "Sealing stopped")
    else:
        prefix = translate("seal_flow", "Sealing finished")
    done = ", ".join(parts) or translate("seal_flow", "nothing to do")
    return f"{prefix}: {done}."
