"""The maintenance switch ("stop acceptance"): an administrator stops all sealing at once.

When a key may be compromised, a TSA misbehaves or an update went wrong, the first thing to do
is stop producing seals, everywhere, before finding out more. The switch lives in the database,
so every console sharing it stops at its next batch; sealing checks it first
(:func:`sealdesk.services.sealing.gates.require_sealing_allowed`, called by
:func:`sealdesk.services.sealing.batch.seal_documents`).
Verification, revalidation, the audit log and evidence export never check it: they keep
working while sealing is stopped (read-only mode).

Switching is an administrator's act and is audited (``maintenance.enabled`` with the reason,
``maintenance.disabled``) in the same transaction as the state change, with a checkpoint the
audit key signs over it: switching needs the token's PIN, so that nobody who can only write
the database can delete the record of a stop (or of its end) without ``audit verify`` naming
the entry. Sealing is also refused
while this version still owes its self-test after an update
(:mod:`sealdesk.services.incidents.selftest`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sealdesk.core.audit.events import EventType
from sealdesk.errors import InputError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.gates import (
    SELFTEST_REQUIRED_TITLE as REQUIRED_TITLE,
)
from sealdesk.services.sealing.gates import (
    Maintenance,
    as_utc,
    maintenance_from_row,
    read_maintenance,
)
from sealdesk.services.sealing.gates import read_selftest_status as selftest_status
from sealdesk.storage.incidents.models import SINGLE_ROW, MaintenanceState

MAX_REASON = 500


def current(ctx: AppContext) -> Maintenance:
    """The switch's state (fails closed: an unreadable state is an error, never "off")."""
    return read_maintenance(ctx)


def enable(ctx: AppContext, reason: str) -> Maintenance:
    """Stop all sealing with ``reason`` (shown to everyone who tries to seal)."""
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("Say why sealing is stopped.",
                         hint="The reason is shown to everyone who tries to seal, and logged.")
    if len(reason) > MAX_REASON:
        raise InputError(f"The reason is too long ({len(reason)} characters; at most "
                         f"{MAX_REASON}).", hint="Keep it to a sentence or two.")
    return _switch(ctx, True, reason)


def disable(ctx: AppContext) -> Maintenance:
    """Allow sealing again."""
    return _switch(ctx, False, "")


def _switch(ctx: AppContext, enabled: bool, reason: str) -> Maintenance:
    require_role(ctx, Role.ADMINISTRATOR, "start or stop sealing (maintenance mode)")
    now = dt.datetime.now(dt.UTC)
    with signed_transaction(ctx, "start or stop sealing") as session:
        row = session.get(MaintenanceState, SINGLE_ROW, with_for_update=True)
        was = row is not None and row.enabled
        if not enabled and not was:
            return Maintenance(False)
        if enabled and was and row is not None and row.reason == reason:
            return maintenance_from_row(row)
        kind = EventType.MAINTENANCE_ENABLED if enabled else EventType.MAINTENANCE_DISABLED
        details: dict[str, object] = {"reason": reason} if enabled else {
            "was_stopped_for": row.reason if row is not None else "",
            "was_stopped_since": as_utc(row.since).isoformat() if row is not None else ""}
        entry = record(session, ctx.event(kind, {"console": ctx.console_id}, details))
        if row is None:
            row = MaintenanceState(id=SINGLE_ROW)
            session.add(row)
        row.enabled, row.reason, row.changed_by = enabled, reason, ctx.actor.identity
        row.since, row.audit_index = now, entry.index
    return maintenance_from_row(row)


@dataclass(frozen=True)
class SealingState:
    """What the GUI shows on every page: whether sealing is allowed now, and why not."""

    maintenance: Maintenance
    selftest_required: bool = False
    selftest_reason: str = ""

    @property
    def allowed(self) -> bool:
        return not self.maintenance.enabled and not self.selftest_required

    @property
    def banner(self) -> str:
        """One line for the banner; empty when sealing is allowed."""
        if self.maintenance.enabled:
            return self.maintenance.describe() + " Verification and export keep working."
        if self.selftest_required:
            return (f"{REQUIRED_TITLE}: {self.selftest_reason}. Nothing is sealed until it "
                    "passes (Documents page: Run self-test).")
        return ""


def sealing_state(ctx: AppContext) -> SealingState:
    """Maintenance switch and self-test state, read together (off the GUI thread)."""
    owed = selftest_status(ctx)
    return SealingState(current(ctx), owed.required, owed.reason)
