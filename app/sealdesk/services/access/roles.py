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

import pwd
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.errors import (
    PermissionDeniedError,
    ReadOnlyError,
    RecordIntegrityError,
    StorageError,
)
from sealdesk.services.access.names import Role
from sealdesk.services.access.proof import check_role_rows
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import Actor, AppContext
from sealdesk.storage.access.models import ANY_OPERATOR, RoleAssignment
from sealdesk.storage.audit.models import AuditEntry

QUORUM_ROLES = frozenset({Role.CUSTODIAN, Role.ADMINISTRATOR})
"""Granting or revoking these needs the custodians' quorum once a quorum policy is set."""


def matches(assignment: RoleAssignment, actor: Actor) -> bool:
    """Whether an assignment covers this person (account and uid, and name unless ``*``)."""
    if assignment.os_user != actor.os_user:
        return False
    if assignment.os_uid is not None and assignment.os_uid != actor.uid:
        return False
    return (assignment.operator == ANY_OPERATOR
            or assignment.operator.casefold() == actor.name.casefold())


class RolesUnreadableError(PermissionDeniedError):
    """The role assignments could not be read, so every role-gated action is refused."""


def active_assignments(ctx: AppContext) -> list[RoleAssignment] | None:
    """Active rows, or ``None`` while no role was ever assigned (the bootstrap).

    Fails closed, like the sealing gates: a read error (database unreachable, a permission
    refused on PostgreSQL, the table dropped) refuses rather than falling back to the bootstrap,
    and an empty table while the audit log records role changes is an integrity failure (rows
    were deleted to bring the bootstrap back). Only an auditor's read-only copy of a database
    from before roles existed has no table and is read as the bootstrap.
    """
    try:
        with ctx.database.reader() as session:
            rows = list(session.execute(select(RoleAssignment)).scalars())
            first_change = None if rows else _first_role_event(session)
            if rows:
                check_role_rows(session, rows)  # rows must be what the log granted
    except (StorageError, SQLAlchemyError) as exc:
        if ctx.read_only and not _has_roles_table(ctx):
            return None  # a database from before roles existed (an older auditor's copy)
        cause = exc.message if isinstance(exc, StorageError) else exc.__class__.__name__
        raise RolesUnreadableError(
            f"SealDesk could not read the role assignments ({cause}), so it refuses every "
            "action that needs a role.",
            hint="Check that the database is reachable and that this account may read "
            "role_assignments; nothing is allowed until they can be read.",
        ) from exc
    if not rows:
        if first_change is not None:
            raise RecordIntegrityError(
                f"The role_assignments table is empty, but audit entry {first_change} records "
                "a role change: the rows were deleted.",
                hint="Keep the database as it is, run 'sealdesk audit verify' and restore the "
                "role assignments from a backup; nothing is allowed meanwhile.",
            )
        return None
    return [r for r in rows if r.revoked_at is None]


def _first_role_event(session: Session) -> int | None:
    return session.execute(
        select(AuditEntry.idx).where(AuditEntry.event_type == EventType.ROLE_CHANGED.value)
        .order_by(AuditEntry.idx).limit(1)
    ).scalar_one_or_none()


def _has_roles_table(ctx: AppContext) -> bool:
    """Whether the roles table exists (from the schema read when the context opened); True
    when the context was built by hand, so the read itself decides (and fails closed)."""
    if ctx.schema is None:
        return True
    return ctx.schema.has(RoleAssignment.__tablename__)


def installation_owner(ctx: AppContext) -> tuple[str, int | None] | None:
    """The OS account that initialised the installation: owner of config.toml (or data dir)."""
    for path in (ctx.paths.config_file, ctx.paths.data_dir):
        try:
            uid = Path(path).stat().st_uid
        except OSError:
            continue
        try:
            return pwd.getpwuid(uid).pw_name, uid
        except KeyError:
            return f"uid{uid}", uid
    return None


def is_owner(ctx: AppContext, actor: Actor) -> bool:
    """The owner by uid (the file system's answer), never by a name from the environment."""
    owner = installation_owner(ctx)
    if owner is None:
        return False
    name, uid = owner
    return actor.os_user == name and actor.uid == uid


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
