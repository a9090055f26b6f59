"""``sealdesk demo init``: a demo token, PKI and TSA for trying SealDesk without hardware."""

from __future__ import annotations

import click

from sealdesk.paths import app_paths


@click.group()
def demo() -> None:
    """Demo mode (SoftHSM2 token, demo CA, offline demo TSA)."""


@demo.command("init")
@click.option("--force", is_flag=True, help="Replace an existing demo setup and its keys.")
def demo_init(force: bool) -> None:
    """Create the demo token, keys, certificates and configuration."""
    from sealdesk.services.console.demo import DEMO_PIN, init_demo

    setup = init_demo(app_paths(), force=force)
    click.echo(f"Demo token {setup.config.token.label!r} created; user PIN: {DEMO_PIN}")
    click.echo(f"Security officer PIN (shown once, not stored): {setup.so_pin}")
    click.echo(f"Trust anchor: {setup.root_cert_path}")
    click.echo(f"Configuration: {app_paths().config_file}")
