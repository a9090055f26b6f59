"""``sealdesk revalidate``: re-prove stored seals (or any PAdES PDFs) in bulk, resumably.

``sealdesk revalidate [--all | --since DATE | FILES...]`` starts a run; ``--resume RUN_ID``
continues one; ``sealdesk revalidate runs`` lists runs and ``sealdesk revalidate report RUN_ID``
exports a run's report. Needs no token. Ctrl+C cancels cleanly after the documents being
checked (everything checked so far is kept; resume later); a second Ctrl+C stops at once.
Exit code: 0 when every document PASSED, 1 when any is INDETERMINATE (none FAILED), 7 when any
FAILED, 130 when cancelled.
"""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import click

from sealdesk.cli.common import handle_errors, open_context
from sealdesk.errors import InputError, OperationCancelledError
from sealdesk.fsutil import atomic_write_bytes
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.report import load_run_report, to_html, to_json
from sealdesk.services.revalidation.runs import RunSummary, create_run, execute_run, summary
from sealdesk.services.revalidation.schedule import due_revalidation
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.storage.revalidation import repo as revalidation_repo

EXIT = {"PASSED": 0, "INDETERMINATE": 1, "FAILED": 7}
COLOURS = {"PASSED": "green", "INDETERMINATE": "yellow", "FAILED": "red"}
SHOWN_INCIDENTS = 20


class _DefaultToRun(click.Group):
    """``sealdesk revalidate --all`` means ``sealdesk revalidate run --all``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToRun)
def revalidate() -> None:
    """Re-prove seals in bulk: every stored seal, those sealed since a date, or given files."""


@revalidate.command("run")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all", "everything", is_flag=True, help="Every sealed document in the store.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
              help="Documents sealed on or after this day (UTC).")
@click.option("--resume", "resume_id", type=int, help="Continue run RUN_ID where it stopped.")
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
@handle_errors
def run_command(files: tuple[Path, ...], everything: bool, since: dt.datetime | None,
                resume_id: int | None, if_due: bool, workers: int | None,
                revocation: str | None, moment: dt.datetime | None, trust: tuple[Path, ...],
                json_out: Path | None, html_out: Path | None) -> None:
    """Start (or --resume) a revalidation run and report its outcome."""
    chosen = sum([bool(files), everything, since is not None, resume_id is not None, if_due])
    if chosen != 1:
        raise click.UsageError("Choose one of --all, --since DATE, FILES, --resume RUN_ID "
                               "or --if-due.")
    ctx = open_context(read_only=False)
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
        click.echo(f"Run {resume_id}: {scope.describe()}.", err=True)
    result = _execute(ctx, resume_id, workers)
    _write_reports(ctx, result.run_id, json_out, html_out)
    _print_outcome(ctx, result)


@revalidate.command("runs")
@handle_errors
def runs_command() -> None:
    """List revalidation runs, newest first."""
    ctx = open_context(read_only=True)
    with ctx.database.reader() as session:
        found = revalidation_repo.list_runs(session)
        if not found:
            click.echo("No revalidation runs yet.")
            return
        click.echo(f"{'RUN':>5}  {'STARTED (UTC)':16}  {'STATUS':9}  {'SCOPE':6}  "
                   f"{'DONE':>11}  PASSED  INDET.  FAILED")
        for run in found:
            tally = revalidation_repo.counts(session, run.id)
            done = run.total - tally["pending"]
            click.echo(f"{run.id:>5}  {run.started_at:%Y-%m-%d %H:%M}  {run.status:9}  "
                       f"{run.scope:6}  {f'{done}/{run.total}':>11}  {tally['PASSED']:>6}  "
                       f"{tally['INDETERMINATE']:>6}  {tally['FAILED']:>6}")


@revalidate.command("report")
@click.argument("run_id", type=int)
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write the JSON report.")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Write the HTML report.")
@handle_errors
def report_command(run_id: int, json_out: Path | None, html_out: Path | None) -> None:
    """Export the report of run RUN_ID (JSON and/or HTML); without options, print a summary."""
    ctx = open_context(read_only=True)
    _write_reports(ctx, run_id, json_out, html_out)
    _print_outcome(ctx, summary(ctx, run_id), exit_code=False)


def _execute(ctx: AppContext, run_id: int, workers: int | None) -> RunSummary:
    cancel = CancelFlag()
    with _ctrl_c_cancels(cancel), click.progressbar(
        length=1, label="Revalidating", show_pos=True, file=click.get_text_stream("stderr")
    ) as bar:

        def progress(done: int, total: int, _name: str) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        result = execute_run(ctx, run_id, workers=workers, progress=progress, cancel=cancel)
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
    if not (json_out or html_out):
        return
    report = load_run_report(ctx, run_id)
    if json_out:
        atomic_write_bytes(json_out, to_json(report).encode("utf-8"))
        click.echo(f"JSON report: {json_out}", err=True)
    if html_out:
        atomic_write_bytes(html_out, to_html(report).encode("utf-8"))
        click.echo(f"HTML report: {html_out}", err=True)


def _print_outcome(ctx: AppContext, result: RunSummary, *, exit_code: bool = True) -> None:
    state = "finished" if result.finished else f"{result.status}, {result.pending} pending"
    click.echo(f"Run {result.run_id} ({state}): {result.total} document(s) — "
               f"{result.count('PASSED')} passed, {result.count('INDETERMINATE')} "
               f"indeterminate, {result.count('FAILED')} failed; {result.incidents} incident(s).")
    report = load_run_report(ctx, result.run_id)
    for row in report.incidents[:SHOWN_INCIDENTS]:
        indication = row.indication or "PENDING"
        click.secho(f"{indication:13} {row.name}", fg=COLOURS.get(indication), bold=True)
        if row.reason:
            click.echo(f"  {row.reason}")
    if len(report.incidents) > SHOWN_INCIDENTS:
        click.echo(f"… and {len(report.incidents) - SHOWN_INCIDENTS} more incident(s): "
                   f"see 'sealdesk revalidate report {result.run_id} --html FILE'.")
    for finding in report.policy_findings:  # after the incidents: a note, not a verdict
        click.secho(f"note: {finding.message}", fg="yellow")
    if not exit_code:
        return
    if not result.finished:
        raise InputError(f"Run {result.run_id} is not finished.",
                         hint=f"Resume with: sealdesk revalidate --resume {result.run_id}")
    worst = max((EXIT[k] for k in EXIT if result.count(k)), default=0)
    raise SystemExit(worst)
