"""LTV upkeep: document timestamps added as new stored versions, audited, never in place."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import Indication, PadesLevel, SignatureKind, validate_pdf
from sealdesk.exit_codes import ExitCode
from sealdesk.services.revalidation.ltv import due_for_refresh, refresh_ltv
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.runs import revalidate
from sealdesk.services.revalidation.verification import verify_file
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.revalidation.support import Installation, events, flip_byte

NEAR_EXPIRY = dt.datetime(2040, 12, 1, tzinfo=dt.UTC)  # the test PKI expires 2040-12-31


def _seals(inst: Installation) -> list[Seal]:
    with inst.ctx.database.reader() as session:
        return list(session.execute(select(Seal).order_by(Seal.id)).scalars())


def test_due_seals_get_a_document_timestamp_as_a_new_audited_version(
    installation: Installation,
) -> None:
    inst = installation
    original = inst.seal([inst.document("contract")]).results[0]
    old_path = original.stored_path
    assert old_path is not None
    old_bytes = old_path.read_bytes()
    assert due_for_refresh(inst.ctx, days=30) == []  # far from expiry today
    due = due_for_refresh(inst.ctx, days=60, now=NEAR_EXPIRY)
    assert [c.sealed_sha256 for c in due] == [original.sealed_sha256]
    assert due[0].expires == dt.datetime(2040, 12, 31, tzinfo=dt.UTC)

    report = refresh_ltv(inst.ctx, due, inst.policy())

    (done,) = report.refreshed
    new_path = inst.ctx.store.path_of(done.refreshed_sha256)
    assert old_path.read_bytes() == old_bytes, "a stored file is never modified in place"
    assert new_path.read_bytes().startswith(old_bytes)  # an incremental update
    validated = validate_pdf(new_path, inst.policy())
    assert validated.indication is Indication.PASSED
    assert validated.signatures[0].pades_level is PadesLevel.B_LTA
    assert validated.signatures[-1].kind is SignatureKind.DOCUMENT_TIMESTAMP
    old, new = _seals(inst)
    assert (old.status, new.status, new.level) == ("superseded", "active", "B-LTA")
    assert new.document_id == old.document_id
    (event,) = events(inst.ctx, EventType.DOCUMENT_LTV_REFRESHED)
    assert event["subject"]["sealed_sha256"] == done.refreshed_sha256
    assert event["details"]["previous_sealed_sha256"] == original.sealed_sha256
    assert new.audit_index == _index_of(inst, EventType.DOCUMENT_LTV_REFRESHED)
    verification = verify_file(new_path, inst.policy(), inst.ctx)
    assert verification.store.known and not verification.store.problems

    # the next refresh extends the archival chain; a full run checks only the newest version
    again = refresh_ltv(inst.ctx, due_for_refresh(inst.ctx, days=60, now=NEAR_EXPIRY),
                        inst.policy())
    assert len(again.refreshed) == 1
    newest = validate_pdf(inst.ctx.store.path_of(again.refreshed[0].refreshed_sha256),
                          inst.policy())
    assert [s.kind for s in newest.signatures].count(SignatureKind.DOCUMENT_TIMESTAMP) == 2
    run = revalidate(inst.ctx, Scope.everything(), inst.policy())
    assert (run.total, run.count("PASSED")) == (1, 1)


def test_damaged_or_invalid_seals_are_refused_not_refreshed(installation: Installation) -> None:
    inst = installation
    damaged = inst.seal([inst.document("damaged")]).results[0]
    revoked = inst.seal([inst.document("revoked")], signer="revoked").results[0]
    assert damaged.stored_path is not None
    flip_byte(damaged.stored_path, b"document damaged")

    report = refresh_ltv(inst.ctx, due_for_refresh(inst.ctx, days=60, now=NEAR_EXPIRY),
                         inst.policy())

    assert not report.refreshed
    reasons = {o.candidate.sealed_sha256: o.skipped for o in report.skipped}
    assert "missing or damaged" in reasons[damaged.sealed_sha256]
    assert "does not validate now (INDETERMINATE)" in reasons[revoked.sealed_sha256]
    assert not events(inst.ctx, EventType.DOCUMENT_LTV_REFRESHED)
    assert inst.ctx.store.staged_files() == []
    assert {s.status for s in _seals(inst)} == {"active"}


def test_cli_status_and_refresh_of_given_files(installation: Installation) -> None:
    inst = installation
    sealed = inst.seal([inst.document("memo")]).results[0]
    assert sealed.stored_path is not None

    status = inst.cli("ltv", "status", "--days", "36500")
    refreshed = inst.cli("ltv", "refresh", str(sealed.stored_path))

    assert status.returncode == 0 and "memo.pdf" in status.stdout
    assert "2040-12-31" in status.stdout
    assert refreshed.returncode == 0, refreshed.stderr
    assert "refreshed  memo.pdf" in refreshed.stdout
    assert len(events(inst.ctx, EventType.DOCUMENT_LTV_REFRESHED)) == 1


def test_cli_refresh_exits_incomplete_when_a_seal_is_refused(installation: Installation) -> None:
    inst = installation
    damaged = inst.seal([inst.document("damaged")]).results[0]
    assert damaged.stored_path is not None
    flip_byte(damaged.stored_path, b"document damaged")

    refused = inst.cli("ltv", "refresh", "--days", "36500")

    assert refused.returncode == ExitCode.INCOMPLETE, refused.stdout + refused.stderr
    assert "refused    damaged.pdf" in refused.stdout
    assert not events(inst.ctx, EventType.DOCUMENT_LTV_REFRESHED)


def _index_of(inst: Installation, kind: EventType) -> int:
    with inst.ctx.database.reader() as session:
        return session.execute(select(AuditEntry.idx).where(
            AuditEntry.event_type == kind.value)).scalar_one()
