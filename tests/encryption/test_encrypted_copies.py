"""Issue 21: every copy inherits the store's protection — snapshots, restores, and what a
``kill -9`` mid-seal leaves in staging. No plaintext byte of a sealed document anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import HOME_ENV, AppPaths
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.unlock import store_unlocked
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.snapshots.restore import restore_snapshot
from sealdesk.services.snapshots.verify import verify_snapshot
from sealdesk.storage.documents.models import Seal
from tests.encryption.test_encrypted_store import _files_holding
from tests.snapshots.support import snapshot

PHRASE = b"Harbour-minutes-Oskaloosa-9913"


def _seal(ctx: AppContext, folder: Path, names: list[str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [make_text_pdf(folder / f"{n}.pdf", n, [PHRASE.decode()]) for n in names]
    batch = seal_documents(ctx, files, DEMO_PIN)
    assert batch.count(Outcome.SEALED) == len(names), [r.error for r in batch.results]
    return [r.sealed_sha256 for r in batch.results]


def test_snapshots_and_restores_hold_envelopes_only(encrypted_ctx: AppContext,
                                                    tmp_path: Path) -> None:
    ctx = encrypted_ctx
    first = _seal(ctx, tmp_path / "a", ["s1", "s2"])
    taken = snapshot(ctx, to=tmp_path / "snapshots")
    later = _seal(ctx, tmp_path / "b", ["s3"])
    again = snapshot(ctx, to=tmp_path / "snapshots")

    assert _files_holding(tmp_path / "snapshots", PHRASE) == []
    assert again.linked >= len(first)  # the earlier envelopes are linked, not copied again
    for taken_path in (taken.path, again.path):
        check = verify_snapshot(ctx, taken_path)
        assert not check.problems, check.problems
        assert (taken_path / "recipients.json").is_file()

    target = tmp_path / "restored"
    restore_snapshot(ctx, again.path, target)
    assert _files_holding(target, PHRASE) == []
    restored = AppContext.open(AppPaths(target / "config", target / "data", target / "logs"))
    try:
        with store_unlocked(restored, DEMO_PIN), restored.database.reader() as session:
            sealed = set(session.scalars(Seal.__table__.select().with_only_columns(
                Seal.sealed_sha256)))
            assert sealed == set(first) | set(later)
            for sha in sealed:
                assert restored.store.verify(sha)  # the token opens the restored copies
    finally:
        restored.close()


def test_kill_9_mid_seal_leaves_no_plaintext_and_recovery_finishes(
        encrypted_ctx: AppContext, sealdesk_home: Path, tmp_path: Path) -> None:
    """``sealdesk seal`` killed with SIGKILL half-way through writing the staged seal, then
    after the commit (before the rename): no plaintext anywhere; the next run recovers."""
    ctx = encrypted_ctx
    env = {**os.environ, HOME_ENV: str(sealdesk_home), "SEALDESK_PIN": DEMO_PIN}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for step, name in (("staging_write:1", "torn"), ("after_commit:1", "committed")):
        document = make_text_pdf(inbox / f"{name}.pdf", name, [PHRASE.decode()])
        run = subprocess.run(
            [sys.executable, "-m", "sealdesk.cli.main", "seal", str(document)],
            env={**env, "SEALDESK_CRASH_AT": step}, capture_output=True, timeout=120)
        assert run.returncode == -9, run.stderr.decode()[-2000:]
        assert _files_holding(sealdesk_home, PHRASE) == [], step
    staged = list(ctx.store.staging.iterdir())
    assert staged, "the killed runs left staged envelopes behind"

    run = subprocess.run([sys.executable, "-m", "sealdesk.cli.main", "seal",
                          str(inbox / "torn.pdf")], env=env, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    assert list(ctx.store.staging.iterdir()) == []  # recovery promoted or discarded each
    with ctx.database.reader() as session:
        sealed = list(session.scalars(Seal.__table__.select().with_only_columns(
            Seal.sealed_sha256)))
    assert len(sealed) == 2  # the committed one (recovered) and the torn one (sealed again)
    for sha in sealed:
        assert ctx.store.verify(sha)
    assert _files_holding(sealdesk_home, PHRASE) == []
