"""``sealdesk retention ...`` and ``sealdesk hold ...``: retention classes, due documents,
deletion under custodian approval, and legal holds (issue 21 item 5).

Thin: parse, call :mod:`sealdesk.services.retention`, print. Documents are named by the SHA-256
of their original (or a unique prefix of at least 8 hex digits), of a sealed file, or by a PDF
file whose hash the log knows. Every act prints the audit entry that records it.

Proposals, executions, hold releases and class changes are signed acts
(:func:`~sealdesk.cli.common.signed_acts`): they ask the token's PIN (``SEALDESK_PIN`` or the
prompt) once their own checks passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.rotation_common import (
    custodian_pin,
    custodian_token,
    custodian_token_options,
    duration,
    print_view,
)
from sealdesk.cli.terminal import safe

if TYPE_CHECKING:
    from sealdesk.services.retention import ActResult, DocumentStatus

_retention = LazyModule("sealdesk.services.retention")
_classes = LazyModule("sealdesk.core.retention.classes")


@click.group("retention")
def retention_group() -> None:
    """Retention classes, what falls due, and deletion approved by custodians."""


@click.group("hold")
def hold_group() -> None:
    """Legal holds: while one is in force no path deletes the document."""


def _print_acts(results: Sequence[ActResult], verb: str) -> None:
    for r in results:
        note = f" ({r.note})" if r.note else ""
        click.echo(f"{verb} {safe(r.name)} [{r.document_sha256[:16]}…] — audit entry "
                   f"{r.entry}{note}")


def _line(s: DocumentStatus) -> str:
    due = f"{s.due:%Y-%m-%d}" if s.due is not None else "-"
    return (f"{s.document_sha256[:16]}  {s.state:12} {s.class_name or '-':14} {due:10}  "
            f"{safe(s.name)}" + (f"  [hold: {safe(', '.join(h.case for h in s.holds))}]"
                                  if s.holds else ""))


@retention_group.command("classes")
def classes_cmd() -> None:
    """Show the retention classes of the signing policy in force (proven by the log)."""
    rules, version = _retention.retention_rules(open_context(read_only=True))
    if not rules:
        click.echo("No retention classes: the signing policy in force has none"
                   + (f" (v{version})." if version else " (no signing policy yet)."))
        click.echo("Propose them with 'sealdesk retention propose-classes'.")
        return
    click.echo(f"Retention classes of signing policy v{version} (default: "
               f"{rules.default or 'none'}):")
    for kind in rules.classes:
        click.echo(f"  {kind.describe()}")


def _parse_class(value: str) -> object:
    name, _, rest = value.partition(":")
    period, _, clock = rest.partition(":")
    return _classes.RetentionClass(name.strip(), period.strip(), clock.strip() or "sealing")


@retention_group.command("propose-classes")
@click.option("--class", "classes", multiple=True, required=True, metavar="NAME:PERIOD[:event]",
              help="A class, e.g. invoices:10y or contracts:6y:event (the clock starts on a "
              "date given later). Repeat for each class; the list replaces the one in force.")
@click.option("--default", "default", default="", help="The class a seal gets by default.")
@click.option("--algorithm", "algorithms", multiple=True,
              help="Allowed seal key algorithm, only for a first signing policy.")
@click.option("--reason", required=True, help="Why; the approvers read it.")
@click.option("--expires-in", default="72h", callback=duration, show_default=True,
              help="How long approvals may be collected (at most 30d).")
@custodian_token_options(required=False)
def propose_classes(classes: tuple[str, ...], default: str, algorithms: tuple[str, ...],
                    reason: str, expires_in: dt.timedelta, custodian_module: str | None,
                    custodian_label: str | None, custodian_serial: str) -> None:
    """Propose retention classes: a change of the signing policy, approved by the quorum."""
    ctx = open_context()
    rules = _classes.RetentionRules(tuple(_parse_class(c) for c in classes), default)
    kwargs: dict[str, object] = {"expires_in": expires_in}
    if custodian_module and custodian_label:
        where = custodian_token(ctx, custodian_module, custodian_label, custodian_serial)
        kwargs.update(proposer_token=where, pin=custodian_pin(where))
    with signed_acts(ctx, "proposing retention classes"):
        view = _retention.propose_classes(ctx, rules, reason=reason, algorithms=algorithms,
                                          **kwargs)
    print_view(view, statement=True)
    click.echo(f"\nCustodians approve with 'sealdesk rotation approve {view.proposal_id} ...'; "
               f"then 'sealdesk rotation execute {view.proposal_id}'.")


@retention_group.command("list")
def list_cmd() -> None:
    """Every sealed document with its class, due date, state and holds (from the log)."""
    for status in _retention.retention_overview(open_context(read_only=True)):
        click.echo(_line(status))


@retention_group.command("due")
@click.option("--within", default="0d", callback=duration,
              help="Also list what falls due within this time (e.g. 30d).")
def due_cmd(within: dt.timedelta) -> None:
    """List documents whose retention has ended (held ones are shown, and stay)."""
    found = _retention.due_documents(open_context(read_only=True), within=within)
    if not found:
        click.echo("Nothing falls due.")
        return
    for status in found:
        click.echo(_line(status))
    click.echo("\nPropose deleting them with 'sealdesk retention propose-delete DOC...'.")


@retention_group.command("set")
@click.argument("documents", nargs=-1, required=True)
@click.argument("class_name", metavar="CLASS")
@click.option("--reason", required=True, help="Why (recorded in the audit log).")
def set_cmd(documents: tuple[str, ...], class_name: str, reason: str) -> None:
    """Give DOCUMENTS another retention CLASS (audited): retention set DOC... CLASS."""
    ctx = open_context()
    with signed_acts(ctx, "changing the retention class"):
        results = _retention.set_class(ctx, documents, class_name, reason=reason)
    _print_acts(results, f"Class {class_name}:")


@retention_group.command("start")
@click.argument("documents", nargs=-1, required=True)
@click.option("--on", "start", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="The date that starts the clock (e.g. the contract's end), UTC.")
@click.option("--reason", required=True, help="Why (recorded in the audit log).")
def start_cmd(documents: tuple[str, ...], start: dt.datetime, reason: str) -> None:
    """Start the retention clock of DOCUMENTS whose class counts from a later event."""
    ctx = open_context()
    with signed_acts(ctx, "starting a retention clock"):
        results = _retention.start_clock(ctx, documents, start.date(), reason=reason)
    _print_acts(results, f"Clock from {start:%Y-%m-%d}:")


@retention_group.command("propose-delete")
@click.argument("documents", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why; the approving custodians read it.")
@click.option("--expires-in", default="72h", callback=duration, show_default=True)
def propose_delete(documents: tuple[str, ...], reason: str, expires_in: dt.timedelta) -> None:
    """Propose deleting DOCUMENTS whose retention ended; custodians approve it."""
    ctx = open_context()
    with signed_acts(ctx, "proposing a deletion under retention"):
        view = _retention.propose_deletion(ctx, documents, reason=reason,
                                           expires_in=expires_in)
    print_view(view, statement=True)
    click.echo(f"\nA custodian approves with 'sealdesk rotation approve {view.proposal_id} "
               f"...'; then 'sealdesk retention execute {view.proposal_id}'.")


@retention_group.command("execute")
@click.argument("proposal_id")
def execute_cmd(proposal_id: str) -> None:
    """Execute an approved deletion: record it, then remove the stored content."""
    ctx = open_context()
    with signed_acts(ctx, f"executing deletion proposal {proposal_id}"):
        result = _retention.execute_deletion(ctx, proposal_id)
    click.echo(f"Proposal {proposal_id} is {result.execution.status.value}; "
               f"{len(result.deleted)} document(s) deleted under retention, "
               f"{result.removed_files} stored file(s) removed.")


@retention_group.command("finish")
def finish_cmd() -> None:
    """Remove content the log already records as deleted (after an interruption)."""
    documents, files = _retention.finish_pending_destruction(open_context())
    click.echo(f"{len(documents)} document(s) finished, {files} stored file(s) removed.")


@hold_group.command("place")
@click.argument("documents", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why (recorded in the audit log).")
@click.option("--case", "case", required=True, help="The case or matter reference.")
def place_cmd(documents: tuple[str, ...], reason: str, case: str) -> None:
    """Place a legal hold on DOCUMENTS (audited: who, when, why, which case)."""
    _print_acts(_retention.place_hold(open_context(), documents, reason=reason, case=case),
                f"Hold {case}:")


@hold_group.command("release")
@click.argument("documents", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why (recorded in the audit log).")
@click.option("--case", "case", required=True, help="The case whose hold ends.")
def release_cmd(documents: tuple[str, ...], reason: str, case: str) -> None:
    """Release the legal hold of CASE on DOCUMENTS (audited)."""
    ctx = open_context()
    with signed_acts(ctx, f"releasing the legal hold of {case}"):
        results = _retention.release_hold(ctx, documents, reason=reason, case=case)
    _print_acts(results, f"Released {case}:")


@hold_group.command("list")
def hold_list() -> None:
    """Documents under legal hold, with case, who placed it, when and why."""
    found = [s for s in _retention.retention_overview(open_context(read_only=True)) if s.holds]
    if not found:
        click.echo("No document is under legal hold.")
    for status in found:
        for hold in status.holds:
            click.echo(f"{status.document_sha256[:16]}  {safe(hold.case):16} "
                       f"{hold.placed_at:%Y-%m-%d %H:%M} UTC  {safe(hold.placed_by)}  "
                       f"{safe(status.name)}: {safe(hold.reason)} (entry {hold.placed_entry})")
