"""What incidents change on the Documents page: the self-test line, quarantined documents.

**Self-test.** The "Self-test required after update" line, with its Run self-test button.

The self-test (:mod:`sealdesk.services.incidents.selftest`) seals and verifies a canary on the
configured
token, so it asks for the PIN like sealing does (token found first, in a job on the TOKEN key;
PIN from the page's PIN provider) and runs in a job. Afterwards the window re-reads whether
sealing is allowed.

**Quarantine.** A document whose earlier seal was quarantined after a key compromise is shown
as "Quarantined: re-seal" once intake accepted it; sealing it again gives it a seal with the
new key (:func:`check_quarantine`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from sealdesk.core.sealing.intake import PdfFacts
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.incidents.maintenance import SealingState
from sealdesk.services.incidents.reseal import quarantine_note
from sealdesk.services.incidents.selftest import SelftestResult, run_selftest
from sealdesk.services.progress import ProgressCallback
from sealdesk.services.sealing.gates import SELFTEST_REQUIRED_TITLE as REQUIRED_TITLE
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest
from sealdesk.ui.failures import failure_text, present_failure
from sealdesk.ui.models.documents_model import DocumentsTableModel, DocumentStatus
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.status_colors import WARNING, emphasis_style
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.workers import TOKEN, JobFailure


class SelftestBar(QWidget):
    def __init__(self, services: PageServices, pin_provider: Callable[[], PinProvider],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selftestBar")
        self._services = services
        self._pin_provider = pin_provider
        self.running = False
        self.last_result: SelftestResult | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(emphasis_style(WARNING))
        self.button = QPushButton(self.tr("Run self-test"))
        self.button.setAccessibleName(self.tr("Run the self-test"))
        self.button.clicked.connect(self.run)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_state(self, state: SealingState) -> None:
        self.label.setText(f"{REQUIRED_TITLE}: {state.selftest_reason}.")
        self.setVisible(state.selftest_required)

    def run(self) -> None:
        if self.running:
            return
        self.running = True
        self.button.setEnabled(False)
        self._services.jobs.run(
            partial(read_token_info, self._services.ctx), name="Finding the token", key=TOKEN,
            on_success=self._ask_pin, on_failure=self._failed,
        )

    def _ask_pin(self, info: TokenInfo) -> None:
        request = PinRequest(
            info.label,
            info.serial,
            info.pin,
            reason=self.tr("The self-test seals a canary document with the token."),
            demo=self._services.ctx.config.demo,
        )
        answer = self._pin_provider()(request, self)
        if answer is None:
            self._done(self.tr("Self-test cancelled: no PIN was entered."))
            return
        ctx, pin = self._services.ctx, answer.pin

        def work(progress: ProgressCallback) -> SelftestResult:
            return run_selftest(ctx, pin, progress=progress)

        self._services.jobs.run(work, name="Self-test", key=TOKEN, on_success=self._finished,
                                on_failure=self._failed, on_progress=self._progress)

    def _progress(self, _done: int, _total: int, step: str) -> None:
        self._services.notify(self.tr("Self-test: {step}").format(step=step))

    def _finished(self, result: SelftestResult) -> None:
        self.last_result = result
        if result.error is not None:
            present_failure(self, result.error, title=self.tr("Self-test failed"))
        failed = [f"{check}: {detail}" for check, ok, detail in result.checks if not ok]
        self._done(self.tr("Self-test passed: sealing is allowed again.") if result.passed
                   else self.tr("Self-test FAILED: ") + "; ".join(failed))

    def _failed(self, failure: JobFailure) -> None:
        present_failure(self, failure, title=self.tr("Self-test failed"))
        self._done(self.tr("Self-test failed: ") + failure_text(failure).splitlines()[0])

    def _done(self, text: str) -> None:
        self.running = False
        self.button.setEnabled(True)
        self._services.notify(text)
        refresh = getattr(self._services, "refresh_sealing", None)
        if refresh is not None:
            refresh()


def check_quarantine(services: PageServices, model: DocumentsTableModel, facts: PdfFacts) -> None:
    """Look up (in a job) whether an earlier seal of this document is quarantined."""

    def show(note: str) -> None:
        row = model.row_for(facts.path)
        if note and row is not None and row.status == DocumentStatus.READY:
            model.set_status(facts.path, DocumentStatus.QUARANTINED, message=note)

    services.jobs.run(partial(quarantine_note, services.ctx, facts.sha256), name="Earlier seals",
                      on_success=show, on_failure=lambda _failure: None)
