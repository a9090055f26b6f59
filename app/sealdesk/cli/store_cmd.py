"""``sealdesk store ...``: envelope encryption of the document store (issue 21).

``store encrypt`` is a signed act (the token's PIN: ``SEALDESK_PIN`` or the prompt); ``store
status`` needs no PIN. Reading an encrypted store (revalidation, exports, evidence) asks the PIN
at the first document opened, through the key agent (:mod:`sealdesk.services.encryption.unlock`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.failure import exit_with
from sealdesk.cli.rotation_common import duration, print_view
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode

_encryption = LazyModule("sealdesk.services.encryption")
_rotation = LazyModule("sealdesk.services.encryption.rotation")
_recorded = LazyModule("sealdesk.services.encryption.recorded")


@click.group("store")
def store_group() -> None:
    """Encryption of the document store: set it up, see its state."""


@store_group.command("encrypt")
@click.option("--recovery-cert", "recovery", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A recovery custodian's certificate (RSA, kept offline with its token); "
              "every data key is wrapped for it too. Repeatable.")
def encrypt_command(recovery: tuple[Path, ...]) -> None:
    """Encrypt the store from now on, and everything it holds already.

    Makes the key-encryption key on the console token (once), records the recipients in the
    audit log (a signed act), then encrypts each stored document under its own data key.
    """
    with open_context() as ctx:
        recipients = _encryption.load_recovery_certificates(list(recovery))
        with signed_acts(ctx, "setting up encryption of the document store"):
            setup = _encryption.enable_encryption(ctx, recipients)
        if setup.entry is not None:
            click.echo(f"The document store is encrypted (audit entry {setup.entry}).")
        else:
            click.echo("The document store was encrypted already.")
        for r in setup.recipients:
            click.echo(f"  {r.role:9} {safe(r.label)}  {r.fingerprint[:16]}…")
        click.echo(f"{len(setup.encrypted_now)} stored document(s) encrypted now.")


@store_group.command("status")
def status_command() -> None:
    """Whether the store is encrypted, for whom, and what is still in plaintext."""
    with open_context(read_only=True) as ctx:
        status = _encryption.encryption_status(ctx)
    click.echo(f"Document store: {status.state}")
    if status.recorded_entry is not None:
        click.echo(f"Recipients (audit entry {status.recorded_entry}):")
        for r in status.recipients:
            click.echo(f"  {safe(r.get('role', '')):9} {safe(r.get('label', ''))}  "
                       f"{safe(r.get('fingerprint', ''))[:16]}…")
    click.echo(f"Encrypted documents: {status.envelopes}; in plaintext: {status.plaintext}; "
               f"key destroyed or missing: {status.without_key}")
    if status.problem:
        click.echo(f"Problem: {safe(status.problem)}", err=True)
        exit_with(ExitCode.FAILED)


@store_group.command("rotate-key")
@click.option("--reason", required=True, help="Why; the approving custodians read it.")
@click.option("--expires-in", default="72h", callback=duration, show_default=True)
def rotate_key_command(reason: str, expires_in: dt.timedelta) -> None:
    """Propose a new encryption key for the store; custodians approve it (M of N)."""
    ctx = open_context()
    with signed_acts(ctx, "proposing a rotation of the store's key"):
        view = _rotation.propose_storage_key_rotation(ctx, reason=reason,
                                                      expires_in=expires_in)
    print_view(view, statement=True)
    click.echo(f"\nCustodians approve with 'sealdesk rotation approve {view.proposal_id} ...'; "
               f"then 'sealdesk store execute-rotation {view.proposal_id}'.")


@store_group.command("execute-rotation")
@click.argument("proposal_id")
def execute_rotation_command(proposal_id: str) -> None:
    """Execute an approved key rotation: new key, every data key rewrapped, old key destroyed."""
    with open_context() as ctx, signed_acts(ctx, f"executing proposal {proposal_id}"):
        executed, result = _rotation.execute_storage_key_rotation(ctx, proposal_id)
    click.echo(f"Proposal {proposal_id} is {executed.status.value}; {result.rewrapped} document "
               f"key(s) wrapped for the new key, {result.already} were already.")
    for name, why in result.failed:
        click.echo(f"Not rewrapped: {name[:16]}… — {safe(why)}", err=True)
    if result.failed:
        click.echo("The old key is kept until every document key is rewrapped; run this again.",
                   err=True)
        exit_with(ExitCode.INCOMPLETE)


@store_group.command("restore-recipients")
def restore_recipients_command() -> None:
    """Rebuild store/recipients.json from the audit log (after a crash or an edit)."""
    with open_context() as ctx:
        changed = _recorded.restore_recorded_recipients(ctx)
    click.echo("The recipients file was rebuilt from the audit log." if changed
               else "The recipients file already matches the audit log.")
