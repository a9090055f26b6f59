"""No unsigned tail for what matters (issue 17 item 3), act by act, on SQLite and PostgreSQL.

Each security-relevant act (rotation propose, approve, reject, execute, resume; custodian and
policy changes; role grants; maintenance on and off; compromise marking) commits together
with a checkpoint the pinned audit key signs over its events. So:

* after the act, the newest signed checkpoint covers the act's event;
* an insider who rewrites or deletes that event with raw SQL and rebuilds the chain and the
  head (all that can be redone without the audit key) is reported by ``audit verify``, which
  names the entry: the event lies under a signed, anchored checkpoint;
* with the audit key missing, the act has no effect and leaves no event of its own (only the
  token login it made is recorded).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import Step
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import SealDeskError
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role
from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.incidents import compromise, maintenance
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import (
    propose_policy_change,
    propose_remove_custodian,
    propose_signing_policy,
)
from sealdesk.services.keys.signing_policy import policy_from_configuration
from sealdesk.storage.audit.checkpoints import latest_checkpoint
from tests.attacks.authority.conftest import Scene
from tests.audit.audit_support import rehash_from

_LOGINS = {EventType.TOKEN_LOGIN_SUCCEEDED.value, EventType.TOKEN_LOGIN_FAILED.value}
_STATE = ("rotation_proposals", "rotation_decisions", "rotation_steps", "custodians",
          "quorum_policies", "role_assignments", "managed_keys", "maintenance_state",
          "key_compromises", "seals", "audit_checkpoints")
"""Every table an act could change (besides the log itself)."""


class Stop(Exception):
    """Raised by a step hook: the execution is interrupted there (as by a crash)."""


@dataclass(frozen=True)
class Act:
    name: str
    event: EventType
    prepare: Callable[[Scene], Any]
    perform: Callable[[Scene, Any], object]

    def __str__(self) -> str:
        return self.name


def _approved(scene: Scene, pid: str) -> str:
    scene.ceremony.decide(pid, "Alice")
    scene.ceremony.decide(pid, "Bob")
    return pid


def _lenient(scene: Scene) -> str:
    return propose_policy_change(scene.ctx, QuorumPolicy.uniform(1),
                                 reason="one approval is enough").proposal_id


def _interrupted_rotation(scene: Scene) -> str:
    pid = _approved(scene, scene.ceremony.propose_seal_rotation(label="seal-2").proposal_id)

    def stop(step: Step, phase: str) -> None:
        if step == Step.CSR_CREATED and phase == "recorded":
            raise Stop(step.value)

    with pytest.raises(Stop):
        rotation.execute(scene.ctx, pid, hook=stop)
    return pid


def _compromise_proposal(scene: Scene) -> str:
    old = scene.ctx.config.token.seal_key_label
    rotation.execute(scene.ctx, _approved(
        scene, scene.ceremony.propose_seal_rotation(label="seal-2").proposal_id))
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    return _approved(scene, compromise.propose_compromise(
        scene.ctx, old, since, reason="token lost").proposal_id)


def _signing_policy(scene: Scene) -> str:
    policy = policy_from_configuration(scene.ctx.config, ("ec-p256",))
    return _approved(scene, propose_signing_policy(
        scene.ctx, policy, reason="Pin the signing setup").proposal_id)  # type: ignore[attr-defined]


ACTS = [
    Act("propose", EventType.ROTATION_PROPOSED, lambda s: None,
        lambda s, _: _lenient(s)),
    Act("approve", EventType.ROTATION_APPROVED, _lenient,
        lambda s, pid: s.ceremony.decide(pid, "Alice")),
    Act("reject", EventType.ROTATION_REJECTED, _lenient,
        lambda s, pid: s.ceremony.decide(pid, "Alice", Decision.REJECT)),
    Act("execute", EventType.ROTATION_EXECUTED, lambda s: _approved(s, _lenient(s)),
        lambda s, pid: rotation.execute(s.ctx, pid)),
    Act("resume", EventType.KEY_ACTIVATED, _interrupted_rotation,
        lambda s, pid: rotation.execute(s.ctx, pid)),
    Act("custodian-removed", EventType.CUSTODIAN_REMOVED,
        lambda s: _approved(s, propose_remove_custodian(s.ctx, "Carol",
                                                        reason="Carol left").proposal_id),
        lambda s, pid: rotation.execute(s.ctx, pid)),
    Act("signing-policy", EventType.POLICY_CHANGED, _signing_policy,
        lambda s, pid: rotation.execute(s.ctx, pid)),
    Act("role-grant", EventType.ROLE_CHANGED, lambda s: None,
        lambda s, _: change_role(s.ctx, Role.OPERATOR, "olga")),
    Act("maintenance-on", EventType.MAINTENANCE_ENABLED, lambda s: None,
        lambda s, _: maintenance.enable(s.ctx, "Key ceremony")),
    Act("maintenance-off", EventType.MAINTENANCE_DISABLED,
        lambda s: maintenance.enable(s.ctx, "Key ceremony"),
        lambda s, _: maintenance.disable(s.ctx)),
    Act("compromise", EventType.KEY_COMPROMISED, _compromise_proposal,
        lambda s, pid: compromise.mark_compromised(s.ctx, pid)),
]


def _effects(scene: Scene) -> dict[str, list[Any]]:
    found = {t: scene.rows(f"SELECT * FROM {t} ORDER BY 1") for t in _STATE}
    found["audit_entries"] = scene.rows(
        "SELECT idx, entry_hash, event_type FROM audit_entries ORDER BY idx")
    return found


def _last_index(scene: Scene, kind: EventType) -> int:
    found = scene.rows("SELECT MAX(idx) FROM audit_entries WHERE event_type = :t", t=kind.value)
    assert found[0][0] is not None, f"no {kind.value} event"
    return int(found[0][0])


def _covered_size(scene: Scene) -> int:
    with scene.ctx.database.reader() as session:
        latest = latest_checkpoint(session)
    assert latest is not None
    return int(latest.tree_size)


@pytest.mark.parametrize("act", ACTS, ids=str)
def test_the_act_is_signed_before_it_takes_effect(scene: Scene, act: Act) -> None:
    act.perform(scene, act.prepare(scene))
    index = _last_index(scene, act.event)
    assert _covered_size(scene) > index  # the newest signed checkpoint covers the act's event
    report = verify_log(scene.ctx)
    assert report.ok, report.summary()
    assert not [w for w in report.warnings if "security-relevant" in w], report.warnings


def _rewrite(scene: Scene, index: int) -> None:
    """Change what the act's event says, then redo every hash and the head (no key needed)."""
    with scene.ctx.database.engine.begin() as conn:
        payload = json.loads(bytes(conn.execute(text(
            "SELECT payload FROM audit_entries WHERE idx = :i"), {"i": index}).scalar_one()))
        payload["details"]["rewritten_by"] = "mallory"
        raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                     {"p": raw, "i": index})
        rehash_from(conn, index)


def _delete(scene: Scene, index: int) -> None:
    """Delete the act's event, close the gap, redo every hash and the head."""
    with scene.ctx.database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE idx = :i"), {"i": index})
        later = list(conn.execute(text(
            "SELECT idx FROM audit_entries WHERE idx > :i ORDER BY idx"), {"i": index}).scalars())
        for idx in later:
            conn.execute(text("UPDATE audit_entries SET idx = :n WHERE idx = :o"),
                         {"n": idx - 1, "o": idx})
        rehash_from(conn, index)


@pytest.mark.parametrize("attack", [_rewrite, _delete], ids=["rewrite", "delete"])
@pytest.mark.parametrize("act", ACTS, ids=str)
def test_an_insider_edit_of_the_act_is_named_by_verify(
        scene: Scene, act: Act, attack: Callable[[Scene, int], None], tmp_path: Path) -> None:
    act.perform(scene, act.prepare(scene))
    index = _last_index(scene, act.event)
    attack(scene, index)
    report = verify_log(scene.ctx)
    assert not report.ok
    named = [f for f in report.findings if f.index == index
             or (f.first_index == index and f.index is not None and f.index >= index)]
    assert named, [f.to_dict() for f in report.findings]
    # Even with the anchors out of reach (an empty folder), the signed root over the act
    # fails and its range holds the entry.
    blind = verify_log(scene.ctx, anchor_dir=tmp_path / "no-anchors")
    assert any(f.kind == FindingKind.ROOT_MISMATCH and f.index is not None
               and (f.first_index or 0) <= index <= f.index for f in blind.findings), (
        [f.to_dict() for f in blind.findings])


@pytest.mark.parametrize("act", ACTS, ids=str)
def test_without_the_audit_key_the_act_has_no_effect_and_no_event(
        scene: Scene, act: Act) -> None:
    state = act.prepare(scene)
    before = _effects(scene)
    configured = scene.ctx.config
    scene.ctx.config = with_token(configured, audit_key_label="no-such-audit-key")
    try:
        with pytest.raises(SealDeskError):
            act.perform(scene, state)
    finally:
        scene.ctx.config = with_token(scene.ctx.config,
                                      audit_key_label=configured.token.audit_key_label)
    after = _effects(scene)
    for table, rows in before.items():
        if table != "audit_entries":
            assert after[table] == rows, f"{table} changed"
    added = after["audit_entries"][len(before["audit_entries"]):]
    assert after["audit_entries"][:len(before["audit_entries"])] == before["audit_entries"]
    assert {row.event_type for row in added} <= _LOGINS, [r.event_type for r in added]
