"""Revoked, expired and untrusted certificates, and timestamps from an untrusted TSA.

Reasoning behind the expected indications (ETSI EN 319 102-1):

* A signature timestamp proves the seal existed *no later than* its time. If the certificate was
  revoked before that, nothing proves the seal was made while the certificate was good, so the
  result is INDETERMINATE/REVOKED_NO_POE, not FAILED. FAILED/REVOKED needs proof that the seal was
  made *after* the revocation: a content timestamp (a signed attribute, so it predates the
  signature), which SealDesk test seals add on request.
* Revoked after the seal's timestamp: the proof of existence predates the revocation, so the seal
  stays PASSED; the report warns that the certificate is revoked now.
* Expired certificate: with only a timestamp (B-T), there is no revocation data from before the
  expiry, so INDETERMINATE/OUT_OF_BOUNDS_NO_POE, whether sealed before or after expiry (the
  reason differs). With B-LTA made while valid, past validation succeeds: PASSED.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.core.validation import Indication, SubIndication, ValidationPolicy, validate_pdf

BEFORE_REVOCATION = datetime(2022, 6, 1, 9, 0, tzinfo=UTC)  # revocation: 2023-01-01
WHILE_VALID = datetime(2021, 6, 1, 9, 0, tzinfo=UTC)  # expiry: 2022-01-01
SEALED_2024 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def _verdict(report):
    sig = report.signatures[0]
    return sig.indication, sig.sub_indication


def _finding(sig, code):
    matches = [f for f in sig.findings if f.code == code]
    assert matches, f"no finding {code!r} in {[f.code for f in sig.findings]}"
    return matches[0]


def test_revoked_before_sealing_is_indeterminate_revoked_no_poe(seal, policy):
    report = validate_pdf(seal(signer="revoked", level="B-T"), policy)

    assert _verdict(report) == (Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE)
    message = _finding(report.signatures[0], "signer.revoked_before_proof").message
    assert "revoked on 2023-01-01 (reason: cessation of operation)" in message
    assert "after the revocation" in message


def test_revoked_before_sealing_with_content_timestamp_is_failed_revoked(seal, policy):
    report = validate_pdf(seal(signer="revoked", level="B-T", content_timestamp=True), policy)

    assert _verdict(report) == (Indication.FAILED, SubIndication.REVOKED)
    message = _finding(report.signatures[0], "signer.revoked").message
    assert "revoked on 2023-01-01" in message
    assert "made after that" in message


def test_revoked_after_sealing_remains_valid(seal, policy):
    report = validate_pdf(seal(signer="revoked", level="B-T", at=BEFORE_REVOCATION), policy)

    assert _verdict(report) == (Indication.PASSED, None)
    sig = report.signatures[0]
    assert sig.timestamp_time == BEFORE_REVOCATION
    message = _finding(sig, "signer.revoked_after_seal").message
    assert message.startswith("Signer certificate revoked on 2023-01-01")
    assert "after the seal's timestamp (2022-06-01 09:00 UTC): seal remains valid" in message


def test_revoked_after_sealing_at_b_lta_remains_valid(seal, policy):
    report = validate_pdf(seal(signer="revoked", level="B-LTA", at=BEFORE_REVOCATION), policy)
    assert report.indication is Indication.PASSED
    assert "signer.revoked_after_seal" in {f.code for f in report.signatures[0].findings}


def test_runtime_revocation_after_the_timestamp_keeps_seal_valid(pki, seal, policy):
    """Seal, revoke later, revalidate: the revalidation use case, with pki.revoked()."""
    path = seal(signer="ec", level="B-T", at=SEALED_2024)
    with pki.revoked("ec", since=SEALED_2024 + timedelta(days=30)):
        after = validate_pdf(path, policy)
    with pki.revoked("ec", since=SEALED_2024 - timedelta(days=30)):
        before = validate_pdf(path, policy)
    unaffected = validate_pdf(path, policy)

    assert _verdict(after) == (Indication.PASSED, None)
    assert "signer.revoked_after_seal" in {f.code for f in after.signatures[0].findings}
    assert _verdict(before) == (Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE)
    assert _verdict(unaffected) == (Indication.PASSED, None)


def test_expired_certificate_sealed_after_expiry(seal, policy):
    report = validate_pdf(seal(signer="expired", level="B-T"), policy)

    assert _verdict(report) == (Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE)
    message = _finding(report.signatures[0], "signer.expired").message
    assert "expired on 2022-01-01" in message
    assert "after the expiry" in message


def test_expired_certificate_sealed_while_valid_without_ltv_data(seal, policy):
    report = validate_pdf(seal(signer="expired", level="B-T", at=WHILE_VALID), policy)

    assert _verdict(report) == (Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE)
    message = _finding(report.signatures[0], "signer.expired").message
    assert "proven to exist on 2021-06-01 09:00 UTC, before the expiry" in message
    assert "B-LTA" in message


def test_expired_certificate_sealed_while_valid_at_b_lta_passes(seal, policy):
    report = validate_pdf(seal(signer="expired", level="B-LTA", at=WHILE_VALID), policy)

    assert report.indication is Indication.PASSED
    sig = report.signatures[0]
    assert sig.proof_of_existence == WHILE_VALID
    codes = {f.code for f in sig.findings}
    assert {"signer.expired_after_seal", "validation.past"} <= codes


def test_untrusted_root_is_indeterminate_no_chain(seal, policy, pki):
    report = validate_pdf(seal(signer="untrusted", level="B-T"), policy)

    assert _verdict(report) == (Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND)
    message = _finding(report.signatures[0], "chain.untrusted").message
    assert "does not chain to any trusted root" in message
    assert "Rogue Test Root CA" in message


def test_untrusted_root_passes_once_it_is_a_trust_anchor(seal, pki):
    policy = ValidationPolicy(trust_anchors=(pki.root_cert, pki.rogue_root_cert))
    report = validate_pdf(seal(signer="untrusted", level="B-T"), policy)
    assert report.indication is Indication.PASSED


def test_timestamp_from_untrusted_tsa(seal, policy, pki):
    report = validate_pdf(seal(signer="ec", level="B-T", untrusted_tsa=True), policy)

    assert _verdict(report) == (Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND)
    sig = report.signatures[0]
    assert sig.timestamp_valid is False
    assert sig.timestamp_tsa == pki.cert("tsa-untrusted").subject.human_friendly
    message = _finding(sig, "timestamp.invalid").message
    assert "Rogue Test Time Stamping Authority" in message
    assert "does not chain to a trusted root" in message


def test_signer_certificate_is_reported_even_when_untrusted(seal, policy, pki):
    sig = validate_pdf(seal(signer="untrusted", level="B-T"), policy).signatures[0]
    assert sig.signer_subject == pki.signer("untrusted").cert.subject.human_friendly
    assert sig.chain[0].subject == sig.signer_subject


def test_claimed_signing_time_is_reported(seal, policy):
    path = seal(signer="ec", level="B-T")
    sig = validate_pdf(path, policy).signatures[0]
    embedded = PdfFileReader(io.BytesIO(path.read_bytes())).embedded_signatures[0]
    assert sig.signing_time == embedded.self_reported_timestamp.astimezone(UTC)
