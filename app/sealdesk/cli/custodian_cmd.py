"""``sealdesk custodian ...``: register custodians, list them, set or change the quorum policy.

Bootstrap (no policy yet): ``custodian add`` registers directly and ``custodian policy
--default M`` sets the first policy, which closes the bootstrap. Afterwards the same commands
make proposals (add_custodian, change_policy; ``custodian remove`` makes remove_custodian) that
the quorum must approve and someone then executes with ``sealdesk rotation execute``.
"""

from __future__ import annotations

from pathlib import Path

import click

from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.files import read_input
from sealdesk.cli.rotation_common import (
    custodian_pin,
    custodian_token,
    custodian_token_options,
    print_view,
    when,
)
from sealdesk.cli.terminal import safe
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import InputError

CUSTODIAN_KEY_LABEL = "custodian"
"""``sealdesk.core.rotation.custodian.DEFAULT_KEY_LABEL``, named here so that ``--help`` needs
no cryptography import (tests/cli/test_lazy_commands.py checks they agree)."""


@click.group()
def custodian() -> None:
    """Custodians (who approve key actions) and the M-of-N quorum policy."""


@custodian.command()
@click.argument("name")
@click.argument("certificate", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key-label", default=CUSTODIAN_KEY_LABEL, show_default=True,
              help="Label of the custodian's key on their token.")
@click.option("--reason", default="", help="Reason for the add_custodian proposal "
              "(after the bootstrap).")
@click.option("--operator", help="Name recorded as the proposer / administrator.")
@custodian_token_options()
def add(name: str, certificate: Path, key_label: str, reason: str, operator: str | None,
        custodian_module: str, custodian_label: str, custodian_serial: str) -> None:
    """Register NAME with CERTIFICATE; their token proves it holds the certified key."""
    from sealdesk.services.keys import custodians as service
    from sealdesk.services.keys.proposals import propose_add_custodian

    cert_data = read_input(certificate)
    with open_context(operator) as ctx, signed_acts(ctx, f"adding custodian {name}"):
        where = custodian_token(ctx, custodian_module, custodian_label, custodian_serial)
        if service.bootstrap_open(ctx):
            service.check_new_custodian(ctx, name, cert_data, key_label)  # before the PIN
            registered = service.register_custodian(ctx, name, cert_data, where,
                                                    custodian_pin(where), key_label=key_label)
            click.echo(safe(f"Registered custodian {registered.name!r} (bootstrap; "
                            f"certificate {registered.cert_sha256})."))
            click.echo("Register the others, then close the bootstrap with "
                       "'sealdesk custodian policy --default M'.")
            return
        view = propose_add_custodian(ctx, name, cert_data, where, custodian_pin(where),
                                     reason=reason or f"Add custodian {name}",
                                     key_label=key_label)
    print_view(view)
    click.echo(f"\nProposed: the quorum must approve proposal {view.proposal_id}.")


@custodian.command()
@click.argument("name")
@click.option("--reason", required=True, help="Why; the approvers read it.")
@click.option("--operator", help="Proposer's name.")
def remove(name: str, reason: str, operator: str | None) -> None:
    """Propose removing custodian NAME (needs the quorum)."""
    from sealdesk.services.keys.proposals import propose_remove_custodian

    with open_context(operator) as ctx, signed_acts(ctx, f"removing custodian {name}"):
        view = propose_remove_custodian(ctx, name, reason=reason)
    print_view(view)


@custodian.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also removed custodians.")
def list_command(show_all: bool) -> None:
    """List custodians and the policy in force."""
    from sealdesk.services.keys import custodians as service

    with open_context() as ctx:
        people = service.list_custodians(ctx, include_removed=show_all)
        if not people:
            click.echo("No custodians registered yet (bootstrap: 'sealdesk custodian add').")
        for c in people:
            state = "" if c.active else "  (removed)"
            click.echo(f"{safe(c.name):<20} key label {safe(repr(c.key_label)):<14} valid "
                       f"until {when(c.not_after)}  {safe(c.subject)}  sha256 "
                       f"{c.cert_sha256[:16]}…{state}")
        _print_policy(ctx)


@custodian.command()
@click.option("--default", "default_m", type=int, help="Approvals needed for every action.")
@click.option("--set", "overrides", multiple=True, metavar="ACTION=M",
              help="Approvals needed for one action (repeatable).")
@click.option("--reason", default="", help="Reason for the change_policy proposal.")
@click.option("--operator", help="Name recorded as the proposer / administrator.")
def policy(default_m: int | None, overrides: tuple[str, ...], reason: str,
           operator: str | None) -> None:
    """Show the quorum policy; with --default/--set, set it (bootstrap) or propose a change."""
    from sealdesk.services.keys import custodians as service
    from sealdesk.services.keys.proposals import propose_policy_change

    with open_context(operator) as ctx, signed_acts(ctx, "changing the quorum policy"):
        if default_m is None and not overrides:
            _print_policy(ctx)
            return
        current = service.current_policy(ctx)
        base = default_m or (max(current.thresholds.values()) if current else 1)
        wanted = QuorumPolicy.uniform(base, dict(current.thresholds)
                                      if current and not default_m else None)
        wanted = QuorumPolicy({**wanted.thresholds, **_parse(overrides)})
        if current is None:
            done = service.set_initial_policy(ctx, wanted)
            click.echo(f"Quorum policy set (bootstrap closed): {done.describe()}")
            return
        view = propose_policy_change(ctx, wanted, reason=reason or "Change the quorum policy")
    print_view(view)


def _parse(overrides: tuple[str, ...]) -> dict[ActionType, int]:
    parsed = {}
    for item in overrides:
        action, _, number = item.partition("=")
        try:
            parsed[ActionType(action.strip())] = int(number)
        except ValueError:
            raise InputError(f"--set {item!r} is not ACTION=M.",
                             hint=f"Actions: {', '.join(a.value for a in ActionType)}.") from None
    return parsed


def _print_policy(ctx) -> None:  # type: ignore[no-untyped-def]
    from sealdesk.services.keys import custodians as service

    current = service.current_policy(ctx)
    if current is None:
        click.echo("Quorum policy: none yet (bootstrap open).")
        return
    count = len(service.list_custodians(ctx))
    click.echo(f"Quorum policy v{current.version} (of {count} custodians): {current.describe()}")
