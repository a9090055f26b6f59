"""What every command shares: opening the context, asking for the PIN, reporting errors.

The PIN is read from ``SEALDESK_PIN`` (for scripts) or asked for without echo; it is never a
command-line argument, which every user on the machine could read in ``ps``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from sealdesk.cli.prompts import FINAL_TRY_QUESTION, TerminalPrompts, pin_pad_text
from sealdesk.core.token import watchdog
from sealdesk.core.token.identity import PinState
from sealdesk.errors import PinLockedError, SealDeskError, TokenError
from sealdesk.services import alerts
from sealdesk.services.context import Actor, AppContext

PIN_ENV = "SEALDESK_PIN"
F = TypeVar("F", bound=Callable[..., Any])


def open_context(operator: str | None = None, *, read_only: bool = False) -> AppContext:
    actor = Actor.current(operator or "")  # the real uid, never $USER
    return alerts.install(AppContext.open(actor=actor, read_only=read_only))


def read_pin(token_label: str, pin_state: PinState | None = None) -> str | None:
    """The PIN from the environment or a hidden prompt; None for a PIN-pad reader.

    The token's PIN state is shown BEFORE the attempt (few tries left, final try); on the final
    try the person must confirm explicitly. A locked PIN is refused without asking.
    """
    if pin_state is not None and pin_state.locked:
        raise PinLockedError(
            f"The PIN of token {token_label!r} is locked.",
            hint="Ask the token's security officer to unblock the PIN; SealDesk cannot do it.",
        )
    if pin_state is not None and pin_state.protected_auth_path:
        click.echo(pin_pad_text(token_label), err=True)
        return None
    pin = os.environ.get(PIN_ENV)
    if pin:
        if pin_state is not None and pin_state.final_try:
            _confirm_final_try_for_script(token_label)
        return pin
    if not sys.stdin.isatty():
        raise click.UsageError(
            f"No PIN: set {PIN_ENV} for unattended use, or run in a terminal to be asked."
        )
    reply = TerminalPrompts(interactive=True).typed_pin(token_label, pin_state or PinState())
    if reply is None:  # declined the final try
        raise click.Abort()
    return reply.pin


def _confirm_final_try_for_script(token_label: str) -> None:
    """A PIN from the environment is not spent on the final try without a person agreeing."""
    if not sys.stdin.isatty():
        raise TokenError(
            f"Token {token_label!r} is at its final PIN try; SealDesk does not spend it "
            f"unattended with the PIN from {PIN_ENV}.",
            hint="Run the command in a terminal to confirm the final try, or ask the security "
            "officer to reset the PIN counter.",
        )
    click.confirm(FINAL_TRY_QUESTION, abort=True, err=True)


def handle_errors(func: F) -> F:
    """Turn domain errors into a message and the error's exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SealDeskError as exc:
            click.secho(f"Error: {exc.message}", fg="red", err=True)
            if exc.hint:
                click.echo(exc.hint, err=True)
            if watchdog.any_stuck():
                # A driver call is stuck in a thread; finalising the module at exit would wait
                # for it forever. Everything committed is already durable in the database.
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(exc.exit_code)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]
