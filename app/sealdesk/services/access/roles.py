"""Roles: who may seal, approve, audit and administer, checked where each action starts.

* **operator** — seal documents, execute approved key rotations, run revalidation;
* **custodian** — approve or reject proposals at the console (with their own token), propose;
* **auditor** — read, verify, run revalidation, export evidence bundles;
* **administrator** — settings, token set-up, role management, proposals, execution.

A person is an OS account plus the operator name they choose (``--operator NAME``); an
assignment names the account and either one operator name or ``*`` (any name under that
account). Each service checks at its entry point with :func:`require_role`, which refuses with
a :class:`~sealdesk.errors.PermissionDeniedError` naming the missing role and who can grant it,
and records an ``access.denied`` event. Granted actions record the actor in their own events.

**Bootstrap.** While no role has ever been assigned (a new installation, or one upgraded from
before roles existed), the OS account that initialised the installation (``sealdesk demo
init`` or the first start; it owns ``config.toml``) holds every role under any operator name,
so a one-person installation and every demo installation work out of the box. The first role
change ends the bootstrap: it first writes those four assignments as audited ``role.changed``
events marked ``bootstrap``, so from then on the table alone decides, and says where it began.

An auditor's read-only context (a database copy) refuses every role-gated action up front: the
copy must never be written, not even with an ``access.denied`` event.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from sealdesk.core.audit.events import EventType
from sealdesk.errors import PermissionDeniedError, ReadOnlyError, StorageError
from sealdesk.services.access.names import Role
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import Actor, AppContext
from sealdesk.storage.access.models import ANY_OPERATOR, RoleAssignment

QUORUM_ROLES = frozenset({Role.CUSTODIAN, Role.ADMINISTRATOR})
"""Granting or revoking these needs the custodians' quorum once a quorum policy is set."""


def matches(assignment: RoleAssignment, actor: Actor) -> bool:
    """Whether an assignment covers this person (account, and name unless ``*``)."""
    return assignment.os_user == actor.os_user and (
        assignment.operator == ANY_OPERATOR
        or assignment.operator.casefold() == actor.name.casefold()
    )


def active_assignments(ctx: AppContext) -> list[RoleAssignment] | None:
    """Active rows, or ``None`` while no role was ever assigned (the bootstrap)."""
    try:
        with ctx.database.reader() as session:
            rows = list(session.execute(select(RoleAssignment)).scalars())
    except (StorageError, OperationalError, ProgrammingError):
        if _has_roles_table(ctx):
            raise
        return None  # a database from before roles existed (e.g. an older auditor's copy)
    if not rows:
        return None
    return [r for r in rows if r.revoked_at is None]


def _has_roles_table(ctx: AppContext) -> bool:
    """Whether the roles table exists; True when even that cannot be asked (the database is
    locked by another console, or unreachable): then the original error is the one to report."""
    try:
        return inspect(ctx.database.engine).has_table(RoleAssignment.__tablename__)
    except OperationalError:
        return True


def installation_owner(ctx: AppContext) -> tuple[str, int | None] | None:
    """The OS account that initialised the installation: owner of config.toml (or data dir)."""
    for path in (ctx.paths.config_file, ctx.paths.data_dir):
        try:
            uid = Path(path).stat().st_uid
        except OSError:
            continue
        try:
            import pwd

            return pwd.getpwuid(uid).pw_name, uid
        except (ImportError, KeyError):
            return getpass.getuser(), None
    return None


def is_owner(ctx: AppContext, actor: Actor) -> bool:
    owner = installation_owner(ctx)
    if owner is None:
        return False
    name, uid = owner
    if actor.os_user == name:
        return True
    # The account may be known by another name in $USER/$LOGNAME than in the password file.
    return uid is not None and actor.os_user == getpass.getuser() and os.getuid() == uid


def roles_of(ctx: AppContext, actor: Actor | None = None) -> frozenset[Role]:
    actor = actor or ctx.actor
    rows = active_assignments(ctx)
    if rows is None:
        return frozenset(Role) if is_owner(ctx, actor) else frozenset()
    return frozenset(Role(r.role) for r in rows if matches(r, actor))


def holders_of(ctx: AppContext, role: Role) -> list[str]:
    """Who holds ``role`` now, as 'user' or 'user/operator' (for refusal messages)."""
    rows = active_assignments(ctx)
    if rows is None:
        owner = installation_owner(ctx)
        return [owner[0]] if owner else []
    return sorted({r.os_user if r.operator == ANY_OPERATOR else f"{r.os_user}/{r.operator}"
                   for r in rows if r.role == role.value})


def require_role(ctx: AppContext, roles: Role | Iterable[Role], action: str) -> None:
    """Refuse ``action`` unless the actor holds one of ``roles``; record a refusal."""
    wanted = (roles,) if isinstance(roles, Role) else tuple(roles)
    if ctx.read_only:
        raise ReadOnlyError(
            f"The database is open read-only here (auditor view): you cannot {action}.",
            hint="Auditor mode never writes; open the installation itself to act.",
        )
    held = roles_of(ctx)
    if held & set(wanted):
        return
    names = " or ".join(r.value for r in wanted)
    admins = ", ".join(holders_of(ctx, Role.ADMINISTRATOR)) or "nobody yet"
    record_now(ctx, ctx.event(
        EventType.ACCESS_DENIED, {"actor": ctx.actor.identity},
        {"action": action, "required": [r.value for r in wanted],
         "held": sorted(r.value for r in held), "os_user": ctx.actor.os_user},
    ))
    raise PermissionDeniedError(
        f"{ctx.actor.identity} may not {action}: that needs the {names} role "
        f"(held: {_list(held) or 'no role'}).",
        hint=f"An administrator ({admins}) can grant it: 'sealdesk role grant {wanted[0].value} "
        f"--user {ctx.actor.os_user}'" + (
            " (custodian and administrator grants need the custodians' quorum)."
            if wanted[0] in QUORUM_ROLES else "."),
    )


def _list(roles: frozenset[Role]) -> str:
    return ", ".join(sorted(r.value for r in roles))
