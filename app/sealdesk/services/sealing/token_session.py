"""The token side of one sealing batch: log in, ask again after a wrong PIN, reconnect.

A batch logs in once. Two things can interrupt it, and both go through the front end's small
interfaces (:mod:`sealdesk.core.token.prompts`), never through a prompt of its own:

* a wrong PIN at login: with a PIN provider, the person is asked again, shown the token's fresh
  tries-left flags (the provider asks for explicit confirmation on the final try); a locked PIN
  stops at once, so no further attempt is ever made;
* the token pulled out (or its session lost) in the middle of the batch: the waiter is asked to
  wait for reinsertion. On "continue" the dead session is closed, the module re-initialised (most
  modules only see a reinserted token after that; it closes every session, and ours is dead
  anyway), the token found again by its identity (a different token is refused), and a new
  session opened with a new login.

The PIN of the batch is kept in memory for the batch only: keys that want a PIN per signature
(CKA_ALWAYS_AUTHENTICATE) need it, and without a PIN provider it is reused after reinsertion.
:meth:`BatchToken.close` drops it. It is never written, logged or put into an event.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from sealdesk.config import TokenConfig
from sealdesk.core.token import TokenSelector, TokenSession, open_token_session, watchdog
from sealdesk.core.token.module import find_token
from sealdesk.core.token.prompts import (
    NoticeCallback,
    PinProvider,
    PinRequest,
    TokenAbsence,
    TokenWaiter,
    WaitDecision,
    ignore_notice,
    stop_when_removed,
)
from sealdesk.errors import PinLockedError, TokenError, TokenNotPresentError, WrongPinError
from sealdesk.services.audit.log import record_login
from sealdesk.services.context import AppContext

RECONNECTED = "The token was reconnected: log in again to continue the batch."


class BatchToken:
    """One batch's logged-in session on the sealing token, reopened after a removal.

    The sealing token is the configured one, or the registered standby after an operator
    switched to it (``token_config``, see :mod:`sealdesk.services.keys.standby`)."""

    def __init__(
        self,
        ctx: AppContext,
        pin: str | None,
        *,
        pin_provider: PinProvider | None = None,
        waiter: TokenWaiter | None = None,
        notice: NoticeCallback = ignore_notice,
        token_config: TokenConfig | None = None,
    ) -> None:
        self._ctx = ctx
        self._config = token_config or ctx.config.token  # the standby's, when it is active
        self.selector = TokenSelector.from_config(self._config)
        self._pin = pin
        self._provider = pin_provider
        self._waiter = waiter or stop_when_removed
        self.notify = notice
        self._session: AbstractContextManager[TokenSession] | None = None
        self._token: TokenSession | None = None
        self._last = (self.selector.label, self.selector.serial)  # as the token last reported

    @property
    def token(self) -> TokenSession:
        if self._token is None:
            raise TokenNotPresentError("The token session is closed.", hint="Log in again.")
        return self._token

    @property
    def is_open(self) -> bool:
        """A session is open and its module answers (False after a removal, a timeout, close)."""
        return self._token is not None and not watchdog.is_stuck(self._config.module)

    @property
    def pin(self) -> str | None:
        """The PIN that opened the current session (for per-signature logins), or None."""
        return self._pin

    def open(self) -> TokenSession:
        """Log in for the batch; raises the login's :class:`TokenError` when it cannot."""
        self._login(self._pin)
        return self.token

    def close(self) -> None:
        """Close the session (quietly if the token is gone) and forget the batch's PIN."""
        self._close_session()
        self._pin = None

    def reconnect(self, document: str, error: TokenError, done: int, total: int) -> bool:
        """Wait for the token to come back and log in again; False when the person stops.

        Raises :class:`TokenError` when the token that came back cannot be used (another token,
        locked PIN, PIN declined after a wrong one).
        """
        self._close_session()
        last = self._last
        message, attempt = error.message, 1
        while True:
            absence = TokenAbsence(
                token_label=last[0], token_serial=last[1], document=document, message=message,
                done=done, total=total, attempt=attempt,
            )
            if self._waiter(absence) is not WaitDecision.CONTINUE:
                return False
            try:
                info, _ = find_token(
                    self._config.module, self.selector, self._config.environment,
                    timeout=self._config.timeout_seconds,
                )
                pin = self._pin
                if self._provider is not None:
                    reply = self._provider(PinRequest(
                        info.label, info.serial, info.pin, reason=RECONNECTED,
                    ))
                    if reply is None:
                        return False
                    pin = reply.pin
                self._login(pin)
                return True
            except TokenNotPresentError as exc:  # not back yet (or gone again): wait again
                message, attempt = exc.message, attempt + 1

    def _login(self, pin: str | None) -> None:
        while True:
            opening = open_token_session(
                self._config.module, self.selector, pin, environment=self._config.environment,
                timeout=self._config.timeout_seconds,
            )
            try:
                token = opening.__enter__()
            except WrongPinError as exc:
                record_login(self._ctx, self.selector, succeeded=False, reason=exc.message)
                pin = self._ask_again(exc)
                continue
            except TokenError as exc:
                record_login(self._ctx, self.selector, succeeded=False, reason=exc.message)
                raise
            break
        self._session, self._token, self._pin = opening, token, pin
        self._last = (token.info.label, token.info.serial)
        record_login(self._ctx, self.selector, succeeded=True, token=token)
        if token.notice:
            self.notify(token.notice)

    def _ask_again(self, error: WrongPinError) -> str | None:
        """Ask the provider for another PIN after ``error``, with the token's fresh flags."""
        if self._provider is None:
            raise error
        info, _ = find_token(
            self._config.module, self.selector, self._config.environment,
            timeout=self._config.timeout_seconds,
        )
        if info.pin.locked:  # the module reported the lock only in its flags
            raise PinLockedError(
                f"The PIN of token {info.label!r} is now locked.",
                hint="Ask the token's security officer to unblock the PIN; SealDesk cannot do it.",
            ) from error
        reply = self._provider(PinRequest(
            info.label, info.serial, info.pin, retry_message=error.message,
        ))
        if reply is None:
            raise error
        return reply.pin

    def _close_session(self) -> None:
        session, self._session, self._token = self._session, None, None
        if session is not None:
            session.__exit__(None, None, None)
