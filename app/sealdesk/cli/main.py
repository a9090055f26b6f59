"""Entry point of the ``sealdesk`` command."""

from __future__ import annotations

import click

import sealdesk
from sealdesk.cli.audit_cmd import audit
from sealdesk.cli.compromise_cmd import compromise_group
from sealdesk.cli.custodian_cmd import custodian
from sealdesk.cli.demo_cmd import demo
from sealdesk.cli.evidence_cmd import evidence
from sealdesk.cli.incident_cmd import maintenance_group, selftest_command
from sealdesk.cli.logging_setup import setup_logging
from sealdesk.cli.ltv_cmd import ltv
from sealdesk.cli.policy_cmd import policy_group
from sealdesk.cli.revalidate_cmd import revalidate
from sealdesk.cli.role_cmd import role
from sealdesk.cli.rotation_cmd import rotation_group, verify_quorum
from sealdesk.cli.seal_cmd import seal
from sealdesk.cli.token_cmd import token
from sealdesk.cli.verify_cmd import verify


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(sealdesk.__version__, prog_name="sealdesk")
def cli() -> None:
    """SealDesk: seal PDFs with a PKCS#11 token, keep a verifiable audit log, re-prove seals."""
    setup_logging()


@cli.command()
@click.option("--smoke-test", is_flag=True,
              help="Exit 0 as soon as the main window is shown (checks an installation).")
def gui(smoke_test: bool) -> None:
    """Start the desktop console (demo mode is set up on first start without a token)."""
    from sealdesk.ui.app import main as gui_main

    raise SystemExit(gui_main(["sealdesk", "--smoke-test"] if smoke_test else None))


cli.add_command(demo)
cli.add_command(token)
cli.add_command(seal)
cli.add_command(verify)
cli.add_command(revalidate)
cli.add_command(ltv)
cli.add_command(audit)
cli.add_command(rotation_group)
cli.add_command(custodian)
cli.add_command(evidence)
cli.add_command(role)
cli.add_command(maintenance_group)
cli.add_command(selftest_command)
cli.add_command(compromise_group)
cli.add_command(policy_group)
audit.add_command(verify_quorum)


def main() -> None:
    cli(prog_name="sealdesk")


if __name__ == "__main__":
    main()
