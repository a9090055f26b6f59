"""Role management: list, grant and revoke, each audited; custodian/administrator under quorum.

Granting or revoking the operator or auditor role is an administrator's act, applied at once,
signed by the audit key in the same transaction (the administrator gives the token's PIN).
Granting or revoking the custodian or administrator role concentrates power, so once the
custodians' quorum policy is in force it becomes a ``grant_role`` / ``revoke_role`` proposal
(the rotation ceremony: M custodians approve with their own tokens, then it is executed and
applied by :func:`apply_role_change`). Before a quorum policy exists (no custodians yet),
the administrator applies those directly too, and the event says ``"quorum": false``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ActionType
from sealdesk.errors import InputError
from sealdesk.services.access.assignments import apply_assignment, check_change
from sealdesk.services.access.roles import (
    QUORUM_ROLES,
    Role,
    active_assignments,
    installation_owner,
    require_role,
)
from sealdesk.services.audit.signed_acts import require_audit_key_login, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_policy_in_force
from sealdesk.services.keys.rotation import propose
from sealdesk.storage.access.models import ANY_OPERATOR, RoleAssignment
from sealdesk.storage.audit.models import AuditEntry


@dataclass(frozen=True)
class AssignmentView:
    os_user: str
    operator: str
    role: Role
    granted_at: dt.datetime | None
    granted_by: str
    source: str
    """"bootstrap (implicit)", "bootstrap", "direct" or "proposal <id>"."""
    os_uid: int | None = None
    """The uid the grant bound (the account's number when it was granted), if any."""
    entry: int | None = None
    """The audit log entry whose ``role.changed`` event granted it (None: implicit bootstrap)."""
    entry_hash: str = ""
    """That entry's hash (hex): what a signed checkpoint and an inclusion proof cover."""

    @property
    def any_name(self) -> bool:
        """Held under any operator name of the account (``*``), not one name only."""
        return self.operator == ANY_OPERATOR

    @property
    def person(self) -> str:
        return self.os_user + ("" if self.any_name else f" as {self.operator!r}")


@dataclass(frozen=True)
class RoleChange:
    """What a grant or revoke did: applied now, or a proposal waiting for the quorum."""

    role: Role
    os_user: str
    operator: str
    granted: bool
    applied: bool
    proposal_id: str = ""

    @property
    def message(self) -> str:
        verb = "granted to" if self.granted else "revoked from"
        who = self.os_user if self.operator == ANY_OPERATOR else f"{self.os_user}/{self.operator}"
        if self.applied:
            return f"Role {self.role.value} {verb} {who}."
        return (f"Proposal {self.proposal_id} made: the {self.role.value} role is {verb} {who} "
                "once the custodians' quorum approves it and it is executed "
                f"('sealdesk rotation approve {self.proposal_id}', then 'sealdesk rotation "
                f"execute {self.proposal_id}').")


def list_roles(ctx: AppContext) -> list[AssignmentView]:
    rows = active_assignments(ctx)
    if rows is None:
        owner = installation_owner(ctx)
        return [AssignmentView(owner[0], ANY_OPERATOR, role, None, "installation",
                               "bootstrap (implicit)") for role in Role] if owner else []
    entries = _granting_entries(ctx)
    views = []
    for r in sorted(rows, key=lambda r: (r.os_user, r.role)):
        entry, entry_hash = entries.get((r.os_user, r.operator, r.role), (None, ""))
        views.append(AssignmentView(r.os_user, r.operator, Role(r.role), r.granted_at,
                                    r.granted_by, _source(r), r.os_uid, entry, entry_hash))
    return views


def _granting_entries(ctx: AppContext) -> dict[tuple[str, str, str], tuple[int, str]]:
    """For each assignment in force, the log entry that granted it last (its proof).

    The rows were already checked against these same events (:func:`active_assignments`), so
    this only finds the entry to show and to prove; the proof itself is checked on demand
    against a signed checkpoint (``sealdesk audit proof --event ENTRY``).
    """
    found: dict[tuple[str, str, str], tuple[int, str]] = {}
    with ctx.database.reader() as session:
        rows = session.execute(
            select(AuditEntry.idx, AuditEntry.entry_hash, AuditEntry.payload)
            .where(AuditEntry.event_type == EventType.ROLE_CHANGED.value)
            .order_by(AuditEntry.idx))
        for index, entry_hash, payload in rows:
            event = json.loads(bytes(payload))
            subject, details = event.get("subject", {}), event.get("details", {})
            key = (subject.get("os_user", ""), subject.get("operator", ""),
                   details.get("role", ""))
            if details.get("change") == "granted":
                found[key] = (index, bytes(entry_hash).hex())
            else:
                found.pop(key, None)
    return found


def _source(row: RoleAssignment) -> str:
    if row.bootstrap:
        return "bootstrap"
    return f"proposal {row.proposal_id}" if row.proposal_id else "direct"


def change_role(ctx: AppContext, role: Role, os_user: str, operator: str = ANY_OPERATOR, *,
                grant: bool = True, reason: str = "") -> RoleChange:
    """Grant (``grant=True``) or revoke a role; a proposal when the quorum must decide."""
    verb = "grant" if grant else "revoke"
    require_role(ctx, Role.ADMINISTRATOR, f"{verb} roles")
    require_audit_key_login(ctx, f"{verb} a role")
    role, os_user, operator = Role(role), _clean(os_user, "OS user"), _clean(operator, "operator")
    quorum = read_policy_in_force(ctx) is not None  # the log decides, fail closed
    if role in QUORUM_ROLES and quorum:
        view = propose(
            ctx, ActionType.GRANT_ROLE if grant else ActionType.REVOKE_ROLE,
            reason=reason or f"{verb} the {role.value} role ({os_user}/{operator})",
            target={"os_user": os_user, "operator": operator},
            params={"role": role.value, "os_user": os_user, "operator": operator},
        )
        return RoleChange(role, os_user, operator, grant, False, view.proposal_id)
    with ctx.database.reader() as session:  # refused here, a change costs no PIN
        check_change(ctx, session, role, os_user, operator, grant)
    with signed_transaction(ctx, f"{verb} a role") as session:
        apply_assignment(ctx, session, role, os_user, operator, grant, proposal_id="",
               details={"quorum": False, "reason": reason})
    return RoleChange(role, os_user, operator, grant, True)


def _clean(value: str, what: str) -> str:
    value = value.strip()
    if not value or len(value) > 128 or any(ch in value for ch in "\n\r\t"):
        raise InputError(f"The {what} {value!r} is not usable.",
                         hint="Give the account name as the operating system knows it.")
    return value
