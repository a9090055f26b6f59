"""``sealdesk store ...``: envelope encryption of the document store (issue 21).

``store encrypt`` is a signed act (the token's PIN: ``SEALDESK_PIN`` or the prompt); ``store
status`` needs no PIN. Reading an encrypted store (revalidation, exports, evidence) asks the PIN
at the first document opened, through the key agent (:mod:`sealdesk.services.encryption.unlock`).
"""

from __future__ import annotations

from pathlib import Path

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.failure import exit_with
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode

_encryption = LazyModule("sealdesk.services.encryption")


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
