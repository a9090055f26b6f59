"""Security-relevant acts commit only together with a signed checkpoint over their events.

Rotation (propose, approve, reject, execute, resume), custodian and policy changes, role
grants and revocations, the maintenance switch and compromise marking change who may do what
or how signing works. Their events must never wait in the unsigned tail of the log, where
someone who can write the database could delete or rewrite them with a rebuilt head and leave
no trace. So each such act runs in :func:`signed_transaction`: its rows, its events and a
checkpoint signed by the pinned audit key over them commit together, or not at all. A token
pulled out, a wrong audit key or a missing one rolls the whole act back: no effect, no event.

The front end (CLI command, GUI job) wraps the act in :func:`audit_key_login`, and the PIN is
asked the way every other token command asks it; the act and every act it triggers deeper down
(executing a proposal applies a role change, marking a compromise executes the retirement)
sign with that one login. The login is kept in a :class:`~contextvars.ContextVar`, so it
belongs to the calling thread's ``with`` block only: a GUI job on another thread never sees
it. A service called without a login refuses before anything is changed
(:class:`~sealdesk.errors.AuditKeyLoginRequiredError`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy.orm import Session

from sealdesk.core.token import TokenSelector, TokenSession, open_token_session
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.module import find_token
from sealdesk.errors import AuditKeyLoginRequiredError, ConfigError, TokenError
from sealdesk.services.audit.checkpoints import checkpoint_in_transaction
from sealdesk.services.audit.log import record_login
from sealdesk.services.context import AppContext

AskPin = Callable[[TokenInfo], str | None]
"""Gives the token's PIN once it is needed (None: the reader's PIN pad); may raise to stop."""

SIGNED_ACT_HINT = (
    "Acts that change who may do what or how signing works are signed by the audit key on "
    "the token before they take effect: give the token's user PIN (CLI: SEALDESK_PIN or the "
    "prompt; GUI: the PIN dialog).")


class _Login:
    """A front end's permission to log in for the signed acts of a block.

    The token session is opened by the outermost act that needs it and closed when that act
    ends, so the token is free between acts (a seal batch in between logs in on its own; a
    PKCS#11 token accepts one login per application at a time). The PIN is asked at the first
    act and kept in memory for the block only, as a seal batch keeps its PIN.
    """

    def __init__(self, ctx: AppContext, ask: AskPin, reason: str, rw: bool) -> None:
        self.ctx, self._ask, self._reason, self._rw = ctx, ask, reason, rw
        self._pin: tuple[str | None] | None = None
        self._token: TokenSession | None = None

    @contextmanager
    def hold(self) -> Iterator[TokenSession]:
        """The logged-in session for one act (and the acts inside it)."""
        if self._token is not None:  # an act inside an act (a step of an execution)
            yield self._token
            return
        with self._open() as token:
            self._token = token
            try:
                yield token
            finally:
                self._token = None

    @contextmanager
    def _open(self) -> Iterator[TokenSession]:
        config = self.ctx.config
        if not config.has_token:
            raise ConfigError("No token is configured, so no act can be signed.",
                              hint="Configure the token in Settings (or run 'sealdesk demo "
                              "init').")
        cfg = config.token
        selector = TokenSelector.from_config(cfg)
        if self._pin is None:
            info, _ = find_token(cfg.module, selector, cfg.environment,
                                 timeout=cfg.timeout_seconds)
            pin = self._ask(info)
        else:
            pin = self._pin[0]
        opening = open_token_session(cfg.module, selector, pin, environment=cfg.environment,
                                     rw=self._rw, timeout=cfg.timeout_seconds)
        try:
            token = opening.__enter__()
        except TokenError as exc:
            record_login(self.ctx, selector, succeeded=False, reason=exc.message)
            raise
        try:
            self._pin = (pin,)
            record_login(self.ctx, selector, succeeded=True, token=token, reason=self._reason)
            yield token
        finally:
            opening.__exit__(None, None, None)

    def forget(self) -> None:
        self._pin = None


_LOGIN: ContextVar[_Login | None] = ContextVar("sealdesk_audit_key_login", default=None)


def _current(ctx: AppContext) -> _Login | None:
    login = _LOGIN.get()
    return login if login is not None and login.ctx is ctx else None


@contextmanager
def audit_key_login(ctx: AppContext, pin: str | None = None, *, ask: AskPin | None = None,
                    reason: str = "", rw: bool = True) -> Iterator[None]:
    """Let the signed acts inside the block log in to the configured token (the audit key's).

    The login happens at the first act that needs it, after that act's own checks (role,
    input, state), so a refusal never costs a PIN; ``ask`` is called then for the PIN (the
    CLI's prompt), or ``pin`` is used (the GUI asked it before starting the job). Given
    neither, inside an enclosing block for the same context, that block's login is used (one
    PIN). Each attempt is recorded (never the PIN); the PIN is forgotten at the end of the
    block.
    """
    if _current(ctx) is not None and pin is None and ask is None:
        yield  # no PIN of its own: the enclosing block's login is used
        return
    login = _Login(ctx, ask if ask is not None else (lambda _info: pin), reason, rw)
    marker = _LOGIN.set(login)
    try:
        yield
    finally:
        _LOGIN.reset(marker)
        login.forget()


def _login_for(ctx: AppContext, what: str) -> _Login:
    login = _current(ctx)
    if login is None:
        raise AuditKeyLoginRequiredError(f"To {what}, SealDesk needs the token's PIN.",
                                         hint=SIGNED_ACT_HINT)
    return login


def require_audit_key_login(ctx: AppContext, what: str) -> None:
    """Refuse ``what`` up front (before a custodian's PIN is used) when no login may be made."""
    _login_for(ctx, what)


@contextmanager
def audit_key_session(ctx: AppContext, what: str) -> Iterator[TokenSession]:
    """The logged-in token for an act that spans several signed transactions (execution)."""
    with _login_for(ctx, what).hold() as token:
        yield token


@contextmanager
def signed_transaction(ctx: AppContext, what: str) -> Iterator[Session]:
    """One transaction whose events are covered by a signed checkpoint before it commits.

    Logs in (or refuses) before opening the transaction. If the body raises, or the
    checkpoint cannot be signed (token pulled out, wrong or missing audit key), everything in
    it is rolled back: no effect, no event.
    """
    with audit_key_session(ctx, what) as token, ctx.database.transaction() as session:
        yield session
        checkpoint_in_transaction(ctx, session, token)
