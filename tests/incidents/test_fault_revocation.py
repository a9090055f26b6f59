"""Issue 8, item 2: OCSP and CRL unreachable while seals are re-proved (hard-fail policy).

The verdict is INDETERMINATE / TRY_LATER with the responder named, never FAILED and never a
silent PASSED; nothing about the seal changes (file, record, status), and once the responders
answer again the same check passes."""

from __future__ import annotations

from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import Indication, SubIndication
from sealdesk.exit_codes import ExitCode
from sealdesk.fsutil import sha256_file
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.report import load_run_report
from sealdesk.services.revalidation.runs import Scope, revalidate
from sealdesk.services.revalidation.verification import policy_from, verify_file
from sealdesk.services.sealing.batch import seal_documents
from tests.fixtures.pki import TestPKI
from tests.fixtures.tokens import SoftToken
from tests.incidents.support import events, run_cli, seals, use_pki_seal_key


def test_unreachable_revocation_is_try_later_and_nothing_is_lost(
    demo_ctx: AppContext, soft_token: SoftToken, pki: TestPKI, pdf_factory,  # type: ignore[no-untyped-def]
    tmp_path: Path, sealdesk_home: Path,
) -> None:
    use_pki_seal_key(demo_ctx, soft_token, pki, tmp_path)
    batch = seal_documents(demo_ctx, [pdf_factory("lease")], soft_token.pin)
    assert batch.ok, batch.stopped_by
    stored = batch.results[0].stored_path
    assert stored is not None
    before = (sha256_file(stored), [(s.sealed_sha256, s.status) for s in seals(demo_ctx)])

    with pki.outage("ocsp", "crls"):
        during = verify_file(stored, policy_from(demo_ctx), demo_ctx, record=True)
        cli = run_cli(sealdesk_home, "verify", str(stored))
    signature = during.report.signatures[0]
    assert (signature.indication, signature.sub_indication) == (
        Indication.INDETERMINATE, SubIndication.TRY_LATER)
    assert any(pki.ocsp_url in f.message for f in signature.findings)
    assert cli.returncode == ExitCode.INDETERMINATE, cli.stdout + cli.stderr  # not FAILED
    assert "INDETERMINATE" in cli.stdout and "Traceback" not in cli.stderr

    after = verify_file(stored, policy_from(demo_ctx), demo_ctx)
    assert after.indication == Indication.PASSED
    assert (sha256_file(stored), [(s.sealed_sha256, s.status) for s in seals(demo_ctx)]) == before


def test_bulk_revalidation_during_the_outage_is_try_later_and_a_rerun_passes(
    demo_ctx: AppContext, soft_token: SoftToken, pki: TestPKI, pdf_factory,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    use_pki_seal_key(demo_ctx, soft_token, pki, tmp_path)
    assert seal_documents(demo_ctx, [pdf_factory(f"deed-{i}") for i in range(2)],
                          soft_token.pin).ok
    before = [(s.sealed_sha256, s.status) for s in seals(demo_ctx)]
    with pki.outage("ocsp", "crls"):
        during = revalidate(demo_ctx, Scope.everything(), policy_from(demo_ctx), workers=1)
    assert during.finished and during.count("INDETERMINATE") == 2 and during.incidents == 2
    report = load_run_report(demo_ctx, during.run_id)
    assert {row.sub_indication for row in report.results} == {"TRY_LATER"}
    assert len(events(demo_ctx, EventType.REVALIDATION_RESULT)) == 2

    after = revalidate(demo_ctx, Scope.everything(), policy_from(demo_ctx), workers=1)
    assert after.count("PASSED") == 2 and after.incidents == 0
    assert [(s.sealed_sha256, s.status) for s in seals(demo_ctx)] == before
