"""Role rows checked against the ``role.changed`` events that recorded them, at every use.

``role_assignments`` is a cache: every grant and revoke was written together with its audit
event (:mod:`.assignments`), whose payload is hashed into the log. Before the rows decide
anything, the events are replayed (in log order) and the active assignments they leave must be
exactly the active rows; a row the log never granted (an ``INSERT`` by someone who can write the
database), a revoked row set active again, or a bound uid that differs is a
:class:`~sealdesk.errors.RecordIntegrityError` naming the row, and the action is refused.

The events are found by their indexed ``event_type`` column and read from their payload. Hiding
an event needs an edit of that column too, which ``sealdesk audit verify`` reports (copied
columns are proven against the payload); this check is the one made at the moment of use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.errors import RecordIntegrityError
from sealdesk.storage.access.models import RoleAssignment
from sealdesk.storage.audit.models import AuditEntry

Key = tuple[str, str, str]
"""(os_user, operator, role)"""

_HINT = ("Nothing is allowed until this is resolved. Keep the database as it is, run "
         "'sealdesk audit verify', and find out who wrote the role_assignments table.")


def logged_assignments(session: Session) -> tuple[dict[Key, int | None], int | None]:
    """Active assignments (with their bound uid, if the event names one) the log leaves, and
    the index of the first role event (``None`` if there is none)."""
    active: dict[Key, int | None] = {}
    first = None
    rows = session.execute(
        select(AuditEntry.idx, AuditEntry.payload)
        .where(AuditEntry.event_type == EventType.ROLE_CHANGED.value).order_by(AuditEntry.idx)
    )
    for index, payload in rows:
        event = json.loads(bytes(payload))
        if event.get("type") != EventType.ROLE_CHANGED.value:
            raise RecordIntegrityError(
                f"Audit entry {index} is listed as a role change but its payload is a "
                f"{event.get('type')!r} event.", hint=_HINT)
        first = index if first is None else first
        subject, details = event["subject"], event["details"]
        key = (subject["os_user"], subject["operator"], details["role"])
        if details["change"] == "granted":
            active[key] = details.get("os_uid")
        else:
            active.pop(key, None)
    return active, first


def check_role_rows(session: Session, rows: Iterable[RoleAssignment]) -> None:
    """Raise naming the first active row the log does not account for, or a missing one."""
    logged, _first = logged_assignments(session)
    seen: set[Key] = set()
    for row in rows:
        if row.revoked_at is not None:
            continue
        key = (row.os_user, row.operator, row.role)
        label = f"role_assignments row {row.id} ({row.os_user}/{row.operator}: {row.role})"
        if key not in logged or key in seen:
            raise RecordIntegrityError(
                f"{label} is active, but the audit log records no such grant in force.",
                hint=_HINT)
        bound = logged[key]
        if bound is not None and row.os_uid != bound:
            raise RecordIntegrityError(
                f"{label} binds uid {row.os_uid}, but the grant in the log bound uid {bound}.",
                hint=_HINT)
        seen.add(key)
    missing = sorted(set(logged) - seen)
    if missing:
        names = ", ".join(f"{u}/{o}: {r}" for u, o, r in missing)
        raise RecordIntegrityError(
            f"The log records grants in force that role_assignments lacks or shows revoked "
            f"({names}).", hint=_HINT)
