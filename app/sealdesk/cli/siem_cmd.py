"""``sealdesk siem export [--follow]``: the audit log and its alerts to the SIEM.

Destinations come from ``[siem]`` in the configuration (syslog host and/or JSON Lines file).
Each run continues from where the last one stopped, for each destination.
"""

from __future__ import annotations

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context

siem = LazyModule("sealdesk.services.siem")
_progress = LazyModule("sealdesk.services.progress")


@click.group("siem")
def siem_group() -> None:
    """Export the audit log (events and alerts) to the SIEM."""


@siem_group.command("export")
@click.option("--follow", is_flag=True, help="Keep exporting new entries until Ctrl+C.")
@click.option("--interval", type=click.FloatRange(0.2, 3600), default=5.0, show_default=True,
              help="With --follow: seconds between rounds.")
def siem_export(follow: bool, interval: float) -> None:
    """Send every entry not yet sent to each configured destination."""
    ctx = open_context()

    def report(result: siem.ExportResult) -> None:
        for name, count in result.sent.items():
            if count or not follow:
                click.echo(f"{name}: sent {count}, next entry {result.positions[name]}")

    try:
        if not follow:
            report(siem.export_once(ctx))
            return
        cancel = _progress.CancelFlag()
        try:
            siem.follow(ctx, interval=interval, cancel=cancel, on_round=report)
        except KeyboardInterrupt:
            cancel.cancel()
    finally:
        ctx.close()
