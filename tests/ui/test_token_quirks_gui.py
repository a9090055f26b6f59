"""Real-token quirks in the console: removal mid-batch, PIN per signature, PIN pad, final try.

The token is the demo token reached through the fault-injecting p11shim (tests/p11shim), a test
substitute for hardware behaviour. The dialogs a batch opens half-way are answered by the test
through the seal flow's hooks (``pin_provider``, ``token_waiter``, ``token_chooser``), which are
called exactly where the real dialogs would be: on the GUI thread, while the worker waits.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.sealing.sealer import ALWAYS_AUTHENTICATE_NOTICE
from sealdesk.core.token.prompts import TokenAbsence, WaitDecision
from sealdesk.core.token.softhsm import find_softhsm_module
from sealdesk.errors import SealDeskError, TokenReplacedError
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.token_session import RECONNECTED
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.dialogs.pin_dialog import PinDialog, PinReply, PinRequest
from sealdesk.ui.dialogs.token_picker import TokenPickerDialog
from sealdesk.ui.dialogs.token_removed_dialog import WAITING, TokenRemovedDialog, absence_text
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentStatus
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.documents.seal_progress import PIN_PAD
from sealdesk.ui.pages.settings_page import SettingsPage
from sealdesk.ui.token_poller import TokenPoller
from sealdesk.ui.workers import JobRunner
from tests.p11shim import ShimControl, build_shim
from tests.tokens.conftest import TEST_TIMEOUT, ShimModule, events, wait_until_unstuck

WAIT_MS = 20_000


@pytest.fixture(scope="module")
def gui_shim_module(tmp_path_factory: pytest.TempPathFactory) -> ShimModule:
    if shutil.which("gcc") is None or shutil.which("softhsm2-util") is None:
        pytest.skip("gcc and SoftHSM2 are needed to build and drive the p11shim")
    folder = tmp_path_factory.mktemp("p11shim-gui")
    copy = folder / "libsofthsm2-for-shim.so"
    shutil.copy2(find_softhsm_module(), copy)
    return ShimModule(build_shim(folder), copy)


@pytest.fixture
def control(demo_ctx: AppContext, gui_shim_module: ShimModule,
            tmp_path: Path) -> Iterator[ShimControl]:
    """The demo token behind the shim (set up before the window; faults cleared after it)."""
    shim = ShimControl(tmp_path / "shim.ctl")
    token_cfg = demo_ctx.config.token
    demo_ctx.config = with_token(
        demo_ctx.config, module=str(gui_shim_module.path),
        environment={**token_cfg.environment, **shim.env(gui_shim_module.softhsm_copy)},
        timeout_seconds=TEST_TIMEOUT,
    )
    yield shim
    shim.reset()
    wait_until_unstuck(str(gui_shim_module.path))


@pytest.fixture
def page(qtbot: QtBot, control: ShimControl, window: MainWindow,
         make_pdfs: Callable[..., list[Path]]) -> DocumentsPage:
    """The Documents page of a window whose token is the shim, with four checked PDFs."""
    documents = window.show_page("documents")
    assert isinstance(documents, DocumentsPage)
    documents.add_files(make_pdfs(4))
    wait_idle(qtbot, documents)
    return documents


def wait_idle(qtbot: QtBot, page: DocumentsPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def sealed_per_document(ctx: AppContext) -> Counter[str]:
    return Counter(json.loads(e.payload)["subject"]["document_sha256"]
                   for e in events(ctx, EventType.DOCUMENT_SEALED))


def statuses(page: DocumentsPage) -> set[DocumentStatus]:
    return {row.status for row in page.model.rows()}


def test_token_removed_mid_batch_pauses_and_continues_after_reinsertion(
    qtbot: QtBot, page: DocumentsPage, window: MainWindow, control: ShimControl,
    demo_ctx: AppContext, pin_script: Callable[[list[Any]], Any],
) -> None:
    control.hang("C_Sign", 250)  # slow signatures: the removal lands in the middle of the batch
    pins = pin_script([DEMO_PIN, DEMO_PIN])
    page.pin_provider = pins
    waits: list[TokenAbsence] = []

    def reinsert_and_continue(absence: TokenAbsence, _parent: object) -> WaitDecision:
        waits.append(absence)
        # The batch is paused here (its worker waits for this answer); the status bar says so.
        qtbot.waitUntil(lambda: window.token_status.state_label.text() == "Token removed",
                        timeout=WAIT_MS)
        control.insert_token()
        return WaitDecision.CONTINUE

    page.token_waiter = reinsert_and_continue
    assert page.seal_all()
    qtbot.waitUntil(lambda: page.flow.progress_dialog is not None
                    and page.flow.progress_dialog.value() >= 2, timeout=WAIT_MS)
    control.remove_token()  # two sealed, two to go (a quarter second per signature)
    wait_idle(qtbot, page)

    assert len(waits) == 1
    absence = waits[0]
    assert absence.done >= 2 and absence.total == 4 and absence.attempt == 1
    assert absence_text(absence).startswith(f"Token removed while sealing {absence.document} (")
    assert [r.reason for r in pins.requests[1:]] == [RECONNECTED]  # a new login after it
    batch = page.flow.last_batch
    assert batch is not None and batch.ok, batch and batch.stopped_by
    assert statuses(page) == {DocumentStatus.SEALED}
    per_document = sealed_per_document(demo_ctx)
    assert len(per_document) == 4 and set(per_document.values()) == {1}
    assert control.user_logins == 2
    qtbot.waitUntil(lambda: "serial" in window.token_status.state_label.text(), timeout=WAIT_MS)


def test_stop_in_the_removal_dialog_keeps_what_is_done(
    qtbot: QtBot, page: DocumentsPage, control: ShimControl, demo_ctx: AppContext,
    demo_pins: Any,
) -> None:
    control.hang("C_Sign", 250)
    page.pin_provider = demo_pins
    page.token_waiter = lambda _absence, _parent: WaitDecision.STOP
    assert page.seal_all()
    qtbot.waitUntil(lambda: page.flow.progress_dialog is not None
                    and page.flow.progress_dialog.value() >= 1, timeout=WAIT_MS)
    control.remove_token()
    wait_idle(qtbot, page)

    batch = page.flow.last_batch
    assert batch is not None and not batch.ok
    sealed = page.model.paths_with(DocumentStatus.SEALED)
    assert 1 <= len(sealed) < 4
    assert len(sealed_per_document(demo_ctx)) == len(sealed)
    assert "Sealing" in page.banner.text()
    control.insert_token()


def test_always_authenticate_notice_once_and_no_prompt_per_file(
    qtbot: QtBot, page: DocumentsPage, control: ShimControl, demo_pins: Any,
) -> None:
    control.set(always_authenticate=1)
    page.pin_provider = demo_pins
    assert page.seal_all()
    wait_idle(qtbot, page)

    assert len(demo_pins.requests) == 1  # the login; never one per document
    assert page.flow.notices == [ALWAYS_AUTHENTICATE_NOTICE]
    assert not page.notice_banner.isHidden()
    assert page.notice_banner.text() == ALWAYS_AUTHENTICATE_NOTICE
    assert statuses(page) == {DocumentStatus.SEALED}
    assert control.context_logins == 4


def test_relabelled_token_is_used_and_the_label_change_shown_once(
    qtbot: QtBot, page: DocumentsPage, window: MainWindow, control: ShimControl,
    demo_pins: Any,
) -> None:
    control.set(token_label="Seal 2027")  # same serial, maker and model: still our token
    page.pin_provider = demo_pins
    assert page.seal_all()
    wait_idle(qtbot, page)
    assert statuses(page) == {DocumentStatus.SEALED}
    assert len(page.flow.notices) == 1 and "label changed" in page.flow.notices[0]
    assert "label changed" in page.notice_banner.text()
    qtbot.waitUntil(lambda: "label changed" in window.token_status.warning_label.toolTip(),
                    timeout=WAIT_MS)


def test_pin_pad_reader_dialog_has_no_pin_field_and_seals(
    qtbot: QtBot, page: DocumentsPage, control: ShimControl,
) -> None:
    control.set(protected_auth_path=1, pinpad_pin=DEMO_PIN, pinpad_delay_ms=800)
    logins_before = control.user_logins
    seen: list[PinDialog] = []

    def press_ok(request: PinRequest, parent: Any) -> PinReply | None:
        dialog = PinDialog(request, parent)
        dialog.show()
        seen.append(dialog)
        assert dialog.pin_pad and dialog.pin_edit.isHidden()
        assert not dialog.pin_pad_label.isHidden()
        assert "Enter the PIN on the reader's PIN pad" in dialog.pin_pad_label.text()
        assert dialog.ok_button.isEnabled()  # nothing to type here
        dialog.ok_button.click()
        answer = dialog.take_answer()
        dialog.deleteLater()
        return answer

    page.pin_provider = press_ok
    assert page.seal_all()
    qtbot.waitUntil(lambda: page.flow.progress_dialog is not None, timeout=WAIT_MS)
    assert page.flow.progress_dialog is not None
    assert page.flow.progress_dialog.labelText() == PIN_PAD
    wait_idle(qtbot, page)
    assert len(seen) == 1
    assert statuses(page) == {DocumentStatus.SEALED}
    # Exactly one login, the batch's, on the PIN pad: pages that only read certificates open
    # sessions without logging in, so the reader never asks for a PIN nobody requested.
    assert len(events(page.services.ctx, EventType.TOKEN_LOGIN_SUCCEEDED)) == 1
    assert control.user_logins - logins_before == 1


def test_final_try_needs_the_checkbox_and_the_retry_comes_from_the_batch(
    qtbot: QtBot, page: DocumentsPage, control: ShimControl,
) -> None:
    control.set(max_pin_tries=3)
    requests: list[PinRequest] = []

    def answer(request: PinRequest, parent: Any) -> PinReply | None:
        requests.append(request)
        if not request.pin_state.final_try:
            return PinReply("0000")  # wrong, twice
        dialog = PinDialog(request, parent)
        dialog.show()
        assert "Final try" in dialog.warning_label.text()
        qtbot.keyClicks(dialog.pin_edit, DEMO_PIN)
        assert not dialog.acknowledge.isHidden()
        assert not dialog.ok_button.isEnabled()  # typed, but not acknowledged
        dialog.acknowledge.setChecked(True)
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()
        reply = dialog.take_answer()
        dialog.deleteLater()
        return reply

    page.pin_provider = answer
    assert page.seal_all()
    wait_idle(qtbot, page)

    states = [(r.pin_state.count_low, r.pin_state.final_try) for r in requests]
    assert states == [(False, False), (True, False), (True, True)]
    assert all("PIN was not accepted" in r.retry_message for r in requests[1:])
    assert all(r.demo for r in requests)
    assert statuses(page) == {DocumentStatus.SEALED}
    assert control.pin_failures == 0  # the good PIN reset the counter


def test_status_bar_polls_and_shows_a_removed_token(
    qtbot: QtBot, control: ShimControl, window: MainWindow,
) -> None:
    status = window.token_status
    qtbot.waitUntil(lambda: "serial" in status.state_label.text(), timeout=WAIT_MS)
    window.token_poller.set_interval(150)
    control.remove_token()
    qtbot.waitUntil(lambda: status.state_label.text() == "Token removed", timeout=WAIT_MS)
    assert "SealDesk Demo" in status.warning_label.text()
    control.insert_token()
    qtbot.waitUntil(lambda: "serial" in status.state_label.text(), timeout=WAIT_MS)
    window.token_poller.set_interval(0)


def test_replaced_token_opens_the_picker_and_the_choice_is_saved_and_audited(
    qtbot: QtBot, page: DocumentsPage, control: ShimControl, demo_ctx: AppContext,
    demo_pins: Any,
) -> None:
    control.set(token_serial="0000SWAP")
    page.pin_provider = demo_pins
    chooser_calls: list[SealDeskError] = []
    page.flow.token_chooser = lambda error, _parent: chooser_calls.append(error)
    assert page.seal_all()
    wait_idle(qtbot, page)
    assert demo_pins.requests == []  # no PIN for a token that is not ours
    assert len(chooser_calls) == 1 and isinstance(chooser_calls[0], TokenReplacedError)

    picker = TokenPickerDialog(demo_ctx, page.services.jobs, problem=chooser_calls[0])
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: bool(picker.tokens), timeout=WAIT_MS)
    assert "not the configured one" in picker.problem_label.text()
    assert picker.table.topLevelItem(0).text(1) == "0000SWAP"
    assert not picker.use_button.isEnabled()
    assert picker.select_serial("0000SWAP")
    with qtbot.waitSignal(picker.chosen, timeout=WAIT_MS):
        picker.use_button.click()
    token = demo_ctx.config.token
    assert token.serial == "0000SWAP" and token.label == "SealDesk Demo"
    assert token.manufacturer and token.model
    changed = events(demo_ctx, EventType.SETTINGS_CHANGED)
    assert len(changed) == 1 and b"token.serial" in changed[0].payload

    assert page.seal_all()  # the explicitly chosen token is used now
    wait_idle(qtbot, page)
    assert statuses(page) == {DocumentStatus.SEALED}


def test_removal_dialog_texts_and_buttons(qtbot: QtBot) -> None:
    first = TokenAbsence("Company Seal", "0042AB", "invoice.pdf", "The token went away.", 3, 10)
    dialog = TokenRemovedDialog(first)
    qtbot.addWidget(dialog)
    assert dialog.message_label.text() == (
        "Token removed while sealing invoice.pdf (3 of 10 done, kept). "
        "Reinsert it and press Continue, or Stop.")
    assert "0042AB" in dialog.token_label.text()
    dialog.continue_button.click()
    assert dialog.decision is WaitDecision.CONTINUE
    again = TokenRemovedDialog(TokenAbsence("Company Seal", "0042AB", "invoice.pdf",
                                            "No token.", 3, 10, attempt=2))
    qtbot.addWidget(again)
    assert "still not connected" in again.message_label.text()
    again.stop_button.click()
    assert again.decision is WaitDecision.STOP


def test_removal_dialog_watches_the_token_come_back(
    qtbot: QtBot, control: ShimControl, jobs: JobRunner, demo_ctx: AppContext,
) -> None:
    control.remove_token()
    poller = TokenPoller(jobs, lambda: demo_ctx.config.token, interval_ms=100)
    absence = TokenAbsence("SealDesk Demo", "", "a.pdf", "The token went away.", 1, 3)
    dialog = TokenRemovedDialog(absence, poller)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: poller.last is not None, timeout=WAIT_MS)
    assert dialog.state_label.text() == WAITING
    assert dialog.continue_button.isEnabled()  # never trapped by a poll that cannot see it
    control.insert_token()
    qtbot.waitUntil(lambda: "connected again" in dialog.state_label.text(), timeout=WAIT_MS)
    dialog.continue_button.click()
    assert dialog.decision is WaitDecision.CONTINUE and not poller.running
    jobs.wait_for_all()


def test_settings_page_choose_token_button_saves_the_picked_token(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext,
) -> None:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    assert settings.choose_token_button.isEnabled()
    settings.choose_token_button.click()
    picker = settings.findChild(TokenPickerDialog)
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(lambda: bool(picker.tokens), timeout=WAIT_MS)
    serial = demo_ctx.config.token.serial
    assert picker.table.topLevelItem(0).font(0).bold()  # the configured one stands out
    assert picker.select_serial(serial)
    picker.use_button.click()
    qtbot.waitUntil(lambda: "now seals with SealDesk Demo" in settings.banner.text(),
                    timeout=WAIT_MS)
    assert demo_ctx.config.token.serial == serial


def test_a_module_that_stops_answering_is_reported_with_what_to_do(
    qtbot: QtBot, page: DocumentsPage, control: ShimControl, demo_ctx: AppContext,
    demo_pins: Any,
) -> None:
    demo_ctx.config = with_token(demo_ctx.config, timeout_seconds=1.0)
    control.hang("C_Login", 2500)
    page.pin_provider = demo_pins
    assert page.seal_all()
    wait_idle(qtbot, page)  # the GUI was never blocked: the watchdog gave up after 1 s

    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ErrorDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].windowTitle() == "The token stopped answering"
    assert "stopped responding while logging in" in dialogs[0].message_label.text()
    assert "Unplug and reconnect the token" in dialogs[0].hint_label.text()
    assert statuses(page) == {DocumentStatus.READY}
    dialogs[0].close()
