"""Snapshot and reconciliation as a front end starts them: with a PIN, not a token session.

Both sign with the audit key, so both need the token. The GUI runs them in a worker on the TOKEN
key and hands over the PIN the person typed; the session is opened, used and closed here, so no
front end holds a token session of its own (the CLI does the same through these functions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.services.context import AppContext
from sealdesk.services.reconcile import Reconciliation, WrittenReport, reconcile, write_report
from sealdesk.services.snapshots.create import Progress, SnapshotResult, create_snapshot
from sealdesk.services.snapshots.listing import snapshot_root


def take_snapshot(ctx: AppContext, pin: str | None, *, reason: str = "",
                  to: Path | None = None, progress: Progress | None = None) -> SnapshotResult:
    """Snapshot everything now, the manifest signed with the audit key on the token."""
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), pin,
                            environment=cfg.environment, timeout=cfg.timeout_seconds) as token:
        return create_snapshot(ctx, token, reason=reason, to=to, progress=progress)


@dataclass(frozen=True)
class ReconcileOutcome:
    result: Reconciliation
    report: WrittenReport


def reconcile_and_report(ctx: AppContext, pin: str | None, *, since: dt.datetime | None = None,
                         folder: Path | None = None) -> ReconcileOutcome:
    """Cross-check everything, then write the report signed with the audit key."""
    result = reconcile(ctx, since)
    target = folder or snapshot_root(ctx) / "reports"
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), pin,
                            environment=cfg.environment, timeout=cfg.timeout_seconds) as token:
        return ReconcileOutcome(result, write_report(ctx, token, result, target))
