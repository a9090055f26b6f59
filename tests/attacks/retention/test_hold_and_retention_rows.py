"""Raw-SQL attacks on retention and legal hold (issue 21 item 5): the attacker can write every
row but holds no PIN and no custodian token. Whatever they edit, a held or not-yet-due document
must stay undeletable, and its stored content must stay where it is.

The defence: holds, classes, clock starts and deletions are audit events replayed (chain
checked) at the moment of use; the rows are a cache compared with them; a deletion must be
carried by a quorum-approved proposal the authority replay proves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.services import retention
from sealdesk.services.context import AppContext
from sealdesk.services.retention.errors import DocumentHeldError, NotDueError
from sealdesk.storage.audit.repo import append_event
from tests.attacks.retention.conftest import Scene
from tests.retention.conftest import adopt_rules, approve_deletion, make_due, seal

REFUSED = (DocumentHeldError, NotDueError, RecordIntegrityError)


def _content(scene: Scene, sha: str) -> list[Path]:
    status = next(s for s in retention.retention_overview(scene.ctx)
                  if s.document_sha256 == sha)
    return [scene.ctx.store.path_of(f) for f in status.sealed_files]


def _held_and_due(scene: Scene, tmp_path: Path) -> str:
    adopt_rules(scene.ceremony)
    sha = seal(scene.ceremony, tmp_path, "held-contract")[0]
    make_due(scene.ceremony, [sha])
    retention.place_hold(scene.ctx, [sha], reason="Litigation pending", case="CASE-7")
    return sha


def test_a_held_document_cannot_be_proposed_for_deletion(scene: Scene, tmp_path: Path) -> None:
    sha = _held_and_due(scene, tmp_path)
    with pytest.raises(DocumentHeldError, match="CASE-7"):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    assert [d.state for d in retention.due_documents(scene.ctx)] == ["held"]
    assert all(p.is_file() for p in _content(scene, sha))


def test_deleting_the_hold_row_releases_nothing(scene: Scene, tmp_path: Path) -> None:
    sha = _held_and_due(scene, tmp_path)
    scene.sql("DELETE FROM legal_holds")
    with pytest.raises(RecordIntegrityError, match="legal_holds rows"):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    assert all(p.is_file() for p in _content(scene, sha))


def test_marking_the_hold_row_released_releases_nothing(scene: Scene, tmp_path: Path) -> None:
    sha = _held_and_due(scene, tmp_path)
    scene.sql("UPDATE legal_holds SET released_entry = placed_entry, released_by = 'x'")
    with pytest.raises(RecordIntegrityError, match="legal_holds rows"):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")


def test_a_hold_placed_after_approval_stops_the_execution(scene: Scene, tmp_path: Path) -> None:
    adopt_rules(scene.ceremony)
    sha = seal(scene.ceremony, tmp_path, "late-hold")[0]
    make_due(scene.ceremony, [sha])
    pid = approve_deletion(scene.ceremony, [sha], "Alice")
    retention.place_hold(scene.ctx, [sha], reason="Subpoena received", case="CASE-9")
    scene.sql("DELETE FROM legal_holds")  # and the attacker hides the hold row as well
    with pytest.raises(REFUSED):
        retention.execute_deletion(scene.ctx, pid)
    assert all(p.is_file() for p in _content(scene, sha))
    assert retention.deleted_under_retention(scene.ctx, sha) is None


def test_editing_the_class_row_or_the_due_date_does_not_make_it_due(
        scene: Scene, tmp_path: Path) -> None:
    adopt_rules(scene.ceremony)
    sha = seal(scene.ceremony, tmp_path, "invoice-kept")[0]  # invoices: 10 years from sealing
    retention.place_hold(scene.ctx, [sha], reason="Audit 2026", case="AUD-1")
    retention.release_hold(scene.ctx, [sha], reason="Audit closed", case="AUD-1")
    scene.sql("UPDATE retention_documents SET due_at = :past",
              past=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    assert retention.due_documents(scene.ctx) == []
    with pytest.raises(NotDueError, match="invoices"):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    scene.sql("UPDATE retention_documents SET class_name = 'short', clock_start = :past",
              past=dt.datetime(2001, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(RecordIntegrityError, match="retention_documents row"):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    assert all(p.is_file() for p in _content(scene, sha))


def test_editing_the_hold_event_breaks_the_chain_and_refuses(
        scene: Scene, tmp_path: Path) -> None:
    sha = _held_and_due(scene, tmp_path)
    files = _content(scene, sha)
    scene.sql("UPDATE audit_entries SET payload = CAST(REPLACE(CAST(payload AS TEXT), "
              "'hold.placed', 'hold.releasd') AS BLOB) WHERE instr(CAST(payload AS TEXT), "
              "'hold.placed') > 0"
              if scene.ctx.config.database_url(scene.ctx.paths).startswith("sqlite")
              else "UPDATE audit_entries SET payload = convert_to(replace(convert_from(payload, "
              "'UTF8'), 'hold.placed', 'hold.releasd'), 'UTF8') WHERE position('hold.placed' "
              "in convert_from(payload, 'UTF8')) > 0")
    # This console either keeps what it verified before the edit (still held) or, the last
    # entry having changed, verifies again and finds the edit: refused either way.
    with pytest.raises((DocumentHeldError, RecordIntegrityError)):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    # A console started afterwards verifies the whole chain and finds the edit.
    fresh = AppContext.open(scene.ctx.paths, config=scene.ctx.config)
    try:
        with pytest.raises(RecordIntegrityError, match="hash chain"):
            retention.propose_deletion(fresh, [sha], reason="Retention ended")
    finally:
        fresh.close()
    assert all(p.is_file() for p in files)


def test_a_forged_deletion_event_removes_nothing(scene: Scene, tmp_path: Path) -> None:
    """A valid-chain ``retention.deleted`` appended without any proposal: refused, content kept."""
    adopt_rules(scene.ceremony)
    sha = seal(scene.ceremony, tmp_path, "forged-target")[0]
    files = _content(scene, sha)
    forged = AuditEvent(type=EventType.RETENTION_DELETED, time=dt.datetime.now(dt.UTC),
                        actor="mallory", console_id="x", software_version="0",
                        subject={"document_sha256": sha},
                        details={"proposal_id": "0123456789abcdef"})
    from sqlalchemy.orm import Session
    with Session(scene.attacker) as session, session.begin():
        append_event(session, forged)
    with pytest.raises(RecordIntegrityError, match="without an executed, quorum-approved"):
        retention.finish_pending_destruction(scene.ctx)
    assert all(p.is_file() for p in files)
    with pytest.raises(RecordIntegrityError):
        retention.deleted_under_retention(scene.ctx, sha)


def test_destroy_content_refuses_a_document_the_log_does_not_call_deleted(
        scene: Scene, tmp_path: Path) -> None:
    sha = _held_and_due(scene, tmp_path)
    with scene.ctx.database.reader() as session:
        from sealdesk.services.retention.ledger import read_standing
        doc = read_standing(session).ledger.of(sha)
    assert doc is not None and doc.held
    with pytest.raises(InputError, match=r"no retention\.deleted event"):
        retention.destroy_content(scene.ctx, doc)
    assert all(p.is_file() for p in _content(scene, sha))


def test_a_forged_hold_release_outside_the_signed_log_releases_nothing(
        scene: Scene, tmp_path: Path) -> None:
    """The attack the signed release closes: a ``hold.released`` appended with a valid chain,
    and the hold row marked released to match. SealDesk signs every release as it commits it,
    so one after the latest signed checkpoint was not made by SealDesk: refused, named."""
    from sqlalchemy.orm import Session

    from sealdesk.services.audit.verify import verify_log

    sha = _held_and_due(scene, tmp_path)
    placed = scene.rows("SELECT placed_entry FROM legal_holds")[0][0]
    forged = AuditEvent(type=EventType.HOLD_RELEASED, time=dt.datetime.now(dt.UTC),
                        actor=scene.ctx.actor.identity, console_id="x", software_version="0",
                        subject={"document_sha256": sha, "case": "CASE-7"},
                        details={"reason": "Dispute settled", "placed_entry": placed})
    with Session(scene.attacker) as session, session.begin():
        index = append_event(session, forged).index
    scene.sql("UPDATE legal_holds SET released_at = :now, released_by = 'mallory', "
              "release_reason = 'Dispute settled', released_entry = :i",
              now=dt.datetime.now(dt.UTC), i=index)
    assert [d.state for d in retention.due_documents(scene.ctx)] == ["due"]  # the cache agrees
    with pytest.raises(RecordIntegrityError, match=f"audit entry {index}.*not covered by a "
                                                   "signed checkpoint"):
        retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    assert all(p.is_file() for p in _content(scene, sha))
    report = verify_log(scene.ctx)
    assert any(f"{index} (hold.released)" in w for w in report.warnings)


def test_a_release_made_by_sealdesk_is_signed_at_once_and_counts(
        scene: Scene, tmp_path: Path) -> None:
    sha = _held_and_due(scene, tmp_path)
    released = retention.release_hold(scene.ctx, [sha], reason="Settled", case="CASE-7")
    covered = scene.rows("SELECT max(tree_size) FROM audit_checkpoints")[0][0]
    assert released[0].entry < covered  # its checkpoint committed with it
    view = retention.propose_deletion(scene.ctx, [sha], reason="Retention ended")
    assert view.content.params["documents"][0]["released_holds"][0]["case"] == "CASE-7"
