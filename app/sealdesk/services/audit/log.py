"""Recording audit events from services (the one place events are appended)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import ChainEntry
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.token import TokenSelector, TokenSession
from sealdesk.errors import ReadOnlyError
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.repo import append_event, append_events


def record(session: Session, event: AuditEvent) -> ChainEntry:
    """Append ``event`` in the caller's transaction."""
    return append_event(session, event)


def record_all(session: Session, events: list[AuditEvent]) -> list[ChainEntry]:
    """Append ``events`` in order in the caller's transaction (one head update for all)."""
    return append_events(session, events)


def record_now(ctx: AppContext, event: AuditEvent) -> ChainEntry:
    """Append ``event`` in a transaction of its own (never in an auditor's read-only view)."""
    if ctx.read_only:
        raise ReadOnlyError("The database is open read-only here; nothing can be recorded.",
                            hint="Auditor views never write; use the installation itself.")
    with ctx.database.transaction() as session:
        return append_event(session, event)


def record_login(
    ctx: AppContext,
    selector: TokenSelector,
    *,
    succeeded: bool,
    token: TokenSession | None = None,
    reason: str = "",
) -> None:
    """Record a token login attempt: which token, the outcome, never the PIN."""
    subject = {"token": token.info.serial if token else selector.describe()}
    details: dict[str, object] = {"label": token.info.label if token else selector.label}
    if reason:
        details["reason"] = reason
    kind = EventType.TOKEN_LOGIN_SUCCEEDED if succeeded else EventType.TOKEN_LOGIN_FAILED
    record_now(ctx, ctx.event(kind, subject, details))
