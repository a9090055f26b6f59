"""Who a custodian token will sign as, told before the PIN is typed.

The approval dialog shows "You are signing as: NAME (certificate SHA-256 …)" as soon as a token
is chosen. NAME is not read from the token's label or the custodians table: the registry is
replayed from the audit log (its hash chain checked, as at execution), and the custodian is the
one whose certified public key is on the token, exactly the rule :func:`identify` applies when
the decision is signed. A token that holds no registered custodian's key gets a warning
instead, naming the certificates it does carry. No login: only public objects are read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sealdesk.core.rotation.errors import ApprovalRefusedError
from sealdesk.core.token import open_token_session
from sealdesk.core.token.inventory import list_objects
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority
from sealdesk.services.keys.custodian_tokens import CustodianToken, identify


@dataclass(frozen=True)
class SigningIdentity:
    token_label: str
    name: str = ""
    """The registered custodian the log proves for this token's key ("" when none)."""
    cert_sha256: str = ""
    removed: str = ""
    """A removed custodian whose key this token holds ("" when none): cannot sign any more."""
    token_certificates: tuple[str, ...] = ()
    """SHA-256 of every certificate on the token (shown when no custodian matches)."""

    @property
    def registered(self) -> bool:
        return bool(self.name)


def signing_identity(ctx: AppContext, where: CustodianToken) -> SigningIdentity:
    """The custodian the log proves for the key on ``where`` (worker thread; no PIN)."""
    with ctx.database.reader() as session:
        custodians = list(read_authority(session).custodians.values())
    with open_token_session(where.module, where.selector, None, environment=where.environment,
                            timeout=ctx.config.token.timeout_seconds, login=False) as token:
        carried = tuple(hashlib.sha256(o.certificate_der).hexdigest()
                        for o in list_objects(token) if o.kind == "certificate")
        label = token.info.label
        try:
            custodian = identify(token, [c for c in custodians if c.active])
        except ApprovalRefusedError:
            try:
                gone = identify(token, [c for c in custodians if not c.active])
            except ApprovalRefusedError:
                return SigningIdentity(label, token_certificates=carried)
            return SigningIdentity(label, removed=gone.name, cert_sha256=gone.cert_sha256,
                                   token_certificates=carried)
    return SigningIdentity(label, custodian.name, custodian.cert_sha256,
                           token_certificates=carried)
