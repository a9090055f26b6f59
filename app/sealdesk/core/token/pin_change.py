"""Changing a token's user PIN (C_SetPIN), and the length rules the token itself states.

The old PIN logs in (so a wrong one costs a try and is reported like any failed login), then
C_SetPIN replaces it in the same read-write session. Both PINs are arguments of the call and
live only in the closures handed to the module; no message or exception names them.

python-pkcs11 does not expose ``ulMinPinLen``/``ulMaxPinLen`` of CK_TOKEN_INFO, so
:func:`pin_length_rules` reads them through the module's exported ``C_GetTokenInfo`` (every
module the console has already initialised answers it); when that fails, PKCS#11's usual
bounds (4 to 255 bytes) are used and the token still has the last word (CKR_PIN_LEN_RANGE).
"""

from __future__ import annotations

import ctypes
from collections.abc import Mapping
from dataclasses import dataclass

from pkcs11 import exceptions as p11

from sealdesk.core.token import watchdog
from sealdesk.core.token.errors import translate
from sealdesk.core.token.identity import TokenSelector
from sealdesk.core.token.session import open_token_session
from sealdesk.errors import InputError

DEFAULT_MIN = 4
DEFAULT_MAX = 255


@dataclass(frozen=True)
class PinRules:
    """How long a new user PIN may be, as the token says (bytes of UTF-8)."""

    minimum: int = DEFAULT_MIN
    maximum: int = DEFAULT_MAX
    from_token: bool = False

    def problem(self, new: str, repeated: str, old: str = "") -> str:
        """Why ``new`` cannot be used ("" when it can); never quotes a PIN."""
        size = len(new.encode("utf-8"))
        if size < self.minimum:
            return f"The new PIN is too short: the token wants at least {self.minimum} characters."
        if size > self.maximum:
            return f"The new PIN is too long: the token takes at most {self.maximum} characters."
        if new != repeated:
            return "The two entries of the new PIN differ."
        if old and new == old:
            return "The new PIN is the same as the current one."
        return ""

    def check(self, new: str, repeated: str, old: str = "") -> None:
        why = self.problem(new, repeated, old)
        if why:
            raise InputError(why, hint="Choose a new PIN within the token's length limits and "
                             "type it twice the same way.")


class _TokenInfo(ctypes.Structure):
    _fields_ = [
        ("label", ctypes.c_char * 32), ("manufacturer", ctypes.c_char * 32),
        ("model", ctypes.c_char * 16), ("serial", ctypes.c_char * 16),
        ("flags", ctypes.c_ulong), ("max_sessions", ctypes.c_ulong),
        ("sessions", ctypes.c_ulong), ("max_rw_sessions", ctypes.c_ulong),
        ("rw_sessions", ctypes.c_ulong), ("max_pin", ctypes.c_ulong),
        ("min_pin", ctypes.c_ulong), ("rest", ctypes.c_ubyte * 64),
    ]


def pin_length_rules(module_path: str, slot_id: int) -> PinRules:
    """The token's own min/max user PIN length, or PKCS#11's usual bounds if unreadable."""
    try:
        library = ctypes.CDLL(module_path)
        info = _TokenInfo()
        if library.C_GetTokenInfo(ctypes.c_ulong(slot_id), ctypes.byref(info)) != 0:
            return PinRules()
    except (OSError, AttributeError):
        return PinRules()
    low, high = int(info.min_pin), int(info.max_pin)
    if not 0 < low <= high:
        return PinRules()
    return PinRules(low, min(high, 1024), True)


def change_user_pin(
    module_path: str,
    selector: TokenSelector,
    old_pin: str,
    new_pin: str,
    *,
    environment: Mapping[str, str] | None = None,
    timeout: float = watchdog.DEFAULT_TIMEOUT,
) -> tuple[str, str]:
    """Log in with ``old_pin`` and set ``new_pin``; returns the token's (label, serial)."""
    with open_token_session(module_path, selector, old_pin, environment=environment,
                            rw=True, timeout=timeout) as token:
        pin_length_rules(module_path, token.info.slot_id).check(new_pin, new_pin, old_pin)
        doing = f"changing the PIN of token {token.info.label!r}"
        session = token.session
        try:
            token.guarded(doing, lambda: session.set_pin(old_pin, new_pin))
        except p11.PKCS11Error as exc:
            raise translate(exc, doing=doing) from None
        return token.info.label, token.info.serial
