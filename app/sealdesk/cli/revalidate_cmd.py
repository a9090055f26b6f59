"""``sealdesk revalidate``: re-prove stored seals (or any PAdES PDFs) in bulk, resumably.

``sealdesk revalidate [--all | --since DATE | FILES...]`` starts a run; ``--resume RUN_ID``
continues one; ``sealdesk revalidate runs`` lists runs and ``sealdesk revalidate report RUN_ID``
exports a run's report. Needs no token. Ctrl+C cancels cleanly after the documents being
checked (everything checked so far is kept; resume later); a second Ctrl+C stops at once.
Exit code: 0 when every document PASSED, 10 (INDETERMINATE) when any is INDETERMINATE and none
FAILED, 11 (FAILED) when any FAILED, 13 (INCOMPLETE) when the run stopped unfinished, 130 when
cancelled.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from sealdesk.cli.common import MAX_INDEX, open_context
from sealdesk.cli.failure import exit_with
from sealdesk.cli.files import write_output
from sealdesk.cli.terminal import safe
from sealdesk.errors import OperationCancelledError
from sealdesk.exit_codes import ExitCode

if TYPE_CHECKING:
    from sealdesk.services.context import AppContext
    from sealdesk.services.progress import CancelFlag
    from sealdesk.services.revalidation.runs import RunSummary

VERDICTS = {"PASSED": ExitCode.OK, "INDETERMINATE": ExitCode.INDETERMINATE,
            "FAILED": ExitCode.FAILED}
COLOURS = {"PASSED": "green", "INDETERMINATE": "yellow", "FAILED": "red"}
SHOWN_INCIDENTS = 20


class _DefaultToRun(click.Group):
    """``sealdesk revalidate --all`` means ``sealdesk revalidate run --all``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


DEFAULT_LEASE = 120.0
"""The default of ``--lease``; equal to services.revalidation.queue.LEASE_SECONDS (tested)."""


@click.group(cls=_DefaultToRun)
def revalidate() -> None:
    """Re-prove seals in bulk: every stored seal, those sealed since a date, or given files."""


@revalidate.command("run")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all", "everything", is_flag=True, help="Every sealed document in the store.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
              help="Documents sealed on or after this day (UTC).")
@click.option("--resume", "resume_id", type=click.IntRange(1, MAX_INDEX),
              help="Continue run RUN_ID where it stopped.")
@click.option("--if-due", is_flag=True,
              help="Only if the schedule ([revalidation] interval_days) says a run is due.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes (default: CPUs).")
@click.option("--revocation", type=click.Choice(["hard-fail", "soft-fail", "offline"]),
              help="Revocation checking (default from configuration).")
@click.option("--at", "moment", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="Validate as of this UTC time (uses embedded validation data).")
@click.option("--trust", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra trust anchor (PEM/DER); may be repeated.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write the JSON report.")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Write the HTML report.")
def run_command(files: tuple[Path, ...], everything: bool, since: dt.datetime | None,
                resume_id: int | None, if_due: bool, workers: int | None,
                revocation: str | None, moment: dt.datetime | None, trust: tuple[Path, ...],
                json_out: Path | None, html_out: Path | None) -> None:
    """Start (or --resume) a revalidation run and report its outcome."""
    from sealdesk.services.revalidation.plan import Scope
    from sealdesk.services.revalidation.runs import create_run
    from sealdesk.services.revalidation.schedule import due_revalidation
    from sealdesk.services.revalidation.verification import policy_from

    chosen = sum([bool(files), everything, since is not None, resume_id is not None, if_due])
    if chosen != 1:
        raise click.UsageError("Choose one of --all, --since DATE, FILES, --resume RUN_ID "
                               "or --if-due.")
    with open_context(read_only=False) as ctx:
        if if_due and not due_revalidation(ctx):
            click.echo("No revalidation is due.")
            return
        if resume_id is None:
            scope = (Scope.of_files(list(files)) if files else
                     Scope.sealed_since(since.date()) if since else Scope.everything())
            policy = policy_from(ctx, revocation=revocation,
                                 moment=moment.replace(tzinfo=dt.UTC) if moment else None,
                                 extra_anchors=trust)
            resume_id = create_run(ctx, scope, policy)
            click.echo(f"Run {resume_id}: {safe(scope.describe())}.", err=True)
        result = _execute(ctx, resume_id, workers)
        _write_reports(ctx, result.run_id, json_out, html_out)
        _print_outcome(ctx, result)
    _conclude(result)


@revalidate.command("runs")
def runs_command() -> None:
    """List revalidation runs, newest first."""
    from sealdesk.services.revalidation.browse import list_runs

    with open_context(read_only=True) as ctx:
        found = list_runs(ctx, limit=100)
    if not found:
        click.echo("No revalidation runs yet.")
        return
    click.echo(f"{'RUN':>5}  {'STARTED (UTC)':16}  {'STATUS':9}  {'SCOPE':6}  "
               f"{'DONE':>11}  PASSED  INDET.  FAILED")
    for run in found:
        tally = run.counts
        done = run.total - tally["pending"]
        click.echo(f"{run.run_id:>5}  {run.started_at:%Y-%m-%d %H:%M}  {run.status:9}  "
                   f"{safe(run.scope):6}  {f'{done}/{run.total}':>11}  {tally['PASSED']:>6}  "
                   f"{tally['INDETERMINATE']:>6}  {tally['FAILED']:>6}")


@revalidate.command("report")
@click.argument("run_id", type=click.IntRange(1, MAX_INDEX))
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write the JSON report.")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Write the HTML report.")
def report_command(run_id: int, json_out: Path | None, html_out: Path | None) -> None:
    """Export the report of run RUN_ID (JSON and/or HTML); without options, print a summary."""
    from sealdesk.services.revalidation.runs import summary

    with open_context(read_only=True) as ctx:
        _write_reports(ctx, run_id, json_out, html_out)
        _print_outcome(ctx, summary(ctx, run_id))


def _execute(ctx: AppContext, run_id: int, workers: int | None, *,
             lease_seconds: float = DEFAULT_LEASE) -> RunSummary:
    from sealdesk.services.progress import CancelFlag
    from sealdesk.services.revalidation.runs import execute_run

    cancel = CancelFlag()
    with _ctrl_c_cancels(cancel), click.progressbar(
        length=1, label="Revalidating", show_pos=True, file=sys.stderr
    ) as bar:

        def progress(done: int, total: int, _name: str) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        result = execute_run(ctx, run_id, workers=workers, progress=progress, cancel=cancel,
                             lease_seconds=lease_seconds)
    if cancel.cancelled and not result.finished:
        raise OperationCancelledError(
            f"Run {run_id} cancelled: {result.total - result.pending} of {result.total} "
            "documents checked and recorded.",
            hint=f"Resume with: sealdesk revalidate --resume {run_id}",
        )
    return result


@contextmanager
def _ctrl_c_cancels(cancel: CancelFlag) -> Iterator[None]:
    """First Ctrl+C: cancel after the documents in progress. Second: stop at once."""

    def on_interrupt(_signum: int, _frame: FrameType | None) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        click.echo("\nCancelling after the documents being checked… (Ctrl+C again to stop "
                   "at once)", err=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _write_reports(ctx: AppContext, run_id: int, json_out: Path | None,
                   html_out: Path | None) -> None:
    from sealdesk.services.revalidation.report import load_run_report, to_html, to_json

    if not (json_out or html_out):
        return
    report = load_run_report(ctx, run_id)
    if json_out:
        write_output(json_out, to_json(report).encode("utf-8"))
        click.echo(f"JSON report: {safe(json_out)}", err=True)
    if html_out:
        write_output(html_out, to_html(report).encode("utf-8"))
        click.echo(f"HTML report: {safe(html_out)}", err=True)


def _print_outcome(ctx: AppContext, result: RunSummary) -> None:
    from sealdesk.services.revalidation.report import load_run_report

    state = "finished" if result.finished else f"{result.status}, {result.pending} pending"
    click.echo(f"Run {result.run_id} ({state}): {result.total} document(s) — "
               f"{result.count('PASSED')} passed, {result.count('INDETERMINATE')} "
               f"indeterminate, {result.count('FAILED')} failed"
               + (f", {result.count('DELETED')} deleted under retention"
                  if result.count("DELETED") else "")
               + f"; {result.incidents} incident(s).")
    report = load_run_report(ctx, result.run_id)
    for row in report.incidents[:SHOWN_INCIDENTS]:
        indication = row.indication or "PENDING"
        click.secho(f"{indication:13} {safe(row.name)}", fg=COLOURS.get(indication), bold=True)
        if row.reason:
            click.echo(f"  {safe(row.reason)}")
    if len(report.incidents) > SHOWN_INCIDENTS:
        click.echo(f"… and {len(report.incidents) - SHOWN_INCIDENTS} more incident(s): "
                   f"see 'sealdesk revalidate report {result.run_id} --html FILE'.")
    for finding in report.policy_findings:  # after the incidents: a note, not a verdict
        click.secho(f"note: {finding.message}", fg="yellow")


def _conclude(result: RunSummary) -> None:
    """The run's verdict as the exit code: the worst indication, or INCOMPLETE."""
    if not result.finished:
        click.echo(f"Run {result.run_id} is not finished; resume with: "
                   f"sealdesk revalidate --resume {result.run_id}", err=True)
        exit_with(ExitCode.INCOMPLETE)
    exit_with(max((VERDICTS[k] for k in VERDICTS if result.count(k)), default=ExitCode.OK))


@revalidate.command("work")
@click.argument("run_id", type=click.IntRange(1, MAX_INDEX))
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes (default: CPUs).")
@click.option("--lease", "lease_seconds", type=click.FloatRange(1, 3600),
              default=DEFAULT_LEASE, show_default=True,
              help="Seconds a claimed chunk is held; a worker that dies loses its claims after "
              "this.")
def work_command(run_id: int, workers: int | None, lease_seconds: float) -> None:
    """Join run RUN_ID as one more worker (another console or machine sharing the database and
    the document store, e.g. PostgreSQL and a network share): claim pending documents, check
    them, record the results; ends when the run has nothing left to check."""
    with open_context(read_only=False) as ctx:
        result = _execute(ctx, run_id, workers, lease_seconds=lease_seconds)
        _print_outcome(ctx, result)
    _conclude(result)
