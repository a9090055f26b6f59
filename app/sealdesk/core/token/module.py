"""Loading a PKCS#11 module and discovering the tokens it offers.

python-pkcs11 keeps one ``lib`` object per module path per process and calls C_Initialize once.
Some modules (SoftHSM2) read their configuration from the environment at C_Initialize, and most
only notice newly inserted tokens after a re-initialisation; :func:`load_module` therefore
re-initialises when the module's environment changed or when asked to ``refresh``, and only when
no session is open on it (re-initialising closes every session).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path

import pkcs11
from pkcs11 import exceptions as p11

from sealdesk.core.token.errors import translate
from sealdesk.core.token.identity import PinState, TokenInfo, TokenSelector
from sealdesk.errors import ModuleLoadError, TokenAmbiguousError, TokenNotPresentError

_lock = threading.RLock()
_environments: dict[str, dict[str, str]] = {}
_open_sessions: dict[str, int] = {}


def load_module(
    path: str, environment: Mapping[str, str] | None = None, *, refresh: bool = False
) -> pkcs11.lib:
    """Load (or reuse) the PKCS#11 module at ``path`` with ``environment`` applied first."""
    env = dict(environment or {})
    if not path:
        raise ModuleLoadError(
            "No PKCS#11 module is configured.",
            hint="Set the module path in Settings (e.g. /usr/lib/softhsm/libsofthsm2.so), "
            "or run 'sealdesk demo init' for a demo token.",
        )
    if not Path(path).is_file():
        raise ModuleLoadError(
            f"The PKCS#11 module {path} does not exist.",
            hint="Install the token's driver, or correct the module path in Settings.",
        )
    with _lock:
        os.environ.update(env)
        try:
            lib = pkcs11.lib(path)
        except p11.PKCS11Error as exc:
            raise _load_error(path, exc) from exc
        stale = path in _environments and _environments[path] != env
        if (stale or refresh) and not _open_sessions.get(path):
            try:
                lib.reinitialize()
            except p11.PKCS11Error as exc:
                raise _load_error(path, exc) from exc
        _environments[path] = env
        return lib


def _load_error(path: str, exc: p11.PKCS11Error) -> ModuleLoadError:
    text = str(exc)
    if "C_GetFunctionList" in text:
        return ModuleLoadError(
            f"{path} is not a PKCS#11 module (it has no C_GetFunctionList).",
            hint="Point SealDesk at the token vendor's PKCS#11 library (often named "
            "*pkcs11*.so); see the README's list of module paths.",
        )
    return ModuleLoadError(
        f"The PKCS#11 module {path} could not be loaded ({exc.__class__.__name__}).",
        hint="Check that the token's driver is installed for this system's architecture.",
    )


def session_opened(path: str) -> None:
    with _lock:
        _open_sessions[path] = _open_sessions.get(path, 0) + 1


def session_closed(path: str) -> None:
    with _lock:
        _open_sessions[path] = max(0, _open_sessions.get(path, 0) - 1)


def token_info(slot_id: int, token: pkcs11.Token) -> TokenInfo:
    serial = token.serial.decode("ascii", "replace") if token.serial else ""
    return TokenInfo(
        slot_id=slot_id,
        label=token.label,
        serial=serial.strip(),
        manufacturer=token.manufacturer_id.strip(),
        model=token.model.strip(),
        initialized=bool(token.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED),
        pin=PinState.from_flags(int(token.flags)),
    )


def list_tokens(
    path: str, environment: Mapping[str, str] | None = None, *, refresh: bool = True
) -> list[tuple[TokenInfo, pkcs11.Token]]:
    """Every initialised token present in the module's slots, with its live handle."""
    lib = load_module(path, environment, refresh=refresh)
    found: list[tuple[TokenInfo, pkcs11.Token]] = []
    try:
        slots = lib.get_slots(token_present=True)
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=f"listing the slots of {path}") from exc
    for slot in slots:
        try:
            token = slot.get_token()
        except (p11.TokenNotPresent, p11.TokenNotRecognised, p11.DeviceRemoved):
            continue
        info = token_info(slot.slot_id, token)
        if info.initialized:
            found.append((info, token))
    return found


def find_token(
    path: str, selector: TokenSelector, environment: Mapping[str, str] | None = None
) -> tuple[TokenInfo, pkcs11.Token]:
    """The one token matching ``selector``; zero or several matches are errors, never a guess."""
    if not (selector.label or selector.serial):
        raise TokenAmbiguousError(
            "No token is selected.",
            hint="Choose a token by label or serial in Settings "
            "('sealdesk token list' shows them).",
        )
    tokens = list_tokens(path, environment)
    matches = [(info, token) for info, token in tokens if selector.matches(info)]
    if not matches:
        present = ", ".join(info.display_name for info, _ in tokens) or "none"
        raise TokenNotPresentError(
            f"No token with {selector.describe()} is connected (present: {present}).",
            hint="Connect the token, or select the right one in Settings.",
        )
    if len(matches) > 1:
        names = "; ".join(info.display_name for info, _ in matches)
        raise TokenAmbiguousError(
            f"{len(matches)} tokens match {selector.describe()}: {names}.",
            hint="Select the token by its serial number in Settings.",
        )
    return matches[0]
