"""``sealdesk snapshot create|list|verify``, ``sealdesk reconcile`` and ``sealdesk restore``.

Thin: every check and every write is in :mod:`sealdesk.services.snapshots` and
:mod:`sealdesk.services.reconcile`. Verdicts have their own exit codes: a snapshot that fails
verification exits 11 (FAILED), a reconciliation with findings 13 (INCOMPLETE).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, read_pin
from sealdesk.cli.rotation_common import countersign_token, countersign_token_options, custodian_pin
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode
from sealdesk.paths import AppPaths

_token = LazyModule("sealdesk.core.token")
_module = LazyModule("sealdesk.core.token.module")
_context = LazyModule("sealdesk.services.context")


@click.group()
def snapshot() -> None:
    """Take, list and verify snapshots of the database, the store and the audit log."""


@snapshot.command("create")
@click.option("--reason", default="", help="Why the snapshot is taken (recorded in the log).")
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path),
              help="Snapshot folder (default: the setting storage.snapshot_dir).")
@click.option("--operator", help="Your operator name (recorded with the snapshot).")
def create_cmd(reason: str, to: Path | None, operator: str | None) -> None:
    """Take a signed, timestamped snapshot now, while other consoles keep working.

    Asks for the token PIN: the manifest is signed with the audit key."""
    from sealdesk.services.snapshots.operations import take_snapshot

    with open_context(operator) as ctx:
        result = take_snapshot(ctx, _token_pin(ctx), reason=reason, to=to)
    click.echo(f"Snapshot {result.path}: {result.objects} object(s) ({result.copied} copied, "
               f"{result.linked} linked from an earlier snapshot), log of {result.tree_size} "
               f"entries, manifest SHA-256 {result.manifest_sha256}.")
    if result.missing:
        click.secho(f"{len(result.missing)} sealed file(s) were already missing from the live "
                    "store; run 'sealdesk reconcile'.", fg="yellow", err=True)


@snapshot.command("list")
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path),
              help="Snapshot folder (default: the setting storage.snapshot_dir).")
def list_cmd(to: Path | None) -> None:
    """List the complete snapshots, oldest first (nothing is verified here)."""
    from sealdesk.services.snapshots import list_snapshots, snapshot_root

    ctx = open_context()
    try:
        found = list_snapshots(snapshot_root(ctx, to))
    finally:
        ctx.close()
    if not found:
        click.echo("No snapshots yet. Take one with 'sealdesk snapshot create'.")
    for info in found:
        reason = f"  {info.reason}" if info.reason else ""
        click.echo(f"{info.name}  {info.created}  {info.tree_size} entries  "
                   f"{info.objects} objects{reason}")


@snapshot.command("verify")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_cmd(path: Path) -> None:
    """Verify a snapshot: every file, signature, timestamp, prefix of the live log.

    Exit 0 when everything holds, 11 otherwise."""
    from sealdesk.services.snapshots import verify_snapshot

    ctx = open_context()
    try:
        result = verify_snapshot(ctx, path)
    finally:
        ctx.close()
    if result.ok:
        click.secho(f"VERIFIED: {result.files_checked} file(s) intact, log of {result.tree_size} "
                    f"entries is a prefix of the live log ({result.live_size}), timestamped "
                    f"{result.timestamp}.", fg="green")
        return
    click.secho(f"FAILED: {len(result.problems)} problem(s) in {path}:", fg="red", bold=True)
    for problem in result.problems:
        click.echo(f"  - {problem}")
    sys.exit(ExitCode.FAILED)


@click.group("reconcile", invoke_without_command=True)
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="Check seals and seal events from this UTC date/time on (store and log "
                   "checks always cover everything).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the signed report (default: reports/ in the snapshot folder).")
@click.option("--operator", help="Your operator name (recorded with the report).")
@click.option("--countersign", "countersign_now", is_flag=True,
              help="Have a custodian (the incident lead) counter-sign the report at once with "
                   "their own token (see 'reconcile countersign').")
@countersign_token_options
@click.pass_context
def reconcile_cmd(click_ctx: click.Context, since: dt.datetime | None, out: Path | None,
                  operator: str | None, countersign_now: bool, custodian_name: str | None,
                  custodian_module: str | None, custodian_label: str | None,
                  custodian_serial: str) -> None:
    """Cross-check store, seals, seal events, checkpoints and exported copies; write a signed
    report.

    The report is JSON and HTML, signed with the audit key (asks for the token PIN).
    Exit 0 when clean, 13 with findings. 'reconcile countersign REPORT' and 'reconcile verify
    REPORT' work on a report already written."""
    if click_ctx.invoked_subcommand is not None:
        return
    from sealdesk.services.snapshots.operations import reconcile_and_report

    with open_context(operator) as ctx:
        outcome = reconcile_and_report(ctx, _token_pin(ctx), since=_utc(since), folder=out)
        result, written = outcome.result, outcome.report
        for kind, value in result.counts.items():
            click.echo(f"{kind}: {value}")
        for finding in result.findings:
            click.echo(safe(f"- {finding.kind}: {finding.subject}: {finding.detail}. "
                            f"{finding.action}"))
        for copy in result.exported_copies:
            click.echo(safe(f"  exported copy {copy.state}: {copy.path} ({copy.action})"))
        click.echo(f"Report: {written.json_path} (signed: {written.signature_path.name}; "
                   f"{written.html_path.name}).")
        if countersign_now:
            _countersign(ctx, written.json_path, custodian_name, custodian_module,
                         custodian_label, custodian_serial)
    if not result.clean:
        sys.exit(ExitCode.INCOMPLETE)


def _countersign(ctx: object, report: Path, name: str | None, module: str | None,
                 label: str | None, serial: str) -> None:
    from sealdesk.services.reconcile.countersign import countersign_report

    where = countersign_token(ctx, module, label, serial)  # type: ignore[arg-type]
    signed = countersign_report(ctx, report, where, custodian_pin(where),  # type: ignore[arg-type]
                                custodian=name)
    click.echo(safe(f"Counter-signed by custodian {signed.custodian}: {signed.path} "
                    f"(audit entry {signed.entry})."))


@reconcile_cmd.command("countersign")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@countersign_token_options
def reconcile_countersign(report: Path, custodian_name: str | None,
                          custodian_module: str | None, custodian_label: str | None,
                          custodian_serial: str) -> None:
    """Counter-sign a reconciliation report (reconciliation-*.json) with a custodian's token.

    PIN from SEALDESK_CUSTODIAN_PIN or a prompt; the counter-signature is written beside the
    report and recorded in the log."""
    with open_context() as ctx:
        _countersign(ctx, report, custodian_name, custodian_module, custodian_label,
                     custodian_serial)


@reconcile_cmd.command("verify")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def reconcile_verify(report: Path) -> None:
    """Check a report: the audit key's signature, its record in the log, and every custodian
    counter-signature beside it. Exit 0 when all hold, 11 (FAILED) when not."""
    from sealdesk.services.reconcile.countersign import verify_report

    with open_context(read_only=True) as ctx:
        check = verify_report(ctx, report)
    _print_check(check)


def _print_check(check: object) -> None:
    for line in check.lines():  # type: ignore[attr-defined]
        click.echo(safe(line))
    if not check.ok:  # type: ignore[attr-defined]
        click.secho("FAILED: do not rely on this document.", fg="red", err=True)
        sys.exit(ExitCode.FAILED)


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path),
              help="A new, empty folder for the restored installation (never the live one; "
              "default: restored-SNAPSHOT beside the data folder).")
@click.option("--database-url", "database_url", metavar="URL",
              help="PostgreSQL snapshots: a new, empty database to restore into, e.g. "
              "postgresql://user@host:5432/NEWDB (password in ~/.pgpass, never in the URL).")
@click.option("--operator", help="Your operator name (recorded in the restored log).")
def restore_cmd(path: Path, to: Path | None, database_url: str | None,
                operator: str | None) -> None:
    """Restore a verified snapshot into a new folder and carry over later seals.

    A PostgreSQL snapshot also needs --database-url: a new, empty database (never the live
    one), filled with pg_restore in one transaction. Seals made since the snapshot are carried
    over when they still verify; what could not be is listed. Exit 13 if anything was left."""
    from sealdesk.services.reconcile import reconcile
    from sealdesk.services.snapshots.restore import restore_snapshot

    ctx = open_context(operator)
    try:
        result = restore_snapshot(ctx, path, to, database_url)
    finally:
        ctx.close()
    into = f"{result.path} and the database {result.database_url}" if result.database_url \
        else str(result.path)
    click.echo(f"Restored {safe(result.snapshot)} into {safe(into)}: "
               f"{len(result.carried_over)} later seal(s) carried over.")
    for item in result.not_carried:
        click.secho(f"  NOT carried over: {item['sealed_sha256']}: {item['reason']}",
                    fg="yellow")

    restored = _context.AppContext.open(AppPaths(result.path / "config", result.path / "data",
                                      result.path / "logs"))
    try:
        findings = reconcile(restored).by_kind()
    finally:
        restored.close()
    click.echo(f"Reconciliation of the restored folder: {findings or 'no findings'}.")
    click.echo(f"Use it with SEALDESK_HOME={result.path}.")
    if result.not_carried:
        sys.exit(ExitCode.INCOMPLETE)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=dt.UTC)


def register(cli: click.Group) -> None:
    """Add these commands to the ``sealdesk`` group (one line in main.py)."""
    cli.add_command(snapshot)
    cli.add_command(reconcile_cmd)
    cli.add_command(restore_cmd)


def _token_pin(ctx: object) -> str | None:
    """The configured token's PIN, asked for (or from SEALDESK_PIN) after the token is found."""
    cfg = ctx.config.token  # type: ignore[attr-defined]
    info, _ = _module.find_token(cfg.module, _token.TokenSelector.from_config(cfg),
                                 cfg.environment, timeout=cfg.timeout_seconds)
    return read_pin(info.label, info.pin)
