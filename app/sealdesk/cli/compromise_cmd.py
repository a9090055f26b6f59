"""``sealdesk compromise propose|mark|list|reseal``: the key-compromise runbook.

1. ``propose --key LABEL --since TIME --reason TEXT``: a quorum proposal (retire_key) that
   names the compromised seal key and the time it may have been misused from;
2. custodians approve it (``sealdesk rotation approve ID``);
3. ``mark ID``: executes it, records the compromise, quarantines the seals made with the key
   at or after that time (their RFC 3161 time when they carry one);
4. ``list``: the quarantined seals and their replacements;
5. ``reseal [--out DIR]``: seals the originals again with the active key (PIN as for sealing)
   and links old and new seals in the audit log.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from sealdesk.cli.common import PIN_ENV, open_context, read_pin, signed_acts, zoned_time
from sealdesk.cli.failure import exit_with
from sealdesk.cli.rotation_common import print_view
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode


@click.group("compromise")
def compromise_group() -> None:
    """Key compromise: quarantine the seals of a compromised key, re-seal with the new one."""


@compromise_group.command()
@click.option("--key", required=True, help="Label or certificate SHA-256 of the seal key.")
@click.option("--since", required=True, callback=zoned_time,
              help="Earliest moment the key may have been misused (ISO time with zone).")
@click.option("--reason", required=True, help="What happened; the custodians read it.")
@click.option("--operator", help="Proposer's name recorded in the proposal.")
def propose(key: str, since: dt.datetime, reason: str, operator: str | None) -> None:
    """Propose marking a (no longer active) seal key compromised since a time."""
    from sealdesk.services.incidents import compromise

    with open_context(operator) as ctx, signed_acts(ctx, "proposing a key compromise"):
        view = compromise.propose_compromise(ctx, key, since, reason=reason)
    print_view(view, statement=True)
    click.echo(f"\nProposed. Custodians approve with 'sealdesk rotation approve "
               f"{view.proposal_id} ...'; then run 'sealdesk compromise mark {view.proposal_id}'.")


@compromise_group.command()
@click.argument("proposal_id")
@click.option("--operator", help="Administrator's name recorded in the audit log.")
def mark(proposal_id: str, operator: str | None) -> None:
    """Execute an approved compromise proposal and quarantine the affected seals."""
    from sealdesk.core.audit.canonical import format_time
    from sealdesk.services.incidents import compromise

    with open_context(operator) as ctx, signed_acts(ctx, "marking a key compromised"):
        result = compromise.mark_compromised(ctx, proposal_id)
    click.echo(f"Certificate {result.certificate_sha256} is marked compromised since "
               f"{format_time(result.since)} (proposal {result.proposal_id}).")
    click.echo(f"{len(result.quarantined)} seal(s) quarantined now. Re-seal them with "
               "'sealdesk compromise reseal'.")


@compromise_group.command("list")
@click.option("--certificate", default=None, help="Only this certificate's seals.")
def list_command(certificate: str | None) -> None:
    """The compromised keys and every quarantined seal, with its replacement."""
    from sealdesk.services.incidents import reseal as compromise_reseal
    from sealdesk.services.sealing.gates import compromised_certificates

    with open_context() as ctx:
        marked = compromised_certificates(ctx)
        seals = compromise_reseal.quarantined_seals(ctx, certificate)
    for cert, row in marked.items():
        click.echo(f"compromised {cert}  label {safe(repr(row.key_label))}  since "
                   f"{row.compromised_since:%Y-%m-%d %H:%M:%S} UTC  proposal {row.proposal_id}")
    for seal in seals:
        after = f"re-sealed as {seal.resealed_as}" if seal.resealed_as else "NOT re-sealed yet"
        click.echo(f"quarantined {seal.sealed_sha256}  {safe(seal.name)}  sealed "
                   f"{seal.sealed_at} ({seal.time_source})  {after}")
    if not marked and not seals:
        click.echo("No key is marked compromised.")


@compromise_group.command()
@click.option("--certificate", default=None, help="Only this certificate's seals.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each new sealed PDF here as NAME.sealed.pdf.")
@click.option("--operator", help="Operator name recorded in the seals and the audit log.")
def reseal(certificate: str | None, out_dir: Path | None, operator: str | None) -> None:
    """Seal the originals of the quarantined seals again with the active seal key.

    Exit code 0 when every one was re-sealed, 13 (INCOMPLETE) when some were not.
    """
    from sealdesk.cli.prompts import TerminalPrompts
    from sealdesk.core.token import TokenSelector
    from sealdesk.core.token.module import find_token
    from sealdesk.services.incidents import reseal as compromise_reseal

    with open_context(operator) as ctx:
        cfg = ctx.config.token
        info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment,
                             timeout=cfg.timeout_seconds)
        prompts = TerminalPrompts(interactive=sys.stdin.isatty(),
                                  env_pin=os.environ.get(PIN_ENV))
        result = compromise_reseal.reseal(
            ctx, read_pin(info.label, info.pin), certificate_sha256=certificate,
            export_dir=out_dir, pin_provider=prompts.ask_pin, waiter=prompts.wait_for_token,
            on_notice=prompts.notice,
        )
    for old, new in result.linked:
        click.echo(f"{old} -> {new}")
    click.echo(safe(compromise_reseal.summary(result)))
    batch = result.batch
    if batch is not None and batch.stopped_by is not None:
        raise batch.stopped_by
    if batch is not None and not batch.ok:
        click.echo("Some documents were not re-sealed; see the messages above.", err=True)
        exit_with(ExitCode.INCOMPLETE)
