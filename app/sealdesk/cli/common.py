"""What every command shares: opening the context, asking for the PIN, signed acts.

The PIN is read from ``SEALDESK_PIN`` (for scripts) or asked for without echo; it is never a
command-line argument, which every user on the machine could read in ``ps``.

Errors are not handled here: they go up to the one handler in :mod:`sealdesk.cli.failure`.
The imports of services and the token layer sit inside the functions, so that importing a
command module (for ``--help``) stays light.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from sealdesk.errors import PinLockedError, TokenError

if TYPE_CHECKING:
    from sealdesk.core.token.identity import PinState
    from sealdesk.services.context import AppContext

PIN_ENV = "SEALDESK_PIN"
DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
MAX_INDEX = 10**12
"""Upper bound of every numeric option (entry indexes, run ids): a bigger number is a usage
error, never an integer overflow deep in the database driver."""


def open_context(operator: str | None = None, *, read_only: bool = False) -> AppContext:
    """The application context for one command; use it as ``with open_context() as ctx:``."""
    from sealdesk.services import alerts
    from sealdesk.services.context import Actor, AppContext
    from sealdesk.services.encryption.unlock import unlock_store

    actor = Actor.current(operator or "")  # the real uid, never $USER
    ctx = alerts.install(AppContext.open(actor=actor, read_only=read_only))
    # An encrypted store asks the token's PIN at the first document a command opens.
    unlock_store(ctx, lambda info: read_pin(info.label, info.pin))
    return ctx


@contextmanager
def signed_acts(ctx: AppContext, reason: str) -> Iterator[None]:
    """Run a security-relevant act signed by the audit key (rotation, roles, maintenance…).

    The token's PIN is asked (``SEALDESK_PIN`` or the hidden prompt, as for sealing) only when
    the act is about to be recorded, after its own checks, so a refused act costs no PIN.
    """
    from sealdesk.services.audit.signed_acts import audit_key_login

    with audit_key_login(ctx, ask=lambda info: read_pin(info.label, info.pin), reason=reason):
        yield


def zoned_time(_ctx: click.Context, _param: click.Parameter,
               value: str | None) -> dt.datetime | None:
    """Option callback: an ISO time that names its zone (``2026-12-07T08:00Z``, ``+01:00``).

    Incident and compromise times are evidence: a time without a zone would be read in
    whatever zone the console happens to run in.
    """
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter("give an ISO time, e.g. 2026-12-07T08:00Z") from None
    if moment.utcoffset() is None:
        raise click.BadParameter("give the time zone too, e.g. 2026-12-07T08:00Z or +01:00")
    return moment


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A date/time typed on the command line is UTC."""
    return None if value is None else value.replace(tzinfo=dt.UTC)


def read_pin(token_label: str, pin_state: PinState | None = None) -> str | None:
    """The PIN from the environment or a hidden prompt; None for a PIN-pad reader.

    The token's PIN state is shown BEFORE the attempt (few tries left, final try); on the final
    try the person must confirm explicitly. A locked PIN is refused without asking.
    """
    from sealdesk.cli.prompts import TerminalPrompts, pin_pad_text
    from sealdesk.core.token.identity import PinState

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
    from sealdesk.cli.prompts import FINAL_TRY_QUESTION

    if not sys.stdin.isatty():
        raise TokenError(
            f"Token {token_label!r} is at its final PIN try; SealDesk does not spend it "
            f"unattended with the PIN from {PIN_ENV}.",
            hint="Run the command in a terminal to confirm the final try, or ask the security "
            "officer to reset the PIN counter.",
        )
    click.confirm(FINAL_TRY_QUESTION, abort=True, err=True)
