"""OCSP/CRL unreachable under soft-fail, hard-fail and offline; validating as of a past moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sealdesk.core.validation import Indication, RevocationMode, SubIndication, validate_pdf


def _codes(sig) -> set[str]:
    return {f.code for f in sig.findings}


def test_unreachable_revocation_soft_fail_passes_with_warning(pki, seal, policy_for):
    path = seal(signer="ec", level="B-T")
    with pki.outage("ocsp", "crls"):
        report = validate_pdf(path, policy_for(RevocationMode.SOFT_FAIL))

    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.PASSED, None)
    warning = next(f for f in sig.findings if f.code == "revocation.unchecked")
    assert warning.severity.value == "warning"
    assert "could not be checked" in warning.message
    assert "soft-fail" in warning.message
    assert sig.revocation_sources == ()


def test_unreachable_revocation_hard_fail_is_try_later(pki, seal, policy_for):
    path = seal(signer="ec", level="B-T")
    with pki.outage("ocsp", "crls"):
        report = validate_pdf(path, policy_for(RevocationMode.HARD_FAIL))

    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (
        Indication.INDETERMINATE,
        SubIndication.TRY_LATER,
    )
    problem = next(f for f in sig.findings if f.code == "revocation.unavailable")
    assert pki.ocsp_url in problem.message
    assert "Retry when the responders are reachable" in problem.message


def test_offline_without_embedded_data_is_indeterminate_and_silent(pki, seal, policy_for):
    path = seal(signer="ec", level="B-T")
    with pki.recording() as requests:
        report = validate_pdf(path, policy_for(RevocationMode.OFFLINE))

    assert requests == []
    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (
        Indication.INDETERMINATE,
        SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE,
    )
    problem = next(f for f in sig.findings if f.code == "revocation.not_embedded")
    assert "Validated offline" in problem.message
    assert "B-LT" in problem.message


def test_offline_with_embedded_data_passes_without_network(pki, seal, policy_for):
    path = seal(signer="rsa", level="B-LT")
    with pki.recording() as requests:
        report = validate_pdf(path, policy_for(RevocationMode.OFFLINE))

    assert requests == []
    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.PASSED, None)
    assert sig.revocation_sources == ("CRL (embedded in document)", "OCSP (embedded in document)")


def test_offline_b_lta_passes_including_document_timestamp(pki, seal, policy_for):
    path = seal(signer="ec", level="B-LTA")
    with pki.recording() as requests:
        report = validate_pdf(path, policy_for(RevocationMode.OFFLINE))
    assert requests == []
    assert [s.indication for s in report.signatures] == [Indication.PASSED, Indication.PASSED]


def test_validation_as_of_a_past_moment_uses_embedded_data(pki, seal, policy_for):
    """Expired today, but valid three hours after sealing, judged with the embedded CRL."""
    sealed_at = datetime(2021, 6, 1, 9, 0, tzinfo=UTC)
    path = seal(signer="expired", level="B-LTA", at=sealed_at)
    moment = sealed_at + timedelta(hours=3)  # the embedded CRL is fresh until 2021-06-02
    with pki.recording() as requests:
        report = validate_pdf(path, policy_for(RevocationMode.HARD_FAIL, moment=moment))

    assert requests == []  # responders answer about now, never about a past moment
    assert report.policy.moment == moment
    assert report.signatures[0].indication is Indication.PASSED
    assert "signer.expired_after_seal" not in _codes(report.signatures[0])


def test_validation_as_of_a_moment_without_fresh_embedded_data(pki, seal, policy_for):
    """Three months later the embedded CRL is stale for that moment: nothing can be said."""
    path = seal(signer="expired", level="B-LTA", at=datetime(2021, 6, 1, 9, 0, tzinfo=UTC))
    moment = datetime(2021, 9, 1, tzinfo=UTC)
    report = validate_pdf(path, policy_for(RevocationMode.HARD_FAIL, moment=moment))
    sig = report.signatures[0]
    assert sig.indication is Indication.INDETERMINATE
    problem = next(f for f in sig.findings if f.code == "revocation.not_embedded")
    assert problem.message.startswith("Validated as of 2021-09-01 00:00 UTC")
