"""Issue 8, item 4: the key-compromise runbook, end to end, with a real 2-of-3 quorum.

The seal key "seal" is rotated away, then marked compromised since T with a quorum-approved
proposal: seals it made at or after T (by their RFC 3161 time) are quarantined, earlier ones
stay valid; the originals are re-sealed with the new key on request, old and new seals linked
in the audit log; nothing is sealed twice and the log verifies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import Indication
from sealdesk.errors import InputError, PermissionDeniedError
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.incidents import compromise
from sealdesk.services.incidents import reseal as compromise_reseal
from sealdesk.services.keys import rotation
from sealdesk.services.revalidation.report import load_run_report
from sealdesk.services.revalidation.runs import Scope, revalidate
from sealdesk.services.revalidation.verification import policy_from, verify_file
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.keys import repo as rotation_repo
from tests.incidents.support import events, run_cli, seals
from tests.rotation.conftest import (  # noqa: F401  (fixtures used by name)
    Ceremony,
    ceremony,
    ceremony_template,
    custodian_ca,
)


def _rotate_seal_key(ceremony: Ceremony) -> None:  # noqa: F811
    view = ceremony.propose_seal_rotation(label="seal-2")
    ceremony.decide(view.proposal_id, "Alice")
    ceremony.decide(view.proposal_id, "Bob")
    rotation.execute(ceremony.ctx, view.proposal_id, ceremony.seal_pin)


def test_compromise_quarantines_later_seals_and_reseals_them_with_the_new_key(
    ceremony: Ceremony, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    ctx, pin = ceremony.ctx, ceremony.seal_pin
    early = seal_documents(ctx, [pdf_factory("early")], pin)
    since = dt.datetime.now(dt.UTC)
    late = seal_documents(ctx, [pdf_factory("late-1"), pdf_factory("late-2")], pin)
    assert early.ok and late.ok
    with pytest.raises(InputError, match="still the active seal key"):
        compromise.propose_compromise(ctx, "seal", since, reason="too early")

    _rotate_seal_key(ceremony)
    view = compromise.propose_compromise(ctx, "seal", since,
                                         reason="HSM backup copied by a contractor")
    assert view.content.target["compromised_since"].startswith(f"{since:%Y-%m-%dT%H:%M}")
    with pytest.raises(PermissionDeniedError, match="only with the quorum"):
        compromise.mark_compromised(ctx, view.proposal_id)
    ceremony.decide(view.proposal_id, "Alice")
    ceremony.decide(view.proposal_id, "Carol")

    marked = compromise.mark_compromised(ctx, view.proposal_id)
    late_hashes = {r.sealed_sha256 for r in late.results}
    assert set(marked.quarantined) == late_hashes
    status = {s.sealed_sha256: s.status for s in seals(ctx)}
    assert status[early.results[0].sealed_sha256] == "active"
    assert all(status[h] == "quarantined" for h in late_hashes)
    with ctx.database.reader() as session:
        old_key = next(k for k in rotation_repo.managed_keys(session) if k.label == "seal")
    assert old_key.status == "retired", "the quorum-approved retirement was executed"
    compromised = events(ctx, EventType.KEY_COMPROMISED)
    assert len(compromised) == 1 and compromised[0]["details"]["approvals"] == 2
    quarantined = events(ctx, EventType.SEAL_QUARANTINED)
    assert {e["subject"]["sealed_sha256"] for e in quarantined} == late_hashes
    assert {e["details"]["time_source"] for e in quarantined} == {"timestamp"}
    assert compromise.mark_compromised(ctx, view.proposal_id).quarantined == ()  # idempotent

    stored = late.results[0].stored_path
    assert stored is not None
    verification = verify_file(stored, policy_from(ctx), ctx)
    assert verification.indication == Indication.FAILED
    assert any("QUARANTINED" in p for p in verification.store.problems)
    run = revalidate(ctx, Scope.everything(), policy_from(ctx), workers=1)
    report = load_run_report(ctx, run.run_id)
    flagged = {r.expected_sha256 for r in report.results if "quarantined" in r.reason}
    assert flagged == late_hashes and run.count("FAILED") == 2, [r.reason for r in report.results]

    result = compromise_reseal.reseal(ctx, pin, export_dir=tmp_path / "resealed")
    assert result.batch is not None and result.batch.count(Outcome.SEALED) == 2
    assert len(result.linked) == 2
    listed = compromise_reseal.quarantined_seals(ctx)
    assert {q.sealed_sha256 for q in listed} == late_hashes
    assert all(q.resealed_as for q in listed)
    links = events(ctx, EventType.DOCUMENT_RESEALED)
    assert {(e["details"]["old_sealed_sha256"], e["details"]["new_sealed_sha256"])
            for e in links} == set(result.linked)
    new_cert = {s.certificate_sha256 for s in seals(ctx) if s.key_label == "seal-2"}
    assert len(new_cert) == 1 and new_cert != {compromised[0]["subject"]["certificate_sha256"]}
    for new in (tmp_path / "resealed").iterdir():
        assert verify_file(new, policy_from(ctx), ctx).indication == Indication.PASSED

    again = compromise_reseal.reseal(ctx, pin)
    assert again.batch is None and again.linked == [], "never re-sealed twice"
    assert len(seals(ctx)) == 5
    assert verify_log(ctx).ok

    listing = run_cli(ctx.paths.config_dir.parent, "compromise", "list")
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.count("quarantined ") == 2 and "re-sealed as" in listing.stdout


def test_sealing_refuses_a_compromised_certificate(
    ceremony: Ceremony, pdf_factory,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    ctx, pin = ceremony.ctx, ceremony.seal_pin
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    _rotate_seal_key(ceremony)
    view = compromise.propose_compromise(ctx, "seal", since, reason="stolen laptop")
    ceremony.decide(view.proposal_id, "Bob")
    ceremony.decide(view.proposal_id, "Carol")
    compromise.mark_compromised(ctx, view.proposal_id)
    ctx.config = dataclasses.replace(ctx.config, token=with_token(
        ctx.config, seal_key_label="seal").token)  # a configuration pointing back
    with pytest.raises(PermissionDeniedError, match="marked compromised"):
        seal_documents(ctx, [pdf_factory("x")], pin)
    assert not seals(ctx)
