"""``sealdesk audit ...``: verify the log, export checkpoints, make and check proofs, list events.

Everything here but ``checkpoint create`` works without the token, and the reading commands
open the database read-only, so an auditor can run them on a copy. ``check-proof`` and
``verify-checkpoint`` open no database at all: they check a file with nothing but the file (and
optionally the audit certificate the auditor trusts).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from sealdesk.cli.common import DATE_FORMATS, MAX_INDEX, open_context, read_pin, utc
from sealdesk.cli.failure import exit_with
from sealdesk.cli.files import read_input, write_output
from sealdesk.cli.lazy import LazyGroup
from sealdesk.cli.rotation_common import countersign_token, countersign_token_options, custodian_pin
from sealdesk.cli.terminal import safe, safe_lines
from sealdesk.exit_codes import ExitCode
from sealdesk.fsutil import JSON_FILE_LIMIT

MAX_LIST = 100_000
"""``audit list --limit`` at most: a screenful is 50; an export is ``audit verify --json``."""


def _read_pem(path: Path | None) -> bytes | None:
    return None if path is None else read_input(path)


def _write_or_print(data: bytes, out: Path | None, what: str) -> None:
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_output(out, data)
    click.echo(f"{what} written to {safe(out)}", err=True)


@click.group(cls=LazyGroup, lazy_subcommands={
    "verify-quorum": "sealdesk.cli.rotation_cmd:verify_quorum"})
def audit() -> None:
    """Verify the audit log, export checkpoints, make and check proofs, list events."""


@audit.command()
@click.option("--against", "against", type=click.Path(dir_okay=False, path_type=Path),
              help="An exported checkpoint file the log must still contain and reproduce.")
@click.option("--trusted-cert", type=click.Path(dir_okay=False, path_type=Path),
              help="PEM file with the audit certificate(s) you trust (in addition to the "
                   "configured trust anchors).")
@click.option("--anchors", "anchor_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of anchored checkpoints to check against (default: the configured "
                   "[audit] anchor_dir).")
@click.option("--record", is_flag=True,
              help="Append the outcome to the log as an event (needs a writable database).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def verify(against: Path | None, trusted_cert: Path | None, anchor_dir: Path | None,
           record: bool, as_json: bool) -> None:
    """Recompute the hash chain and Merkle roots and check every checkpoint signature, every
    copied column, the pinned audit key and every anchored checkpoint.

    Exit code 0 when everything holds, 11 (FAILED) when anything does not (a rollback or fork
    included); the first bad entry is named with its index and the expected and found values.
    """
    from sealdesk.services.audit.proofs import read_checkpoint_file
    from sealdesk.services.audit.verify import verify_log

    against_file = read_checkpoint_file(against) if against else None
    with open_context(read_only=not record) as ctx, click.progressbar(
        length=1, label="Verifying", show_pos=True, file=sys.stderr
    ) as bar:

        def progress(done: int, total: int, _item: str) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        report = verify_log(ctx, progress, against=against_file,
                            trusted_cert_pem=_read_pem(trusted_cert), record=record,
                            anchor_dir=anchor_dir)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json
               else safe_lines(report.summary()))
    if not report.ok:
        first = report.first
        assert first is not None
        click.secho(f"FAILED: the audit log does not verify; first bad entry: {first.index} "
                    f"({first.kind.value}).", fg="red", err=True)
        click.echo("Keep the database as it is (copy it first) and export the evidence; "
                   "do not repair the log.", err=True)
        exit_with(ExitCode.FAILED)


@audit.command()
@countersign_token_options
def witness(custodian_name: str | None, custodian_module: str | None,
            custodian_label: str | None, custodian_serial: str) -> None:
    """Co-sign the newest anchored checkpoint as a witness, with a custodian's own token.

    The co-signature (witness-*.json) is written beside the anchor and recorded in the log;
    'sealdesk audit verify' checks and counts it. PIN from SEALDESK_CUSTODIAN_PIN or a prompt.
    """
    from sealdesk.services.countersign.witness import witness_newest_checkpoint

    with open_context() as ctx:
        where = countersign_token(ctx, custodian_module, custodian_label, custodian_serial)
        signed = witness_newest_checkpoint(ctx, where, custodian_pin(where),
                                           custodian=custodian_name)
    click.echo(safe(f"Checkpoint witnessed by custodian {signed.custodian}: {signed.path} "
                    f"(audit entry {signed.entry})."))


@audit.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def anchors(as_json: bool) -> None:
    """Show the newest anchored checkpoint (size, when, TSA time, folder) and whether anchoring
    keeps up with the log.

    Exit code 0 when the newest checkpoint is anchored, 12 (UNANCHORED) when it is not or the
    anchors are stale, 11 (FAILED) when an anchor file fails its checks.
    """
    from sealdesk.core.audit.canonical import format_time
    from sealdesk.services.audit.anchor_status import anchor_status

    with open_context(read_only=True) as ctx:
        status = anchor_status(ctx)
    if as_json:
        click.echo(json.dumps(status.to_dict(), indent=2))
    else:
        where = "configured" if status.folder_configured else "default, inside the data folder"
        click.echo(f"Anchor folder: {safe(status.folder)} ({where}"
                   f"{'' if status.folder_exists else '; missing'})")
        if status.anchored_size is None:
            click.echo("Last anchored checkpoint: none")
        else:
            tsa = format_time(status.tsa_time) if status.tsa_time else "no trusted TSA time"
            click.echo(f"Last anchored checkpoint: {status.anchored_size} entries, signed "
                       f"{format_time(status.anchored_at) if status.anchored_at else '?'}, "
                       f"TSA time {tsa} ({safe(status.anchor_file)})")
        if status.latest_size is not None:
            click.echo(f"Newest checkpoint: {status.latest_size} entries")
        for problem in status.problems:
            click.secho(f"Problem: {safe(problem)}", fg="red", err=True)
        if status.unanchored:
            click.secho(f"Warning: the newest checkpoint is not anchored "
                        f"({status.entries_behind} entries behind).", fg="yellow", err=True)
        if status.stale:
            click.secho("Warning: the anchors are stale (more than a day behind the newest "
                        "checkpoint): check the TSA and the anchor folder.", fg="yellow",
                        err=True)
    if status.problems:
        exit_with(ExitCode.FAILED)
    if status.unanchored or status.stale:
        exit_with(ExitCode.UNANCHORED)


@audit.group()
def checkpoint() -> None:
    """Export the latest signed checkpoint, or take one now."""


@checkpoint.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the checkpoint here instead of printing it.")
def checkpoint_export(out: Path | None) -> None:
    """Write the latest checkpoint as a small file to keep out of band (print, mail, archive)."""
    from sealdesk.services.audit.checkpoints import export_latest_checkpoint

    with open_context(read_only=True) as ctx:
        data, cp = export_latest_checkpoint(ctx)
    _write_or_print(data, out, f"Checkpoint of {cp.tree_size} entries")


@checkpoint.command("create")
def checkpoint_create() -> None:
    """Sign a checkpoint of the log now with the audit key (asks for the token PIN)."""
    from sealdesk.core.audit.canonical import format_time
    from sealdesk.core.token import TokenSelector, open_token_session
    from sealdesk.core.token.module import find_token
    from sealdesk.services.audit.checkpoints import create_checkpoint
    from sealdesk.services.keys.snapshot_record import record_snapshot

    with open_context() as ctx:
        cfg = ctx.config.token
        selector = TokenSelector(cfg.label, cfg.serial)
        info, _ = find_token(cfg.module, selector, cfg.environment)
        pin = read_pin(info.label, info.pin)
        with open_token_session(cfg.module, selector, pin, environment=cfg.environment) as token:
            signed = create_checkpoint(ctx, token)
            record_snapshot(ctx, token)
    cp = signed.checkpoint
    click.echo(f"Checkpoint of {cp.tree_size} entries, root {cp.root_hash.hex()} "
               f"({format_time(cp.time)}).")


@audit.command()
@click.option("--event", "event_index", type=click.IntRange(0, MAX_INDEX),
              help="Prove that entry N is in the log.")
@click.option("--checkpoint", "checkpoint_spec",
              help="For --event: a checkpoint file, or a stored checkpoint's tree size "
                   "(default: the latest).")
@click.option("--consistency", nargs=2, metavar="A B",
              help="Prove the log at checkpoint B extends the log at checkpoint A (tree sizes "
                   "of stored checkpoints, 'latest', or checkpoint files).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the proof here instead of printing it.")
def proof(event_index: int | None, checkpoint_spec: str | None,
          consistency: tuple[str, str] | None, out: Path | None) -> None:
    """Make an inclusion proof (--event) or a consistency proof (--consistency)."""
    from sealdesk.services.audit.proofs import consistency_proof, inclusion_proof

    if (event_index is None) == (not consistency):
        raise click.UsageError("Give exactly one of --event N or --consistency A B.")
    with open_context(read_only=True) as ctx:
        if event_index is not None:
            data = inclusion_proof(ctx.database, event_index, checkpoint_spec)
            what = f"Inclusion proof for entry {event_index}"
        else:
            assert consistency is not None
            data = consistency_proof(ctx.database, consistency[0], consistency[1])
            what = f"Consistency proof {safe(consistency[0])} -> {safe(consistency[1])}"
    _write_or_print(data, out, what)


@audit.command("check-proof")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trusted-cert", type=click.Path(dir_okay=False, path_type=Path),
              help="PEM file with the audit certificate(s) you trust.")
def check_proof(file: Path, trusted_cert: Path | None) -> None:
    """Check a proof (or checkpoint) file offline: no database, no token, no configuration."""
    from sealdesk.core.audit.proofs import check_proof_file

    data = read_input(file, JSON_FILE_LIMIT, "proof file")
    trusted = _read_pem(trusted_cert)
    if b'"sealdesk-audit-checkpoint"' in data:
        _check_checkpoint_data(data, trusted)
        return
    result = check_proof_file(data, trusted)
    click.echo(safe(result.summary()))
    if result.event is not None:
        click.echo("Event: " + safe(json.dumps(result.event, sort_keys=True,
                                                ensure_ascii=False)))


@audit.command("verify-checkpoint")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trusted-cert", type=click.Path(dir_okay=False, path_type=Path),
              help="PEM file with the audit certificate(s) you trust.")
def verify_checkpoint(file: Path, trusted_cert: Path | None) -> None:
    """Check an exported checkpoint's signature offline."""
    _check_checkpoint_data(read_input(file, JSON_FILE_LIMIT, "checkpoint file"),
                           _read_pem(trusted_cert))


def _check_checkpoint_data(data: bytes, trusted: bytes | None) -> None:
    from sealdesk.core.audit.canonical import format_time
    from sealdesk.core.audit.checkpoint import load_checkpoint_file, verify_checkpoint_file

    cpf = load_checkpoint_file(data)
    signer = verify_checkpoint_file(cpf, trusted)
    cp = cpf.signed.checkpoint
    click.echo(f"Checkpoint of {cp.tree_size} entries, root {cp.root_hash.hex()}, taken "
               f"{format_time(cp.time)} on {safe(cp.console_id)}: signature valid.")
    if signer.trusted:
        click.echo(f"Signed by trusted audit certificate {signer.fingerprint}.")
    else:
        click.echo(f"Signed by the certificate inside the file (SHA-256 {signer.fingerprint}); "
                   "compare it with the audit certificate you trust.")


@audit.command("list")
@click.option("--type", "types", multiple=True, help="Event type, e.g. document.sealed "
              "(repeatable).")
@click.option("--since", type=click.DateTime(DATE_FORMATS), help="From this UTC date/time.")
@click.option("--until", type=click.DateTime(DATE_FORMATS), help="Before this UTC date/time.")
@click.option("--actor", default="", help="Actor contains this text.")
@click.option("--document", default="", help="A document hash (or its beginning).")
@click.option("--search", default="", help="Text anywhere in the event.")
@click.option("--limit", type=click.IntRange(1, MAX_LIST), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_events(types: tuple[str, ...], since: dt.datetime | None, until: dt.datetime | None,
                actor: str, document: str, search: str, limit: int, as_json: bool) -> None:
    """List events, newest first, filtered in the database."""
    from sealdesk.core.audit.canonical import format_time
    from sealdesk.services.audit.browse import AuditBrowser, AuditFilter

    flt = AuditFilter(event_types=types, since=utc(since), until=utc(until), actor=actor,
                      document=document.lower(), text=search)
    with open_context(read_only=True) as ctx:
        browser = AuditBrowser(ctx.database)
        try:
            rows = browser.filtered_page(flt, before=None, limit=limit)
        finally:
            browser.close()
    for row in rows:
        if as_json:
            click.echo(json.dumps({"index": row.index, "time": format_time(row.time),
                                   "type": row.event_type, "actor": row.actor,
                                   "subject": row.subject}))
        else:
            click.echo(f"{row.index:>8}  {format_time(row.time)}  {safe(row.event_type):24} "
                       f"{safe(row.actor):24} {safe(row.subject)}")
    if not rows and not as_json:
        click.echo("No matching events.", err=True)
