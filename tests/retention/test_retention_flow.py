"""Retention end to end (issue 21 item 5): classes in the signed policy, the class at sealing,
due -> propose -> custodian approval -> deletion, and what still verifies afterwards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.errors import InputError
from sealdesk.services import retention
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.keys.signing_policy import signing_policy_in_force
from tests.retention.conftest import (
    RULES,
    Ceremony,
    adopt_rules,
    approve_deletion,
    make_due,
    seal,
)


def _status(ceremony: Ceremony, sha: str) -> retention.DocumentStatus:
    return next(s for s in retention.retention_overview(ceremony.ctx)
                if s.document_sha256 == sha)


def test_classes_are_part_of_the_signed_policy_and_given_at_sealing(
        ceremony: Ceremony, tmp_path: Path) -> None:
    adopt_rules(ceremony)
    policy = signing_policy_in_force(ceremony.ctx)
    assert policy is not None and policy.retention == RULES
    default, chosen = seal(ceremony, tmp_path, "invoice-1")[0], \
        seal(ceremony, tmp_path, "memo-1", retention_class="short")[0]
    assert _status(ceremony, default).class_name == "invoices"
    short = _status(ceremony, chosen)
    assert short.class_name == "short" and short.state == "kept"
    assert short.due is not None and short.clock_start is not None
    assert (short.due - short.clock_start).days == 30
    with pytest.raises(InputError, match="no retention class 'yearly'"):
        seal(ceremony, tmp_path, "memo-2", retention_class="yearly")

    results = retention.set_class(ceremony.ctx, [default], "short", reason="Reclassified")
    assert _status(ceremony, default).class_name == "short"
    entry = results[0].entry
    with ceremony.ctx.database.reader() as session:
        from sealdesk.storage.audit.repo import entry_at
        event = entry_at(session, entry)
    assert event is not None and b'"type":"retention.class_set"' in event.payload_json


def test_due_propose_approve_delete_and_everything_still_verifies(
        ceremony: Ceremony, tmp_path: Path) -> None:
    adopt_rules(ceremony)
    gone, kept = seal(ceremony, tmp_path, "contract-a", "contract-b")
    make_due(ceremony, [gone])
    due = retention.due_documents(ceremony.ctx)
    assert [d.document_sha256 for d in due] == [gone]
    ctx = ceremony.ctx
    status = _status(ceremony, gone)
    sealed_copy = tmp_path / "copy-of-sealed.pdf"
    shutil.copyfile(ctx.store.path_of(status.sealed_files[0]), sealed_copy)

    pid = approve_deletion(ceremony, [gone], "Alice")  # one custodian: no threshold in policy
    result = retention.execute_deletion(ctx, pid)
    assert result.deleted == (gone,) and result.removed_files >= 1
    assert not ctx.store.path_of(status.sealed_files[0]).exists()
    assert ctx.store.contains(_status(ceremony, kept).sealed_files[0])
    after = _status(ceremony, gone)
    assert after.state == "deleted" and after.deleted_entry is not None
    assert retention.deleted_under_retention(ctx, gone) == after.deleted_entry

    report = verify_log(ctx)
    assert report.ok, report
    from sealdesk.services.revalidation.verification import policy_from, verify_file
    verification = verify_file(sealed_copy, policy_from(ctx), ctx)
    assert verification.store.deleted_entry == after.deleted_entry
    assert not verification.store.problems
    assert f"deleted under retention (event {after.deleted_entry})" in \
        " ".join(verification.store.facts)
    assert retention.due_documents(ctx) == []
    with pytest.raises(InputError, match="already deleted"):
        retention.propose_deletion(ctx, [gone], reason="again")


def test_revalidation_reports_deleted_not_failed(ceremony: Ceremony, tmp_path: Path) -> None:
    from sealdesk.services.revalidation.plan import Scope
    from sealdesk.services.revalidation.report import load_run_report
    from sealdesk.services.revalidation.runs import revalidate
    from sealdesk.services.revalidation.verification import policy_from

    adopt_rules(ceremony)
    gone, _kept = seal(ceremony, tmp_path, "contract-c", "contract-d")
    make_due(ceremony, [gone])
    retention.execute_deletion(ceremony.ctx, approve_deletion(ceremony, [gone]))
    deleted_entry = _status(ceremony, gone).deleted_entry
    run = revalidate(ceremony.ctx, Scope.everything(), policy_from(ceremony.ctx), workers=1)
    assert run.count("FAILED") == 0 and run.count("DELETED") == 1, run
    report = load_run_report(ceremony.ctx, run.run_id)
    deleted = [r for r in report.results if r.indication == "DELETED"]
    assert len(deleted) == 1
    assert f"Deleted under retention (event {deleted_entry})" in deleted[0].reason
    assert run.incidents == 0
    assert any(e for e in _events(ceremony, EventType.RETENTION_DELETED))


def _events(ceremony: Ceremony, kind: EventType) -> list[AuditEvent]:
    from sealdesk.storage.audit.repo import iter_entry_rows

    found = []
    with ceremony.ctx.database.reader() as session:
        for batch in iter_entry_rows(session):
            for row in batch:
                event = AuditEvent.from_canonical_bytes(bytes(row[3]))
                if event.type is kind:
                    found.append(event)
    return found


def test_snapshots_reconcile_and_recovery_do_not_call_a_deletion_a_loss(
        ceremony: Ceremony, tmp_path: Path) -> None:
    """An older snapshot keeps the content (until pruned) and still verifies; a newer one, the
    reconciliation and start-up recovery name the deletion, not a missing file."""
    from sealdesk.services.incidents.recovery import recover
    from sealdesk.services.reconcile.checks import reconcile
    from sealdesk.services.snapshots.operations import take_snapshot
    from sealdesk.services.snapshots.verify import verify_snapshot

    ctx = ceremony.ctx
    adopt_rules(ceremony)
    gone, _kept = seal(ceremony, tmp_path, "contract-e", "contract-f")
    before = take_snapshot(ctx, ceremony.seal_pin, reason="before deletion")
    make_due(ceremony, [gone])
    retention.execute_deletion(ctx, approve_deletion(ceremony, [gone]))
    sealed = _status(ceremony, gone).sealed_files[0]
    assert any(p.name == sealed for p in before.path.rglob("*")), "the older snapshot keeps it"
    assert verify_snapshot(ctx, before.path).ok

    after = take_snapshot(ctx, ceremony.seal_pin, reason="after deletion")
    assert after.missing == ()
    assert not any(p.name == sealed for p in after.path.rglob("*"))
    assert verify_snapshot(ctx, after.path).ok
    report = reconcile(ctx)
    assert not [f for f in report.findings if f.kind == "seal_without_object"], report.findings
    assert report.counts["deleted_under_retention"] == 1
    assert recover(ctx).missing == []


def test_evidence_for_another_document_still_verifies_after_a_deletion(
        ceremony: Ceremony, tmp_path: Path) -> None:
    from sealdesk.core.evidence import verify_bundle
    from sealdesk.services.audit.checkpoints import latest_checkpoint_file
    from sealdesk.services.evidence.export import Selection, export_bundle

    ctx = ceremony.ctx
    adopt_rules(ceremony)
    gone, kept = seal(ceremony, tmp_path, "contract-g", "contract-h")
    make_due(ceremony, [gone])
    retention.execute_deletion(ctx, approve_deletion(ceremony, [gone]))
    bundle = tmp_path / "kept.zip"
    export_bundle(ctx, Selection(hashes=(kept,)), bundle, ceremony.seal_pin)
    verdict = verify_bundle(bundle, latest_checkpoint_file(ctx).certificate_pem)
    assert verdict.ok, [r.message for r in verdict.reasons]


def test_a_quorum_policy_can_ask_two_custodians_for_a_deletion(
        ceremony: Ceremony, tmp_path: Path) -> None:
    from sealdesk.core.rotation.actions import ActionType
    from sealdesk.core.rotation.errors import QuorumNotMetError
    from sealdesk.core.rotation.policy import QuorumPolicy
    from sealdesk.services.keys import rotation
    from sealdesk.services.keys.proposals import propose_policy_change

    ctx = ceremony.ctx
    adopt_rules(ceremony)
    policy = QuorumPolicy.uniform(2, {ActionType.DELETE_UNDER_RETENTION: 2})
    view = propose_policy_change(ctx, policy, reason="Deletion needs two custodians")
    ceremony.decide(view.proposal_id, "Alice")
    ceremony.decide(view.proposal_id, "Bob")
    rotation.execute(ctx, view.proposal_id)

    gone = seal(ceremony, tmp_path, "contract-i")[0]
    make_due(ceremony, [gone])
    pid = approve_deletion(ceremony, [gone], "Alice")
    with pytest.raises(QuorumNotMetError):
        retention.execute_deletion(ctx, pid)
    assert retention.deleted_under_retention(ctx, gone) is None
    ceremony.decide(pid, "Carol")
    assert retention.execute_deletion(ctx, pid).deleted == (gone,)


def test_content_left_by_an_interrupted_deletion_is_removed_by_finish(
        ceremony: Ceremony, tmp_path: Path) -> None:
    """The event commits before the files go: what a crash leaves behind (the sealed file, a
    staging leftover of the same document) is removed by 'retention finish'."""
    ctx = ceremony.ctx
    adopt_rules(ceremony)
    gone = seal(ceremony, tmp_path, "contract-j")[0]
    make_due(ceremony, [gone])
    sealed = _status(ceremony, gone).sealed_files[0]
    saved = tmp_path / "saved.pdf"
    shutil.copyfile(ctx.store.path_of(sealed), saved)
    retention.execute_deletion(ctx, approve_deletion(ceremony, [gone]))
    shutil.copyfile(saved, ctx.store.path_of(sealed))  # as if the unlink never happened
    leftover = ctx.store.staging / "crashed-writer.pdf"
    shutil.copyfile(saved, leftover)
    documents, files = retention.finish_pending_destruction(ctx)
    assert documents == [gone] and files == 2
    assert not ctx.store.path_of(sealed).exists() and not leftover.exists()
    assert retention.finish_pending_destruction(ctx) == ([], 0)


def test_a_document_is_named_by_one_open_deletion_proposal_at_a_time(
        ceremony: Ceremony, tmp_path: Path) -> None:
    adopt_rules(ceremony)
    gone = seal(ceremony, tmp_path, "contract-k")[0]
    make_due(ceremony, [gone])
    pid = approve_deletion(ceremony, [gone], "Alice")
    assert _status(ceremony, gone).proposal == pid
    with pytest.raises(InputError, match=f"already named by deletion proposal {pid}"):
        retention.propose_deletion(ceremony.ctx, [gone], reason="again")
