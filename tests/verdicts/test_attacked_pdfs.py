"""Issue 18, "Why": every attacked PDF gets the right headline and the real cause first.

Each test seals the standard document with the test PKI's trusted EC signer (PAdES B-T, the
loopback TSA), attacks the bytes (tests/verdicts/attacks.py) and checks the exact indication,
sub-indication, code and opening words of the first finding, so a reordering of reasons or a
"Seal is valid" at the top of a FAILED result is caught.
"""

from __future__ import annotations

import pytest
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from sealdesk.core.validation import (
    Indication,
    RevocationMode,
    Severity,
    SubIndication,
    ValidationPolicy,
    validate_pdf,
)
from tests.core.validation.conftest import make_pdf
from tests.verdicts import attacks

EC_SIGNER = "'SealDesk Test Seal EC P-256'"


@pytest.fixture
def policy_offline(pki) -> ValidationPolicy:
    return ValidationPolicy(trust_anchors=(pki.root_cert,), revocation_mode=RevocationMode.OFFLINE)


def _verdict(tmp_path, data: bytes, policy):
    path = tmp_path / "attacked.pdf"
    path.write_bytes(data)
    report = validate_pdf(path, policy)
    assert len(report.signatures) == 1
    return report, report.signatures[0]


def _headline(sig) -> tuple[Indication, SubIndication | None]:
    return sig.indication, sig.sub_indication


@pytest.mark.parametrize("attack", [attacks.trailing_text, attacks.trailing_nuls])
def test_trailing_bytes_pass_with_a_warning_never_silently(sealed_bt, trusted, tmp_path, attack):
    report, sig = _verdict(tmp_path, attack(sealed_bt), trusted)

    assert report.indication is Indication.PASSED
    assert _headline(sig) == (Indication.PASSED, None)
    assert sig.findings[0].code == "seal.valid"
    assert sig.findings[0].message.startswith(f"Seal is valid: made by {EC_SIGNER}")
    warning = sig.findings[1]
    assert (warning.code, warning.severity) == ("document.trailing_bytes", Severity.WARNING)
    assert warning.message.startswith("Bytes after the sealed revision are not covered: ")


def test_object_appended_without_xref_fails(sealed_bt, trusted, tmp_path):
    _, sig = _verdict(tmp_path, attacks.object_without_xref(sealed_bt), trusted)

    assert _headline(sig) == (Indication.FAILED, SubIndication.SUSPICIOUS_MODIFICATION)
    first = sig.findings[0]
    assert first.code == "document.objects_appended"
    assert first.message.startswith("Objects were appended outside the signed revision: ")
    assert not any(f.message.startswith("Seal is valid") for f in sig.findings)
    assert "signature.intact" in {f.code for f in sig.findings}


@pytest.mark.parametrize(
    ("attack", "what"),
    [
        (attacks.content_replaced, "page content replaced (page 1)"),
        (attacks.page_added, "1 page added"),
        (attacks.sticky_note, "a comment (sticky note) added on page 1"),
    ],
)
def test_later_revision_is_described_by_what_changed(sealed_bt, trusted, tmp_path, attack, what):
    _, sig = _verdict(tmp_path, attack(sealed_bt), trusted)

    assert _headline(sig) == (Indication.FAILED, SubIndication.SUSPICIOUS_MODIFICATION)
    first = sig.findings[0]
    assert first.code == "document.modified"
    assert first.message.startswith(f"The document was changed after sealing: {what}. ")
    assert "(revision 1)" in first.message
    assert "unexplained xrefs" not in first.message  # pyHanko's words are the detail below
    assert sig.findings[1].code == "signature.intact"
    assert sig.findings[-1].code == "detail.modification"
    assert not any(f.message.startswith("Seal is valid") for f in sig.findings)


def test_removed_seal_is_reported_and_never_told_to_be_sealed(sealed_bt, trusted, tmp_path):
    report, sig = _verdict(tmp_path, attacks.seal_removed(sealed_bt), trusted)

    assert report.indication is Indication.FAILED
    assert sig.field_name == "Seal"
    assert _headline(sig) == (Indication.FAILED, SubIndication.SUSPICIOUS_MODIFICATION)
    assert sig.findings[0].code == "document.seal_removed"
    assert sig.findings[0].message.startswith(
        "An earlier revision (revision 1) of this document carried a seal ('Seal') that was "
        "removed by a later update."
    )
    assert "seal the document" not in sig.findings[0].message.lower()


def test_corrupted_signature_value_on_bt_seal_is_a_broken_signature_first(
    sealed_bt, trusted, tmp_path
):
    _, sig = _verdict(tmp_path, attacks.signature_value_corrupted(sealed_bt), trusted)

    assert _headline(sig) == (Indication.FAILED, SubIndication.SIG_CRYPTO_FAILURE)
    assert sig.findings[0].code == "integrity.signature_invalid"
    assert sig.findings[0].message.startswith(
        "The seal's signature value does not verify with the signer's public key"
    )
    assert "timestamp.invalid" in {f.code for f in sig.findings[1:]}  # the consequence, after


def test_self_signed_impostor_is_named_as_such(pki, trusted, tmp_path):
    impostor = attacks.self_signed_impostor(pki.signer("ec").cert)
    forged = attacks.seal_with(make_pdf(), impostor, pki.timestamper())

    _, sig = _verdict(tmp_path, forged, trusted)

    assert _headline(sig) == (Indication.FAILED, SubIndication.IMPERSONATION)
    assert sig.findings[0].code == "impostor.name_clash"
    assert sig.findings[0].message.startswith(
        "Signed by a certificate that is NOT the organisation's, although its name is the same "
        f"({EC_SIGNER}): it signed itself."
    )


def test_look_alike_root_is_named_as_such(pki, trusted, tmp_path):
    forger = attacks.look_alike_root(pki.signer("ec").cert, pki.root_cert)
    forged = attacks.seal_with(make_pdf(), forger, pki.timestamper())

    _, sig = _verdict(tmp_path, forged, trusted)

    assert _headline(sig) == (Indication.FAILED, SubIndication.IMPERSONATION)
    assert sig.findings[0].code == "impostor.look_alike_root"
    assert sig.findings[0].message.startswith(
        "Signed by a certificate that is NOT the organisation's, although its name is the same "
        f"({EC_SIGNER}): it was issued by a look-alike of the trusted root "
        "'SealDesk Test Root CA' (same name, different key)."
    )
    assert "revocation" not in sig.findings[0].message


def test_genuine_seal_without_reachable_revocation_is_not_called_an_impostor(
    pki, sealed_bt, trusted, tmp_path
):
    """The defence's false-positive check: same name as the organisation, and really its."""
    path = tmp_path / "genuine.pdf"
    path.write_bytes(sealed_bt)
    with pki.outage("ocsp", "crls"):
        sig = validate_pdf(path, trusted).signatures[0]

    assert sig.indication is Indication.INDETERMINATE
    assert not any(f.code.startswith("impostor.") for f in sig.findings)


def test_genuine_seal_without_its_intermediate_is_not_called_an_impostor(pki, policy_offline,
                                                                          tmp_path):
    """The other limit: a chain that stops at an issuer not at hand proves nothing."""
    genuine = pki.signer("ec")
    bare = SimpleSigner(signing_cert=genuine.cert, signing_key=genuine.key,
                        cert_registry=SimpleCertificateStore.from_certs([]))
    sealed = attacks.seal_with(make_pdf(), bare, pki.timestamper())

    _, sig = _verdict(tmp_path, sealed, policy_offline)

    assert sig.indication is not Indication.PASSED
    assert sig.sub_indication is not SubIndication.IMPERSONATION
    assert not any(f.code.startswith("impostor.") for f in sig.findings)


def test_damaged_extra_certificate_is_a_warning(pki, trusted, tmp_path):
    extra = pki.ocsp_responder_cert
    carrying = attacks.with_extra_certificate(pki.signer("ec").simple_signer, extra)
    sealed = attacks.seal_with(make_pdf(), carrying, pki.timestamper())

    _, sig = _verdict(tmp_path, attacks.extra_certificate_damaged(sealed, extra), trusted)

    assert _headline(sig) == (Indication.PASSED, None)
    assert sig.findings[0].message.startswith(f"Seal is valid: made by {EC_SIGNER}")
    warning = sig.findings[1]
    assert (warning.code, warning.severity) == (
        "signature.extra_certificate_damaged",
        Severity.WARNING,
    )
    assert "'SealDesk Test OCSP Responder'" in warning.message


def test_damaged_signer_certificate_stays_fatal(pki, sealed_bt, trusted, tmp_path):
    """The defence's limit: damage to the certificate the seal rests on is never a warning."""
    attacked = attacks.extra_certificate_damaged(sealed_bt, pki.signer("ec").cert)

    _, sig = _verdict(tmp_path, attacked, trusted)

    assert _headline(sig) == (Indication.FAILED, SubIndication.FORMAT_FAILURE)
    assert sig.findings[0].code == "signature.damaged"
