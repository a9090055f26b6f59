"""The terminal's answers to a batch's questions: PIN again, wait for a removed token, notices.

Implements the interfaces of :mod:`sealdesk.core.token.prompts` for ``sealdesk seal``. Without a
terminal (scripts, cron) nothing can be typed or reinserted, so a wrong PIN is not retried and a
removed token stops the batch with a clear error; the documents finished before are kept.

A PIN from ``SEALDESK_PIN`` is never offered to the token twice after it was refused: each
refusal costs one of the token's few tries.
"""

from __future__ import annotations

import sys

import click

from sealdesk.core.token.identity import PinState
from sealdesk.core.token.prompts import PinReply, PinRequest, TokenAbsence, WaitDecision

FINAL_TRY_QUESTION = "This is the final try: a wrong PIN locks the token. Continue?"


class TerminalPrompts:
    """Questions to the person at the terminal (interactive) or the script's fixed answers."""

    def __init__(self, *, interactive: bool, env_pin: str | None = None) -> None:
        self.interactive = interactive
        self._env_pin = env_pin or None

    def ask_pin(self, request: PinRequest) -> PinReply | None:
        """A PIN for ``request``; None declines (the batch then stops with the last error)."""
        if request.retry_message:
            click.secho(request.retry_message, fg="red", err=True)
        if request.reason:
            click.echo(request.reason, err=True)
        state = request.pin_state
        if state.locked:
            click.secho(state.warning(), fg="red", err=True)
            return None
        if state.protected_auth_path:
            click.echo(pin_pad_text(request.token_label), err=True)
            return PinReply(None)
        if self._env_pin is not None:
            if request.retry_message:
                click.echo("The PIN from SEALDESK_PIN was refused; it is not tried again.",
                           err=True)
                return None
            return PinReply(self._env_pin)
        if not self.interactive:
            return None
        return self.typed_pin(request.token_label, state)

    def typed_pin(self, token_label: str, state: PinState) -> PinReply | None:
        """Warn from the token's flags, confirm a final try, read the PIN without echo."""
        warning = state.warning()
        if warning:
            click.secho(warning, fg="red" if state.final_try else "yellow", err=True)
        if state.final_try and not click.confirm(FINAL_TRY_QUESTION, default=False, err=True):
            return None
        pin = click.prompt(f"PIN for token {token_label!r}", hide_input=True, err=True)
        return PinReply(str(pin))

    def wait_for_token(self, absence: TokenAbsence) -> WaitDecision:
        """Pause the batch until the person reinserted the token (Enter) or stops (Ctrl+C)."""
        click.secho(
            f"{absence.message} ({absence.document}; {absence.done} of {absence.total} "
            "documents done, they are kept).",
            fg="yellow", err=True,
        )
        if not self.interactive:
            click.echo("No terminal to wait at: stopping. Seal the rest again once the token "
                       "is back; finished documents are not sealed twice.", err=True)
            return WaitDecision.STOP
        first = "Token removed." if absence.attempt == 1 else "The token is still not connected."
        click.echo(f"{first} Reinsert it and press Enter, or Ctrl+C to stop.", err=True)
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            return WaitDecision.STOP
        return WaitDecision.CONTINUE if line else WaitDecision.STOP

    def notice(self, text: str) -> None:
        click.secho(text, fg="cyan", err=True)


def pin_pad_text(token_label: str) -> str:
    return (f"Enter the PIN of token {token_label!r} on the reader's PIN pad now; "
            "SealDesk waits for the reader.")
