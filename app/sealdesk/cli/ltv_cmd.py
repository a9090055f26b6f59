"""``sealdesk ltv``: keep stored seals provable by adding document timestamps (PAdES B-LTA).

``sealdesk ltv status [--days N]`` lists the stored seals whose evidence expires within N days;
``sealdesk ltv refresh [--days N] [FILES...]`` refreshes them (or the given sealed files) as new
stored versions, recorded in the audit log. Needs the TSA, not the token. Exit code 0 when
everything due was refreshed, 13 (INCOMPLETE) when some seal was refused (the reason is printed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sealdesk.cli.common import open_context
from sealdesk.cli.failure import exit_with
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode

if TYPE_CHECKING:
    from sealdesk.services.revalidation.ltv import LtvCandidate

_DAYS = click.option("--days", type=click.IntRange(0, 36500), default=None,
                     help="Refresh seals whose evidence expires within N days [default: 90].")


def _days(days: int | None) -> int:
    from sealdesk.services.revalidation.ltv import DEFAULT_DAYS

    return DEFAULT_DAYS if days is None else days


@click.group()
def ltv() -> None:
    """Long-term validation upkeep: document timestamps before evidence expires."""


@ltv.command("status")
@_DAYS
def status_command(days: int | None) -> None:
    """List stored seals whose evidence expires within --days."""
    from sealdesk.services.revalidation.ltv import due_for_refresh

    days = _days(days)
    with open_context(read_only=True) as ctx:
        due = due_for_refresh(ctx, days)
    if not due:
        click.echo(f"No stored seal's evidence expires within {days} days.")
        return
    for candidate in due:
        click.echo(_line(candidate))


@ltv.command("refresh")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_DAYS
def refresh_command(files: tuple[Path, ...], days: int | None) -> None:
    """Add a document timestamp to FILES (sealed files) or to every seal due within --days."""
    from sealdesk.services.revalidation.ltv import due_for_refresh, refresh_ltv
    from sealdesk.services.revalidation.verification import policy_from

    days = _days(days)
    with open_context() as ctx:
        due = due_for_refresh(ctx, days, files)
        if not due:
            click.echo(f"Nothing to refresh: no stored seal's evidence expires within {days} "
                       "days.")
            return
        with click.progressbar(length=len(due), label="Refreshing", show_pos=True,
                               file=sys.stderr) as bar:
            report = refresh_ltv(ctx, due, policy_from(ctx),
                                 progress=lambda done, _total, _name: bar.update(done - bar.pos))
    for outcome in report.refreshed:
        click.secho(f"refreshed  {safe(outcome.candidate.name)}", fg="green")
        click.echo(f"  new version {outcome.refreshed_sha256} (B-LTA); previous "
                   f"{outcome.candidate.sealed_sha256} kept as evidence")
    for outcome in report.skipped:
        click.secho(f"refused    {safe(outcome.candidate.name)}", fg="red")
        click.echo(f"  {safe(outcome.skipped)}")
    exit_with(ExitCode.INCOMPLETE if report.skipped else ExitCode.OK)


def _line(candidate: LtvCandidate) -> str:
    when = f"{candidate.expires:%Y-%m-%d}" if candidate.expires else "unknown"
    return (f"{when}  {safe(candidate.name)}  "
            f"({safe(candidate.certificate or 'no certificate found')})")
