"""What the rotation and custodian commands share: custodian token options, their PIN, output.

A custodian's PIN comes from ``SEALDESK_CUSTODIAN_PIN`` (scripts, tests) or a hidden prompt,
never from the command line. A custodian token on the same PKCS#11 module as the configured
seal token is opened with the same module environment (e.g. SoftHSM2's ``SOFTHSM2_CONF``);
another module gets the process environment as it is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from sealdesk.cli.terminal import safe, safe_lines

if TYPE_CHECKING:
    from sealdesk.services.context import AppContext
    from sealdesk.services.keys.custodian_tokens import CustodianToken
    from sealdesk.services.keys.views import ProposalView

CUSTODIAN_PIN_ENV = "SEALDESK_CUSTODIAN_PIN"
F = TypeVar("F", bound=Callable[..., Any])


def custodian_token_options(required: bool = True) -> Callable[[F], F]:
    """--custodian-module, --custodian-token, --custodian-serial."""

    def decorate(func: F) -> F:
        func = click.option("--custodian-serial", default="",
                            help="Serial of the custodian's token (labels may repeat).")(func)
        func = click.option("--custodian-token", "custodian_label", required=required,
                            help="Label of the custodian's own token.")(func)
        func = click.option("--custodian-module", required=required,
                            help="PKCS#11 module of the custodian's token.")(func)
        return func

    return decorate


def custodian_token(ctx: AppContext, module: str, label: str, serial: str) -> CustodianToken:
    from sealdesk.core.token import TokenSelector
    from sealdesk.services.keys.custodian_tokens import CustodianToken

    environment = ctx.config.token.environment if module == ctx.config.token.module else {}
    return CustodianToken(module, TokenSelector(label=label, serial=serial), dict(environment))


def custodian_pin(where: CustodianToken) -> str | None:
    """The custodian's PIN: PIN pad (None), the environment, or a hidden prompt."""
    from sealdesk.core.token.module import find_token

    info, _ = find_token(where.module, where.selector, where.environment)
    if info.pin.protected_auth_path:
        click.echo(safe(f"Enter the PIN of token {info.label!r} on the reader's PIN pad."),
                   err=True)
        return None
    pin = os.environ.get(CUSTODIAN_PIN_ENV)
    if pin:
        return pin
    if not sys.stdin.isatty():
        raise click.UsageError(f"No custodian PIN: set {CUSTODIAN_PIN_ENV} for unattended use, "
                               "or run in a terminal to be asked.")
    warning = info.pin.warning()
    if warning:
        click.secho(warning, fg="yellow", err=True)
    return str(click.prompt(safe(f"Custodian PIN for token {info.label!r}"), hide_input=True,
                            err=True))


def duration(_ctx: click.Context, _param: click.Parameter, value: str) -> dt.timedelta:
    match = re.fullmatch(r"(\d+)([mhd])", value.strip())
    if not match:
        raise click.BadParameter("give a number and a unit: 90m, 72h or 7d")
    unit = {"m": "minutes", "h": "hours", "d": "days"}[match.group(2)]
    return dt.timedelta(**{unit: int(match.group(1))})


def when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def print_view(view: ProposalView, *, statement: bool = False) -> None:
    content = view.content
    click.echo(f"Proposal {view.proposal_id}: {content.action.value} "
               f"({content.action.title})")
    if view.problem:
        click.secho(f"INTEGRITY PROBLEM: {safe(view.problem)}", fg="red")
    click.echo(f"Status:    {view.status.value} ({view.approvals} of {view.required} approvals, "
               f"{view.rejections} rejection(s))")
    click.echo(f"Proposer:  {safe(content.proposer)}"
               + (f" (custodian {content.proposer_custodian[:16]}…)"
                  if content.proposer_custodian else ""))
    click.echo(f"Created:   {when(content.created)}    Expires: {when(content.expires)}")
    for title, values in (("Target", content.target), ("Parameters", content.params)):
        if values:
            click.echo(f"{title}:")
            for key, value in sorted(values.items()):
                text = str(value)
                shown = text if len(text) < 90 else text[:87] + "..."
                click.echo(f"  {safe(key)}: {safe(shown)}")
    click.echo(f"Reason:    {safe(content.reason)}")
    click.echo(f"Hash:      {view.sha256}")
    if view.decisions:
        click.echo("Decisions:")
        for d in view.decisions:
            note = f"  \"{safe(d.comment)}\"" if d.comment else ""
            click.echo(f"  {d.decision:<8} {safe(d.custodian):<20} {when(d.decided_at)}  "
                       f"(audit entry {d.audit_index}){note}")
    if view.steps:
        click.echo("Steps done: " + ", ".join(step.value for step, _ in view.steps))
    if statement:
        click.echo("A custodian approving signs exactly these bytes (UTF-8):")
        click.echo(safe_lines(view.statement().decode("utf-8")))


def countersign_token_options(func: F) -> F:
    """--custodian NAME and the custodian token options, all optional (for counter-signing)."""
    func = custodian_token_options(required=False)(func)
    return click.option("--custodian", "custodian_name", default=None,
                        help="The custodian who signs (refused if the token holds another "
                             "custodian's key).")(func)


def countersign_token(ctx: AppContext, module: str | None, label: str | None,
                      serial: str) -> CustodianToken:
    """The custodian's token: as given, or the one token on the module besides the seal token.

    Without --custodian-token, a module (default: the configured one) offering exactly one token
    other than the configured seal token names it; several or none is an error (never a guess).
    """
    from sealdesk.core.token import list_tokens
    from sealdesk.errors import InputError

    module = module or ctx.config.token.module
    if label:
        return custodian_token(ctx, module, label, serial)
    environment = ctx.config.token.environment if module == ctx.config.token.module else {}
    seal = ctx.config.token
    others = [info for info, _ in list_tokens(module, dict(environment))
              if not (info.serial == seal.serial or (not seal.serial and info.label == seal.label))]
    if len(others) != 1:
        listed = ", ".join(repr(i.label) for i in others) or "none"
        raise InputError(f"Say which token is the custodian's: the module offers {listed} "
                         "besides the seal token.",
                         hint="Give --custodian-token LABEL (and --custodian-module PATH).")
    return custodian_token(ctx, module, others[0].label, others[0].serial)
