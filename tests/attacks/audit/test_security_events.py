"""No unsigned tail for what matters: security-relevant acts are signed before they take effect.

``checkpoint_in_transaction`` signs a checkpoint over the act's events in the act's own
transaction: both commit, or neither does. A security-relevant event left in the unsigned tail
(recorded without its checkpoint, or appended by someone without the audit key) is named by
``audit verify``.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSession
from sealdesk.errors import SealDeskError
from sealdesk.services.audit.checkpoints import checkpoint_in_transaction
from sealdesk.services.audit.log import record
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from tests.attacks.audit.forge import insert_entry
from tests.audit.audit_support import LOG_SIZE, demo_token, rebuild_head, tamper


def _role_change(ctx: AppContext) -> object:
    return ctx.event(EventType.ROLE_CHANGED, {"user": "bob"}, {"role": "administrator"})


def test_a_security_act_and_its_checkpoint_commit_together(logged_ctx: AppContext) -> None:
    with demo_token(logged_ctx) as token, logged_ctx.database.transaction() as session:
        entry = record(session, _role_change(logged_ctx))  # type: ignore[arg-type]
        signed = checkpoint_in_transaction(logged_ctx, session, token)
    assert signed.checkpoint.tree_size == entry.index + 1 == LOG_SIZE + 1
    report = verify_log(logged_ctx)
    assert report.ok and report.warnings == [], report.summary()
    assert report.newest_anchor is not None  # anchored after the commit
    assert report.newest_anchor.tree_size == signed.checkpoint.tree_size


def test_no_checkpoint_no_act(logged_ctx: AppContext) -> None:
    logged_ctx.config = with_token(logged_ctx.config, audit_key_label="no-such-key")
    def act(token: TokenSession) -> None:
        with logged_ctx.database.transaction() as session:
            record(session, _role_change(logged_ctx))  # type: ignore[arg-type]
            checkpoint_in_transaction(logged_ctx, session, token)

    with demo_token(logged_ctx) as token, pytest.raises(SealDeskError):
        act(token)
    with logged_ctx.database.reader() as session:
        assert session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == (
            LOG_SIZE)


def test_forged_security_event_in_the_tail_is_named(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        index = insert_entry(conn, logged_ctx, EventType.ROLE_CHANGED, {"user": "mallory"},
                             {"role": "administrator"})
        rebuild_head(conn)
    report = verify_log(logged_ctx)
    assert any(f"{index} (role.changed)" in w for w in report.warnings), report.summary()
