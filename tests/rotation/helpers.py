"""Custodians-to-be for tests: their own token next to the demo token, key, certificate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.services.context import AppContext
from sealdesk.services.keys.custodian_tokens import CustodianToken
from tests.fixtures.tokens import SoftToken

CUSTODIAN_PIN = "4821"


@dataclass(frozen=True)
class Holder:
    """A custodian-to-be: their own token with their key, and their certificate file."""

    name: str
    token: SoftToken
    cert_pem: bytes

    @property
    def where(self) -> CustodianToken:
        return CustodianToken(self.token.module, self.token.selector, self.token.environment)


def make_holder(ctx: AppContext, issuer: CertificateAuthority, name: str,
                algorithm: KeyAlgorithm = KeyAlgorithm.EC_P256) -> Holder:
    """Initialise ``name``'s token next to the demo token, generate their key, certify it."""
    demo = SoftToken(ctx.config.token.module,
                     Path(ctx.config.token.environment["SOFTHSM2_CONF"]),
                     ctx.config.token.label, CUSTODIAN_PIN)
    token = demo.add_token(f"Custodian {name}")
    with token.session() as session:
        generate_keypair(session, algorithm, "custodian", b"\xc1")
        cert = issuer.issue(session.public_key("custodian"), name, purpose="custodian")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "custodian",
                          b"\xc1")
    return Holder(name, token, cert.public_bytes(serialization.Encoding.PEM))
