"""The seal certificate's issuer chain, as far as the token holds it.

Tokens issued by a CA usually carry the intermediate certificates next to the seal certificate.
Embedding them in every seal lets any verifier build the path to its trust anchor without
fetching anything (and ten years later, without the CA's web server).
"""

from __future__ import annotations

from asn1crypto import x509 as asn1_x509
from pkcs11 import Attribute, ObjectClass
from pkcs11 import exceptions as p11

from sealdesk.core.token.errors import translate
from sealdesk.core.token.session import TokenSession

MAX_CHAIN = 8


def issuer_chain(token: TokenSession, leaf: asn1_x509.Certificate) -> list[asn1_x509.Certificate]:
    """Issuers of ``leaf`` found among the token's certificates, nearest first."""
    try:
        objects = list(token.session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}))
        candidates = [asn1_x509.Certificate.load(bytes(o[Attribute.VALUE])) for o in objects]
    except p11.PKCS11Error as exc:
        raise translate(exc, doing="reading certificates from the token") from exc
    by_subject = {c.subject.dump(): c for c in candidates}
    chain: list[asn1_x509.Certificate] = []
    current = leaf
    while len(chain) < MAX_CHAIN and not current.self_issued:
        issuer = by_subject.get(current.issuer.dump())
        if issuer is None or issuer.dump() == current.dump():
            break
        chain.append(issuer)
        current = issuer
    return chain
