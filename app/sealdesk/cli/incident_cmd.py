"""``sealdesk maintenance on|off|status`` and ``sealdesk selftest``: incident controls.

Maintenance mode stops all sealing at once, on every console sharing the database, with a
reason everyone sees; verification, audit and evidence keep working. The self-test seals and
verifies a canary document and verifies the audit log; after an update SealDesk seals nothing
until it passed (PIN from ``SEALDESK_PIN`` or a prompt, as for sealing).
"""

from __future__ import annotations

import click

from sealdesk.cli.common import open_context, read_pin, signed_acts
from sealdesk.cli.failure import exit_with
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode


@click.group("maintenance")
def maintenance_group() -> None:
    """Stop or allow sealing for everyone (read-only mode for incidents)."""


@maintenance_group.command("on")
@click.option("--reason", required=True, help="Why sealing stops; shown to everyone, logged.")
@click.option("--operator", help="Administrator's name recorded in the audit log.")
def maintenance_on(reason: str, operator: str | None) -> None:
    """Stop all sealing now (verification and export keep working; asks for the token PIN)."""
    from sealdesk.services.incidents import maintenance

    with open_context(operator) as ctx, signed_acts(ctx, "stopping sealing"):
        state = maintenance.enable(ctx, reason)
    click.echo(safe(state.describe()))


@maintenance_group.command("off")
@click.option("--operator", help="Administrator's name recorded in the audit log.")
def maintenance_off(operator: str | None) -> None:
    """Allow sealing again (asks for the token PIN)."""
    from sealdesk.services.incidents import maintenance

    with open_context(operator) as ctx, signed_acts(ctx, "allowing sealing again"):
        click.echo(safe(maintenance.disable(ctx).describe()))


@maintenance_group.command("status")
def maintenance_status() -> None:
    """Say whether sealing is allowed, and whether a self-test is owed."""
    from sealdesk.services.incidents import maintenance, selftest
    from sealdesk.services.sealing.gates import SELFTEST_REQUIRED_TITLE

    with open_context() as ctx:
        click.echo(safe(maintenance.current(ctx).describe()))
        owed = selftest.status(ctx)
    if owed.required:
        click.echo(f"{SELFTEST_REQUIRED_TITLE}: {safe(owed.reason)}. Run 'sealdesk selftest'.")


@click.command("selftest")
@click.option("--operator", help="Operator name recorded in the audit log.")
def selftest_command(operator: str | None) -> None:
    """Seal and verify a canary document, verify the audit log; record the outcome.

    Exit code 0 when it passed, 11 (FAILED) when a check failed, or the error's code when it
    could not run (token, timestamp authority, database).
    """
    from sealdesk.core.token import TokenSelector
    from sealdesk.core.token.module import find_token
    from sealdesk.services.incidents import selftest

    with open_context(operator) as ctx:
        cfg = ctx.config.token
        info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment,
                             timeout=cfg.timeout_seconds)
        result = selftest.run_selftest(ctx, read_pin(info.label, info.pin))
    for check, passed, detail in result.checks:
        click.echo(f"{'ok' if passed else 'FAILED':7} {check:14} {safe(detail)}")
    if result.error is not None:
        raise result.error
    if not result.passed:
        click.secho(f"FAILED: the self-test of SealDesk {result.version} failed.", fg="red",
                    err=True)
        click.echo("Sealing stays refused. Keep the canary under the data folder's selftest/ "
                   "for the support ticket.", err=True)
        exit_with(ExitCode.FAILED)
    click.echo(f"Self-test passed: SealDesk {result.version} may seal on this installation.")
