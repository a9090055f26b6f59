"""A token pulled out during a security-relevant act: the act does not happen, nothing is logged.

The act's rows and events are written, then the audit key must sign the checkpoint over them
in the same transaction. The shim pulls the token out as the act's event is written (after the
login, inside the act's open transaction): the signature fails, the transaction rolls back,
and neither the state nor an event of the act remains. Put back, the same act succeeds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from sealdesk.core.audit.events import EventType
from sealdesk.errors import TokenError
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.incidents import maintenance
from sealdesk.storage.access.models import RoleAssignment
from sealdesk.storage.audit.models import AuditEntry
from tests.tokens.conftest import ShimSetup


@contextmanager
def _pulled_when_recorded(shim: ShimSetup, kind: EventType) -> Iterator[None]:
    """Pull the token out as the act's event is written (in its open transaction, unsigned)."""
    pulled: list[bool] = []

    def pull(_conn: object, _cursor: object, statement: str, parameters: object,
             _context: object, _many: bool) -> None:
        if (not pulled and statement.lstrip().upper().startswith("INSERT INTO AUDIT_ENTRIES")
                and kind.value in repr(parameters)):
            pulled.append(True)
            shim.control.remove_token()

    event.listen(Engine, "before_cursor_execute", pull)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", pull)
    assert pulled, "the act's event was never written: nothing was tested"


def _count(shim: ShimSetup, kind: EventType) -> int:
    with shim.ctx.database.reader() as session:
        return int(session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.event_type == kind.value)).scalar_one())


def _roles(shim: ShimSetup) -> int:
    with shim.ctx.database.reader() as session:
        return int(session.execute(select(func.count()).select_from(RoleAssignment))
                   .scalar_one())


ACTS: dict[str, tuple[EventType, Callable[[ShimSetup], object]]] = {
    "maintenance": (EventType.MAINTENANCE_ENABLED,
                    lambda s: maintenance.enable(s.ctx, "Key ceremony")),
    "role": (EventType.ROLE_CHANGED, lambda s: change_role(s.ctx, Role.OPERATOR, "olga")),
}


# python-pkcs11 finalises the key search the failed signature left open in a __del__ that
# raises DeviceRemoved (reported as unraisable); the act's own error is what is checked here.
@pytest.mark.qt_no_exception_capture
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("name", sorted(ACTS))
def test_a_token_pulled_out_during_the_act_leaves_no_effect_and_no_event(
        shim: ShimSetup, name: str) -> None:
    kind, act = ACTS[name]
    with audit_key_login(shim.ctx, shim.pin, reason="test"):
        with _pulled_when_recorded(shim, kind), pytest.raises(TokenError):
            act(shim)
        assert _count(shim, kind) == 0
        assert not maintenance.current(shim.ctx).enabled
        assert _roles(shim) == 0  # not even the owner's bootstrap rows were written
        shim.control.insert_token()
    with audit_key_login(shim.ctx, shim.pin, reason="test"):  # a new login once it is back
        act(shim)
    assert _count(shim, kind) >= 1
