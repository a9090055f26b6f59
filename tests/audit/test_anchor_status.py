"""The anchor status (newest anchored checkpoint, unanchored and stale warnings) and the check of
the stored log against a checkpoint file someone kept (consistency)."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

from sqlalchemy import text

from sealdesk.config import AuditConfig
from sealdesk.core.audit.checkpoint import CheckpointFile, export_checkpoint
from sealdesk.exit_codes import ExitCode
from sealdesk.services.audit.anchor_status import anchor_status
from sealdesk.services.audit.checkpoints import latest_checkpoint_file
from sealdesk.services.audit.proofs import checked_consistency, read_checkpoint_file
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from tests.audit.audit_support import SIZES, rehash_from, rows, tamper
from tests.audit.test_audit_cli import run


def test_every_checkpoint_anchored_with_a_tsa_time(logged_ctx: AppContext) -> None:
    status = anchor_status(logged_ctx)
    assert status.folder == logged_ctx.config.anchor_dir(logged_ctx.paths)
    assert status.folder_exists and status.timestamps_on
    assert status.folder_configured == bool(logged_ctx.config.audit.anchor_dir)
    assert status.anchored_size == status.latest_size == SIZES[-1]
    assert status.tsa_time is not None and status.anchored_at is not None
    assert status.anchor_file.startswith(f"checkpoint-{SIZES[-1]:012d}-")
    assert not status.unanchored and not status.stale and status.problems == ()


def test_a_missing_newest_anchor_is_reported(logged_ctx: AppContext) -> None:
    folder = logged_ctx.config.anchor_dir(logged_ctx.paths)
    for path in folder.glob(f"checkpoint-{SIZES[-1]:012d}-*.json"):
        path.unlink()  # the TSA or the media failed at the last operation
    status = anchor_status(logged_ctx)
    assert status.anchored_size == SIZES[1] and status.unanchored
    assert status.entries_behind == SIZES[2] - SIZES[1]
    assert not status.stale  # the checkpoints were taken seconds apart


def test_an_edited_anchor_file_is_a_problem_not_an_anchor(logged_ctx: AppContext) -> None:
    folder = logged_ctx.config.anchor_dir(logged_ctx.paths)
    newest = sorted(folder.glob("checkpoint-*.json"))[-1]
    document = json.loads(newest.read_bytes())
    token = bytearray(base64.b64decode(document["timestamp"]))
    token[-40] ^= 0x01  # one bit of the TSA's signature
    document["timestamp"] = base64.b64encode(bytes(token)).decode()
    newest.write_text(json.dumps(document))
    status = anchor_status(logged_ctx)
    assert status.anchored_size == SIZES[1] and status.unanchored
    assert status.problems and newest.name in status.problems[0]


def test_no_anchor_folder_at_all(logged_ctx: AppContext, tmp_path: Path) -> None:
    ctx = dataclasses.replace(logged_ctx, config=dataclasses.replace(
        logged_ctx.config, audit=AuditConfig(anchor_dir=str(tmp_path / "worm"))))
    status = anchor_status(ctx)
    assert status.folder_configured and not status.folder_exists
    assert status.anchored_size is None and status.unanchored and status.stale


def _held(ctx: AppContext, size: int) -> CheckpointFile:
    with AuditReader(ctx.database) as reader, reader.session() as session:
        stored = checkpoint_repo.checkpoint_at(session, size)
        assert stored is not None
        return stored.to_file()


def test_the_log_extends_a_checkpoint_kept_earlier(logged_ctx: AppContext,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "held.json"
    held = _held(logged_ctx, SIZES[0])
    path.write_bytes(export_checkpoint(held.signed, held.certificate_pem))
    outcome = checked_consistency(logged_ctx.database, read_checkpoint_file(path),
                                  trust_for(logged_ctx))
    assert outcome.consistent and outcome.signer_trusted and outcome.problem == ""
    assert (outcome.held_size, outcome.latest_size) == (SIZES[0], SIZES[-1])
    assert b"consistency" in outcome.data


def test_a_rolled_back_database_is_not_consistent(logged_ctx: AppContext) -> None:
    held = latest_checkpoint_file(logged_ctx)  # exported before the rollback
    with tamper(logged_ctx) as conn:
        conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size = :s"), {"s": SIZES[-1]})
        conn.execute(text("DELETE FROM audit_entries WHERE idx > :s"), {"s": SIZES[1]})
    outcome = checked_consistency(logged_ctx.database, held, trust_for(logged_ctx))
    assert not outcome.consistent and "rolled back" in outcome.problem
    assert (outcome.held_size, outcome.latest_size) == (SIZES[-1], SIZES[1])


def test_a_rewritten_history_is_not_consistent(logged_ctx: AppContext) -> None:
    held = _held(logged_ctx, SIZES[0])
    with tamper(logged_ctx) as conn:
        payload = bytes(rows(conn, 10)[0][3]).replace(b'"n":10', b'"n":11')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = 10"),
                     {"p": payload})
        rehash_from(conn, 10)
    outcome = checked_consistency(logged_ctx.database, held, trust_for(logged_ctx))
    assert not outcome.consistent and "no longer begins" in outcome.problem


def test_an_edited_checkpoint_file_is_named(logged_ctx: AppContext) -> None:
    held = _held(logged_ctx, SIZES[0])
    forged = dataclasses.replace(held, signed=dataclasses.replace(
        held.signed, signature=bytes(len(held.signed.signature))))
    outcome = checked_consistency(logged_ctx.database, forged, trust_for(logged_ctx))
    assert not outcome.consistent and "altered" in outcome.problem



def test_the_cli_shows_the_status_and_exits_with_its_verdict(logged_home: Path) -> None:
    ok = run(logged_home, "anchors")
    assert ok.returncode == ExitCode.OK, ok.stderr
    assert f"Last anchored checkpoint: {SIZES[-1]} entries" in ok.stdout
    assert "default, inside the data folder" in ok.stdout
    folder = logged_home / "data" / "anchors"
    for path in folder.glob(f"checkpoint-{SIZES[-1]:012d}-*.json"):
        path.unlink()
    behind = run(logged_home, "anchors", "--json")
    assert behind.returncode == ExitCode.UNANCHORED
    status = json.loads(behind.stdout)
    assert status["unanchored"] and status["anchored_tree_size"] == SIZES[1]
    assert status["entries_behind"] == SIZES[2] - SIZES[1]
