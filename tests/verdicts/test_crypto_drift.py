"""Issue 18 item 2: each seal compared with the policy in force when it was made.

Real seals (test PKI, loopback TSA; and the demo installation's token for the recording side),
real validation reports; the deviations are made the way a faulty release would make them:
another digest, another key, a lower level, no timestamp.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.core.validation import RevocationMode, ValidationPolicy, validate_pdf
from sealdesk.core.validation.crypto_profile import (
    CryptoProfile,
    drift_findings,
    expected_profile,
)
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.worker import DocumentChecker, PolicySpec, WorkItem, with_drift
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.core.validation.conftest import make_pdf, seal_bytes
from tests.verdicts import attacks


def _seal_report(tmp_path: Path, data: bytes, policy: ValidationPolicy):
    path = tmp_path / "sealed.pdf"
    path.write_bytes(data)
    return validate_pdf(path, policy)


def test_report_records_the_seal_s_cryptographic_profile(sealed_bt, trusted, tmp_path, pki):
    sig = _seal_report(tmp_path, sealed_bt, trusted).signatures[0]

    profile = CryptoProfile.from_dict(sig.crypto)
    assert profile.digest_algorithm == "2.16.840.1.101.3.4.2.1"  # SHA-256
    assert profile.signature_algorithm == "1.2.840.10045.4.3.2"  # ecdsa-with-SHA256
    assert (profile.key_type, profile.key_size, profile.curve) == ("ec", 256, "secp256r1")
    assert 64 <= profile.signature_size <= 72 and profile.timestamped
    assert profile.certificate_sha256 == sig.signer_cert_sha256
    expected = expected_profile(pki.signer("ec").cert, "B-T")
    assert drift_findings(expected, profile, "B-T") == ()


def test_another_digest_is_drift(pki, trusted, tmp_path):
    signer = pki.signer("ec")
    made = attacks.seal_with(make_pdf(), signer.simple_signer, pki.timestamper(), "sha512")
    sig = _seal_report(tmp_path, made, trusted).signatures[0]

    drift = drift_findings(expected_profile(signer.cert, "B-T"),
                           CryptoProfile.from_dict(sig.crypto), "B-T")

    messages = [f.message for f in drift]
    assert [f.code for f in drift] == ["crypto.drift", "crypto.drift"]
    assert messages[0].startswith(
        "Cryptographic drift: digest algorithm 2.16.840.1.101.3.4.2.3 instead of "
        "2.16.840.1.101.3.4.2.1, unlike the policy in force when it was sealed.")
    assert "signature algorithm 1.2.840.10045.4.3.4 instead of 1.2.840.10045.4.3.2" in messages[1]


def test_another_key_and_a_lower_level_are_drift(pki, trusted, tmp_path):
    made = seal_bytes(pki, make_pdf(), signer="ec", level="B-B")
    sig = _seal_report(tmp_path, made, trusted).signatures[0]

    drift = drift_findings(expected_profile(pki.signer("rsa").cert, "B-LT"),
                           CryptoProfile.from_dict(sig.crypto), sig.pades_level.value)

    texts = " | ".join(f.message for f in drift)
    for part in ("signed with certificate", "PAdES level B-B below B-LT",
                 "signature algorithm 1.2.840.10045.4.3.2 instead of 1.2.840.113549.1.1.11",
                 "key type ec instead of rsa", "key size 256 instead of 3072",
                 "no timestamp"):
        assert part in texts, part


def test_seals_made_before_the_record_are_held_to_certificate_and_level(
        pki, sealed_bt, trusted, tmp_path):
    report = _seal_report(tmp_path, sealed_bt, trusted)
    old_style = json.dumps({"level": "B-LTA", "certificate_sha256": "00" * 32,
                            "key_label": "seal", "reason": "x", "location": "y"})

    notes = with_drift(report, old_style).notes

    assert [n.code for n in notes] == ["crypto.drift", "crypto.drift"]
    assert all("only the certificate and level were recorded" in n.message for n in notes)
    assert "PAdES level B-T below B-LTA" in notes[1].message


def test_sealing_records_the_policy_and_revalidation_finds_no_drift(
        demo_ctx: AppContext, demo_pin: str, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    batch = seal_documents(demo_ctx, [pdf_factory("drift")], demo_pin)
    assert batch.ok
    with demo_ctx.database.reader() as session:
        event = session.execute(select(AuditEntry).where(
            AuditEntry.event_type == str(EventType.DOCUMENT_SEALED))).scalars().one()
        seal = session.execute(select(Seal)).scalars().one()
        payload = json.loads(bytes(event.payload))
        policy_json, sealed_sha256 = seal.policy_json, seal.sealed_sha256
    recorded = json.dumps(payload, sort_keys=True)
    assert '"crypto_policy"' in recorded
    assert '"digest_algorithm": "2.16.840.1.101.3.4.2.1"' in recorded
    assert json.loads(policy_json)["crypto_policy"]["key_type"] in ("ec", "rsa")

    policy = ValidationPolicy(demo_ctx.trust_anchors(), RevocationMode.OFFLINE)
    checker = DocumentChecker(PolicySpec.of(policy))
    try:
        stored = str(demo_ctx.store.path_of(sealed_sha256))
        clean = checker.check(WorkItem(0, stored, seal_policy=policy_json))
        drifted_policy = json.loads(policy_json)
        drifted_policy["crypto_policy"]["digest_algorithm"] = "1.3.14.3.2.26"  # as if SHA-1
        drifted = checker.check(WorkItem(1, stored, seal_policy=json.dumps(drifted_policy)))
    finally:
        checker.close()
    assert clean.report_json is not None and '"crypto.drift"' not in clean.report_json
    assert drifted.report_json is not None
    notes = json.loads(drifted.report_json)["notes"]
    assert [n["code"] for n in notes] == ["crypto.drift"]
    assert notes[0]["message"].startswith(
        "Cryptographic drift: digest algorithm 2.16.840.1.101.3.4.2.1 instead of 1.3.14.3.2.26")
