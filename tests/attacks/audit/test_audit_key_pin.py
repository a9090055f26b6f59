"""Attack: sign checkpoints with a key other than the pinned audit key.

Before the defence any certificate a trust anchor issued could sign checkpoints: a forged
append covered by a checkpoint made with a certificate from the demo root key (no PIN needed,
the key file is on disk), or with the seal key (a token holder), verified. The first checkpoint
now pins the audit certificate; every later one must be signed with it.
"""

from __future__ import annotations

import pytest

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner, create_checkpoint
from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from tests.attacks.audit.forge import (
    ForgingKey,
    demo_root_key,
    insert_entry,
    sign_checkpoint_over_log,
)
from tests.audit.audit_support import LOG_SIZE, append_events, demo_token, tamper


def _forge_append_and_sign(ctx: AppContext, key: ForgingKey) -> int:
    with tamper(ctx) as conn:
        insert_entry(conn, ctx, EventType.SETTINGS_CHANGED, {"setting": "trust.anchors"},
                     {"forged": True})
        return sign_checkpoint_over_log(conn, ctx, key)


def test_checkpoint_by_a_demo_root_certificate_fails(logged_ctx: AppContext) -> None:
    size = _forge_append_and_sign(logged_ctx, demo_root_key(logged_ctx))
    assert size == LOG_SIZE + 1
    report = verify_log(logged_ctx)
    kinds = [(f.kind, f.index) for f in report.findings]
    assert kinds == [(FindingKind.KEY_NOT_PINNED, size)], report.summary()


def test_checkpoint_re_signed_with_the_seal_key_fails(logged_ctx: AppContext) -> None:
    with demo_token(logged_ctx) as token:  # a token holder: PIN and token at hand
        seal = TokenCheckpointSigner(token, logged_ctx.config.token.seal_key_label)
        key = ForgingKey(seal.certificate, seal.sign)
        size = _forge_append_and_sign(logged_ctx, key)
    report = verify_log(logged_ctx)
    assert [(f.kind, f.index) for f in report.findings] == [
        (FindingKind.KEY_NOT_PINNED, size)], report.summary()


def test_the_product_refuses_to_sign_with_an_unpinned_key(logged_ctx: AppContext) -> None:
    append_events(logged_ctx, 1)
    label = logged_ctx.config.token.seal_key_label
    logged_ctx.config = with_token(logged_ctx.config, audit_key_label=label)
    with demo_token(logged_ctx) as token, pytest.raises(RecordIntegrityError, match="pinned"):
        create_checkpoint(logged_ctx, token)
    assert verify_log(logged_ctx).ok
