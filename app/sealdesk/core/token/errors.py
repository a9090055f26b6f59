"""Translate python-pkcs11 exceptions into SealDesk's domain errors, with a next step each.

Callers say what they were doing ("logging in to token 'Seal'") so the message can name it.
Nothing here receives a PIN, so no PIN can leak into a message.
"""

from __future__ import annotations

from pkcs11 import exceptions as p11

from sealdesk.core.token.identity import PinState
from sealdesk.errors import (
    KeyNotFoundError,
    MechanismUnsupportedError,
    PinLockedError,
    TokenError,
    TokenNotPresentError,
    WrongPinError,
)

_REMOVED = (
    p11.TokenNotPresent,
    p11.DeviceRemoved,
    p11.TokenNotRecognised,
    p11.SessionHandleInvalid,
    p11.SessionClosed,
    p11.SlotIDInvalid,
)


def translate(exc: BaseException, *, doing: str, pin_state: PinState | None = None) -> TokenError:
    """Map one PKCS#11 exception to a domain error; unknown ones keep their class name."""
    if isinstance(exc, TokenError):
        return exc
    if isinstance(exc, p11.PinIncorrect | p11.PinInvalid | p11.PinLenRange):
        state = pin_state or PinState()
        if state.locked:
            return _locked(doing)
        return WrongPinError(
            f"The PIN was not accepted while {doing}.",
            hint=state.warning() or "Check the PIN and try again.",
            count_low=state.count_low,
            final_try=state.final_try,
        )
    if isinstance(exc, p11.PinLocked):
        return _locked(doing)
    if isinstance(exc, _REMOVED):
        return TokenNotPresentError(
            f"The token went away while {doing}.",
            hint="Reconnect the token and try again; finished documents are kept.",
        )
    if isinstance(exc, p11.MechanismInvalid | p11.MechanismParamInvalid | p11.KeyTypeInconsistent):
        return MechanismUnsupportedError(
            f"The token does not support the signature mechanism needed while {doing}.",
            hint="Use a key type the token can sign with (ECDSA P-256 or RSA), or update "
            "the token's driver.",
        )
    if isinstance(exc, p11.NoSuchKey):
        return KeyNotFoundError(
            f"The key or certificate was not found on the token while {doing}.",
            hint="Check the key label in Settings, or run 'sealdesk token list' to see the keys.",
        )
    if isinstance(exc, p11.FunctionCancelled):
        return TokenError(
            f"The PIN entry on the reader was cancelled while {doing}.",
            hint="Start again and type the PIN on the reader's keypad when asked.",
        )
    if isinstance(exc, p11.UserNotLoggedIn):
        return TokenError(
            f"The token asked for a login again while {doing}.",
            hint="Log in again; the token may require the PIN for each signature.",
        )
    return TokenError(
        f"The token reported {exc.__class__.__name__} while {doing}.",
        hint="Reconnect the token and try again; if it persists, check the token's driver.",
    )


def _locked(doing: str) -> PinLockedError:
    return PinLockedError(
        f"The token's PIN is locked ({doing}).",
        hint="Ask the token's security officer to unblock the PIN; SealDesk cannot do it.",
    )
