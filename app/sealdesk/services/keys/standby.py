"""The standby seal token under quorum: which token seals now, and applying a registration.

Which token is registered as standby and which one is active is replayed from the audit log
(:func:`sealdesk.services.keys.authority.read_authority`, rules in
:mod:`sealdesk.core.rotation.standby`); the ``managed_keys`` row with status ``standby`` is a
cache for the Keys page, compared with the log at every use: a row that claims a standby the log
never registered (or hides the one it did) is a :class:`~sealdesk.errors.RecordIntegrityError`
and nothing is sealed. The switch itself is an operator's act linked to an incident, in
:mod:`sealdesk.services.incidents.standby`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, replace

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.config import Config, TokenConfig
from sealdesk.core.audit.checkpoint import key_id_for
from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.errors import ProposalStateError
from sealdesk.core.rotation.offline import Authority
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.core.rotation.standby import PRIMARY, STANDBY, StandbyToken
from sealdesk.core.token import TokenInfo, TokenSelector, open_token_session
from sealdesk.core.token.module import find_token
from sealdesk.errors import (
    RecordIntegrityError,
    StorageError,
    TokenError,
    TokenNotPresentError,
    TokenReplacedError,
    TokenTimeoutError,
)
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority, unreadable
from sealdesk.services.keys.registry import algorithm_of
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import ManagedKey

_HINT = ("Do not seal until it is explained. Keep the database as it is, run 'sealdesk audit "
         "verify' and 'sealdesk audit verify-quorum', and find out who wrote the database.")


@dataclass(frozen=True)
class SealToken:
    """The token and key a seal uses now, as the log decides."""

    which: str
    """"primary" or "standby"."""
    token: TokenConfig
    key_label: str
    standby: StandbyToken | None
    """The registered standby (whether or not it is the active one)."""

    @property
    def expected_certificate_sha256(self) -> str:
        """On the standby the certificate must be the registered one; "" for the primary."""
        return self.standby.certificate_sha256 if self.which == STANDBY and self.standby else ""


def read_standing(ctx: AppContext) -> Authority:
    """The replayed log, with the standby rows checked against it (fails closed).

    A standby registration or a switch in the log that does not count (a forged, unsigned
    switch; a registration no quorum carried) is an integrity error naming the entry: which
    token should seal is then in doubt, so nothing is sealed until someone looks."""
    try:
        with ctx.database.reader() as session:
            authority = read_authority(session)
            if authority.token_problems:
                raise RecordIntegrityError(
                    "The audit log holds a standby registration or token switch that does not "
                    "count: " + "; ".join(authority.token_problems), hint=_HINT)
            check_standby_rows(session, authority)
            return authority
    except (SQLAlchemyError, StorageError) as exc:
        raise unreadable(exc) from exc


def seal_token(ctx: AppContext) -> SealToken:
    """Which token and key seal now: the primary of the configuration, or the standby."""
    authority = read_standing(ctx)
    standby = authority.standby
    if authority.active_token == STANDBY and standby is not None:
        return SealToken(STANDBY, standby_token_config(ctx.config, standby), standby.key_label,
                         standby)
    return SealToken(PRIMARY, ctx.config.token, ctx.config.token.seal_key_label, standby)


def standby_token_config(config: Config, standby: StandbyToken) -> TokenConfig:
    """The standby's identity from the log, its module and environment from ``[standby]``."""
    local = config.standby
    return replace(
        config.token, module=local.module or config.token.module,
        environment=dict(local.environment or config.token.environment),
        label=standby.token_label, serial=standby.token_serial,
        manufacturer=standby.manufacturer, model=standby.model,
        seal_key_label=standby.key_label,
    )


def check_standby_rows(session: Session, authority: Authority) -> None:
    """Raise naming a ``managed_keys`` row whose standby status disagrees with the log."""
    registered = authority.standby
    sha = registered.certificate_sha256 if registered is not None else None
    for row in repo.managed_keys(session):
        label = f"managed_keys row {row.id} ({row.label!r} on token {row.token_serial})"
        if row.status == "standby" and row.certificate_sha256 != sha:
            raise RecordIntegrityError(
                f"{label} is marked as the standby seal key, but the audit log registered "
                + ("no standby token" if sha is None else "another one"), hint=_HINT)
        if sha is not None and row.certificate_sha256 == sha and row.status not in (
                "standby", "retired"):
            raise RecordIntegrityError(
                f"{label} holds the standby key with status {row.status!r}; the audit log "
                "registered it as the standby, and which token seals is decided by the log's "
                "switch events, not by this row", hint=_HINT)


# ---- applying (an executed register_standby proposal) ----------------------------------------


def apply_register_standby(ctx: AppContext, session: Session, content: ProposalContent,
                           now: dt.datetime) -> dict[str, object]:
    """The ``applied`` step: the registration event, and the row the Keys page shows."""
    authority = read_authority(session)
    if authority.active_token == STANDBY:
        raise ProposalStateError(
            "The standby token is sealing now; a new standby cannot replace it.",
            hint="Switch back to the primary token first ('sealdesk token standby "
            "switch-back'), then execute the proposal.")
    standby = StandbyToken.from_params(content.proposal_id, content.params)
    cert = standby.certificate
    for row in repo.managed_keys(session):
        if row.status == "standby":
            row.status, row.retired_at = "retired", now
    session.flush()
    row = repo.key_labelled(session, standby.key_label, standby.token_serial)
    if row is None:
        row = ManagedKey(purpose="seal", label=standby.key_label, key_id_hex="",
                         token_serial=standby.token_serial, algorithm=algorithm_of(cert),
                         public_key_sha256=key_id_for(cert.public_key()),  # type: ignore[arg-type]
                         created_at=now, proposal_id=content.proposal_id)
        session.add(row)
    row.certificate_der, row.certificate_sha256 = standby.certificate_der, \
        standby.certificate_sha256
    row.status, row.activated_at, row.retired_at = "standby", now, None
    record(session, ctx.event(
        EventType.TOKEN_STANDBY_REGISTERED, {"certificate_sha256": standby.certificate_sha256},
        {**content.params, "proposal_id": content.proposal_id,
         "public_key_sha256": row.public_key_sha256,
         "subject": cert.subject.rfc4514_string()},
    ))
    return {"certificate_sha256": standby.certificate_sha256,
            "token_serial": standby.token_serial}


# ---- the primary's health, and the offer -----------------------------------------------------


@dataclass(frozen=True)
class TokenProbe:
    """How a token answered a look at its seal certificate (no login, no PIN)."""

    state: str
    """"ok", "slow", "missing", "hung" or "error"."""
    seconds: float
    message: str = ""
    certificate_sha256: str = ""

    @property
    def usable(self) -> bool:
        return self.state in ("ok", "slow")


def probe_token(token: TokenConfig, key_label: str, slow_seconds: float) -> TokenProbe:
    """Find ``token``, read the certificate under ``key_label`` and time it.

    "hung" is the token's own time limit (``timeout_seconds``) passing; "slow" an answer that
    came after ``slow_seconds``. The probe never cuts a slow token off: a call abandoned by the
    watchdog marks the module stuck for everyone until it returns."""
    started = time.monotonic()
    try:
        with open_token_session(token.module, TokenSelector.from_config(token), None,
                                environment=token.environment, login=False,
                                timeout=token.timeout_seconds) as session:
            der = session.certificate_der(key_label)
    except (TokenNotPresentError, TokenReplacedError) as exc:
        return TokenProbe("missing", time.monotonic() - started, exc.message)
    except TokenTimeoutError as exc:
        return TokenProbe("hung", time.monotonic() - started, exc.message)
    except TokenError as exc:
        return TokenProbe("error", time.monotonic() - started, exc.message)
    seconds = time.monotonic() - started
    state = "slow" if seconds > slow_seconds else "ok"
    return TokenProbe(state, seconds, "", hashlib.sha256(der).hexdigest())


class PrimaryTokenUnavailableError(TokenError):
    """The primary seal token is missing or hung, and a standby token is registered.

    SealDesk never switches by itself: the message offers the switch, the GUI shows it as a
    dialog, and the person decides (``sealdesk token standby switch``)."""

    def __init__(self, cause: TokenError, standby: StandbyToken) -> None:
        super().__init__(f"{cause.message} A standby seal token is registered: "
                         f"{standby.describe()}.", hint=offer_hint())
        self.cause = cause
        self.standby = standby


def offer_hint() -> str:
    return ("To seal with the standby token, switch to it: 'sealdesk token standby switch "
            "--incident INC-N' (an availability incident is opened if you name none), or "
            "'Switch to standby' in the GUI. Switch back with 'sealdesk token standby "
            "switch-back' once the primary token works again.")


def offers_standby(error: BaseException | None) -> bool:
    """Whether ``error`` is the kind of token failure a standby helps with."""
    return isinstance(error, TokenNotPresentError | TokenTimeoutError | TokenReplacedError)


def find_seal_token(ctx: AppContext) -> tuple[SealToken, TokenInfo]:
    """The token that seals now, found (no login) to read its PIN state before the PIN is
    asked for; a missing or hung primary with a registered standby offers the switch."""
    choice = seal_token(ctx)
    cfg = choice.token
    try:
        info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment,
                             timeout=cfg.timeout_seconds)
    except TokenError as exc:
        if choice.which == PRIMARY and choice.standby is not None and offers_standby(exc):
            raise PrimaryTokenUnavailableError(exc, choice.standby) from exc
        raise
    return choice, info
