"""Changing the user PIN of the seal token or of a custodian's token, recorded in the audit log.

The person gives the current PIN and the new one (twice, checked against the token's own
length limits first). The event says which token and whose (seal or custodian), never a PIN;
a refused current PIN is recorded as a failed login, like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from sealdesk.core.audit.events import EventType
from sealdesk.core.token.module import locate_token
from sealdesk.core.token.pin_change import PinRules, change_user_pin, pin_length_rules
from sealdesk.errors import ReadOnlyError, WrongPinError
from sealdesk.services.audit.log import record_login, record_now
from sealdesk.services.context import AppContext
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.keys.registry import token_selector

__all__ = ["PinChanged", "PinRules", "change_token_pin", "pin_rules", "seal_token_location"]


@dataclass(frozen=True)
class PinChanged:
    label: str
    serial: str
    role: str


def seal_token_location(ctx: AppContext) -> CustodianToken:
    """The configured seal token, in the same shape as a custodian's token location."""
    cfg = ctx.config.token
    return CustodianToken(cfg.module, token_selector(ctx.config), dict(cfg.environment))


def pin_rules(ctx: AppContext, where: CustodianToken) -> PinRules:
    """The token's own min/max PIN length (the dialog checks the new PIN against it)."""
    info, _, _ = locate_token(where.module, where.selector, where.environment,
                              timeout=ctx.config.token.timeout_seconds)
    return pin_length_rules(where.module, info.slot_id)


def change_token_pin(ctx: AppContext, where: CustodianToken, old_pin: str, new_pin: str,
                     repeated: str, *, role: str) -> PinChanged:
    """Replace the token's user PIN and record ``token.pin_changed`` (role: seal/custodian)."""
    if ctx.read_only:  # refused before the token is touched: the change could not be recorded
        raise ReadOnlyError("The database is open read-only here; a PIN change would go "
                            "unrecorded.", hint="Change the PIN on the installation itself.")
    pin_rules(ctx, where).check(new_pin, repeated, old_pin)
    try:
        label, serial = change_user_pin(where.module, where.selector, old_pin, new_pin,
                                        environment=where.environment,
                                        timeout=ctx.config.token.timeout_seconds)
    except WrongPinError:
        record_login(ctx, where.selector, succeeded=False, reason="changing the PIN")
        raise
    record_now(ctx, ctx.event(EventType.TOKEN_PIN_CHANGED, {"token": serial},
                              {"label": label, "role": role}))
    return PinChanged(label, serial, role)
