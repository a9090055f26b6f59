"""``sealdesk token list``: the tokens a PKCS#11 module offers, and the keys on them."""

from __future__ import annotations

import click

from sealdesk.cli.common import handle_errors, read_pin
from sealdesk.config import load_config
from sealdesk.core.token import TokenSelector, list_tokens, open_token_session
from sealdesk.paths import app_paths


@click.group()
def token() -> None:
    """Inspect PKCS#11 tokens."""


@token.command("list")
@click.option("--module", "module_path", help="PKCS#11 module path (default: configured).")
@click.option("--keys", is_flag=True, help="Also list keys and certificates (asks the PIN).")
@handle_errors
def token_list(module_path: str | None, keys: bool) -> None:
    """List tokens: slot, label, serial, model and PIN state."""
    config = load_config(app_paths().config_file)
    module = module_path or config.token.module
    environment = config.token.environment if module == config.token.module else {}
    tokens = list_tokens(module, environment)
    if not tokens:
        click.echo(f"No initialised token found in {module}.")
        return
    for info, _ in tokens:
        warning = info.pin.warning()
        suffix = f"  [{warning}]" if warning else ""
        click.echo(
            f"slot {info.slot_id}: {info.label!r} serial={info.serial} "
            f"maker={info.manufacturer!r} model={info.model!r}{suffix}"
        )
        if keys:
            pin = read_pin(info.label, info.pin)
            selector = TokenSelector(label=info.label, serial=info.serial)
            with open_token_session(module, selector, pin, environment=environment) as session:
                for line in _key_lines(session):
                    click.echo(f"    {line}")


def _key_lines(session) -> list[str]:  # type: ignore[no-untyped-def]
    from pkcs11 import Attribute, ObjectClass

    lines = []
    for cls, kind in ((ObjectClass.PRIVATE_KEY, "key"), (ObjectClass.CERTIFICATE, "certificate")):
        for obj in session.session.get_objects({Attribute.CLASS: cls}):
            label = obj[Attribute.LABEL]
            key_id = bytes(obj[Attribute.ID]).hex()
            lines.append(f"{kind}: label={label!r} id={key_id}")
    return lines
