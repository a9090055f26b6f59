"""Loading a PKCS#11 module and discovering the tokens it offers.

python-pkcs11 keeps one ``lib`` object per module path per process and calls C_Initialize once.
Some modules (SoftHSM2) read their configuration from the environment at C_Initialize, and most
only notice newly inserted tokens after a re-initialisation; :func:`load_module` therefore
re-initialises when the module's environment changed or when asked to ``refresh``, and only when
no session is open on it (re-initialising closes every session).

Before a module is loaded into this process for the first time (per path and environment) it is
probed in a child process (:mod:`sealdesk.core.token.probe`), so a module that hangs or crashes
is reported and never loaded here. Later calls that can block run under the
:mod:`~sealdesk.core.token.watchdog`'s time limit.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping

import pkcs11
from pkcs11 import exceptions as p11

from sealdesk.core.token import watchdog
from sealdesk.core.token.errors import translate
from sealdesk.core.token.identity import PinState, TokenInfo, TokenSelector
from sealdesk.core.token.probe import probe_module
from sealdesk.core.token.selection import choose_token
from sealdesk.errors import ModuleLoadError

_lock = threading.RLock()
_environments: dict[str, dict[str, str]] = {}
_open_sessions: dict[str, int] = {}
"""Sessions open or being opened, per module path (every thread)."""
_opening = threading.local()
"""Per thread: how many of those sessions this thread is opening right now (see
:func:`session_opening`)."""
_probed: set[tuple[str, frozenset[tuple[str, str]]]] = set()


def load_module(
    path: str,
    environment: Mapping[str, str] | None = None,
    *,
    refresh: bool = False,
    timeout: float = watchdog.DEFAULT_TIMEOUT,
) -> pkcs11.lib:
    """Load (or reuse) the PKCS#11 module at ``path`` with ``environment`` applied first."""
    env = dict(environment or {})
    key = (path, frozenset(env.items()))
    if key not in _probed:
        probe_module(path, env, timeout=timeout)  # raises ModuleLoadError; never loads it here
        _probed.add(key)
    with _lock:
        os.environ.update(env)
        lib = _guarded_load(path, "initialising the module", lambda: pkcs11.lib(path), timeout)
        stale = path in _environments and _environments[path] != env
        if (stale or refresh) and not _sessions_of_others(path):
            _guarded_load(path, "re-initialising the module", lib.reinitialize, timeout)
        _environments[path] = env
        return lib


def _guarded_load(path: str, doing: str, call, timeout: float):  # type: ignore[no-untyped-def]
    try:
        return watchdog.guarded(path, doing, call, timeout)
    except p11.PKCS11Error as exc:
        raise _load_error(path, exc) from exc


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


def session_opening(path: str) -> None:
    """A session is about to be opened on ``path`` by this thread: count it from now on.

    Between finding the token and the login there used to be a window in which another thread's
    token listing could re-initialise the module (nothing was counted yet) and so invalidate the
    session being opened: a seal batch then failed with "the token went away" while the GUI's
    token poller refreshed. Counting starts before the token is located; this thread's own
    locating may still refresh (it has nothing open yet), other threads may not.
    """
    with _lock:
        _open_sessions[path] = _open_sessions.get(path, 0) + 1
        own = _own_opening()
        own[path] = own.get(path, 0) + 1


def session_opening_done(path: str) -> None:
    """The session is open (it stays counted until :func:`session_closed`)."""
    with _lock:
        own = _own_opening()
        own[path] = max(0, own.get(path, 0) - 1)


def _own_opening() -> dict[str, int]:
    if not hasattr(_opening, "paths"):
        _opening.paths = {}
    return _opening.paths  # type: ignore[no-any-return]


def _sessions_of_others(path: str) -> int:
    """Sessions on ``path`` other than the ones this thread is opening right now."""
    return _open_sessions.get(path, 0) - _own_opening().get(path, 0)


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
    path: str,
    environment: Mapping[str, str] | None = None,
    *,
    refresh: bool = True,
    timeout: float = watchdog.DEFAULT_TIMEOUT,
) -> list[tuple[TokenInfo, pkcs11.Token]]:
    """Every initialised token present in the module's slots, with its live handle."""
    lib = load_module(path, environment, refresh=refresh, timeout=timeout)

    def read() -> list[tuple[TokenInfo, pkcs11.Token]]:
        found = []
        for slot in lib.get_slots(token_present=True):
            try:
                token = slot.get_token()
            except (p11.TokenNotPresent, p11.TokenNotRecognised, p11.DeviceRemoved):
                continue
            info = token_info(slot.slot_id, token)
            if info.initialized:
                found.append((info, token))
        return found

    try:
        return watchdog.guarded(path, "listing slots", read, timeout)
    except p11.PKCS11Error as exc:
        raise translate(exc, doing=f"listing the slots of {path}") from exc


def find_token(
    path: str,
    selector: TokenSelector,
    environment: Mapping[str, str] | None = None,
    *,
    timeout: float = watchdog.DEFAULT_TIMEOUT,
) -> tuple[TokenInfo, pkcs11.Token]:
    """The one token matching ``selector``; zero or several matches are errors, never a guess."""
    info, token, _notice = locate_token(path, selector, environment, timeout=timeout)
    return info, token


def locate_token(
    path: str,
    selector: TokenSelector,
    environment: Mapping[str, str] | None = None,
    *,
    timeout: float = watchdog.DEFAULT_TIMEOUT,
) -> tuple[TokenInfo, pkcs11.Token, str]:
    """Like :func:`find_token`, plus a notice for the user ("label changed from X to Y") or ""."""
    tokens = list_tokens(path, environment, timeout=timeout)
    choice = choose_token([info for info, _ in tokens], selector)
    info, token = tokens[choice.index]
    return info, token, choice.notice
