"""Generating key pairs on the token and storing certificates next to them.

Private keys are generated ON the token, sensitive and non-extractable: they never exist outside
the hardware. The certificate object gets the same CKA_ID as its key pair, the convention every
PKCS#11 consumer (pyHanko, OpenSC, browsers) uses to pair them.

Keys have one purpose each (DESIGN: trust model). A token's defaults are not enough for that:
SoftHSM2 makes every private key able to sign AND decrypt unless told otherwise, so the templates
here say both explicitly: signing keys cannot decrypt or unwrap, decryption keys (the storage
KEK, recovery keys) cannot sign.
"""

from __future__ import annotations

from enum import StrEnum

from asn1crypto import x509 as asn1_x509
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11 import exceptions as p11
from pkcs11.util.ec import encode_named_curve_parameters

from sealdesk.core.token.errors import translate
from sealdesk.core.token.session import TokenSession


class KeyPurpose(StrEnum):
    SIGN = "sign"
    """Seal, audit and custodian keys."""
    DECRYPT = "decrypt"
    """Keys that open wrapped data keys (RSA only): the storage KEK, recovery keys."""


class KeyAlgorithm(StrEnum):
    EC_P256 = "ec-p256"
    EC_P384 = "ec-p384"
    RSA_3072 = "rsa-3072"
    RSA_2048 = "rsa-2048"


_PRIVATE_TEMPLATE = {
    Attribute.SENSITIVE: True,
    Attribute.EXTRACTABLE: False,
    Attribute.TOKEN: True,
    Attribute.PRIVATE: True,
}
_PUBLIC_TEMPLATE = {Attribute.TOKEN: True}
_PRIVATE_USES = {
    KeyPurpose.SIGN: {Attribute.SIGN: True, Attribute.DECRYPT: False, Attribute.UNWRAP: False},
    KeyPurpose.DECRYPT: {Attribute.SIGN: False, Attribute.DECRYPT: True, Attribute.UNWRAP: True},
}
_PUBLIC_USES = {
    KeyPurpose.SIGN: {Attribute.VERIFY: True, Attribute.ENCRYPT: False, Attribute.WRAP: False},
    KeyPurpose.DECRYPT: {Attribute.VERIFY: False, Attribute.ENCRYPT: True, Attribute.WRAP: True},
}


def generate_keypair(
    token: TokenSession,
    algorithm: KeyAlgorithm,
    label: str,
    key_id: bytes,
    *,
    always_authenticate: bool = False,
    purpose: KeyPurpose = KeyPurpose.SIGN,
) -> None:
    """Generate a non-extractable key pair with ``label`` and ``key_id`` on the token.

    ``always_authenticate`` marks the private key CKA_ALWAYS_AUTHENTICATE, as qualified
    signature tokens do: the token then wants the PIN again for every signature. ``purpose``
    says what the private key may do: sign (the default) or decrypt, never both.
    """
    if purpose == KeyPurpose.DECRYPT and algorithm in (KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384):
        raise ValueError("decryption keys are RSA keys; EC keys cannot decrypt")
    session = token.session
    private_template = {**_PRIVATE_TEMPLATE, **_PRIVATE_USES[purpose]}
    public_template = {**_PUBLIC_TEMPLATE, **_PUBLIC_USES[purpose]}
    if always_authenticate:
        private_template[Attribute.ALWAYS_AUTHENTICATE] = True
    try:
        if algorithm in (KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384):
            curve = "secp256r1" if algorithm == KeyAlgorithm.EC_P256 else "secp384r1"
            params = session.create_domain_parameters(
                KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters(curve)}, local=True
            )
            params.generate_keypair(
                store=True, label=label, id=key_id,
                public_template=public_template, private_template=private_template,
            )
        else:
            bits = 3072 if algorithm == KeyAlgorithm.RSA_3072 else 2048
            session.generate_keypair(
                KeyType.RSA, bits, store=True, label=label, id=key_id,
                public_template=public_template, private_template=private_template,
            )
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=f"generating a {algorithm} key pair {label!r}") from exc


def store_certificate(token: TokenSession, cert_der: bytes, label: str, key_id: bytes) -> None:
    """Write an X.509 certificate object; CKA_SUBJECT is required by SoftHSM2 and others."""
    subject = asn1_x509.Certificate.load(cert_der).subject.dump()
    try:
        token.session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.PRIVATE: False,
                Attribute.LABEL: label,
                Attribute.ID: key_id,
                Attribute.SUBJECT: subject,
                Attribute.VALUE: cert_der,
            }
        )
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=f"storing certificate {label!r} on the token") from exc
