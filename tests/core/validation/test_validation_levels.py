"""Valid seals at every PAdES baseline level: PASSED, the right level, and the facts behind it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest

from sealdesk.core.validation import (
    Coverage,
    Indication,
    ModificationLevel,
    PadesLevel,
    SignatureKind,
    validate_pdf,
)


def _codes(sig) -> set[str]:
    return {f.code for f in sig.findings}


@pytest.mark.parametrize(
    ("signer", "level"),
    [
        ("ec", "B-B"),
        ("ec", "B-T"),
        ("rsa", "B-T"),
        ("rsa", "B-LT"),
        ("ec", "B-LTA"),
    ],
)
def test_valid_seal_passes_with_its_level(seal, policy, pki, signer, level):
    report = validate_pdf(seal(signer=signer, level=level), policy)

    assert report.indication is Indication.PASSED
    sig = report.signatures[0]
    assert sig.kind is SignatureKind.SIGNATURE
    assert (sig.indication, sig.sub_indication) == (Indication.PASSED, None)
    assert sig.pades_level is PadesLevel(level)
    assert "seal.valid" in _codes(sig)
    assert "made by 'SealDesk Test Seal" in sig.findings[0].message
    cert = pki.signer(signer).cert
    assert sig.signer_cert_sha256 == hashlib.sha256(cert.dump()).hexdigest()
    assert [c.subject for c in sig.chain] == [
        cert.subject.human_friendly,
        pki.intermediate_cert.subject.human_friendly,
        pki.root_cert.subject.human_friendly,
    ]
    assert sig.signing_time is not None


def test_b_b_has_no_timestamp_and_says_so(seal, policy):
    sig = validate_pdf(seal(signer="ec", level="B-B"), policy).signatures[0]
    assert sig.timestamp_time is None and sig.timestamp_valid is None
    assert "timestamp.missing" in _codes(sig)
    assert sig.coverage is Coverage.ENTIRE_FILE
    assert sig.modification_level is ModificationLevel.NONE


def test_b_t_reports_tsa_and_online_revocation(seal, policy, pki):
    sig = validate_pdf(seal(signer="ec", level="B-T"), policy).signatures[0]
    assert sig.timestamp_valid is True
    assert sig.timestamp_tsa == pki.tsa_cert.subject.human_friendly
    assert sig.proof_of_existence == sig.timestamp_time
    assert "OCSP (fetched online)" in sig.revocation_sources
    assert sig.coverage is Coverage.ENTIRE_FILE


def test_b_lt_uses_embedded_validation_data(seal, policy):
    sig = validate_pdf(seal(signer="rsa", level="B-LT"), policy).signatures[0]
    assert "OCSP (embedded in document)" in sig.revocation_sources
    assert sig.coverage is Coverage.ENTIRE_REVISION
    assert sig.modification_level is ModificationLevel.LTA_UPDATES
    assert "document.validation_data_added" in _codes(sig)


def test_b_lta_reports_the_document_timestamp_too(seal, policy, pki):
    report = validate_pdf(seal(signer="ec", level="B-LTA"), policy)
    kinds = [s.kind for s in report.signatures]
    assert kinds == [SignatureKind.SIGNATURE, SignatureKind.DOCUMENT_TIMESTAMP]
    doc_ts = report.signatures[1]
    assert doc_ts.indication is Indication.PASSED
    assert doc_ts.signer_subject == pki.tsa_cert.subject.human_friendly
    assert doc_ts.pades_level is None
    assert doc_ts.revision is not None and doc_ts.revision > report.signatures[0].revision


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig not installed")
def test_pdfsig_agrees_on_valid_and_tampered(seal, policy, tmp_path):
    """Cross-check with an independent implementation (poppler) on integrity."""
    good = seal(signer="ec", level="B-T")
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(good.read_bytes().replace(b"1250.00 EUR", b"9250.00 EUR"))

    good_out = subprocess.run(["pdfsig", str(good)], capture_output=True, text=True).stdout
    bad_out = subprocess.run(["pdfsig", str(tampered)], capture_output=True, text=True).stdout

    assert "Signature is Valid." in good_out
    assert "Total document signed" in good_out
    assert "ETSI.CAdES.detached" in good_out
    assert validate_pdf(good, policy).indication is Indication.PASSED
    assert "Signature is Valid." not in bad_out
    assert "Digest Mismatch" in bad_out
    assert validate_pdf(tampered, policy).signatures[0].sub_indication.value == "HASH_FAILURE"
