"""What a batch asks of a person, as small interfaces the front ends implement.

The services never prompt: when a batch needs a PIN again (after a wrong PIN, or after the
token was pulled out and plugged back in) or must wait for the token to come back, it calls
one of these. The CLI answers on the terminal (:mod:`sealdesk.cli.prompts`), the GUI with
dialogs marshalled to its main thread, tests with plain functions. All of them are called from
the thread that runs the batch (a worker thread in the GUI) and may block until the person
answers.

A PIN passes through :class:`PinReply` on its way to the login and is never stored by SealDesk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sealdesk.core.token.identity import PinState


@dataclass(frozen=True)
class PinRequest:
    """Why a PIN is asked for, and what the token says about its tries left.

    ``retry_message`` is set after a wrong PIN (show it; ``pin_state`` then holds the token's
    fresh flags, e.g. final try). ``reason`` explains a request in the middle of a batch
    ("the token was reconnected"). ``pin_state.protected_auth_path`` means the reader's PIN pad
    takes the PIN: show "enter the PIN on the reader" and reply ``PinReply(None)``.
    """

    token_label: str
    token_serial: str
    pin_state: PinState
    retry_message: str = ""
    reason: str = ""


@dataclass(frozen=True)
class PinReply:
    """The person's answer: the PIN, or None when the reader's PIN pad takes it."""

    pin: str | None


PinProvider = Callable[[PinRequest], PinReply | None]
"""Ask for a PIN; return None when the person declines (the batch then stops)."""


@dataclass(frozen=True)
class TokenAbsence:
    """The token went away in the middle of a batch (pulled out, or its session died)."""

    token_label: str
    token_serial: str
    document: str
    """The document being sealed when it happened; it is sealed again after reinsertion."""
    message: str
    done: int
    total: int
    attempt: int = 1
    """1 for the first wait; higher when the token was still missing after the last one."""


class WaitDecision(StrEnum):
    CONTINUE = "continue"
    """The token is back: reopen the session (new login) and go on with the same document."""
    STOP = "stop"
    """Stop the batch; finished documents are kept, the rest are reported as not started."""


TokenWaiter = Callable[[TokenAbsence], WaitDecision]
"""Tell the person the token is gone and wait until they reinserted it or want to stop."""

NoticeCallback = Callable[[str], None]
"""Show the person something they should know once (always-authenticate key, label changed)."""


def stop_when_removed(_absence: TokenAbsence) -> WaitDecision:
    """The waiter for unattended runs: nobody can reinsert the token, so stop cleanly."""
    return WaitDecision.STOP


def ignore_notice(_text: str) -> None:
    """The notice callback when nobody is watching; notices are still on the batch result."""
