"""``sealdesk ltv``: keep stored seals provable by adding document timestamps (PAdES B-LTA).

``sealdesk ltv status [--days N]`` lists the stored seals whose evidence expires within N days;
``sealdesk ltv refresh [--days N] [FILES...]`` refreshes them (or the given sealed files) as new
stored versions, recorded in the audit log. Needs the TSA, not the token. Exit code 0 when
everything due was refreshed, 1 when some seal was refused (the reason is printed).
"""

from __future__ import annotations

from pathlib import Path

import click

from sealdesk.cli.common import handle_errors, open_context
from sealdesk.services.revalidation.ltv import (
    DEFAULT_DAYS,
    LtvCandidate,
    due_for_refresh,
    refresh_ltv,
)
from sealdesk.services.revalidation.verification import policy_from

_DAYS = click.option("--days", type=click.IntRange(0, 36500), default=DEFAULT_DAYS,
                     show_default=True, help="Refresh seals whose evidence expires within N days.")


@click.group()
def ltv() -> None:
    """Long-term validation upkeep: document timestamps before evidence expires."""


@ltv.command("status")
@_DAYS
@handle_errors
def status_command(days: int) -> None:
    """List stored seals whose evidence expires within --days."""
    ctx = open_context(read_only=True)
    due = due_for_refresh(ctx, days)
    if not due:
        click.echo(f"No stored seal's evidence expires within {days} days.")
        return
    for candidate in due:
        click.echo(_line(candidate))


@ltv.command("refresh")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_DAYS
@handle_errors
def refresh_command(files: tuple[Path, ...], days: int) -> None:
    """Add a document timestamp to FILES (sealed files) or to every seal due within --days."""
    ctx = open_context()
    due = due_for_refresh(ctx, days, files)
    if not due:
        click.echo(f"Nothing to refresh: no stored seal's evidence expires within {days} days.")
        return
    with click.progressbar(length=len(due), label="Refreshing", show_pos=True,
                           file=click.get_text_stream("stderr")) as bar:
        report = refresh_ltv(ctx, due, policy_from(ctx),
                             progress=lambda done, _total, _name: bar.update(done - bar.pos))
    for outcome in report.refreshed:
        click.secho(f"refreshed  {outcome.candidate.name}", fg="green")
        click.echo(f"  new version {outcome.refreshed_sha256} (B-LTA); previous "
                   f"{outcome.candidate.sealed_sha256} kept as evidence")
    for outcome in report.skipped:
        click.secho(f"refused    {outcome.candidate.name}", fg="red")
        click.echo(f"  {outcome.skipped}")
    raise SystemExit(1 if report.skipped else 0)


def _line(candidate: LtvCandidate) -> str:
    when = f"{candidate.expires:%Y-%m-%d}" if candidate.expires else "unknown"
    return f"{when}  {candidate.name}  ({candidate.certificate or 'no certificate found'})"
