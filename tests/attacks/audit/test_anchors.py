"""Attacks the database alone cannot reveal, caught by the out-of-band anchors.

Every checkpoint is written, with an RFC 3161 timestamp from the (demo) TSA, to the anchor folder.
A database rolled back to an older copy, a tail cut with a rebuilt head, and a history rewritten
and re-signed by someone holding the token and PIN all leave a database that agrees with itself;
``audit verify`` finds them against the anchors by default and names the entry.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from sealdesk.core.audit.anchor import decode_anchor, timestamp_facts
from sealdesk.exit_codes import ExitCode
from sealdesk.paths import app_paths
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner, create_checkpoint
from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from tests.attacks.audit.forge import ForgingKey, sign_checkpoint_over_log
from tests.audit.audit_support import (
    LOG_SIZE,
    SIZES,
    append_events,
    demo_token,
    rebuild_head,
    rehash_from,
    rows,
    tamper,
)


def _kinds(ctx: AppContext) -> set[tuple[FindingKind, int | None]]:
    return {(f.kind, f.index) for f in verify_log(ctx).findings}


def test_every_checkpoint_is_anchored_with_a_timestamp(logged_ctx: AppContext) -> None:
    folder = logged_ctx.config.anchor_dir(logged_ctx.paths)
    anchors = [decode_anchor(p.read_bytes()) for p in sorted(folder.glob("checkpoint-*.json"))]
    assert [a.tree_size for a in anchors] == list(SIZES)
    for anchor in anchors:
        assert anchor.timestamp_token is not None, anchor.timestamp_error
        imprint, algorithm, when = timestamp_facts(anchor.timestamp_token)
        assert (algorithm, imprint) == ("sha256", anchor.imprint())
        assert when >= anchor.checkpoint.signed.checkpoint.time
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    report = verify_log(logged_ctx)
    assert report.ok and report.anchors == 3, report.summary()


def _extend_and_anchor(ctx: AppContext) -> int:
    append_events(ctx, 5, start=LOG_SIZE)
    with demo_token(ctx) as token:
        return create_checkpoint(ctx, token).checkpoint.tree_size


def test_rollback_to_an_older_copy_of_the_database_file(logged_home: Path) -> None:
    ctx = AppContext.open(app_paths())  # SQLite: the attacker copies the file back
    database_file = app_paths().data_dir / "sealdesk.db"
    old_copy = database_file.with_suffix(".old")
    try:
        with closing(sqlite3.connect(database_file)) as source, \
                closing(sqlite3.connect(old_copy)) as copy:  # as a backup tool makes it
            source.backup(copy)
        anchored = _extend_and_anchor(ctx)
        assert verify_log(ctx).ok
    finally:
        ctx.close()
    with closing(sqlite3.connect(old_copy)) as copy, \
            closing(sqlite3.connect(database_file)) as target:  # restore the older copy
        copy.backup(target)
    ctx = AppContext.open(app_paths())
    try:
        report = verify_log(ctx)
        assert (FindingKind.ROLLBACK, LOG_SIZE) in {(f.kind, f.index) for f in report.findings}
        rollback = next(f for f in report.findings if f.kind is FindingKind.ROLLBACK)
        assert (rollback.expected, rollback.found) == (str(anchored), str(LOG_SIZE))
        assert not report.ok
    finally:
        ctx.close()


def test_tail_truncation_with_a_rebuilt_head(logged_ctx: AppContext) -> None:
    anchored = _extend_and_anchor(logged_ctx)
    with tamper(logged_ctx) as conn:  # back to exactly the state before: rows, head, subtrees
        conn.execute(text("DELETE FROM audit_entries WHERE idx >= :n"), {"n": LOG_SIZE})
        conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size > :n"),
                     {"n": SIZES[-1]})
        rebuild_head(conn)
    kinds = _kinds(logged_ctx)
    assert (FindingKind.ROLLBACK, LOG_SIZE) in kinds
    assert (FindingKind.TRUNCATED, LOG_SIZE) in kinds  # the anchored root is out of reach
    assert anchored > LOG_SIZE


def _rewrite_with_the_audit_key(ctx: AppContext, target: int,
                                when: dt.datetime | None) -> None:
    """A token holder rewrites entry ``target`` on, drops checkpoint C, and re-signs C's size
    with the genuine, pinned audit key."""
    with demo_token(ctx) as token:
        audit = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
        with tamper(ctx) as conn:
            payload = bytes(rows(conn, target)[0][3]).replace(
                f'"n":{target}'.encode(), b'"n":0')
            conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                         {"p": payload, "i": target})
            conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size = :s"),
                         {"s": SIZES[-1]})
            conn.execute(text("DELETE FROM audit_entries WHERE idx >= :s"), {"s": SIZES[-1]})
            rehash_from(conn, target)
            size = sign_checkpoint_over_log(conn, ctx, ForgingKey(audit.certificate, audit.sign),
                                            when)
            assert size == SIZES[-1]


@pytest.mark.parametrize("backdated", [False, True], ids=["re-signed", "backdated-fork"])
def test_history_re_signed_by_the_token_holder(logged_ctx: AppContext, backdated: bool) -> None:
    target = 570  # between checkpoints B (551) and C (592)
    when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) if backdated else None
    _rewrite_with_the_audit_key(logged_ctx, target, when)
    report = verify_log(logged_ctx)
    first = report.first
    assert first is not None and (first.kind, first.index) == (
        FindingKind.ANCHOR_MISMATCH, target), report.summary()
    kinds = {(f.kind, f.index) for f in report.findings}
    conflict = FindingKind.FORK if backdated else FindingKind.ROOT_MISMATCH
    assert (conflict, SIZES[-1]) in kinds, report.summary()
    assert not any(f.kind in (FindingKind.SIGNATURE_INVALID, FindingKind.KEY_NOT_PINNED)
                   for f in report.findings)  # genuine key: only the anchors can tell

    shutil.rmtree(logged_ctx.config.anchor_dir(logged_ctx.paths))
    assert verify_log(logged_ctx).ok, "without anchors the re-signed history is undetectable"


def test_an_edited_anchor_file_is_a_finding(logged_ctx: AppContext) -> None:
    folder = logged_ctx.config.anchor_dir(logged_ctx.paths)
    newest = sorted(folder.glob("checkpoint-*.json"))[-1]
    newest.write_text(newest.read_text().replace('"tree_size": 592', '"tree_size": 593'))
    report = verify_log(logged_ctx)
    assert [f.kind for f in report.findings] == [FindingKind.ANCHOR_INVALID], report.summary()
    assert newest.name in report.findings[0].message


def test_cli_reports_a_rollback_against_an_anchor_folder(logged_home: Path,
                                                         tmp_path: Path) -> None:
    """The auditor's command: anchors on removable media, named with --anchors."""
    ctx = AppContext.open(app_paths())
    media = tmp_path / "media"
    shutil.copytree(ctx.config.anchor_dir(ctx.paths), media)
    try:
        with tamper(ctx) as conn:
            conn.execute(text("DELETE FROM audit_entries WHERE idx >= 560"))
            conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size >= 560"))
            rebuild_head(conn)
        shutil.rmtree(ctx.config.anchor_dir(ctx.paths))  # the local copy went with the tail
    finally:
        ctx.close()
    env = {k: v for k, v in os.environ.items() if k != "SEALDESK_PIN"}
    env["SEALDESK_HOME"] = str(logged_home)
    command = [sys.executable, "-m", "sealdesk.cli.main", "audit", "verify", "--json"]
    alone = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                           check=False)
    assert alone.returncode == 0, alone.stderr  # nothing in the database tells
    result = subprocess.run([*command, "--anchors", str(media)], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == ExitCode.FAILED, result.stderr
    kinds = {(f["kind"], f["index"]) for f in json.loads(result.stdout)["findings"]}
    assert ("rollback", 560) in kinds
    assert "first bad entry: 560" in result.stderr
