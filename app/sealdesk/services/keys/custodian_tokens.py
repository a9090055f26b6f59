"""Signing with a custodian's own token: find which registered custodian's key it holds, sign.

The front end (CLI options, the approval dialog) says which module and token, and passes the
PIN; the PIN goes to the login and nowhere else. Which custodian is signing is not claimed by
anybody: it is read from the token, by finding the registered certificate whose public key is
the token's key with the custodian's key label.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sealdesk.core.rotation.custodian import Custodian, same_public_key
from sealdesk.core.rotation.errors import ApprovalRefusedError, CustodianCertificateError
from sealdesk.core.sealing.token_signer import always_authenticate
from sealdesk.core.token import TokenSelector, TokenSession, open_token_session
from sealdesk.errors import KeyNotFoundError, TokenAmbiguousError


@dataclass(frozen=True)
class CustodianToken:
    """Where a custodian's token is: PKCS#11 module, token selector, module environment."""

    module: str
    selector: TokenSelector
    environment: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        return self.selector.describe()


@dataclass(frozen=True)
class TokenSignature:
    custodian: Custodian
    signature: bytes
    algorithm: str
    token_label: str
    token_serial: str


@dataclass
class CustodianSigner:
    """An open session on a custodian's token, with the custodian it was found to belong to."""

    token: TokenSession
    custodian: Custodian
    context_pin: str | None = field(default=None, repr=False)
    """Only for keys that want the PIN per signature (CKA_ALWAYS_AUTHENTICATE)."""

    def sign(self, data: bytes) -> TokenSignature:
        signature, algorithm = self.token.sign_with(self.custodian.key_label, data,
                                                    context_pin=self.context_pin)
        return TokenSignature(self.custodian, signature, algorithm, self.token.info.label,
                              self.token.info.serial)


@contextlib.contextmanager
def custodian_signer(
    where: CustodianToken, pin: str | None, custodians: Iterable[Custodian]
) -> Iterator[CustodianSigner]:
    """Log in to the custodian's token and identify the custodian by the key it holds."""
    with open_token_session(where.module, where.selector, pin,
                            environment=where.environment) as token:
        custodian = identify(token, [c for c in custodians if c.active])
        yield CustodianSigner(token, custodian, _context_pin(token, custodian.key_label, pin))


def sign_as_custodian(
    where: CustodianToken, pin: str | None, custodians: Iterable[Custodian], data: bytes
) -> TokenSignature:
    """Log in to the custodian's token, identify the custodian by their key, sign ``data``."""
    with custodian_signer(where, pin, custodians) as signer:
        return signer.sign(data)


def identify(token: TokenSession, custodians: list[Custodian]) -> Custodian:
    """The one registered custodian whose certified key is on this token."""
    for custodian in custodians:
        if _holds_key(token, custodian):
            return custodian
    raise ApprovalRefusedError(
        f"The token {token.info.label!r} holds no registered custodian's key.",
        hint="Use your own custodian token; 'sealdesk custodian list' shows the registered "
        "custodians and their key labels.",
    )


def prove_possession(where: CustodianToken, pin: str | None, custodian: Custodian,
                     data: bytes) -> TokenSignature:
    """Sign ``data`` with the key the (not yet registered) certificate certifies."""
    with open_token_session(where.module, where.selector, pin,
                            environment=where.environment) as token:
        if not _holds_key(token, custodian):
            raise CustodianCertificateError(
                f"The token {token.info.label!r} has no key labelled {custodian.key_label!r} "
                f"matching the certificate of {custodian.name!r}.",
                hint="A custodian's certificate must certify the key on their own token; check "
                "the certificate file, the token and the key label.",
            )
        signer = CustodianSigner(token, custodian, _context_pin(token, custodian.key_label, pin))
        return signer.sign(data)


def _context_pin(token: TokenSession, label: str, pin: str | None) -> str | None:
    """Custodian keys on qualified cards often want the PIN again for each signature."""
    return pin if always_authenticate(token.private_key(label)) else None


def _holds_key(token: TokenSession, custodian: Custodian) -> bool:
    try:
        public_key = token.public_key(custodian.key_label)
    except (KeyNotFoundError, TokenAmbiguousError):
        return False
    return same_public_key(custodian.certificate, public_key)
