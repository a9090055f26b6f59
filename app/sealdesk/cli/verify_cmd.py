"""``sealdesk verify FILE...``: re-verify sealed PDFs, with JSON and HTML reports.

Needs no token. Works with any PAdES PDF, also ones sealed by other tools. Exit code: 0 when
every file PASSED, 1 when any is INDETERMINATE (and none FAILED), 7 when any FAILED.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sealdesk.cli.common import handle_errors, open_context
from sealdesk.core.validation import Indication, render_html
from sealdesk.fsutil import write_output
from sealdesk.services.revalidation.verification import Verification, policy_from, verify_file

EXIT_CODES = {Indication.PASSED: 0, Indication.INDETERMINATE: 1, Indication.FAILED: 7}
COLOURS = {Indication.PASSED: "green", Indication.INDETERMINATE: "yellow", Indication.FAILED: "red"}


@click.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--revocation", type=click.Choice(["hard-fail", "soft-fail", "offline"]),
              help="Revocation checking (default from configuration).")
@click.option("--at", "moment", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="Validate as of this UTC time (uses embedded validation data).")
@click.option("--trust", "trust", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra trust anchor (PEM/DER); may be repeated.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write JSON report(s).")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Write an HTML report.")
@click.option("--no-record", is_flag=True, help="Do not record the check in the audit log.")
@handle_errors
def verify(files: tuple[Path, ...], revocation: str | None, moment: dt.datetime | None,
           trust: tuple[Path, ...], json_out: Path | None, html_out: Path | None,
           no_record: bool) -> None:
    """Verify sealed PDF FILES: integrity, coverage, certificate path, revocation, timestamp."""
    ctx = open_context()
    policy = policy_from(ctx, revocation=revocation,
                         moment=moment.replace(tzinfo=dt.UTC) if moment else None,
                         extra_anchors=trust)
    results = [verify_file(path, policy, ctx, record=not no_record) for path in files]
    for result in results:
        _print(result)
    if json_out:
        body = ",\n".join(r.report.to_json() for r in results)
        write_output(json_out, (body if len(results) == 1 else f"[{body}]").encode(),
                     "writing the JSON report")
    if html_out:
        write_output(html_out, render_html([r.report for r in results],
                                           "SealDesk verification").encode("utf-8"),
                     "writing the HTML report")
    raise SystemExit(max(EXIT_CODES[r.indication] for r in results))


def _print(result: Verification) -> None:
    indication = result.indication
    click.secho(f"{indication.value:13} {result.path}", fg=COLOURS[indication], bold=True)
    for signature in result.report.signatures:
        sub = f"/{signature.sub_indication.value}" if signature.sub_indication else ""
        click.echo(f"  {signature.field_name}: {signature.indication.value}{sub} "
                   f"level {signature.pades_level.value if signature.pades_level else '-'}")
        for finding in signature.findings:
            click.echo(f"    - {finding.message}")
    for note in result.report.notes:
        click.echo(f"  note: {note.message}")
    for fact in result.store.facts:
        click.echo(f"  store: {fact}")
    for problem in result.store.problems:
        click.secho(f"  store problem: {problem}", fg="red")
