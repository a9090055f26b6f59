"""``sealdesk token standby …``: register a standby seal token, see which token seals, switch.

Registering is a proposal the custodians' quorum approves (``rotation approve``, then
``rotation execute``). Switching is never automatic: ``seal`` refuses when the primary token is
missing or hung and says that a standby exists; the person switches here, naming the incident
(or letting SealDesk open an availability incident), and switches back the same way.
"""

from __future__ import annotations

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, read_pin, signed_acts
from sealdesk.cli.terminal import safe

_standby = LazyModule("sealdesk.services.incidents.standby")
_proposal = LazyModule("sealdesk.services.keys.standby_proposal")
_keys_standby = LazyModule("sealdesk.services.keys.standby")
_register = LazyModule("sealdesk.services.incidents.register")
_token = LazyModule("sealdesk.core.token")

_OPERATOR = click.option("--operator", help="Operator's name recorded in the audit log.")


def _incident(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    return None if value is None else _register.parse_incident_id(value)


_INCIDENT = click.option("--incident", callback=_incident, metavar="ID",
                         help="The incident the switch belongs to (INC-N); default: the open "
                         "availability incident, or a new one.")
_REASON = click.option("--reason", required=True, help="Why, in one line (recorded).")


@click.group("standby")
def standby_group() -> None:
    """The standby seal token: register (under quorum), status, switch, switch back."""


@standby_group.command("propose")
@click.option("--token", "label", required=True, help="Label of the standby token.")
@click.option("--serial", default="", help="Its serial number (when labels are ambiguous).")
@click.option("--module", "module_path", help="PKCS#11 module (default: [standby] or the "
              "primary's).")
@click.option("--key-label", required=True, help="Label of the seal key and certificate on it.")
@_REASON
@_OPERATOR
def standby_propose(label: str, serial: str, module_path: str | None, key_label: str,
                    reason: str, operator: str | None) -> None:
    """Propose registering a standby token; the custodians approve it with their tokens."""
    ctx = open_context(operator)
    local, primary = ctx.config.standby, ctx.config.token
    module = module_path or local.module or primary.module
    environment = dict(local.environment or (primary.environment
                                              if module == primary.module else {}))
    candidate = _proposal.StandbyCandidate(
        module, environment, _token.TokenSelector(label=label, serial=serial), key_label)
    standby_pin = read_pin(label)
    with signed_acts(ctx, "proposing a standby token"):
        view = _proposal.propose_register_standby(ctx, candidate, standby_pin, reason=reason)
    click.echo(safe(f"Proposal {view.proposal_id}: register standby token {label!r} "
                    f"(key {key_label!r})."))
    click.echo(f"Hash: {view.sha256}")
    click.echo("Custodians approve it with 'sealdesk rotation approve "
               f"{view.proposal_id} …'; then 'sealdesk rotation execute {view.proposal_id}'.")


@standby_group.command("status")
@click.option("--no-probe", is_flag=True, help="Do not look at the tokens (log only).")
def standby_status(no_probe: bool) -> None:
    """Which token seals (from the audit log), the registered standby, how the tokens answer."""
    ctx = open_context(read_only=True)
    status = _standby.standby_status(ctx, probe=not no_probe)
    for line in status_lines(status):
        click.echo(safe(line))


def status_lines(status) -> list[str]:  # type: ignore[no-untyped-def]
    lines = [f"Sealing token: {status.active}"]
    if status.last_switch is not None:
        switch = status.last_switch
        incident = f"INC-{switch.incident}" if switch.incident is not None else "no incident"
        lines.append(f"  switched to {switch.to} at {switch.time:%Y-%m-%d %H:%M} UTC by "
                     f"{switch.actor} ({incident}, audit entry {switch.entry}): {switch.reason}")
    if status.standby is None:
        lines.append("Standby token: none registered")
    else:
        lines.append(f"Standby token: {status.standby.describe()}, registered by proposal "
                     f"{status.standby.proposal_id} (audit entry {status.standby.entry})")
        lines.append(f"  certificate SHA-256 {status.standby.certificate_sha256}")
    for name, probe in (("Primary", status.primary), ("Standby", status.standby_probe)):
        if probe is not None:
            detail = f": {probe.message}" if probe.message else ""
            lines.append(f"{name} token answers: {probe.state} ({probe.seconds:.2f} s; slow "
                         f"above {status.slow_seconds:g} s){detail}")
    if status.offer_switch:
        lines.append("The primary token is not well and the standby answers: switch with "
                     "'sealdesk token standby switch --reason …' (optionally --incident INC-N).")
    return lines


@standby_group.command("switch")
@_REASON
@_INCIDENT
@_OPERATOR
def standby_switch(reason: str, incident: int | None, operator: str | None) -> None:
    """Seal with the standby token from now on (an audited act linked to an incident).

    Asks for the standby token's PIN: its key signs the switch, so only the token can make it."""
    ctx = open_context(operator)
    standing = _keys_standby.read_standing(ctx)
    label = standing.standby.token_label if standing.standby is not None else "standby"
    result = _standby.switch_to_standby(ctx, read_pin(label), reason=reason, incident=incident)
    click.echo(f"Switched to the standby token (audit entry {result.entry}, "
               f"INC-{result.incident}). Seals now use the standby key.")
    click.echo("Switch back with 'sealdesk token standby switch-back --reason …' once the "
               "primary token works again.")


@standby_group.command("switch-back")
@_REASON
@_INCIDENT
@_OPERATOR
def standby_switch_back(reason: str, incident: int | None, operator: str | None) -> None:
    """Seal with the primary token again (an audited act linked to an incident)."""
    result = _standby.switch_back(open_context(operator), reason=reason, incident=incident)
    click.echo(f"Switched back to the primary token (audit entry {result.entry}, "
               f"INC-{result.incident}). Close the incident with 'sealdesk incident close "
               f"INC-{result.incident} --root-cause …' when it is resolved.")
