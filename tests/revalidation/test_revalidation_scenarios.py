"""Each way a seal can go bad, found by one bulk run with the right indication and reason.

Seals are made through the real sealing service (keys on a SoftHSM token, timestamps from the
loopback TSA over HTTP) and revalidated in worker processes against the real OCSP responder and
CRLs. Two runs share one installation (sealing is the slow part): one over the whole store, one
over explicit files outside it (copies altered in the ways an attacker or bit rot would).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from sealdesk.core.audit.events import EventType
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.report import load_run_report, store_problems
from sealdesk.services.revalidation.runs import execute_run, revalidate
from sealdesk.storage.revalidation.models import RevalidationResult
from tests.core.validation.conftest import seal_bytes
from tests.fixtures.pki import TestPKI
from tests.revalidation.support import Installation, events, flip_byte, make_installation

BEFORE_REVOCATION = dt.datetime(2022, 6, 1, 9, 0, tzinfo=dt.UTC)  # revoked since 2023-01-01


@dataclass
class Scenarios:
    inst: Installation
    store_run: int
    files_run: int

    def results(self, run_id: int) -> dict[str, RevalidationResult]:
        report = load_run_report(self.inst.ctx, run_id)
        return {Path(r.name).stem: r for r in report.results}


def _seal_one(inst: Installation, name: str, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    batch = inst.seal([inst.document(name)], **kwargs)
    stored = batch.results[0].stored_path
    assert stored is not None
    return stored


def _incremental_page_change(data: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    contents = writer.add_object(generic.StreamObject(
        stream_data=b"BT /F1 14 Tf 72 720 Td (SealDesk invoice: total 9999.00 EUR) Tj ET"))
    page[pdf_name("/Contents")] = contents
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _replace_signature(data: bytes, donor: bytes) -> bytes:
    pattern = rb"/Contents <([0-9a-fA-F]+)>"
    target, source = re.search(pattern, data), re.search(pattern, donor)
    assert target and source
    width = len(target.group(1))
    foreign = source.group(1).rstrip(b"0")
    foreign += b"0" * (width - len(foreign))
    assert len(foreign) == width
    return data[: target.start(1)] + foreign + data[target.end(1) :]


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory, pki: TestPKI) -> Scenarios:
    root = tmp_path_factory.mktemp("scenarios")
    inst = make_installation(root / "home", pki)
    good = _seal_one(inst, "good")
    _seal_one(inst, "revoked-before", signer="revoked")
    _seal_one(inst, "revoked-after", signer="revoked", at=BEFORE_REVOCATION)
    _seal_one(inst, "expired", signer="expired")
    _seal_one(inst, "untrusted-root", signer="untrusted")
    _seal_one(inst, "untrusted-tsa", untrusted_tsa=True)
    flip_byte(_seal_one(inst, "store-corrupted"), b"document store-corrupted")
    gone = _seal_one(inst, "store-missing")
    gone.unlink()
    store_run = revalidate(inst.ctx, Scope.everything(), inst.policy(), workers=2).run_id

    outside = root / "outside"
    outside.mkdir()
    data = good.read_bytes()
    (outside / "tampered.pdf").write_bytes(data.replace(b"document good", b"document goof"))
    (outside / "updated.pdf").write_bytes(_incremental_page_change(data))
    donor = _seal_one(inst, "donor").read_bytes()
    (outside / "replaced.pdf").write_bytes(_replace_signature(data, donor))
    shutil.copy(good, outside / "copy-of-good.pdf")
    (outside / "other-tool.pdf").write_bytes(seal_bytes(pki, inst.document("x").read_bytes()))
    (outside / "not-a-pdf.pdf").write_bytes(b"%PDF-1.7 this is not really a PDF")
    files = sorted(outside.iterdir())
    files_run = revalidate(inst.ctx, Scope.of_files(files), inst.policy(), workers=2).run_id
    return Scenarios(inst, store_run, files_run)


def _check(result: RevalidationResult, indication: str, sub: str | None, *words: str) -> None:
    assert (result.indication, result.sub_indication) == (indication, sub), result.reason
    for word in words:
        assert word in result.reason, result.reason
    assert result.incident is (indication != "PASSED")


def test_a_good_seal_passes(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["good"], "PASSED", None)


def test_signer_revoked_before_sealing(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["revoked-before"], "INDETERMINATE",
           "REVOKED_NO_POE", "revoked on 2023-01-01", "Do not rely on this seal")


def test_signer_revoked_after_sealing_remains_valid_with_a_warning(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["revoked-after"], "PASSED", None,
           "revoked on 2023-01-01", "seal remains valid")


def test_expired_signer_certificate(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["expired"], "INDETERMINATE",
           "OUT_OF_BOUNDS_NO_POE", "expired on 2022-01-01")


def test_untrusted_root(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["untrusted-root"], "INDETERMINATE",
           "NO_CERTIFICATE_CHAIN_FOUND", "does not chain to any trusted root")


def test_timestamp_from_a_tsa_whose_certificate_is_not_trusted(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["untrusted-tsa"], "INDETERMINATE",
           "NO_CERTIFICATE_CHAIN_FOUND", "timestamp", "Rogue Test Time Stamping Authority",
           "does not chain to a trusted root")


def test_store_copy_corrupted_on_disk(scenarios: Scenarios) -> None:
    result = scenarios.results(scenarios.store_run)["store-corrupted"]
    _check(result, "FAILED", "HASH_FAILURE", "store's copy of this sealed file is damaged")
    assert "the store's copy of this sealed file is damaged" in store_problems(result)[0]


def test_store_copy_missing(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.store_run)["store-missing"], "FAILED", "FORMAT_FAILURE",
           "store's copy of this sealed file is missing")


def test_tampered_byte_in_the_signed_range(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.files_run)["tampered"], "FAILED", "HASH_FAILURE",
           "changed after sealing (digest mismatch)")


def test_incremental_update_changing_page_content(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.files_run)["updated"], "FAILED",
           "SUSPICIOUS_MODIFICATION", "changed after sealing")


def test_signature_replaced_by_another_documents(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.files_run)["replaced"], "FAILED", "HASH_FAILURE",
           "changed after sealing")


def test_copy_of_a_stored_seal_gets_the_store_checks(scenarios: Scenarios) -> None:
    result = scenarios.results(scenarios.files_run)["copy-of-good"]
    _check(result, "PASSED", None)
    assert result.seal_id is not None and result.expected_sha256


def test_pdf_sealed_by_another_tool_is_validated_too(scenarios: Scenarios) -> None:
    result = scenarios.results(scenarios.files_run)["other-tool"]
    _check(result, "PASSED", None)
    assert result.seal_id is None


def test_unreadable_file_is_a_failed_incident(scenarios: Scenarios) -> None:
    _check(scenarios.results(scenarios.files_run)["not-a-pdf"], "FAILED", "FORMAT_FAILURE",
           "not a readable PDF")


def test_each_incident_is_one_audit_event_and_each_run_starts_and_finishes_once(
    scenarios: Scenarios,
) -> None:
    ctx = scenarios.inst.ctx
    started = events(ctx, EventType.REVALIDATION_STARTED)
    finished = events(ctx, EventType.REVALIDATION_FINISHED)
    results = events(ctx, EventType.REVALIDATION_RESULT)
    runs = {str(scenarios.store_run), str(scenarios.files_run)}
    assert sorted(e["subject"]["run"] for e in started) == sorted(runs)
    assert sorted(e["subject"]["run"] for e in finished) == sorted(runs)
    incidents = [r for run in (scenarios.store_run, scenarios.files_run)
                 for r in scenarios.results(run).values() if r.incident]
    assert len(results) == len(incidents)
    assert {r.audit_index for r in incidents} <= set(range(0, 10**6))
    by_run_position = {(e["subject"]["run"], e["details"]["position"]) for e in results}
    assert len(by_run_position) == len(results)  # never twice for one document
    store_final = next(e for e in finished if e["subject"]["run"] == str(scenarios.store_run))
    assert store_final["details"]["failed"] == 2
    assert store_final["details"]["indeterminate"] == 4


def test_a_finished_run_executed_again_changes_nothing(scenarios: Scenarios) -> None:
    ctx = scenarios.inst.ctx
    before = len(events(ctx, EventType.REVALIDATION_RESULT))
    again = execute_run(ctx, scenarios.store_run)
    assert again.finished and again.checked_now == 0
    assert len(events(ctx, EventType.REVALIDATION_RESULT)) == before
    assert len(events(ctx, EventType.REVALIDATION_FINISHED)) == 2
