"""The TSA password, kept in the OS keyring and nowhere else.

The configuration holds the TSA username only; the password goes to the platform's keyring
(Secret Service / KWallet on Linux, Keychain on macOS, Credential Manager on Windows) under the
service name :data:`KEYRING_SERVICE` and the username. It is never written to ``config.toml``,
the audit log, an error message or a log line.

A headless Linux box often has no keyring at all (keyring's "fail" backend). That is reported
as a :class:`~sealdesk.errors.ConfigError` saying so, before anything is saved, instead of
storing the password somewhere weaker behind the person's back.

The store is an interface (:class:`PasswordStore`) so tests and other front ends can hand in
their own; :class:`KeyringPasswords` is the real one.
"""

from __future__ import annotations

from typing import Protocol

import keyring
import keyring.backend
import keyring.errors

from sealdesk.config import TsaConfig
from sealdesk.errors import ConfigError

KEYRING_SERVICE = "SealDesk TSA"


class PasswordStore(Protocol):
    """Where TSA passwords live. Every method raises :class:`ConfigError` when unavailable."""

    def get(self, username: str) -> str | None: ...

    def set(self, username: str, password: str) -> None: ...

    def delete(self, username: str) -> None: ...


def keyring_unavailable(exc: BaseException | None = None) -> ConfigError:
    reason = f" ({exc.__class__.__name__})" if exc is not None else ""
    return ConfigError(
        f"No OS keyring is available to keep the TSA password{reason}.",
        hint="SealDesk stores TSA passwords only in the OS keyring. On a desktop, unlock or "
        "install GNOME Keyring or KWallet; on a headless server install a keyring backend "
        "(e.g. the 'keyrings.alt' package) or use a TSA that needs no password.",
    )


class KeyringPasswords:
    """:class:`PasswordStore` over the ``keyring`` package (the platform's keyring by default)."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend or keyring.get_keyring()

    def get(self, username: str) -> str | None:
        try:
            return self.backend.get_password(KEYRING_SERVICE, username)
        except Exception as exc:  # every backend has its own errors; none may leak a secret
            raise keyring_unavailable(exc) from None

    def set(self, username: str, password: str) -> None:
        try:
            self.backend.set_password(KEYRING_SERVICE, username, password)
        except Exception as exc:  # see get(); `from None` keeps the password out of tracebacks
            raise keyring_unavailable(exc) from None

    def delete(self, username: str) -> None:
        try:
            self.backend.delete_password(KEYRING_SERVICE, username)
        except keyring.errors.PasswordDeleteError:
            return  # nothing stored: already the wanted state
        except Exception as exc:
            raise keyring_unavailable(exc) from None


class PasswordState:
    """What the Settings page shows next to the password field (never the password itself)."""

    STORED = "stored in the OS keyring"
    NOT_STORED = "not stored"
    NO_USERNAME = "no username"
    UNAVAILABLE = "no OS keyring available"


def password_state(username: str, store: PasswordStore | None = None) -> str:
    """One of :class:`PasswordState`'s texts, for the Settings page (worker thread)."""
    if not username:
        return PasswordState.NO_USERNAME
    try:
        found = (store or KeyringPasswords()).get(username)
    except ConfigError:
        return PasswordState.UNAVAILABLE
    return PasswordState.STORED if found else PasswordState.NOT_STORED


def tsa_password(tsa: TsaConfig, store: PasswordStore | None = None) -> str | None:
    """The password for the configured TSA account, or None (no account, nothing stored, or no
    keyring: the TSA then answers "unauthorised", which names the actual problem)."""
    if not (tsa.url and tsa.username):
        return None
    try:
        return (store or KeyringPasswords()).get(tsa.username)
    except ConfigError:
        return None
