"""A seal batch leaves a signed authority snapshot; the next process starts its replay there.

Issue 23: the signing-policy gate and ``verify`` replayed the whole audit log in every new
process. After a batch, the snapshot sits at the batch's checkpoint, signed by the audit key
(the one that signed the checkpoint), and a fresh context (a new process: its own engine)
verifies it and reads only the newer entries, reaching the same authority as a full replay.
"""

from __future__ import annotations

from sqlalchemy import select

from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority, verified_prefix
from sealdesk.services.keys.replay_cache import snapshot_trust
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.keys.models import AuthoritySnapshotRecord


def test_a_batch_signs_a_snapshot_and_a_new_process_starts_from_it(
        demo_ctx: AppContext, demo_pin: str, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    batch = seal_documents(demo_ctx, [pdf_factory(f"doc{i}") for i in range(3)], demo_pin)
    assert batch.ok and batch.count(Outcome.SEALED) == 3
    with demo_ctx.database.reader() as session:
        latest = checkpoint_repo.latest_checkpoint(session)
        rows = list(session.execute(select(AuthoritySnapshotRecord)).scalars())
    assert latest is not None
    assert [r.tree_size for r in rows] == [latest.tree_size]
    assert bytes(rows[0].certificate_der) == bytes(latest.certificate_der)

    fresh = AppContext.open(demo_ctx.paths, config=demo_ctx.config)
    try:
        with fresh.database.reader() as session:
            started = verified_prefix(session, snapshots=snapshot_trust(fresh))
            full = verified_prefix(session, full=True)
            authority = read_authority(session, snapshots=snapshot_trust(fresh))
            whole = read_authority(session, full=True)
    finally:
        fresh.close()
    assert started.source == "snapshot" and full.source == "genesis"
    assert (started.size, started.head) == (full.size, full.head)
    assert started.events == full.events
    assert (authority.policy, authority.signing_policy, authority.problems) == (
        whole.policy, whole.signing_policy, whole.problems)
