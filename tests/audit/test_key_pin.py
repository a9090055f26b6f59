"""How the pinned audit key follows the log: set by the first checkpoint, changed only by a
recorded audit-key rotation that replaces exactly the pinned certificate."""

from __future__ import annotations

from sealdesk.core.audit.events import EventType
from sealdesk.services.audit.key_pin import PIN_FIELD, pin_changes, pinned_at
from sealdesk.services.context import AppContext


def _payload(ctx: AppContext, kind: EventType, details: dict[str, object]) -> bytes:
    return ctx.event(kind, {"k": "v"}, details).canonical_bytes()


def test_pin_changes_only_by_a_rotation_of_the_pinned_certificate(fresh_ctx: AppContext) -> None:
    a, b, c = "a" * 64, "b" * 64, "c" * 64
    rotation = {"purpose": "audit", "proposal_id": "p1", "replaces_certificate_sha256": a,
                "certificate_sha256": b}
    payloads = [
        (10, _payload(fresh_ctx, EventType.CHECKPOINT_CREATED, {PIN_FIELD: a})),
        (15, _payload(fresh_ctx, EventType.KEY_ACTIVATED, {**rotation, "purpose": "seal"})),
        (18, _payload(fresh_ctx, EventType.KEY_ACTIVATED, {**rotation, "proposal_id": ""})),
        (20, _payload(fresh_ctx, EventType.KEY_ACTIVATED, rotation)),
        (25, _payload(fresh_ctx, EventType.CHECKPOINT_CREATED, {PIN_FIELD: c})),  # not a pin
        (30, _payload(fresh_ctx, EventType.KEY_ACTIVATED,  # replaces a, no longer pinned
                      {**rotation, "certificate_sha256": c})),
    ]
    changes = pin_changes(payloads, None)
    assert [(p.index, p.certificate) for p in changes] == [(10, a), (20, b)]
    assert [pinned_at(changes, size).certificate for size in (10, 11, 20, 21, 40)] == [
        a, a, a, b, b]
