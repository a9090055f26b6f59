"""The Home page's health dashboard as plain data: one :class:`Dashboard`, gathered in a worker.

Each fact is a :class:`Tile`: a title, a headline, a detail line and a :class:`Level` saying how
worried to be. The page only lays tiles out; what counts as a warning (a certificate expiring
within 90/30/7 days, a failed seal today, a broken chain) is decided here, where it is tested
without widgets and could be shown by a CLI as well.

Reads only: the token through the child-process probe (never blocks beyond its timeout), the
database through one read session (tables that later releases add are queried defensively, see
:mod:`sealdesk.services.console.dashboard_queries`). The seal certificate comes from the key
registry;
before any rotation it is read from the token without a login (certificates are public).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.offline import Authority
from sealdesk.core.rotation.standby import STANDBY
from sealdesk.core.token.status import TokenState, poll_token_status
from sealdesk.errors import SealDeskError
from sealdesk.services.console.dashboard_queries import (
    LoggedEvent,
    RecentEvent,
    active_seal_certificate,
    count_events,
    latest_checkpoint,
    latest_event,
    latest_revalidation_run,
    log_size,
    open_proposals,
    recent_events,
    recent_of,
)
from sealdesk.services.console.dashboard_tiles import (
    ALERT_HOURS,
    Level,
    Tile,
    alerts_tile,
    certificate_tile,
    chain_tile,
    incidents_tile,
    maintenance_tile,
    revalidation_tile,
    rotation_tile,
    snapshot_tile,
    token_tile,
)
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.register import load_incidents
from sealdesk.services.keys.standby import read_standing, standby_token_config

__all__ = ["EXPIRY_WARNINGS", "Dashboard", "Level", "RecentEvent", "Tile", "gather_dashboard",
           "start_of_day"]

EXPIRY_WARNINGS = (90, 30, 7)
"""Days before the seal certificate expires at which the dashboard warns, more urgently each."""
RECENT_EVENTS = 12
RECENT_ALERTS = 5


@dataclass(frozen=True)
class Dashboard:
    gathered_at: dt.datetime
    tiles: tuple[Tile, ...]
    seals_today: int = 0
    failures_today: int = 0
    certificate_days_left: int | None = None
    sealing_enabled: bool = True
    open_proposals: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    recent: tuple[RecentEvent, ...] = ()
    """The newest audit entries, newest first (what happened lately, at a glance)."""
    alerts: tuple[LoggedEvent, ...] = ()
    """The newest ``alert.raised`` entries, newest first."""
    open_incidents: int = 0

    def tile(self, key: str) -> Tile:
        return next(t for t in self.tiles if t.key == key)


def start_of_day(now: dt.datetime) -> dt.datetime:
    """Local midnight of ``now``'s day, in UTC ("today" is the operator's day, not UTC's)."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(dt.UTC)


def gather_dashboard(ctx: AppContext, *, now: dt.datetime | None = None) -> Dashboard:
    """Everything the Home page shows (worker thread; may take up to the token timeout)."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    notes: list[str] = []
    standing = _standing(ctx, notes)
    on_standby = standing is not None and standing.active_token == STANDBY \
        and standing.standby is not None
    status = poll_token_status(standby_token_config(ctx.config, standing.standby)  # type: ignore[union-attr]
                               if on_standby else ctx.config.token)
    since = start_of_day(now)
    with ctx.database.reader() as session:
        if ctx.schema is not None:
            session.info["tables"] = ctx.schema.tables  # asked once, when the context opened
        sealed = count_events(session, EventType.DOCUMENT_SEALED, since)
        failed = count_events(session, EventType.DOCUMENT_SEAL_FAILED, since)
        cert_der = active_seal_certificate(session)
        run = latest_revalidation_run(session)
        finished = latest_event(session, EventType.REVALIDATION_FINISHED)
        checkpoint = latest_checkpoint(session)
        size = log_size(session)
        verified = latest_event(session, EventType.SELFTEST_PASSED, EventType.SELFTEST_FAILED,
                                subject="audit_log")
        maintenance = latest_event(session, EventType.MAINTENANCE_ENABLED,
                                   EventType.MAINTENANCE_DISABLED)
        proposals = open_proposals(session, now)
        snapshot = latest_event(session, EventType.SNAPSHOT_CREATED)
        recent = recent_events(session, RECENT_EVENTS)
        incidents = list(load_incidents(session).values())
        alerts = recent_of(session, EventType.ALERT_RAISED, RECENT_ALERTS)
        alerts_lately = count_events(session, EventType.ALERT_RAISED,
                                     now - dt.timedelta(hours=ALERT_HOURS))
    pin_pad = status.info is not None and status.info.pin.protected_auth_path
    if cert_der is None and status.state == TokenState.READY and not pin_pad:
        cert_der = _certificate_from_token(ctx, notes)  # a PIN pad would ask: not for a glance
    cert = certificate_tile(cert_der, now, EXPIRY_WARNINGS)
    sealing_enabled = maintenance is None or maintenance.type != EventType.MAINTENANCE_ENABLED
    tiles = (
        _with_standby(token_tile(status, demo=ctx.config.demo), standing),
        cert.tile,
        _activity_tile(sealed, failed),
        revalidation_tile(run, finished, now, ctx.config.revalidation.interval_days),
        chain_tile(checkpoint, size, verified),
        maintenance_tile(maintenance),
        rotation_tile(proposals, now),
        snapshot_tile(snapshot, now, ctx.config.storage.snapshot_warn_days),
        incidents_tile(incidents, now),
        alerts_tile(alerts, alerts_lately, now),
    )
    return Dashboard(now, tiles, sealed, failed, cert.days_left, sealing_enabled,
                     len(proposals), tuple(notes), tuple(recent), tuple(alerts),
                     sum(1 for i in incidents if i.is_open))


def _standing(ctx: AppContext, notes: list[str]) -> Authority | None:
    """The log's word on the standby token; a problem is a note, the Home page still shows."""
    try:
        return read_standing(ctx)
    except SealDeskError as exc:
        notes.append(f"Which token seals could not be read from the audit log: {exc.message}")
        return None


def _with_standby(tile: Tile, standing: Authority | None) -> Tile:
    """The token tile says which token seals: the standby is shown plainly, never hidden."""
    if standing is None or standing.standby is None:
        return tile
    standby = standing.standby
    if standing.active_token != STANDBY:
        return replace(tile, detail=f"{tile.detail} Standby registered: "
                       f"{standby.token_label}.".strip())
    switch = standing.switches[-1] if standing.switches else None
    since = (f" since {switch.time:%Y-%m-%d %H:%M} UTC"
             f"{f' (INC-{switch.incident})' if switch.incident is not None else ''}"
             if switch else "")
    level = tile.level if tile.level == Level.DANGER else Level.WARNING
    return replace(tile, title=f"{tile.title}: STANDBY",
                   detail=f"Sealing with the standby token {standby.token_label}{since}. "
                   f"{tile.detail} Switch back with 'sealdesk token standby switch-back' once "
                   "the primary works.", level=level)


def _activity_tile(sealed: int, failed: int) -> Tile:
    level = Level.WARNING if failed else (Level.OK if sealed else Level.NEUTRAL)
    detail = (f"{failed} failed seal attempt{'s' if failed != 1 else ''} today; the audit log "
              "has the reasons." if failed else "No failed seal attempts today.")
    return Tile("activity", "Today", f"{sealed} document{'s' if sealed != 1 else ''} sealed",
                detail, level)


def _certificate_from_token(ctx: AppContext, notes: list[str]) -> bytes | None:
    """The configured seal certificate, read from the token without a login."""
    from sealdesk.core.token import TokenSelector, open_token_session

    cfg = ctx.config.token
    try:
        with open_token_session(cfg.module, TokenSelector.from_config(cfg), None,
                                environment=cfg.environment,
                                timeout=cfg.timeout_seconds, login=False) as token:
            return token.certificate_der(cfg.seal_key_label)
    except SealDeskError as exc:
        notes.append(f"The seal certificate could not be read from the token: {exc.message}")
        return None
