"""What a token holds: key pairs and certificates, with their algorithms, for the Keys page.

Read with whatever session the caller has: without a login a token shows its public objects
(public keys, certificates); with a login also its private keys. Nothing here changes the token.
"""

from __future__ import annotations

from dataclasses import dataclass

import pkcs11
from asn1crypto import core as asn1_core
from pkcs11 import Attribute, KeyType, ObjectClass
from pkcs11 import exceptions as p11

from sealdesk.core.token.errors import translate
from sealdesk.core.token.session import TokenSession

_CURVES = {
    "1.2.840.10045.3.1.7": "EC P-256",
    "1.3.132.0.34": "EC P-384",
    "1.3.132.0.35": "EC P-521",
}
_KINDS = {
    ObjectClass.PRIVATE_KEY: "private key",
    ObjectClass.PUBLIC_KEY: "public key",
    ObjectClass.CERTIFICATE: "certificate",
}


@dataclass(frozen=True)
class TokenObject:
    kind: str
    """"private key", "public key" or "certificate"."""
    label: str
    key_id: str
    """CKA_ID in hex: a key pair and its certificate share it."""
    algorithm: str = ""
    certificate_der: bytes = b""


def list_objects(token: TokenSession) -> list[TokenObject]:
    """Every key and certificate object the session can see, in a stable order."""
    found: list[TokenObject] = []
    for cls, kind in _KINDS.items():
        try:
            objects = list(token.session.get_objects({Attribute.CLASS: cls}))
            found.extend(_describe(obj, kind) for obj in objects)
        except p11.PKCS11Error as exc:
            raise translate(exc, doing=f"listing the {kind}s on the token") from exc
    return sorted(found, key=lambda o: (o.label, o.key_id, o.kind))


def _describe(obj: pkcs11.Object, kind: str) -> TokenObject:
    label = str(obj[Attribute.LABEL])
    key_id = bytes(obj[Attribute.ID]).hex()
    if kind == "certificate":
        return TokenObject(kind, label, key_id, "", bytes(obj[Attribute.VALUE]))
    return TokenObject(kind, label, key_id, _algorithm(obj))


def _algorithm(obj: pkcs11.Object) -> str:
    try:
        if obj.key_type == KeyType.EC:
            params = asn1_core.ObjectIdentifier.load(bytes(obj[Attribute.EC_PARAMS]))
            return _CURVES.get(params.dotted, f"EC {params.dotted}")
        if obj.key_type == KeyType.RSA:
            return f"RSA {len(bytes(obj[Attribute.MODULUS])) * 8}"
    except (p11.PKCS11Error, ValueError, KeyError):
        pass
    return str(getattr(obj.key_type, "name", "unknown"))
