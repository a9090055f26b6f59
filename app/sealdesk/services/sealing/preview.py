"""What a seal will be made with, told before the PIN is typed: key, certificate, level, TSA.

A person typing a PIN is authorising a seal; they should see which key and certificate will
sign, at which PAdES level, with which timestamp authority and reason, the way Acrobat and
Kleopatra show the signer before asking. Read without logging in (certificates are public
objects), through the same token selection as the batch, so what is shown is what will sign.

PKCS#11 does not report how many PIN tries are left, only flags (COUNT_LOW, FINAL_TRY). The
number SealDesk can honestly give is how many wrong PINs it recorded for this token since the
last successful login (``token.login_failed`` entries of the audit log), and "1" on the final
try.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509

from sealdesk.core.audit.events import EventType
from sealdesk.core.retention.classes import RetentionRules
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.identity import PinState
from sealdesk.core.token.inventory import list_objects
from sealdesk.errors import KeyNotFoundError
from sealdesk.services.audit.browse import AuditBrowser, AuditFilter
from sealdesk.services.context import AppContext
from sealdesk.services.keys.inventory import expiry_text
from sealdesk.services.keys.signing_policy import signing_policy_in_force
from sealdesk.services.keys.standby import seal_token

__all__ = ["SealPreview", "failed_logins_since_success", "seal_preview", "tries_left"]

RECENT_LOGINS = 20
"""How many recent login entries are read to count the wrong PINs in a row."""


@dataclass(frozen=True)
class SealPreview:
    token_label: str
    token_serial: str
    key_label: str
    subject: str
    issuer: str
    not_after: dt.datetime
    level: str
    tsa: str
    reason: str
    location: str
    pin: PinState
    failed_logins: int
    """Wrong PINs SealDesk recorded for this token since its last successful login."""
    retention_classes: tuple[str, ...] = ()
    """The retention classes of the signing policy in force (the seal dialog offers them)."""
    retention_default: str = ""
    policy_level: str = ""
    """The PAdES level the signing policy in force allows ("" when no policy is adopted)."""

    @property
    def expiry(self) -> str:
        return expiry_text(self.not_after, dt.datetime.now(dt.UTC))


def tries_left(pin: PinState, failed_logins: int) -> str:
    """The tries-left sentence for a PIN prompt ("" while the token reports no concern).

    The token's own warning (:meth:`PinState.warning`), with the numbers that can be known.
    """
    if pin.final_try and not pin.locked:
        return pin.warning() + " 1 try left."
    if pin.count_low and not pin.locked:
        recorded = (f" {failed_logins} wrong PIN(s) were entered through SealDesk since the "
                    "last successful login." if failed_logins else "")
        return f"{pin.warning()} (The token does not say how many.){recorded}"
    return pin.warning()


def seal_preview(ctx: AppContext) -> SealPreview:
    """The seal key's certificate and the seal settings (no login, nothing written).

    The seal key is the configured one, or the standby's after a switch (the log decides)."""
    choice = seal_token(ctx)
    cfg, label = choice.token, choice.key_label
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), None,
                            environment=cfg.environment, timeout=cfg.timeout_seconds,
                            login=False) as token:
        info = token.info
        certs = [o for o in list_objects(token) if o.kind == "certificate" and o.label == label]
    if len(certs) != 1:
        raise KeyNotFoundError(
            f"The token holds {len(certs)} certificates labelled {label!r} (the seal key); "
            "exactly one is needed to seal.",
            hint="Check the seal key label in Settings and the token's contents.",
        )
    cert = x509.load_der_x509_certificate(certs[0].certificate_der)
    seal, tsa = ctx.config.seal, ctx.config.tsa
    policy = signing_policy_in_force(ctx)  # the log's replay, as the sealing gate reads it
    rules = policy.retention if policy is not None else RetentionRules()
    return SealPreview(
        token_label=info.label, token_serial=info.serial, key_label=label,
        subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
        not_after=cert.not_valid_after_utc, level=str(seal.level),
        tsa=tsa.url or ("the demo's offline timestamp authority" if tsa.demo_cert else "none"),
        reason=seal.reason, location=seal.location, pin=info.pin,
        failed_logins=failed_logins_since_success(ctx, info.serial),
        retention_classes=tuple(c.name for c in rules.classes),
        retention_default=rules.default,
        policy_level=policy.pades_level if policy is not None else "",
    )


def failed_logins_since_success(ctx: AppContext, serial: str) -> int:
    """``token.login_failed`` entries for ``serial`` after its newest ``login_succeeded``."""
    kinds = (str(EventType.TOKEN_LOGIN_FAILED), str(EventType.TOKEN_LOGIN_SUCCEEDED))
    browser = AuditBrowser(ctx.database)
    try:
        rows = browser.filtered_page(AuditFilter(event_types=kinds, document=serial), None,
                                     RECENT_LOGINS)
    finally:
        browser.close()
    count = 0
    for row in rows:  # newest first
        if row.event_type != EventType.TOKEN_LOGIN_FAILED:
            break
        count += 1
    return count
