"""A token pulled out in the middle of a batch: pause, reinsert, reconnect, no document twice."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.token.prompts import PinReply, PinRequest, TokenAbsence, WaitDecision
from sealdesk.errors import TokenNotPresentError, TokenReplacedError
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.sealing.token_session import RECONNECTED
from sealdesk.services.sealing.wave import WAVE_DOCUMENTS as WAVE
from tests.tokens.conftest import ShimSetup, events


def _sealed_per_document(setup: ShimSetup) -> Counter[str]:
    sealed = events(setup.ctx, EventType.DOCUMENT_SEALED)
    return Counter(json.loads(e.payload)["subject"]["document_sha256"] for e in sealed)


def _remove_after(setup: ShimSetup, count: int, *, reinsert_at_once: bool = False):  # type: ignore[no-untyped-def]
    """Pull the token out once, when ``count`` documents are staged (progress comes per
    document; at ``count == WAVE`` the whole first wave is staged and about to commit)."""
    pulled: list[int] = []

    def progress(done: int, _total: int, _name: str) -> None:
        if done == count and not pulled:
            pulled.append(done)
            setup.control.remove_token()
            if reinsert_at_once:
                setup.control.insert_token()

    return progress


def test_batch_pauses_and_resumes_after_reinsertion_without_sealing_twice(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    files = [pdf_factory(f"doc{i:02}") for i in range(2 * WAVE)]
    waits: list[TokenAbsence] = []
    pin_requests: list[PinRequest] = []

    def waiter(absence: TokenAbsence) -> WaitDecision:
        waits.append(absence)
        if absence.attempt == 2:  # the person pressed "continue" once too early
            shim.control.insert_token()
        return WaitDecision.CONTINUE

    def pin_provider(request: PinRequest) -> PinReply:
        pin_requests.append(request)
        return PinReply(shim.pin)

    batch = seal_documents(shim.ctx, files, shim.pin, progress=_remove_after(shim, WAVE),
                           waiter=waiter, pin_provider=pin_provider)
    assert batch.ok, batch.stopped_by
    assert [r.outcome for r in batch.results] == [Outcome.SEALED] * len(files)
    first_of_wave = f"doc{WAVE:02}.pdf"  # the wave in flight is sealed again after reinsertion
    assert [(w.document, w.done, w.total, w.attempt) for w in waits] == [
        (first_of_wave, WAVE, len(files), 1), (first_of_wave, WAVE, len(files), 2)]
    assert "went away" in waits[0].message and "No token" in waits[1].message
    assert [r.reason for r in pin_requests] == [RECONNECTED]  # asked again: a new login
    assert shim.control.user_logins == 2
    assert len(events(shim.ctx, EventType.TOKEN_LOGIN_SUCCEEDED)) == 2

    per_document = _sealed_per_document(shim)
    assert len(per_document) == len(files) and set(per_document.values()) == {1}
    rerun = seal_documents(shim.ctx, files, shim.pin)
    assert rerun.count(Outcome.ALREADY_SEALED) == len(files)
    assert _sealed_per_document(shim) == per_document


def test_without_a_waiter_the_batch_stops_and_a_rerun_finishes_it(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    files = [pdf_factory(f"doc{i:02}") for i in range(WAVE + 6)]
    batch = seal_documents(shim.ctx, files, shim.pin, progress=_remove_after(shim, WAVE))
    outcomes = [r.outcome for r in batch.results]
    assert outcomes[:WAVE] == [Outcome.SEALED] * WAVE
    failed = [r for r in batch.results[WAVE:] if r.outcome is Outcome.FAILED]
    assert failed and set(outcomes[WAVE:]) <= {Outcome.FAILED, Outcome.NOT_STARTED}
    assert all(isinstance(r.error, TokenNotPresentError) for r in failed)  # those in flight
    assert isinstance(batch.stopped_by, TokenNotPresentError)
    assert "went away" in batch.stopped_by.message
    assert shim.ctx.store.staged_files() == []

    shim.control.insert_token()
    rerun = seal_documents(shim.ctx, files, shim.pin)
    assert [r.outcome for r in rerun.results] == [Outcome.ALREADY_SEALED] * WAVE + [
        Outcome.SEALED] * 6
    assert set(_sealed_per_document(shim).values()) == {1}


def test_an_unseen_removal_is_recovered_with_the_batch_pin_from_memory(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    """Pulled and replugged between two documents: the old session is dead all the same."""
    files = [pdf_factory(f"doc{i:02}") for i in range(WAVE + 4)]
    waits: list[TokenAbsence] = []

    def waiter(absence: TokenAbsence) -> WaitDecision:
        waits.append(absence)
        return WaitDecision.CONTINUE

    batch = seal_documents(shim.ctx, files, shim.pin, waiter=waiter,
                           progress=_remove_after(shim, WAVE, reinsert_at_once=True))
    assert batch.ok and batch.count(Outcome.SEALED) == len(files)
    assert len(waits) == 1 and shim.control.user_logins == 2


def test_a_different_token_plugged_back_in_stops_the_batch(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    files = [pdf_factory(f"doc{i:02}") for i in range(WAVE + 3)]

    def waiter(_absence: TokenAbsence) -> WaitDecision:
        shim.control.set(token_serial="0000SWAP")
        shim.control.insert_token()
        return WaitDecision.CONTINUE

    batch = seal_documents(shim.ctx, files, shim.pin, waiter=waiter,
                           progress=_remove_after(shim, WAVE))
    outcomes = [r.outcome for r in batch.results]
    assert outcomes[:WAVE] == [Outcome.SEALED] * WAVE
    assert Outcome.FAILED in outcomes[WAVE:]
    assert set(outcomes[WAVE:]) <= {Outcome.FAILED, Outcome.NOT_STARTED}
    assert isinstance(batch.stopped_by, TokenReplacedError)
    assert shim.control.user_logins == 1


def test_status_polling_sees_removal_without_touching_the_batch_session(
    shim: ShimSetup, tmp_path: Path
) -> None:
    from sealdesk.core.token.status import TokenState, poll_token_status

    assert poll_token_status(shim.ctx.config.token).state is TokenState.READY
    shim.control.remove_token()
    status = poll_token_status(shim.ctx.config.token)
    assert status.state is TokenState.ABSENT and "SealDesk Demo" in status.message
    shim.control.insert_token()
    shim.control.set(token_label="Renamed")
    status = poll_token_status(shim.ctx.config.token)
    assert status.state is TokenState.READY and "label changed" in status.notice
