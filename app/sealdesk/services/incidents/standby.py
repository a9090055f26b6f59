"""Switching the seal token to the standby and back: an operator's act, linked to an incident.

SealDesk never switches by itself. When the primary token is missing, hung or slower than
``standby.slow_seconds``, sealing refuses (or warns) and offers the switch; a person decides.
The switch is one transaction that appends ``token.switched`` (``to``: ``standby`` or
``primary``) and links it to an availability incident: the one named, else the open
availability incident, else a new one. Which token seals is then what the log's last valid
switch says (:mod:`sealdesk.core.rotation.standby`), never a row or the configuration.

Switching to the standby logs in to it (its PIN): it must hold the certificate the log expects,
and its key signs the switch statement (the switch's sequence number and that certificate),
which the replay checks, so a database writer cannot move sealing to it. Switching back looks at
the primary (no login): it must answer, so nobody switches to a token that cannot seal either. The
primary's state at that moment (missing, hung, slow, answering) is recorded with the switch.
While the standby seals, the end-of-batch checkpoints wait for the audit key on the primary
token; the next operation with the primary signs one covering everything before it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.offline import Authority
from sealdesk.core.rotation.standby import (
    PRIMARY,
    STANDBY,
    StandbyToken,
    TokenSwitch,
    switch_statement,
)
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.errors import InputError, PermissionDeniedError, TokenError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record, record_login
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.register import (
    IncidentType,
    LinkKind,
    attach_or_open,
    load_incidents,
    require_incident,
)
from sealdesk.services.keys.authority import read_authority
from sealdesk.services.keys.standby import (
    TokenProbe,
    check_standby_rows,
    probe_token,
    read_standing,
    standby_token_config,
)
from sealdesk.storage.audit.repo import lock_head

INCIDENT_TITLE = "Primary seal token unavailable"


@dataclass(frozen=True)
class StandbyStatus:
    """What ``sealdesk token standby status`` and the GUI show."""

    standby: StandbyToken | None
    active: str
    last_switch: TokenSwitch | None
    primary: TokenProbe | None
    standby_probe: TokenProbe | None
    slow_seconds: float

    @property
    def offer_switch(self) -> bool:
        """The primary seals, a standby is registered and usable, the primary is not well."""
        return (self.active == PRIMARY and self.standby is not None
                and self.primary is not None and self.primary.state != "ok"
                and self.standby_probe is not None and self.standby_probe.usable)


def standby_status(ctx: AppContext, *, probe: bool = True) -> StandbyStatus:
    """The registered standby and the active token from the log; the tokens looked at."""
    authority = read_standing(ctx)
    standby = authority.standby
    last = authority.switches[-1] if authority.switches else None
    primary_probe = standby_probe = None
    slow = ctx.config.standby.slow_seconds
    if probe and ctx.config.has_token:
        primary_probe = probe_token(ctx.config.token, ctx.config.token.seal_key_label, slow)
    if probe and standby is not None:
        standby_probe = probe_token(standby_token_config(ctx.config, standby),
                                    standby.key_label, slow)
    return StandbyStatus(standby, authority.active_token, last, primary_probe, standby_probe,
                         slow)


@dataclass(frozen=True)
class SwitchResult:
    to: str
    incident: int
    entry: int
    primary: TokenProbe | None


def switch_to_standby(ctx: AppContext, pin: str | None, *, reason: str,
                      incident: int | None = None,
                      now: dt.datetime | None = None) -> SwitchResult:
    """Seal with the standby token from now on (see the module docstring).

    ``pin`` is the standby token's PIN: its key signs the switch statement, which is what makes
    the switch count when the log is replayed (a database writer cannot make it)."""
    return _switch(ctx, STANDBY, reason, incident, now, pin)


def switch_back(ctx: AppContext, *, reason: str, incident: int | None = None,
                now: dt.datetime | None = None) -> SwitchResult:
    """Seal with the primary token again; the incident stays open until someone closes it."""
    return _switch(ctx, PRIMARY, reason, incident, now, None)


def _switch(ctx: AppContext, to: str, reason: str, incident: int | None,
            now: dt.datetime | None, pin: str | None) -> SwitchResult:
    require_role(ctx, (Role.ADMINISTRATOR, Role.OPERATOR), "switch the seal token")
    reason = (reason or "").strip()
    if not reason:
        raise InputError("Say why the seal token is switched.",
                         hint="For example: 'primary token does not answer since 09:10'.")
    authority = read_standing(ctx)
    standby = _require_switchable(authority, to)
    slow = ctx.config.standby.slow_seconds
    primary = (probe_token(ctx.config.token, ctx.config.token.seal_key_label, slow)
               if ctx.config.has_token else None)
    sequence = len(authority.switches) + 1
    signed: dict[str, object] = {}
    if to == STANDBY:
        signed = _signed_switch(ctx, standby, sequence, pin)
    else:
        _require_usable(to, primary)
    with ctx.database.transaction() as session:
        lock_head(session)
        current = read_authority(session)  # another console may have switched meanwhile
        check_standby_rows(session, current)
        _require_switchable(current, to)
        if len(current.switches) + 1 != sequence:
            raise InputError("Another console switched the seal token meanwhile.",
                             hint="'sealdesk token standby status' shows the state now.")
        if incident is None:
            incident = attach_or_open(session, ctx, IncidentType.AVAILABILITY, INCIDENT_TITLE,
                                      [], occurred_at=now, contained=False)
        else:
            found = require_incident(load_incidents(session), incident)
            if not found.is_open:
                raise InputError(f"{found.name} is closed.",
                                 hint="Name an open incident, or none to open one.")
        entry = record(session, ctx.event(
            EventType.TOKEN_SWITCHED, {"token": to},
            {"to": to, "from": PRIMARY if to == STANDBY else STANDBY, "incident": incident,
             "reason": reason[:1000], "standby_proposal": standby.proposal_id,
             "standby_certificate_sha256": standby.certificate_sha256,
             "primary_state": primary.state if primary else "not configured",
             "primary_milliseconds": int(primary.seconds * 1000) if primary else None,
             "primary_message": primary.message[:500] if primary else "", **signed},
        )).index
        record(session, ctx.event(EventType.INCIDENT_LINKED, {"incident": str(incident)},
                                  {"kind": LinkKind.ENTRY.value, "ref": str(entry),
                                   "entry": entry}))
    return SwitchResult(to, incident, entry, primary)


def _require_switchable(authority: Authority, to: str) -> StandbyToken:
    if authority.standby is None:
        raise PermissionDeniedError(
            "No standby seal token is registered, so there is nothing to switch to.",
            hint="A standby is registered by a quorum-approved proposal: 'sealdesk token "
            "standby propose', approved by the custodians, then 'sealdesk rotation execute'.")
    if authority.active_token == to:
        raise InputError(f"The {to} token is already the one that seals.",
                         hint="'sealdesk token standby status' shows the state.")
    return authority.standby


def _signed_switch(ctx: AppContext, standby: StandbyToken, sequence: int,
                   pin: str | None) -> dict[str, object]:
    """Log in to the standby, check it holds the registered certificate, sign the statement."""
    cfg = standby_token_config(ctx.config, standby)
    selector = TokenSelector.from_config(cfg)
    statement = switch_statement(sequence, standby.certificate_sha256)
    try:
        with open_token_session(cfg.module, selector, pin, environment=cfg.environment,
                                timeout=cfg.timeout_seconds) as token:
            der = token.certificate_der(standby.key_label)
            if hashlib.sha256(der).hexdigest() != standby.certificate_sha256:
                raise TokenError(
                    "The standby token holds another certificate than the one the custodians "
                    "registered; SealDesk does not switch to it.",
                    hint="Connect the registered standby token ('sealdesk token standby "
                    "status').")
            signature, algorithm = token.sign_with(standby.key_label, statement)
            record_login(ctx, selector, succeeded=True, token=token,
                         reason="signing a switch to the standby token")
    except TokenError as exc:
        record_login(ctx, selector, succeeded=False, reason=exc.message)
        raise
    return {"sequence": sequence, "signature_b64": base64.b64encode(signature).decode("ascii"),
            "algorithm": algorithm}


def _require_usable(to: str, probe: TokenProbe | None) -> None:
    if probe is None:
        raise TokenError(f"No {to} token is configured.",
                         hint="Configure the seal token in Settings.")
    if not probe.usable:
        raise TokenError(
            f"The {to} token cannot be used now ({probe.state}: {probe.message}); the seal "
            "token stays as it is.",
            hint="Connect the token and try again; 'sealdesk token standby status' shows "
            "both tokens.")
