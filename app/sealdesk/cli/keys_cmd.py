"""``sealdesk keys recover``: open the encrypted store with a recovery token (issue 21 item 4).

When the console token is lost, a recovery custodian's token (whose certificate was named with
``sealdesk store encrypt --recovery-cert``) opens every document's data key, and they are
wrapped again for a new key-encryption key on the token now configured. The recovery token's
PIN comes from ``SEALDESK_CUSTODIAN_PIN`` or a prompt; the console token's from
``SEALDESK_PIN`` or a prompt (the new recipients are a signed act).
"""

from __future__ import annotations

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.failure import exit_with
from sealdesk.cli.rotation_common import custodian_pin, custodian_token
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode

_encryption = LazyModule("sealdesk.services.encryption")
_agent = LazyModule("sealdesk.core.token.key_agent")


@click.group("keys")
def keys_group() -> None:
    """The document store's keys: recovery with a recovery custodian's token."""


@keys_group.command("recover")
@click.option("--recovery-module", required=True,
              help="PKCS#11 module of the recovery token.")
@click.option("--recovery-token", "label", required=True, help="Label of the recovery token.")
@click.option("--recovery-serial", "serial", default="",
              help="Serial of the recovery token (labels may repeat).")
@click.option("--recovery-key", "key_label", required=True,
              help="Label of the recovery key on that token (the key of the recovery "
              "certificate named when the store was encrypted).")
def recover_command(recovery_module: str, label: str, serial: str, key_label: str) -> None:
    """Re-open every stored document with a recovery token, for a new key on this token."""
    with open_context() as ctx:
        where = custodian_token(ctx, recovery_module, label, serial)
        pin = custodian_pin(where)
        agent = _agent.KeyAgent.start(where.module, where.selector, pin,
                                      environment=where.environment, recovery_key=key_label)
        with agent, signed_acts(ctx, "recovering the document store's keys"):
            result = _encryption.recover_store(ctx, agent.unwrap)
    click.echo(f"New recipients recorded (audit entry {result.entry}):")
    for r in result.recipients:
        click.echo(f"  {r.role:9} {safe(r.label)}  {r.fingerprint[:16]}…")
    click.echo(f"{result.rewrapped} document key(s) wrapped for them; {result.already} were "
               f"already.")
    for name, why in result.failed:
        click.echo(f"Not recovered: {name[:16]}… — {safe(why)}", err=True)
    if result.failed:
        exit_with(ExitCode.INCOMPLETE)
