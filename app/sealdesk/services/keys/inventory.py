"""What the Keys & certificates page shows: the module's tokens, the keys and certificates on
the configured token, their role in SealDesk (active, pending, retired) and their expiry.

Read without a login (certificates and public keys are public objects), so browsing the page
never asks for a PIN. A token whose PIN is typed on the reader's PIN pad is not opened at all
here: opening it without a PIN would start a PIN-pad login nobody asked for.
Expiry levels follow the usual renewal lead times: 90 days (plan), 30 (act), 7 (urgent).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from cryptography import x509

from sealdesk.core.token import list_tokens, open_token_session
from sealdesk.core.token.inventory import TokenObject, list_objects
from sealdesk.services.context import AppContext
from sealdesk.services.keys import registry as key_registry
from sealdesk.storage.keys import repo


class ExpiryLevel(StrEnum):
    OK = "ok"
    NOTICE = "notice"
    """90 days or fewer: plan the rotation."""
    WARNING = "warning"
    """30 days or fewer: propose it now, approvals take time."""
    CRITICAL = "critical"
    """7 days or fewer."""
    EXPIRED = "expired"


def expiry_level(not_after: dt.datetime, now: dt.datetime) -> ExpiryLevel:
    left = not_after - now
    if left <= dt.timedelta(0):
        return ExpiryLevel.EXPIRED
    for days, level in ((7, ExpiryLevel.CRITICAL), (30, ExpiryLevel.WARNING),
                        (90, ExpiryLevel.NOTICE)):
        if left <= dt.timedelta(days=days):
            return level
    return ExpiryLevel.OK


def expiry_text(not_after: dt.datetime, now: dt.datetime) -> str:
    days = (not_after - now).days
    if not_after <= now:
        return f"expired {(now - not_after).days} days ago"
    if days == 0:
        return "expires today"
    return f"expires in {days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True)
class TokenRow:
    slot_id: int
    label: str
    serial: str
    model: str
    configured: bool
    pin_warning: str


@dataclass(frozen=True)
class KeyRow:
    label: str
    key_id: str
    algorithm: str
    role: str
    """"seal", "audit" or "" (the configuration's labels)."""
    registry_status: str
    """"active", "pending", "retired" or "" (not in the key registry)."""
    subject: str = ""
    issuer: str = ""
    not_after: dt.datetime | None = None
    certificate_sha256: str = ""

    def level(self, now: dt.datetime) -> ExpiryLevel | None:
        return expiry_level(self.not_after, now) if self.not_after else None

    @property
    def in_use(self) -> bool:
        """Keys whose expiry matters: configured for sealing or audit and not retired."""
        return bool(self.role) and self.registry_status != "retired"


@dataclass(frozen=True)
class Inventory:
    tokens: list[TokenRow] = field(default_factory=list)
    keys: list[KeyRow] = field(default_factory=list)
    read_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    note: str = ""

    def most_urgent(self) -> KeyRow | None:
        """The in-use key whose certificate expires first (for the page's banner)."""
        dated = [k for k in self.keys if k.in_use and k.not_after is not None]
        return min(dated, key=lambda k: k.not_after) if dated else None  # type: ignore[arg-type, return-value]


def read_inventory(ctx: AppContext) -> Inventory:
    """Tokens and keys as the page shows them (worker thread; touches the token)."""
    cfg = ctx.config.token
    if not ctx.config.has_token:
        return Inventory(note="No token is configured (verification-only mode).")
    selector = key_registry.token_selector(ctx.config)
    present = list_tokens(cfg.module, cfg.environment, timeout=cfg.timeout_seconds)
    rows = [TokenRow(i.slot_id, i.label, i.serial, i.model, selector.matches(i), i.pin.warning())
            for i, _ in present]
    ours = [i for i, _ in present if selector.matches(i)]
    if not ours:
        return Inventory(rows, note="The configured token is not connected.")
    with open_token_session(cfg.module, selector, None, environment=cfg.environment,
                            timeout=cfg.timeout_seconds, login=False) as token:
        objects = list_objects(token)
        serial = token.info.serial
    with ctx.database.reader() as session:
        status = {k.label: k.status for k in repo.managed_keys(session)
                  if k.token_serial == serial}
    return Inventory(rows, _key_rows(objects, ctx, status))


def _key_rows(objects: list[TokenObject], ctx: AppContext,
              status: dict[str, str]) -> list[KeyRow]:
    roles = {ctx.config.token.seal_key_label: "seal", ctx.config.token.audit_key_label: "audit"}
    grouped: dict[tuple[str, str], list[TokenObject]] = {}
    for obj in objects:
        grouped.setdefault((obj.label, obj.key_id), []).append(obj)
    rows = []
    for (label, key_id), parts in grouped.items():
        algorithm = next((p.algorithm for p in parts if p.algorithm), "")
        cert = next((p.certificate_der for p in parts if p.certificate_der), b"")
        row = KeyRow(label, key_id, algorithm, roles.get(label, ""), status.get(label, ""))
        if cert:
            parsed = x509.load_der_x509_certificate(cert)
            row = KeyRow(label, key_id, algorithm or key_registry.algorithm_of(parsed),
                         row.role, row.registry_status, parsed.subject.rfc4514_string(),
                         parsed.issuer.rfc4514_string(), parsed.not_valid_after_utc,
                         hashlib.sha256(cert).hexdigest())
        rows.append(row)
    order = {"seal": 0, "audit": 1, "": 2}
    return sorted(rows, key=lambda r: (order[r.role], r.registry_status == "retired", r.label))
