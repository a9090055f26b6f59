"""``sealdesk role list|grant|revoke``: who may seal, approve, audit and administer.

Granting or revoking custodian or administrator makes a proposal once the custodians' quorum
policy is set; it takes effect when approved and executed (``sealdesk rotation ...``).
"""

from __future__ import annotations

import click

from sealdesk.cli.common import handle_errors, open_context
from sealdesk.services.access.admin import change_role, list_roles
from sealdesk.services.access.roles import Role, roles_of
from sealdesk.storage.access.models import ANY_OPERATOR

ROLES = [r.value for r in Role]


@click.group()
def role() -> None:
    """List, grant and revoke roles (operator, custodian, auditor, administrator)."""


@role.command("list")
@handle_errors
def list_cmd() -> None:
    """Show every active role assignment, and your own roles."""
    ctx = open_context(read_only=True)
    try:
        views = list_roles(ctx)
        mine = roles_of(ctx)
    finally:
        ctx.close()
    for view in views:
        when = f"{view.granted_at:%Y-%m-%d %H:%M} UTC" if view.granted_at else "since set-up"
        click.echo(f"{view.role.value:<14}{view.person:<28}{view.source:<22}{when} "
                   f"by {view.granted_by}")
    if not views:
        click.echo("No roles are assigned.")
    click.echo(f"You ({ctx.actor.identity}): {', '.join(sorted(mine)) or 'no role'}.")


def _change(grant: bool, role_name: str, user: str, operator: str, reason: str,
            as_operator: str | None) -> None:
    ctx = open_context(as_operator)
    try:
        change = change_role(ctx, Role(role_name), user, operator, grant=grant, reason=reason)
    finally:
        ctx.close()
    click.echo(change.message)


_ROLE_ARG = click.argument("role_name", metavar="ROLE", type=click.Choice(ROLES))
_USER = click.option("--user", required=True, help="The OS account of the person.")
_OPERATOR = click.option("--operator", "operator", default=ANY_OPERATOR, show_default=True,
                         help="Only under this operator name ('*': any name).")
_REASON = click.option("--reason", default="", help="Why (recorded; approvers read it).")
_AS = click.option("--as", "as_operator", help="Your own operator name (recorded).")


@role.command("grant")
@_ROLE_ARG
@_USER
@_OPERATOR
@_REASON
@_AS
@handle_errors
def grant_cmd(role_name: str, user: str, operator: str, reason: str,
              as_operator: str | None) -> None:
    """Grant ROLE to a person (administrators only)."""
    _change(True, role_name, user, operator, reason, as_operator)


@role.command("revoke")
@_ROLE_ARG
@_USER
@_OPERATOR
@_REASON
@_AS
@handle_errors
def revoke_cmd(role_name: str, user: str, operator: str, reason: str,
               as_operator: str | None) -> None:
    """Revoke ROLE from a person (administrators only; never the last administrator)."""
    _change(False, role_name, user, operator, reason, as_operator)
