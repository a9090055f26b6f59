"""Checkpoints: exact signed bytes, real ECDSA/RSA signatures, tampering, files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sealdesk.core.audit.checkpoint import (
    Checkpoint,
    CheckpointFile,
    SignatureAlgorithm,
    SignedCheckpoint,
    check_successor,
    ecdsa_raw_to_der,
    export_checkpoint,
    key_id_for,
    load_checkpoint_file,
    sign_checkpoint,
    verify_checkpoint_file,
    verify_checkpoint_signature,
)
from sealdesk.errors import InputError, RecordIntegrityError
from tests.core.audit.audit_helpers import T0, SoftwareSigner, build_log

LOG = build_log(20)


def test_signed_bytes_are_exactly_as_documented(ec_signer: SoftwareSigner) -> None:
    cp = ec_signer.checkpoint(LOG, size=3).signed.checkpoint
    expected = (
        '{"console_id":"console-01","format":"sealdesk.audit.checkpoint/1",'
        f'"key_id":"{ec_signer.key_id}","previous_checkpoint_hash":null,'
        f'"root_hash":"{cp.root_hash.hex()}","software_version":"0.1.0",'
        '"time":"2024-05-01T12:00:00.000000Z","tree_size":3}'
    )
    assert cp.signed_bytes() == expected.encode()
    assert cp.checkpoint_hash() == hashlib.sha256(expected.encode()).digest()
    assert Checkpoint.from_dict(cp.to_dict()) == cp


def test_key_id_is_the_spki_hash(ec_signer: SoftwareSigner) -> None:
    cert = x509.load_pem_x509_certificate(ec_signer.certificate_pem)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert hashlib.sha256(spki).hexdigest() == ec_signer.key_id
    assert key_id_for(cert.public_key()) == ec_signer.key_id  # type: ignore[arg-type]


@pytest.mark.parametrize("signer_name", ["ec_signer", "rsa_signer"])
def test_sign_and_verify(signer_name: str, request: pytest.FixtureRequest) -> None:
    signer: SoftwareSigner = request.getfixturevalue(signer_name)
    cpf = signer.checkpoint(LOG)
    verify_checkpoint_signature(cpf.signed, cpf.certificate)
    verify_checkpoint_signature(cpf.signed, cpf.certificate.public_key())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"tree_size": 19},
        {"root_hash": bytes(32)},
        {"time": T0 + dt.timedelta(microseconds=1)},
        {"previous_checkpoint_hash": bytes(32)},
        {"console_id": "console-02"},
        {"software_version": "0.1.1"},
    ],
)
@pytest.mark.parametrize("signer_name", ["ec_signer", "rsa_signer"])
def test_any_altered_field_breaks_the_signature(
    change: dict[str, Any], signer_name: str, request: pytest.FixtureRequest
) -> None:
    signer: SoftwareSigner = request.getfixturevalue(signer_name)
    signed = signer.checkpoint(LOG).signed
    forged = dataclasses.replace(
        signed, checkpoint=dataclasses.replace(signed.checkpoint, **change)
    )
    with pytest.raises(RecordIntegrityError, match=r"signature .* is not valid"):
        verify_checkpoint_signature(forged, signer.checkpoint(LOG).certificate)


def test_another_key_is_named_as_such(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    cpf = ec_signer.checkpoint(LOG)
    with pytest.raises(RecordIntegrityError, match="signed by key"):
        verify_checkpoint_signature(cpf.signed, other_ec_signer.checkpoint(LOG).certificate)


def test_a_key_id_rewritten_to_another_key_fails(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    signed = ec_signer.checkpoint(LOG).signed
    forged = dataclasses.replace(
        signed, checkpoint=dataclasses.replace(signed.checkpoint, key_id=other_ec_signer.key_id)
    )
    with pytest.raises(RecordIntegrityError, match="not valid"):
        verify_checkpoint_signature(forged, other_ec_signer.checkpoint(LOG).certificate)


def test_algorithm_must_fit_the_key(ec_signer: SoftwareSigner) -> None:
    signed = ec_signer.checkpoint(LOG).signed
    forged = dataclasses.replace(signed, algorithm=SignatureAlgorithm.RSA_PKCS1V15_SHA256)
    with pytest.raises(RecordIntegrityError, match="not an RSA key"):
        verify_checkpoint_signature(forged, ec_signer.checkpoint(LOG).certificate)


def test_garbage_signature_fails(ec_signer: SoftwareSigner) -> None:
    signed = ec_signer.checkpoint(LOG).signed
    with pytest.raises(RecordIntegrityError, match="not valid"):
        verify_checkpoint_signature(
            dataclasses.replace(signed, signature=b"\x30\x00"),
            ec_signer.checkpoint(LOG).certificate,
        )


def test_sign_checkpoint_refuses_a_signer_with_another_key(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    cp = ec_signer.checkpoint(LOG).signed.checkpoint
    with pytest.raises(ValueError, match="signer holds key"):
        sign_checkpoint(cp, other_ec_signer)


def test_raw_ecdsa_signature_from_a_token_converts_to_der(ec_signer: SoftwareSigner) -> None:
    cp = ec_signer.checkpoint(LOG).signed.checkpoint
    der = ec_signer.sign(cp.signed_bytes())
    r, s = decode_dss_signature(der)
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")  # what CKM_ECDSA returns
    signed = SignedCheckpoint(cp, ecdsa_raw_to_der(raw), SignatureAlgorithm.ECDSA_SHA256)
    verify_checkpoint_signature(signed, ec_signer.checkpoint(LOG).certificate)
    with pytest.raises(ValueError, match="equal length"):
        ecdsa_raw_to_der(raw[:-1])
    with pytest.raises(ValueError, match="zero"):
        ecdsa_raw_to_der(bytes(64))


def test_checkpoint_validation() -> None:
    good: dict[str, Any] = {
        "tree_size": 1,
        "root_hash": bytes(32),
        "time": T0,
        "previous_checkpoint_hash": None,
        "console_id": "c",
        "software_version": "v",
        "key_id": "a" * 64,
    }
    Checkpoint(**good)
    for change in (
        {"tree_size": -1},
        {"tree_size": True},
        {"root_hash": b"x"},
        {"time": dt.datetime(2024, 1, 1)},
        {"previous_checkpoint_hash": "00" * 32},
        {"console_id": ""},
        {"key_id": "A" * 64},
    ):
        with pytest.raises(ValueError):  # noqa: PT011 - each field has its own message
            Checkpoint(**{**good, **change})


def test_checkpoint_succession(ec_signer: SoftwareSigner) -> None:
    first = ec_signer.checkpoint(LOG, size=5).signed.checkpoint
    second = ec_signer.checkpoint(LOG, size=9, previous=first).signed.checkpoint
    check_successor(first, second)
    stranger = ec_signer.checkpoint(LOG, size=7).signed.checkpoint
    with pytest.raises(RecordIntegrityError, match="does not name"):
        check_successor(stranger, second)
    shrunk = dataclasses.replace(second, tree_size=3)
    with pytest.raises(RecordIntegrityError, match="shrank"):
        check_successor(first, shrunk)


# -- files --------------------------------------------------------------------------------------


def test_export_and_load_round_trip(ec_signer: SoftwareSigner) -> None:
    cpf = ec_signer.checkpoint(LOG)
    data = export_checkpoint(cpf.signed, cpf.certificate_pem)
    text = data.decode()
    assert '"format": "sealdesk-audit-checkpoint"' in text
    assert "-----BEGIN CERTIFICATE-----" in text
    loaded = load_checkpoint_file(data)
    assert loaded == cpf
    check = verify_checkpoint_file(loaded)
    assert not check.trusted
    assert check.fingerprint == loaded.certificate.fingerprint(hashes.SHA256()).hex()


def test_export_refuses_a_certificate_that_does_not_verify(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    cpf = ec_signer.checkpoint(LOG)
    with pytest.raises(RecordIntegrityError):
        export_checkpoint(cpf.signed, other_ec_signer.certificate_pem)


def test_trusted_bundle_selects_the_certificate_by_key(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner, rsa_signer: SoftwareSigner
) -> None:
    cpf = ec_signer.checkpoint(LOG)
    bundle = (
        other_ec_signer.certificate_pem + ec_signer.certificate_pem + rsa_signer.certificate_pem
    )
    check = verify_checkpoint_file(cpf, bundle)
    assert check.trusted
    with pytest.raises(RecordIntegrityError, match="not among the trusted"):
        verify_checkpoint_file(cpf, other_ec_signer.certificate_pem)


def test_replaced_embedded_certificate_is_not_trusted(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    """An attacker re-signs a forged checkpoint with their own key and embeds their cert."""
    genuine = ec_signer.checkpoint(LOG)
    forged_cp = dataclasses.replace(
        genuine.signed.checkpoint, root_hash=bytes(32), key_id=other_ec_signer.key_id
    )
    forged = CheckpointFile(
        sign_checkpoint(forged_cp, other_ec_signer), other_ec_signer.certificate_pem
    )
    assert not verify_checkpoint_file(forged).trusted  # self-consistent, but only self-asserted
    with pytest.raises(RecordIntegrityError, match="not among the trusted"):
        verify_checkpoint_file(forged, ec_signer.certificate_pem)


def _file(ec_signer: SoftwareSigner) -> dict[str, Any]:
    cpf = ec_signer.checkpoint(LOG)
    return json.loads(export_checkpoint(cpf.signed, cpf.certificate_pem))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not a SealDesk checkpoint"),
        (lambda d: d.update(version=2), "not a SealDesk checkpoint"),
        (lambda d: d.update(extra=1), "unexpected fields"),
        (lambda d: d.pop("signature"), "malformed"),
        (lambda d: d["signature"].update(value="***"), "malformed"),
        (lambda d: d["signature"].update(algorithm="md5"), "malformed"),
        (lambda d: d["checkpoint"].update(root_hash="zz"), "root_hash"),
        (lambda d: d["checkpoint"].update(tree_size="7"), "tree_size"),
        (lambda d: d["checkpoint"].update(time="yesterday"), "timestamp"),
        (lambda d: d["checkpoint"].pop("key_id"), "missing"),
        (lambda d: d.update(certificate_pem="not a certificate"), "not a PEM certificate"),
    ],
)
def test_malformed_files_are_explained(
    ec_signer: SoftwareSigner, mutate: Any, message: str
) -> None:
    document = _file(ec_signer)
    mutate(document)
    with pytest.raises(InputError, match=message):
        load_checkpoint_file(json.dumps(document).encode())


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe", b"[1, 2]", b'{"a": 1, "a": 2}', b'{"a": NaN}'],
)
def test_non_json_files_are_explained(data: bytes) -> None:
    with pytest.raises(InputError, match="checkpoint file"):
        load_checkpoint_file(data)


def test_ec_signer_in_tests_is_p256(ec_signer: SoftwareSigner) -> None:
    assert isinstance(ec_signer.private_key, ec.EllipticCurvePrivateKey)
    assert ec_signer.private_key.curve.name == "secp256r1"
