"""A database writer edits the signed authority snapshot that spares new processes the replay.

The scene is the 2-of-3 ceremony (custodians registered, policy set, so the bootstrap is closed).
A checkpoint and its snapshot are signed with the audit key; then the attacker, with raw SQL and
no PIN, rewrites the snapshot so that it no longer carries the ``policy.changed`` event: a
process that believed it would think the bootstrap open again and let anyone register
custodians without a quorum. Each edit must be caught (logged), and the answer must be the full
replay's. The console falls back to the full replay instead of refusing: the replay is the
authority, the snapshot only a cache (see :mod:`sealdesk.services.keys.replay_cache`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Iterator

import pytest

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import (
    policy_in_force,
    read_policy_in_force,
    verified_prefix,
)
from sealdesk.services.keys.replay_cache import snapshot_trust
from sealdesk.services.keys.snapshot_record import record_snapshot
from tests.attacks.audit.forge import demo_root_key
from tests.attacks.authority.conftest import Scene

POLICY = QuorumPolicy.uniform(2)


def _sign_snapshot(scene: Scene) -> int:
    ctx, cfg = scene.ctx, scene.ctx.config.token
    with open_token_session(cfg.module, TokenSelector(cfg.label, cfg.serial),
                            scene.ceremony.seal_pin, environment=cfg.environment) as token:
        create_checkpoint(ctx, token)
        size = record_snapshot(ctx, token)
    assert size is not None
    return size


@pytest.fixture
def fresh(scene: Scene) -> Iterator[AppContext]:
    """A console started afresh (a new process): its own engine, nothing verified yet."""
    ctx = AppContext.open(scene.ctx.paths, config=scene.ctx.config)
    yield ctx
    ctx.close()


def _source(ctx: AppContext) -> str:
    with ctx.database.reader() as session:
        return verified_prefix(session, snapshots=snapshot_trust(ctx)).source


def _policy_via_snapshot(ctx: AppContext) -> QuorumPolicy | None:
    """The policy as the snapshot-using hot paths (sealing gate, verify) read it."""
    with ctx.database.reader() as session:
        return policy_in_force(session, snapshots=snapshot_trust(ctx))


def _state_without_policy(scene: Scene) -> bytes:
    (state,) = scene.rows("SELECT state FROM authority_snapshots")[0]
    events = json.loads(bytes(state))["events"]
    kept = [e for e in events if b'"type":"policy.changed"' not in base64.b64decode(e[1])]
    assert len(kept) < len(events)
    return canonical_json({"v": 1, "events": kept})


def test_a_new_process_starts_from_the_signed_snapshot(scene: Scene, fresh: AppContext) -> None:
    size = _sign_snapshot(scene)
    assert _source(fresh) == "snapshot"
    assert _policy_via_snapshot(fresh) == POLICY
    with fresh.database.reader() as session:
        whole = verified_prefix(session, full=True)
    assert whole.size > size and whole.source == "genesis"


def test_an_edited_state_is_caught_and_the_whole_log_decides(
        scene: Scene, fresh: AppContext, caplog: pytest.LogCaptureFixture) -> None:
    _sign_snapshot(scene)
    scene.sql("UPDATE authority_snapshots SET state = :s", s=_state_without_policy(scene))
    with caplog.at_level(logging.WARNING):
        assert _policy_via_snapshot(fresh) == POLICY  # the bootstrap stays closed
        assert _source(fresh) in ("genesis", "process")
    assert "not the state the signed statement names" in caplog.text


def test_a_state_and_statement_edited_together_fail_the_signature(
        scene: Scene, fresh: AppContext, caplog: pytest.LogCaptureFixture) -> None:
    _sign_snapshot(scene)
    state = _state_without_policy(scene)
    (statement,) = scene.rows("SELECT statement FROM authority_snapshots")[0]
    fields = json.loads(bytes(statement))
    fields["state_sha256"] = hashlib.sha256(state).hexdigest()
    scene.sql("UPDATE authority_snapshots SET state = :s, statement = :t",
              s=state, t=canonical_json(fields))
    with caplog.at_level(logging.WARNING):
        assert _policy_via_snapshot(fresh) == POLICY
    assert "signature is not valid" in caplog.text


def test_a_snapshot_re_signed_with_a_demo_root_certificate_is_not_the_pinned_key(
        scene: Scene, fresh: AppContext, caplog: pytest.LogCaptureFixture) -> None:
    """The demo root's key lies in the demo folder: its certificates are trusted, not pinned."""
    from cryptography.hazmat.primitives.serialization import Encoding

    _sign_snapshot(scene)
    forger = demo_root_key(scene.ctx)
    state = _state_without_policy(scene)
    (statement,) = scene.rows("SELECT statement FROM authority_snapshots")[0]
    fields = json.loads(bytes(statement))
    fields["state_sha256"] = hashlib.sha256(state).hexdigest()
    signed = canonical_json(fields)
    scene.sql("UPDATE authority_snapshots SET state = :s, statement = :t, signature = :g, "
              "certificate_der = :c, algorithm = 'ecdsa-sha256'", s=state, t=signed,
              g=forger.sign(signed), c=forger.certificate.public_bytes(Encoding.DER))
    with caplog.at_level(logging.WARNING):
        assert _policy_via_snapshot(fresh) == POLICY
    assert "not signed with the audit key the log pins" in caplog.text


def test_a_rewritten_entry_before_the_snapshot_is_not_continued(
        scene: Scene, fresh: AppContext, caplog: pytest.LogCaptureFixture) -> None:
    """A rolled-back or rewritten log no longer continues the signed history: full replay."""
    size = _sign_snapshot(scene)
    scene.sql("UPDATE audit_entries SET entry_hash = :h WHERE idx = :i",
              h=bytes(32), i=size - 1)
    with caplog.at_level(logging.WARNING), pytest.raises(RecordIntegrityError) as refused:
        _policy_via_snapshot(fresh)
    assert "no longer continues the history" in caplog.text
    assert "hash chain is broken" in refused.value.message


def test_quorum_decisions_never_start_from_a_snapshot(
        scene: Scene, fresh: AppContext, caplog: pytest.LogCaptureFixture) -> None:
    """A snapshot is signed by the audit key alone: a token holder could sign one that drops the
    quorum policy. Whether the bootstrap is open is therefore read from the log itself."""
    _sign_snapshot(scene)
    scene.sql("UPDATE authority_snapshots SET state = :s", s=_state_without_policy(scene))
    with caplog.at_level(logging.WARNING):
        assert read_policy_in_force(fresh) == POLICY
    assert "authority snapshot" not in caplog.text  # not even looked at
