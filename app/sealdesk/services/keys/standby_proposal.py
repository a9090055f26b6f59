"""Proposing a standby seal token: check the candidate token, then ask the custodians' quorum.

Checked here so approvers need not: the token answers, the key under the label signs, the
certificate under the same label certifies that key and is valid now, and the token and
certificate are not the primary's. The token's identity and the certificate go into the
proposal's content (what the custodians sign); the key's signature over a possession statement
goes with the proposal's event.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.custodian import same_public_key
from sealdesk.core.rotation.decision import signature_valid
from sealdesk.core.rotation.proposal import check_label
from sealdesk.core.rotation.standby import STANDBY
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.registry import current_key
from sealdesk.services.keys.rotation import ProposalView, propose
from sealdesk.storage.keys.models import ManagedKey

POSSESSION_TYPE = "sealdesk.standby.possession"


@dataclass(frozen=True)
class StandbyCandidate:
    """Where the token to register is, and which key on it seals."""

    module: str
    environment: dict[str, str]
    selector: TokenSelector
    key_label: str


def propose_register_standby(
    ctx: AppContext, candidate: StandbyCandidate, pin: str | None, *, reason: str,
    now: dt.datetime | None = None, **kwargs: object,
) -> ProposalView:
    """Check the candidate token (its key signs, its certificate certifies that key and is
    valid), then propose registering it; the custodians' quorum decides."""
    check_label(candidate.key_label)
    now = now or dt.datetime.now(dt.UTC)
    primary = current_key(ctx, "seal")  # adopts the configured key on first use
    with open_token_session(candidate.module, candidate.selector, pin,
                            environment=candidate.environment,
                            timeout=ctx.config.token.timeout_seconds) as token:
        info = token.info
        der = token.certificate_der(candidate.key_label)
        cert = x509.load_der_x509_certificate(der)
        if not same_public_key(cert, token.public_key(candidate.key_label)):
            raise InputError(f"The certificate labelled {candidate.key_label!r} on token "
                             f"{info.label!r} does not certify the key with that label.",
                             hint="Import the certificate the CA issued for this key.")
        statement = canonical_json({"type": POSSESSION_TYPE, "v": 1,
                                    "certificate_sha256": hashlib.sha256(der).hexdigest(),
                                    "time": now.strftime("%Y-%m-%dT%H:%M:%SZ")})
        signature, algorithm = token.sign_with(candidate.key_label, statement)
    _check_candidate(ctx, info.serial, cert, der, primary, now)
    if not signature_valid(cert, statement, signature, algorithm):
        raise InputError("The standby key's signature does not verify with its certificate.")
    return propose(
        ctx, ActionType.REGISTER_STANDBY, reason=reason, now=now,
        target={"purpose": "seal", "role": STANDBY,
                "primary_certificate_sha256": primary.certificate_sha256},
        params={"token_label": info.label, "token_serial": info.serial,
                "manufacturer": info.manufacturer, "model": info.model,
                "key_label": candidate.key_label,
                "certificate_der_b64": base64.b64encode(der).decode("ascii")},
        details={"possession": {"statement": statement.decode("ascii"),
                                "signature_b64": base64.b64encode(signature).decode("ascii"),
                                "algorithm": algorithm}},
        **kwargs,  # type: ignore[arg-type]
    )


def _check_candidate(ctx: AppContext, serial: str, cert: x509.Certificate, der: bytes,
                     primary: ManagedKey, now: dt.datetime) -> None:
    if serial == ctx.config.token.serial or serial == primary.token_serial:
        raise InputError("The standby must be another token than the primary seal token.",
                         hint="A standby on the same token fails with it; use a second token.")
    if hashlib.sha256(der).hexdigest() == primary.certificate_sha256:
        raise InputError("The standby key's certificate is the primary seal certificate.",
                         hint="The standby needs its own key and certificate.")
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise InputError(f"The standby certificate is not valid now ("
                         f"{cert.not_valid_before_utc:%Y-%m-%d} to "
                         f"{cert.not_valid_after_utc:%Y-%m-%d}).",
                         hint="Ask the CA for a certificate that is valid today.")
