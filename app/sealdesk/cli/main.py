"""Entry point of the ``sealdesk`` command: the lazy command map and the one error handler.

Nothing heavy is imported here or by a command module at import time: ``sealdesk --help`` and
``sealdesk COMMAND --help`` answer without pyHanko, SQLAlchemy or PySide6 (a test checks it).
"""

from __future__ import annotations

import warnings

import click

from sealdesk.cli.failure import SealDeskGroup
from sealdesk.cli.logging_setup import setup_logging
from sealdesk.exit_codes import exit_code_table

COMMANDS = {
    "audit": "sealdesk.cli.audit_cmd:audit",
    "compromise": "sealdesk.cli.compromise_cmd:compromise_group",
    "custodian": "sealdesk.cli.custodian_cmd:custodian",
    "demo": "sealdesk.cli.demo_cmd:demo",
    "evidence": "sealdesk.cli.evidence_cmd:evidence",
    "gui": "sealdesk.cli.gui_cmd:gui",
    "hold": "sealdesk.cli.retention_cmd:hold_group",
    "incident": "sealdesk.cli.incident_register_cmd:incident_group",
    "keys": "sealdesk.cli.keys_cmd:keys_group",
    "ltv": "sealdesk.cli.ltv_cmd:ltv",
    "maintenance": "sealdesk.cli.incident_cmd:maintenance_group",
    "policy": "sealdesk.cli.policy_cmd:policy_group",
    "revalidate": "sealdesk.cli.revalidate_cmd:revalidate",
    "role": "sealdesk.cli.role_cmd:role",
    "rotation": "sealdesk.cli.rotation_cmd:rotation_group",
    "seal": "sealdesk.cli.seal_cmd:seal",
    "selftest": "sealdesk.cli.incident_cmd:selftest_command",
    "siem": "sealdesk.cli.siem_cmd:siem_group",
    "store": "sealdesk.cli.store_cmd:store_group",
    "snapshot": "sealdesk.cli.snapshot_cmd:snapshot",
    "reconcile": "sealdesk.cli.snapshot_cmd:reconcile_cmd",
    "restore": "sealdesk.cli.snapshot_cmd:restore_cmd",
    "retention": "sealdesk.cli.retention_cmd:retention_group",
    "token": "sealdesk.cli.token_cmd:token",
    "verify": "sealdesk.cli.verify_cmd:verify",
}
"""Command name -> ``module:attribute``; the module is imported only when the command runs."""

EPILOG = "\b\nExit codes:\n" + exit_code_table()


@click.group(cls=SealDeskGroup, lazy_subcommands=COMMANDS, epilog=EPILOG,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _print_version(ctx, value),
              help="Show the version and exit.")
def cli() -> None:
    """SealDesk: seal PDFs with a PKCS#11 token, keep a verifiable audit log, re-prove seals."""
    setup_logging()


def _print_version(ctx: click.Context, wanted: bool) -> None:
    """``--version``; the package metadata is read only then (it costs ~50 ms)."""
    if not wanted or ctx.resilient_parsing:
        return
    import sealdesk

    click.echo(f"sealdesk, version {sealdesk.__version__}")
    ctx.exit()


def quiet_third_party_warnings() -> None:
    """Users see no deprecation warnings from libraries (pyHanko's DSA import, click 8.5).

    SealDesk's own warnings still show; ``SEALDESK_DEBUG=1`` shows everything.
    """
    from sealdesk.cli.logging_setup import debugging

    if debugging():
        return
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(?!sealdesk\b)")
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning,
                            module=r"(?!sealdesk\b)")
    # cryptography's CryptographyDeprecationWarning is a UserWarning, raised inside pyHanko
    warnings.filterwarnings("ignore", message=r".*is deprecated", module=r"pyhanko\b")


def main() -> None:
    from sealdesk.cli.deferred_imports import defer_pyhanko_sign_init

    quiet_third_party_warnings()
    defer_pyhanko_sign_init()  # verify needs pyHanko's validation, not its signers
    cli(prog_name="sealdesk")


if __name__ == "__main__":
    main()
