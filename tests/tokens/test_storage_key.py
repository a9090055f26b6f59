"""The storage KEK on a real SoftHSM2 token (issue 21 item 2): wrap in software, open on the token.

Also the recovery path (a decrypt-only key with a certificate on a second token) and the stored
record of wraps, which comes from an untrusted disk and so is read with bounds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute

from sealdesk.core.crypto.wrapping import (
    MAX_RECORD_BYTES,
    WrappedKey,
    dump_wrapped_keys,
    load_wrapped_keys,
    recipient_fingerprint,
    wrap_data_key,
    wrap_for,
)
from sealdesk.core.token import open_token_session
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.softhsm import init_token, write_softhsm_config
from sealdesk.core.token.storage_key import (
    StorageKeyInfo,
    create_storage_key,
    destroy_storage_key,
    find_storage_keys,
    generate_recovery_keypair,
    storage_public_key,
    unwrap_data_key,
    unwrap_with_certificate_key,
)
from sealdesk.errors import KeyNotFoundError, RecordIntegrityError, SealDeskError, TokenError
from tests.fixtures.tokens import SO_PIN, SoftToken, make_soft_token

OTHER_PIN = "kek-pin-7Qz"
"""The second token's PIN: distinctive, so finding it in an error text cannot be a fluke."""


def _other_token(first: SoftToken, label: str) -> SoftToken:
    """A second, separate token in the same SoftHSM2 folder, with its own PIN."""
    init_token(first.conf, label, OTHER_PIN, SO_PIN)
    return SoftToken(first.module, first.conf, label, OTHER_PIN)


@dataclass(frozen=True)
class Offices:
    """Three tokens: ours with KEK 1, another office's with its own KEK 1, and a recovery token
    with a decrypt-only key and its certificate. Read-only for the tests that share it."""

    home: SoftToken
    kek: StorageKeyInfo
    other: SoftToken
    recovery: SoftToken
    recovery_public: rsa.RSAPublicKey


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Offices:
    """Made once per module, because an RSA-3072 key generation takes 1-5 s on SoftHSM2; each
    test gets its own copy (:func:`offices`)."""
    home = make_soft_token(tmp_path_factory.mktemp("kek") / "softhsm", "Home Office")
    other = _other_token(home, "Other Office")
    recovery = _other_token(home, "Recovery")
    with home.session() as token:
        kek = create_storage_key(token, 1)
    with other.session() as token:
        create_storage_key(token, 1)
    with recovery.session() as token:
        public_key = generate_recovery_keypair(token, "recovery-1", b"\x42")
        store_certificate(token, _certificate_for(public_key, "Recovery 1"), "recovery-1", b"\x42")
    return Offices(home, kek, other, recovery, public_key)


@pytest.fixture
def offices(office_template: Offices, tmp_path: Path) -> Offices:
    """A private copy of the template's tokens for this test: SoftHSM2 keeps tokens in files."""
    conf = write_softhsm_config(tmp_path / "softhsm")
    shutil.copytree(office_template.home.conf.parent / "tokens", conf.parent / "tokens",
                    dirs_exist_ok=True)
    return replace(
        office_template,
        home=replace(office_template.home, conf=conf),
        other=replace(office_template.other, conf=conf),
        recovery=replace(office_template.recovery, conf=conf),
    )


def _assert_no_secret(exc: BaseException, *secrets: bytes | str) -> None:
    """Nothing secret in the error, its hint, its repr, or anything chained to it."""
    seen: BaseException | None = exc
    while seen is not None:
        text = repr(seen) + str(seen)
        if isinstance(seen, SealDeskError):
            text += seen.describe()
        for secret in secrets:
            shown = secret if isinstance(secret, str) else secret.hex()
            assert shown not in text
            assert not isinstance(secret, bytes) or repr(secret) not in text
        seen = seen.__cause__ or seen.__context__


def test_kek_round_trip_wrap_in_software_open_on_token(offices: Offices) -> None:
    """Create, find, wrap without a login, unwrap on the token: the same data key comes back."""
    home, info = offices.home, offices.kek
    with open_token_session(home.module, home.selector, None,
                            environment=home.environment, login=False) as public_only:
        found = find_storage_keys(public_only)
        public_key = storage_public_key(public_only, 1)
    assert [(k.label, k.generation, k.fingerprint) for k in found] == [
        ("sealdesk-storage-kek-1", 1, info.fingerprint)
    ]
    assert found[0].key_id == info.key_id != b""
    assert public_key.key_size == 3072
    assert recipient_fingerprint(public_key) == info.fingerprint

    data_key = os.urandom(32)
    wrapped = wrap_for(public_key, data_key)
    assert data_key not in wrapped.wrapped and len(wrapped.wrapped) == 384
    with home.session() as token:
        assert unwrap_data_key(token, wrapped) == data_key


def test_kek_private_key_only_decrypts_and_never_leaves_the_token(offices: Offices) -> None:
    with offices.home.session() as token:
        private = token.private_key("sealdesk-storage-kek-1")
        public = token.session.get_key(label="sealdesk-storage-kek-1",
                                       object_class=private.object_class.PUBLIC_KEY)
        private_attrs = {a: private[a] for a in (
            Attribute.SENSITIVE, Attribute.EXTRACTABLE, Attribute.ALWAYS_SENSITIVE,
            Attribute.NEVER_EXTRACTABLE, Attribute.LOCAL, Attribute.SIGN, Attribute.DECRYPT,
            Attribute.UNWRAP)}
        public_attrs = {a: public[a] for a in (Attribute.ENCRYPT, Attribute.WRAP, Attribute.VERIFY)}
        assert bytes(private[Attribute.ID]) == bytes(public[Attribute.ID]) == b"sealdesk-kek-1"
    assert private_attrs == {
        Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False, Attribute.ALWAYS_SENSITIVE: True,
        Attribute.NEVER_EXTRACTABLE: True, Attribute.LOCAL: True, Attribute.SIGN: False,
        Attribute.DECRYPT: True, Attribute.UNWRAP: True,
    }
    assert public_attrs == {Attribute.ENCRYPT: True, Attribute.WRAP: True, Attribute.VERIFY: False}


def test_rotation_new_generation_then_destroyed_old_one_opens_nothing(offices: Offices) -> None:
    data_key, old = os.urandom(32), offices.kek
    with offices.home.session() as token:
        with pytest.raises(TokenError, match="already holds a storage key 'sealdesk-storage-kek-1"):
            create_storage_key(token, 1)
        old_wrap = wrap_for(old.public_key, data_key)
        new = create_storage_key(token, 2)
        new_wrap = wrap_for(new.public_key, unwrap_data_key(token, old_wrap))
        destroy_storage_key(token, 1)

        assert [k.generation for k in find_storage_keys(token)] == [2]
        with pytest.raises(KeyNotFoundError) as excinfo:
            unwrap_data_key(token, old_wrap)
        assert unwrap_data_key(token, new_wrap) == data_key
        with pytest.raises(KeyNotFoundError):
            destroy_storage_key(token, 1)
    assert "does not hold the key that opens this document" in excinfo.value.message
    assert old.fingerprint[:16] in excinfo.value.message
    _assert_no_secret(excinfo.value, data_key, offices.home.pin)


def test_wrong_token_refuses_with_a_clear_message(offices: Offices) -> None:
    """Another token's KEK of the same generation (same label, other key) opens nothing."""
    info = offices.kek
    data_key = os.urandom(32)
    wrapped = wrap_for(info.public_key, data_key)
    with offices.other.session() as token, pytest.raises(KeyNotFoundError) as excinfo:
        unwrap_data_key(token, wrapped)
    error = excinfo.value
    assert error.message == (
        "This token does not hold the key that opens this document "
        f"(key {info.fingerprint[:16]}…)."
    )
    assert "use the token it was stored with or a recovery token" in error.hint.lower()
    _assert_no_secret(error, data_key, OTHER_PIN, offices.home.pin)


def test_damaged_wraps_are_an_integrity_error_and_the_session_still_works(
    offices: Offices,
) -> None:
    data_key, info = os.urandom(32), offices.kek
    with offices.home.session() as token:
        good = wrap_for(info.public_key, data_key)
        flipped = good.wrapped[:100] + bytes([good.wrapped[100] ^ 1]) + good.wrapped[101:]
        damaged = [
            WrappedKey(info.fingerprint, os.urandom(384)),
            WrappedKey(info.fingerprint, flipped),
            WrappedKey(info.fingerprint, good.wrapped[:-1]),
            WrappedKey(info.fingerprint, b"\x00" * 384),
        ]
        for wrapped in damaged:
            with pytest.raises(RecordIntegrityError, match="damaged or was altered") as excinfo:
                unwrap_data_key(token, wrapped)
            _assert_no_secret(excinfo.value, data_key, offices.home.pin)
        assert unwrap_data_key(token, good) == data_key  # a failed C_Decrypt left nothing behind


def _certificate_for(public_key: rsa.RSAPublicKey, name: str) -> bytes:
    """A certificate for a decrypt-only key, issued by a (test-only) software CA.

    The key cannot sign its own CSR, so the issuer certifies the public key it is given.
    """
    ca_key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test recovery CA")]))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=True,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


def test_recovery_token_opens_a_key_wrapped_to_its_certificate(offices: Offices) -> None:
    """The data key is wrapped to the KEK and to a recovery certificate; the recovery token,
    which holds no KEK, opens it with the certificate's key."""
    recovery, kek, public_key = offices.recovery, offices.kek, offices.recovery_public
    with recovery.session() as token:
        recovery_key = token.private_key("recovery-1")
        assert (recovery_key[Attribute.SIGN], recovery_key[Attribute.DECRYPT]) == (False, True)
        assert recovery_key[Attribute.EXTRACTABLE] is False

    with open_token_session(recovery.module, recovery.selector, None,
                            environment=recovery.environment, login=False) as public_only:
        cert = x509.load_der_x509_certificate(public_only.certificate_der("recovery-1"))
    data_key = os.urandom(32)
    record = dump_wrapped_keys([wrap_for(kek.public_key, data_key),
                                wrap_for(cert.public_key(), data_key)])  # type: ignore[arg-type]
    kek_wrap, recovery_wrap = load_wrapped_keys(record)
    assert recovery_wrap.fingerprint == recipient_fingerprint(public_key)

    with recovery.session() as token:
        assert unwrap_with_certificate_key(token, recovery_wrap, "recovery-1") == data_key
        assert unwrap_with_certificate_key(token, recovery_wrap, b"\x42") == data_key
        with pytest.raises(KeyNotFoundError, match="not the key that opens this document"):
            unwrap_with_certificate_key(token, kek_wrap, "recovery-1")
        with pytest.raises(KeyNotFoundError, match="does not hold the key"):
            unwrap_data_key(token, recovery_wrap)  # a recovery key is not a KEK
    with offices.home.session() as token:
        assert unwrap_data_key(token, kek_wrap) == data_key


def test_signing_keys_cannot_open_data_keys(soft_token: SoftToken) -> None:
    """Keys have one purpose: a custodian's RSA signing key cannot decrypt, and is refused."""
    with soft_token.session() as token:
        generate_keypair(token, KeyAlgorithm.RSA_2048, "custodian", b"\x07")
        signing_key = token.private_key("custodian")
        assert (signing_key[Attribute.SIGN], signing_key[Attribute.DECRYPT],
                signing_key[Attribute.UNWRAP]) == (True, False, False)
        wrapped = wrap_for(token.public_key("custodian"), os.urandom(32))  # type: ignore[arg-type]
        with pytest.raises(TokenError, match="'custodian' on token 'Test Token' is not a recovery"):
            unwrap_with_certificate_key(token, wrapped, "custodian")
        assert find_storage_keys(token) == []  # an RSA key of another purpose is no KEK


def test_wrapping_refuses_what_is_not_a_data_key_or_a_strong_rsa_key() -> None:
    strong = rsa.generate_private_key(65537, 2048).public_key()
    with pytest.raises(ValueError, match="32 bytes, not 16"):
        wrap_data_key(strong, os.urandom(16))
    with pytest.raises(ValueError, match="too small"):
        wrap_data_key(rsa.generate_private_key(65537, 1024).public_key(), os.urandom(32))
    with pytest.raises(TypeError):
        wrap_data_key(ec.generate_private_key(ec.SECP256R1()).public_key(),  # type: ignore[arg-type]
                      os.urandom(32))
    with pytest.raises(ValueError, match="at least one recipient"):
        dump_wrapped_keys([])


def _record(keys: object, **extra: object) -> bytes:
    return json.dumps({"version": 1, "scheme": "rsa-oaep-sha1", "keys": keys, **extra}).encode()


GOOD_ENTRY = {"fingerprint": "ab" * 32, "wrapped": "AAEC"}


@pytest.mark.parametrize(("data", "why"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b"[" * 10_000, "not valid JSON"),
    (b"[]", "fields version, scheme and keys"),
    (_record([GOOD_ENTRY], extra=1), "fields version, scheme and keys"),
    (_record([]), "names no recipient"),
    (_record([GOOD_ENTRY, GOOD_ENTRY]), "one recipient twice"),
    (_record([{"fingerprint": "AB" * 32, "wrapped": "AAEC"}]), "64 lower-case hex"),
    (_record([{"fingerprint": "ab" * 32, "wrapped": "not base64!"}]), "not valid base64"),
    (_record([{"fingerprint": "ab" * 32, "wrapped": ""}]), "empty or too long"),
    (_record([{"fingerprint": "ab" * 32}]), "fingerprint and a wrapped key"),
    (_record(["x"]), "fingerprint and a wrapped key"),
])
def test_damaged_key_records_are_refused_clearly(data: bytes, why: str) -> None:
    with pytest.raises(RecordIntegrityError) as excinfo:
        load_wrapped_keys(data)
    assert excinfo.value.message.startswith("The document's key record is damaged")
    assert why in excinfo.value.message
    assert excinfo.value.hint


def test_key_record_size_version_and_round_trip() -> None:
    with pytest.raises(RecordIntegrityError, match="more than the 65,536 allowed"):
        load_wrapped_keys(b" " * (MAX_RECORD_BYTES + 1))
    with pytest.raises(RecordIntegrityError, match="reads version 1, rsa-oaep-sha1"):
        load_wrapped_keys(_record([GOOD_ENTRY]).replace(b'"version": 1', b'"version": 2'))
    keys = [WrappedKey("ab" * 32, os.urandom(384)), WrappedKey("cd" * 32, os.urandom(512))]
    assert load_wrapped_keys(dump_wrapped_keys(keys)) == keys
    assert WrappedKey.from_json(keys[0].to_json()) == keys[0]
