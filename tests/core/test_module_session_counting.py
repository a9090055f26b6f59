"""A session being opened by one thread keeps other threads from re-initialising the module.

Re-initialising (C_Finalize/C_Initialize, done to see newly inserted tokens) invalidates every
session of the process. The session count used to start only after the login, so a token poller
refreshing in another thread could invalidate a seal batch's session while it was being opened.
"""

from __future__ import annotations

import threading

import pytest

from sealdesk.core.token import module

pytestmark = pytest.mark.unit

PATH = "/nonexistent/counting-test.so"


def test_a_session_being_opened_counts_for_other_threads_only() -> None:
    opening, checked, done = threading.Event(), threading.Event(), threading.Event()
    seen_by_opener: list[int] = []

    def opener() -> None:
        module.session_opening(PATH)
        seen_by_opener.append(module._sessions_of_others(PATH))  # its own refresh may go on
        opening.set()
        checked.wait(5)
        module.session_opening_done(PATH)
        done.set()

    thread = threading.Thread(target=opener)
    thread.start()
    assert opening.wait(5)
    assert module._sessions_of_others(PATH) == 1  # another thread: no re-initialisation now
    checked.set()
    assert done.wait(5)
    thread.join(5)
    assert seen_by_opener == [0]
    assert module._sessions_of_others(PATH) == 1  # open now: counted for everyone, this thread too
    module.session_closed(PATH)
    assert module._sessions_of_others(PATH) == 0
