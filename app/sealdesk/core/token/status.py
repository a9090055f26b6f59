"""Is the configured token there? A cheap, safe poll for the status bar and the removal dialog.

Polling goes through the child-process probe (:mod:`sealdesk.core.token.probe`), not the module
loaded in this process, for three reasons: it sees a token plugged back in without
re-initialising the in-process module (which a running batch holds a session on, and
re-initialising would kill); a hung driver costs at most ``timeout_seconds`` in a worker, never a
frozen process; and it may run while a batch runs, because it shares nothing with it.
Each poll starts a small process (tens of milliseconds); every few seconds is fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sealdesk.core.token.identity import TokenInfo, TokenSelector, TokenSettings
from sealdesk.core.token.probe import probe_module
from sealdesk.core.token.selection import choose_token
from sealdesk.errors import (
    ModuleLoadError,
    TokenAmbiguousError,
    TokenError,
    TokenNotPresentError,
    TokenReplacedError,
)


class TokenState(StrEnum):
    NOT_CONFIGURED = "not configured"
    READY = "ready"
    """Present and ours; ``info.pin`` still tells whether the PIN is low, final or locked."""
    ABSENT = "absent"
    REPLACED = "replaced"
    AMBIGUOUS = "ambiguous"
    MODULE_ERROR = "module error"


@dataclass(frozen=True)
class TokenStatus:
    state: TokenState
    info: TokenInfo | None = None
    message: str = ""
    hint: str = ""
    notice: str = ""
    """Set when READY but worth telling (the label changed)."""


_STATES: tuple[tuple[type[TokenError], TokenState], ...] = (
    (TokenReplacedError, TokenState.REPLACED),
    (TokenAmbiguousError, TokenState.AMBIGUOUS),
    (TokenNotPresentError, TokenState.ABSENT),
    (ModuleLoadError, TokenState.MODULE_ERROR),
)


def poll_token_status(config: TokenSettings) -> TokenStatus:
    """The configured token's state now; never raises, never blocks beyond the timeout."""
    selector = TokenSelector.from_config(config)
    if not config.module or not (selector.label or selector.serial):
        return TokenStatus(TokenState.NOT_CONFIGURED, message="No token is configured.")
    try:
        tokens = probe_module(
            config.module, config.environment, timeout=config.timeout_seconds
        ).tokens
        choice = choose_token(tokens, selector)
    except TokenError as exc:
        state = next((s for cls, s in _STATES if isinstance(exc, cls)), TokenState.MODULE_ERROR)
        return TokenStatus(state, message=exc.message, hint=exc.hint)
    return TokenStatus(TokenState.READY, info=tokens[choice.index], notice=choice.notice)
