"""Writing role assignments: one grant or revoke, applied in the caller's transaction, audited.

Both paths end here: a direct change by an administrator (:mod:`.admin`) and an approved
``grant_role``/``revoke_role`` proposal executed by the quorum ceremony
(:mod:`sealdesk.services.keys.apply`). Keeping the writing apart from the administration lets the
ceremony apply a change without importing the module that proposes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.errors import InputError
from sealdesk.services.access.roles import (
    Role,
    installation_owner,
)
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext, uid_of
from sealdesk.storage.access.models import ANY_OPERATOR, RoleAssignment


def apply_role_change(ctx: AppContext, session: Session, content: ProposalContent,
                      now: dt.datetime) -> dict[str, object]:
    """Apply an approved grant_role/revoke_role proposal (called by the rotation executor)."""
    params = content.params
    role, os_user, operator = Role(params["role"]), params["os_user"], params["operator"]
    apply_assignment(ctx, session, role, os_user, operator, content.action == ActionType.GRANT_ROLE,
           proposal_id=content.proposal_id, details={"quorum": True, "reason": content.reason})
    return {"role": role.value, "os_user": os_user, "operator": operator}


def check_change(ctx: AppContext, session: Session, role: Role, os_user: str, operator: str,
                 grant: bool) -> None:
    """Refuse a change that cannot apply, reading only (before a signed act asks the PIN).

    :func:`apply_assignment` checks the same again in its own transaction; this lets a direct
    change refuse (already held, nothing to revoke, the last administrator) before the token's
    PIN is asked, so a refused change costs no PIN.
    """
    rows = list(session.execute(select(RoleAssignment)).scalars())
    if rows:
        held = [(r.os_user, r.operator, r.role) for r in rows if r.revoked_at is None]
    else:  # the bootstrap: the owner's implicit roles, written at the first change
        owner = installation_owner(ctx)
        held = [] if owner is None else [(owner[0], ANY_OPERATOR, r.value) for r in Role]
    _check(held, role, os_user, operator, grant)


def _check(held: list[tuple[str, str, str]], role: Role, os_user: str, operator: str,
           grant: bool) -> None:
    same = (os_user, operator, role.value) in held
    if grant:
        if same:
            raise InputError(f"{_who(os_user, operator)} already holds the {role.value} role.")
        return
    if not same:
        raise InputError(f"{_who(os_user, operator)} does not hold the {role.value} role, "
                         "so there is nothing to revoke.",
                         hint="The Roles page and 'sealdesk role list' show who holds "
                         "which role.")
    if role == Role.ADMINISTRATOR and len(
            [h for h in held if h[2] == Role.ADMINISTRATOR.value]) == 1:
        raise InputError("This is the last administrator; nobody could manage roles or "
                         "settings any more.", hint="Grant the role to someone else first.")


def apply_assignment(ctx: AppContext, session: Session, role: Role, os_user: str, operator: str,
           grant: bool, *, proposal_id: str, details: dict[str, object]) -> None:
    rows = list(session.execute(select(RoleAssignment)).scalars())
    if not rows:
        rows = _materialise_bootstrap(ctx, session)
    active = [r for r in rows if r.revoked_at is None]
    same = [r for r in active if (r.os_user, r.operator, r.role) == (os_user, operator,
                                                                       role.value)]
    _check([(r.os_user, r.operator, r.role) for r in active], role, os_user, operator, grant)
    now = dt.datetime.now(dt.UTC)
    if grant:
        session.add(RoleAssignment(os_user=os_user, os_uid=uid_of(os_user), operator=operator,
                                   role=role.value,
                                   granted_at=now, granted_by=ctx.actor.identity,
                                   proposal_id=proposal_id, bootstrap=False, revoked_by=""))
    else:
        for row in same:
            row.revoked_at, row.revoked_by = now, ctx.actor.identity
    session.flush()
    _event(ctx, session, role, os_user, operator, "granted" if grant else "revoked",
           {**details, "proposal_id": proposal_id})


def _who(os_user: str, operator: str) -> str:
    """The person as an administrator names them: the account, and the operator name if one."""
    return os_user if operator == ANY_OPERATOR else f"{os_user} (as operator {operator!r})"


def _materialise_bootstrap(ctx: AppContext, session: Session) -> list[RoleAssignment]:
    """End the bootstrap: write the owner's implicit roles as audited assignments first."""
    owner = installation_owner(ctx)
    if owner is None:
        return []
    now = dt.datetime.now(dt.UTC)
    rows = []
    for role in Role:
        row = RoleAssignment(os_user=owner[0], os_uid=owner[1], operator=ANY_OPERATOR,
                             role=role.value,
                             granted_at=now, granted_by="installation (bootstrap)",
                             proposal_id="", bootstrap=True, revoked_by="")
        session.add(row)
        rows.append(row)
        session.flush()
        _event(ctx, session, role, owner[0], ANY_OPERATOR, "granted",
               {"bootstrap": True, "reason": "the account that initialised the installation"})
    return rows


def _event(ctx: AppContext, session: Session, role: Role, os_user: str, operator: str,
           change: str, details: dict[str, object]) -> None:
    record(session, ctx.event(
        EventType.ROLE_CHANGED, {"os_user": os_user, "operator": operator},
        {"role": role.value, "change": change, "os_uid": uid_of(os_user), **details},
    ))
