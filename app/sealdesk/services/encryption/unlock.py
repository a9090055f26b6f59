"""Unlocking the encrypted store for reading: the token's unwrapping, held by a key agent.

Reading a stored document needs its data key unwrapped by the token's key-encryption key. The
login for that is held by a separate *key agent* process (:mod:`sealdesk.core.token.key_agent`):
PKCS#11 allows one login per process, and this process logs in and out around each seal batch
and signed act, which would end (or be refused by) a login held here for reading. The agent is
started at the first read, not when the context opens, so commands that never open a document
never ask for a PIN; it ends with the context.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sealdesk.core.crypto.wrapping import WrappedKey
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.selection import TokenSelector
from sealdesk.errors import ConfigError
from sealdesk.services.context import AppContext
from sealdesk.storage.documents.encryption import StoreLockedError

__all__ = ["AgentUnwrapper", "StoreLockedError", "store_is_locked", "store_unlocked",
           "unlock_now", "unlock_store", "unlock_with", "unlock_with_token",
           "unlock_with_token_now"]

AskPin = Callable[[TokenInfo], "str | None"]


@dataclass(frozen=True)
class TokenLocation:
    """Where a token is: its PKCS#11 module, which token, and the module's environment."""

    module: str
    selector: TokenSelector
    environment: dict[str, str] = field(default_factory=dict)


class AgentUnwrapper:
    """Unwraps through a key agent started at the first call (with the PIN ``ask`` gives)."""

    def __init__(self, ctx: AppContext, ask: AskPin, *, recovery_key: str | None = None,
                 token: TokenLocation | None = None) -> None:
        self._ctx, self._ask, self._recovery_key = ctx, ask, recovery_key
        self._token = token
        """Another token than the console's (an auditor's or a recovery custodian's)."""
        self._agent: object | None = None
        self._lock = threading.Lock()

    def __call__(self, wraps: Sequence[WrappedKey]) -> bytes:
        return self._started().unwrap(wraps)  # type: ignore[attr-defined, no-any-return]

    def start(self) -> None:
        """Start the key agent now (asking for the PIN and logging in) rather than at the first
        read: a front end that just asked the PIN learns at once whether it was right."""
        self._started()

    @property
    def started(self) -> bool:
        return self._agent is not None

    def _started(self) -> object:
        from sealdesk.core.token.key_agent import KeyAgent
        from sealdesk.core.token.module import find_token

        with self._lock:
            if self._agent is None:
                where = self._token or self._console_token()
                info, _ = find_token(where.module, where.selector, where.environment)
                self._agent = KeyAgent.start(
                    where.module, where.selector, self._ask(info),
                    environment=where.environment, recovery_key=self._recovery_key)
            return self._agent

    def _console_token(self) -> TokenLocation:
        config = self._ctx.config
        if not config.has_token:
            raise ConfigError("No token is configured, so the encrypted document store cannot "
                              "be opened.",
                              hint="Configure the token in Settings, or open the documents "
                              "with your own recipient token.")
        cfg = config.token
        return TokenLocation(cfg.module, TokenSelector.from_config(cfg), dict(cfg.environment))

    def close(self) -> None:
        with self._lock:
            agent, self._agent = self._agent, None
        if agent is not None:
            agent.close()  # type: ignore[attr-defined]


def unlock_store(ctx: AppContext, ask: AskPin) -> None:
    """Let reads of an encrypted store unwrap keys, asking ``ask`` for the PIN at the first
    read (the CLI's prompt, the GUI's dialog). Nothing happens for a plaintext store."""
    encryption = ctx.store.encryption
    if encryption is not None and not encryption.unlocked:
        encryption.unlock(AgentUnwrapper(ctx, ask))


def unlock_with(ctx: AppContext, pin: str | None) -> None:
    """:func:`unlock_store` with a PIN the front end already has."""
    unlock_store(ctx, lambda _info: pin)


def unlock_now(ctx: AppContext, pin: str | None) -> bool:
    """Unlock the store with ``pin`` and log the key agent in now (a worker thread: it waits
    for the token). Raises the login's error (WrongPinError, …) and leaves the store locked
    then. False for a store that is not encrypted (nothing to unlock)."""
    encryption = ctx.store.encryption
    if encryption is None:
        return False
    if not encryption.unlocked:
        unlock_with(ctx, pin)
    unwrapper = encryption.unwrapper
    if isinstance(unwrapper, AgentUnwrapper):
        try:
            unwrapper.start()
        except BaseException:
            ctx.store.lock()
            raise
    return True


def store_is_locked(ctx: AppContext) -> bool:
    """Whether reading a stored document would need the token now (an encrypted store that
    was not unlocked)."""
    encryption = ctx.store.encryption
    return encryption is not None and not encryption.unlocked


@contextmanager
def store_unlocked(ctx: AppContext, pin: str | None) -> Iterator[AppContext]:
    """``ctx`` able to read its encrypted store for the block (the agent ends with it)."""
    unlock_with(ctx, pin)
    try:
        yield ctx
    finally:
        ctx.store.lock()


def unlock_with_token(ctx: AppContext, where: TokenLocation, key_label: str,
                      pin: str | None) -> None:
    """Open the store's documents with a recipient's own token: the private key ``key_label``
    of an auditor or recovery certificate the store's recipients name (an auditor's read-only
    copy; recovery). Replaces any unlocking already installed."""
    encryption = ctx.store.encryption
    if encryption is None:
        return
    encryption.unlock(AgentUnwrapper(ctx, lambda _info: pin, recovery_key=key_label,
                                     token=where))


def unlock_with_token_now(ctx: AppContext, where: TokenLocation, key_label: str,
                          pin: str | None) -> bool:
    """:func:`unlock_with_token` and log the key agent in now (a worker thread), as
    :func:`unlock_now` does for the console token: a wrong PIN or a missing key is reported at
    once, and the store is locked again then. False for a store that is not encrypted."""
    encryption = ctx.store.encryption
    if encryption is None:
        return False
    unlock_with_token(ctx, where, key_label, pin)
    unwrapper = encryption.unwrapper
    if isinstance(unwrapper, AgentUnwrapper):
        try:
            unwrapper.start()
        except BaseException:
            ctx.store.lock()
            raise
    return True
