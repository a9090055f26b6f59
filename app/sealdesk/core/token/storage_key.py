"""The storage key-encryption key (KEK) on the token, and opening wrapped data keys with it.

Every stored document is encrypted with its own data key, and the data key is kept only wrapped
(:mod:`sealdesk.core.crypto.wrapping`): in software, to the KEK's public key, so storing needs
no login. Opening asks the token to decrypt the wrap (C_Decrypt, RSA-OAEP); the KEK's private
half is generated on the token, sensitive, non-extractable, and may decrypt and unwrap but not
sign (keys have one purpose each), so a copy of the store without the token opens nothing.

KEKs have generations: ``sealdesk-storage-kek-<n>``. A rotation creates generation n+1,
re-wraps every data key to it, and only then destroys generation n.

The same wraps can be made to recovery or auditor keys held on other tokens, found through their
X.509 certificates; :func:`generate_recovery_keypair` makes such a key pair (decrypt-only, like
the KEK) and :func:`unwrap_with_certificate_key` opens a wrap with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import pkcs11
from cryptography.hazmat.primitives.asymmetric import rsa
from pkcs11 import MGF, Attribute, KeyType, Mechanism, ObjectClass
from pkcs11 import exceptions as p11

from sealdesk.core.crypto.wrapping import DATA_KEY_SIZE, WrappedKey, recipient_fingerprint
from sealdesk.core.token.errors import translate
from sealdesk.core.token.keygen import KeyAlgorithm, KeyPurpose, generate_keypair
from sealdesk.core.token.session import TokenSession
from sealdesk.errors import KeyNotFoundError, RecordIntegrityError, TokenAmbiguousError, TokenError

T = TypeVar("T")

LABEL_PREFIX = "sealdesk-storage-kek-"
_ID_PREFIX = b"sealdesk-kek-"
_OAEP_PARAMS = (Mechanism.SHA_1, MGF.SHA1, None)
"""The token's side of :data:`sealdesk.core.crypto.wrapping.SCHEME`: both name SHA-1 for the
OAEP hash and MGF1, and no label (SoftHSM2 2.6 accepts no other hash)."""
_BAD_WRAP = (
    p11.EncryptedDataInvalid,
    p11.EncryptedDataLenRange,
    p11.DataInvalid,
    p11.DataLenRange,
    p11.GeneralError,  # SoftHSM2's answer to a wrap whose OAEP padding does not check out
)


@dataclass(frozen=True)
class StorageKeyInfo:
    """One KEK generation as its public key object shows it (no login needed to list)."""

    label: str
    generation: int
    key_id: bytes
    fingerprint: str
    """:func:`~sealdesk.core.crypto.wrapping.recipient_fingerprint` of ``public_key``."""
    public_key: rsa.RSAPublicKey


def storage_key_label(generation: int) -> str:
    if generation < 1:
        raise ValueError(f"storage key generations count from 1, not {generation}")
    return f"{LABEL_PREFIX}{generation}"


def create_storage_key(token: TokenSession, generation: int) -> StorageKeyInfo:
    """Generate KEK ``generation`` on the token (RSA-3072, decrypt/unwrap only).

    Refused when anything with that label exists: a KEK is never replaced in place, since the
    data keys wrapped to it would become unopenable.
    """
    label = storage_key_label(generation)
    if _objects(token, {Attribute.LABEL: label}, "looking for an existing storage key"):
        raise TokenError(
            f"The token {token.info.label!r} already holds a storage key {label!r}.",
            hint="A storage key is never replaced; rotate to the next generation instead.",
        )
    key_id = _ID_PREFIX + str(generation).encode()
    generate_keypair(token, KeyAlgorithm.RSA_3072, label, key_id, purpose=KeyPurpose.DECRYPT)
    return _info(token, _one(token, ObjectClass.PUBLIC_KEY, label), generation)


def find_storage_keys(token: TokenSession) -> list[StorageKeyInfo]:
    """Every KEK generation on the token, oldest first, read from the public key objects."""
    template = {Attribute.CLASS: ObjectClass.PUBLIC_KEY, Attribute.KEY_TYPE: KeyType.RSA}
    found = []
    for obj in _objects(token, template, "listing the storage keys"):
        generation = _generation(_read(token, obj, Attribute.LABEL, str))
        if generation is not None:
            found.append(_info(token, obj, generation))
    return sorted(found, key=lambda info: info.generation)


def storage_public_key(token: TokenSession, generation: int) -> rsa.RSAPublicKey:
    """The public key of KEK ``generation``: what new data keys are wrapped to."""
    obj = _one(token, ObjectClass.PUBLIC_KEY, storage_key_label(generation))
    return _public_key(token, obj)


def unwrap_data_key(token: TokenSession, wrapped: WrappedKey) -> bytes:
    """Open ``wrapped`` with the KEK generation it was wrapped to (needs a login).

    The KEK is found by fingerprint, computed from the private key object itself, so a public
    key object that does not match its private half cannot misdirect the decryption.
    """
    template = {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.KEY_TYPE: KeyType.RSA}
    for key in _objects(token, template, "looking for the storage key of a document"):
        label = _read(token, key, Attribute.LABEL, str)
        if _generation(label) is not None and _fingerprint(token, key) == wrapped.fingerprint:
            return _decrypt(token, key, label, wrapped)
    raise KeyNotFoundError(
        f"This token does not hold the key that opens this document (key {_short(wrapped)}).",
        hint="Use the token it was stored with or a recovery token, and log in to it.",
    )


def unwrap_with_certificate_key(
    token: TokenSession, wrapped: WrappedKey, label_or_id: str | bytes
) -> bytes:
    """Open ``wrapped`` with a recovery or auditor key on another token (needs a login).

    Its certificate is how the data key was wrapped to it (the public key comes from there);
    here only the private key counts, chosen by label (``str``) or CKA_ID (``bytes``). It must
    be a decryption key (see :func:`generate_recovery_keypair`): a signing key is refused even
    if the token would let it decrypt, because keys have one purpose each.
    """
    if isinstance(label_or_id, bytes):
        key = token.private_key(key_id=label_or_id)
    else:
        key = token.private_key(label=label_or_id)
    label = _read(token, key, Attribute.LABEL, str)
    if (
        key.key_type != KeyType.RSA
        or _read(token, key, Attribute.SIGN, bool)
        or not _read(token, key, Attribute.DECRYPT, bool)
    ):
        raise TokenError(
            f"The key {label!r} on token {token.info.label!r} is not a recovery key.",
            hint="Recovery keys are RSA keys that can decrypt and not sign; generate one "
            "with SealDesk's recovery key set-up.",
        )
    if _fingerprint(token, key) != wrapped.fingerprint:
        raise KeyNotFoundError(
            f"The key {label!r} on token {token.info.label!r} is not the key that opens this "
            f"document (key {_short(wrapped)}).",
            hint="Use the token it was stored with or another recovery token.",
        )
    return _decrypt(token, key, label, wrapped)


def generate_recovery_keypair(token: TokenSession, label: str, key_id: bytes) -> rsa.RSAPublicKey:
    """Generate a decrypt-only RSA-3072 key pair for a recovery token; returns its public key.

    Its certificate cannot come from a CSR signed by the key itself (the key cannot sign): the
    issuer certifies the public key returned here.
    """
    generate_keypair(token, KeyAlgorithm.RSA_3072, label, key_id, purpose=KeyPurpose.DECRYPT)
    return _public_key(token, token.private_key(label=label, key_id=key_id))


def destroy_storage_key(token: TokenSession, generation: int) -> None:
    """Delete KEK ``generation`` (both halves), once every data key is re-wrapped to another.

    Whatever is still wrapped only to it can never be opened again; checking that nothing is
    left is the caller's job (the rotation service), as only it knows the store.
    """
    label = storage_key_label(generation)
    doing = "looking for the storage key to destroy"
    private = _labelled(token, ObjectClass.PRIVATE_KEY, label, doing)
    public = _labelled(token, ObjectClass.PUBLIC_KEY, label, doing)
    if not private:  # without a login the private half is invisible: never destroy half a KEK
        raise KeyNotFoundError(
            f"The token {token.info.label!r} shows no private storage key {label!r}.",
            hint="Log in to the token first; run 'sealdesk token list --keys' to see its keys.",
        )
    for obj in private + public:
        try:
            obj.destroy()
        except p11.PKCS11Error as exc:
            raise translate(exc, doing=f"destroying storage key {label!r}") from exc


def _decrypt(token: TokenSession, key: pkcs11.PrivateKey, label: str, wrapped: WrappedKey) -> bytes:
    """C_Decrypt the wrap on the token; a wrap that does not open is an integrity failure."""
    doing = f"opening a data key with key {label!r}"
    if len(wrapped.wrapped) != len(_read(token, key, Attribute.MODULUS, bytes)):
        raise _unopenable(wrapped)
    try:
        data_key = token.guarded(
            doing,
            lambda: key.decrypt(
                wrapped.wrapped, mechanism=Mechanism.RSA_PKCS_OAEP, mechanism_param=_OAEP_PARAMS
            ),
        )
    except _BAD_WRAP:
        raise _unopenable(wrapped) from None
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=doing) from exc
    if len(data_key) != DATA_KEY_SIZE:
        raise _unopenable(wrapped)
    return bytes(data_key)


def _unopenable(wrapped: WrappedKey) -> RecordIntegrityError:
    return RecordIntegrityError(
        f"The data key of this document does not open with its key ({_short(wrapped)}): the "
        "stored wrapped key is damaged or was altered.",
        hint="Restore the document's key record from a snapshot, or open it with a recovery "
        "token.",
    )


def _short(wrapped: WrappedKey) -> str:
    return wrapped.fingerprint[:16] + "…"


def _generation(label: str) -> int | None:
    """The generation in a KEK label; None for every other label."""
    rest = label.removeprefix(LABEL_PREFIX)
    if rest == label or not rest.isascii() or not rest.isdigit() or rest.startswith("0"):
        return None
    return int(rest)


def _info(token: TokenSession, obj: pkcs11.Object, generation: int) -> StorageKeyInfo:
    public_key = _public_key(token, obj)
    return StorageKeyInfo(
        label=storage_key_label(generation),
        generation=generation,
        key_id=_read(token, obj, Attribute.ID, bytes),
        fingerprint=recipient_fingerprint(public_key),
        public_key=public_key,
    )


def _public_key(token: TokenSession, obj: pkcs11.Object) -> rsa.RSAPublicKey:
    """The RSA public key of a public or private key object (modulus and exponent are public)."""
    modulus = _read(token, obj, Attribute.MODULUS, bytes)
    exponent = _read(token, obj, Attribute.PUBLIC_EXPONENT, bytes)
    numbers = rsa.RSAPublicNumbers(int.from_bytes(exponent, "big"), int.from_bytes(modulus, "big"))
    return numbers.public_key()


def _fingerprint(token: TokenSession, obj: pkcs11.Object) -> str:
    return recipient_fingerprint(_public_key(token, obj))


def _read(token: TokenSession, obj: pkcs11.Object, attribute: Attribute, kind: type[T]) -> T:
    try:
        return kind(obj[attribute])  # type: ignore[call-arg]
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=f"reading a key on token {token.info.label!r}") from exc


def _objects(
    token: TokenSession, template: Mapping[Attribute, object], doing: str
) -> list[pkcs11.Object]:
    try:
        return list(token.session.get_objects(dict(template)))
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=doing) from exc


def _labelled(
    token: TokenSession, cls: ObjectClass, label: str, doing: str
) -> list[pkcs11.Object]:
    return _objects(token, {Attribute.CLASS: cls, Attribute.LABEL: label}, doing)


def _one(token: TokenSession, cls: ObjectClass, label: str) -> pkcs11.Object:
    found = _labelled(token, cls, label, "finding a storage key")
    if not found:
        raise KeyNotFoundError(
            f"The token {token.info.label!r} holds no storage key {label!r}.",
            hint="Run 'sealdesk token list --keys' to see the keys on the token.",
        )
    if len(found) > 1:
        raise TokenAmbiguousError(
            f"The token {token.info.label!r} holds {len(found)} keys labelled {label!r}.",
            hint="Remove the key that SealDesk did not create; SealDesk never guesses.",
        )
    return found[0]
