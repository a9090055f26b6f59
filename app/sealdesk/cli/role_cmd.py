"""``sealdesk role list|grant|revoke``: who may seal, approve, audit and administer.

Granting or revoking custodian or administrator makes a proposal once the custodians' quorum
policy is set; it takes effect when approved and executed (``sealdesk rotation ...``).
"""

from __future__ import annotations

import click

from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.terminal import safe
from sealdesk.services.access.names import Role

ROLES = [r.value for r in Role]


@click.group()
def role() -> None:
    """List, grant and revoke roles (operator, custodian, auditor, administrator)."""


@role.command("list")
def list_cmd() -> None:
    """Show every active role assignment, and your own roles."""
    from sealdesk.services.access.admin import list_roles
    from sealdesk.services.access.roles import roles_of

    with open_context(read_only=True) as ctx:
        views = list_roles(ctx)
        mine = roles_of(ctx)
    for view in views:
        when = f"{view.granted_at:%Y-%m-%d %H:%M} UTC" if view.granted_at else "since set-up"
        proof = f" (log entry {view.entry})" if view.entry is not None else ""
        click.echo(f"{view.role.value:<14}{safe(view.person):<28}{safe(view.source):<22}{when} "
                   f"by {safe(view.granted_by)}{proof}")
    if not views:
        click.echo("No roles are assigned.")
    click.echo(f"You ({safe(ctx.actor.identity)}): {', '.join(sorted(mine)) or 'no role'}.")


def _change(grant: bool, role_name: str, user: str, operator: str | None, reason: str,
            as_operator: str | None) -> None:
    from sealdesk.services.access.admin import change_role

    only = {} if operator is None else {"operator": operator}
    with open_context(as_operator) as ctx, signed_acts(ctx, "changing a role"):
        change = change_role(ctx, Role(role_name), user, grant=grant, reason=reason, **only)
    click.echo(safe(change.message))


_ROLE_ARG = click.argument("role_name", metavar="ROLE", type=click.Choice(ROLES))
_USER = click.option("--user", required=True, help="The OS account of the person.")
_OPERATOR = click.option("--operator", "operator", default=None,
                         help="Only under this operator name ('*' or omitted: any name).")
_REASON = click.option("--reason", default="", help="Why (recorded; approvers read it).")
_AS = click.option("--as", "as_operator", help="Your own operator name (recorded).")


@role.command("grant")
@_ROLE_ARG
@_USER
@_OPERATOR
@_REASON
@_AS
def grant_cmd(role_name: str, user: str, operator: str | None, reason: str,
              as_operator: str | None) -> None:
    """Grant ROLE to a person (administrators only; signed: asks for the token PIN)."""
    _change(True, role_name, user, operator, reason, as_operator)


@role.command("revoke")
@_ROLE_ARG
@_USER
@_OPERATOR
@_REASON
@_AS
def revoke_cmd(role_name: str, user: str, operator: str | None, reason: str,
               as_operator: str | None) -> None:
    """Revoke ROLE from a person (administrators only; never the last administrator; signed:
    asks for the token PIN)."""
    _change(False, role_name, user, operator, reason, as_operator)
