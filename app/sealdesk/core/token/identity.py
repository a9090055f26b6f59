"""Who a token is: label, serial, maker and model, and what it says about its PIN.

A token is chosen explicitly. Labels are not unique (two tokens can both be "Company Seal") and
can change; serials identify a token. When the criteria match several tokens SealDesk refuses to
choose: signing with the wrong token is worse than not signing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pkcs11 import TokenFlag


class TokenSettings(Protocol):
    """What the core needs to know to find and use a token (the settings' ``[token]``)."""

    module: str
    label: str
    serial: str
    manufacturer: str
    model: str
    environment: dict[str, str]
    timeout_seconds: float


@dataclass(frozen=True)
class PinState:
    """The token's own account of its user PIN, read before any login attempt."""

    count_low: bool = False
    final_try: bool = False
    locked: bool = False
    protected_auth_path: bool = False

    @classmethod
    def from_flags(cls, flags: int) -> PinState:
        return cls(
            count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
            final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
            locked=bool(flags & TokenFlag.USER_PIN_LOCKED),
            protected_auth_path=bool(flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH),
        )

    def warning(self) -> str:
        """A sentence for the PIN prompt, or "" when there is nothing to warn about."""
        if self.locked:
            return "The PIN is locked. Ask the security officer to unblock it."
        if self.final_try:
            return "Final try: one more wrong PIN locks the token."
        if self.count_low:
            return "A wrong PIN was entered before; few tries are left."
        return ""


@dataclass(frozen=True)
class TokenInfo:
    """A token present in a slot, as reported by the module."""

    slot_id: int
    label: str
    serial: str
    manufacturer: str
    model: str
    initialized: bool
    pin: PinState

    @property
    def display_name(self) -> str:
        return f"{self.label or '(no label)'} (serial {self.serial or '?'}, {self.model})"


@dataclass(frozen=True)
class TokenSelector:
    """Criteria that must all hold; at least one of label or serial must be given.

    ``manufacturer`` and ``model`` are remembered with the serial (serials are unique only per
    maker); :mod:`sealdesk.core.token.selection` uses them to tell a relabelled token (same
    serial, new label: still ours) from a replaced one (same label, other serial or model).
    """

    label: str = ""
    serial: str = ""
    manufacturer: str = ""
    model: str = ""

    @classmethod
    def from_config(cls, config: TokenSettings) -> TokenSelector:
        return cls(
            label=config.label, serial=config.serial,
            manufacturer=config.manufacturer, model=config.model,
        )

    def matches(self, token: TokenInfo) -> bool:
        if self.serial and token.serial != self.serial:
            return False
        if not self.same_device(token):
            return False
        return not (self.label and token.label != self.label)

    def same_device(self, token: TokenInfo) -> bool:
        """True unless a remembered maker or model differs from what the token reports."""
        if self.manufacturer and token.manufacturer != self.manufacturer:
            return False
        return not (self.model and token.model != self.model)

    def describe(self) -> str:
        parts = [f"label {self.label!r}"] if self.label else []
        if self.serial:
            parts.append(f"serial {self.serial!r}")
        return " and ".join(parts) or "no criteria"
