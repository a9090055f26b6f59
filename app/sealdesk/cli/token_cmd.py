"""``sealdesk token list|select``: the tokens a PKCS#11 module offers, and choosing one explicitly.

``select`` is how an ambiguous choice gets resolved: when two tokens share a label, SealDesk
refuses to pick one, and the person chooses by serial number. The configuration then remembers
serial, maker and model as well as the label, so a relabelled token is still found and a
replaced one is noticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sealdesk.cli.common import open_context, read_pin
from sealdesk.cli.standby_cmd import standby_group
from sealdesk.cli.terminal import safe
from sealdesk.config import Config, load_config, save_config, with_token
from sealdesk.errors import TokenAmbiguousError, TokenNotPresentError
from sealdesk.paths import app_paths

if TYPE_CHECKING:
    from sealdesk.core.token.identity import TokenInfo


@click.group()
def token() -> None:
    """Inspect PKCS#11 tokens and choose the one to seal with."""


token.add_command(standby_group)


def _module_and_environment(config: Config, module_path: str | None) -> tuple[str, dict[str, str]]:
    module = module_path or config.token.module
    environment = config.token.environment if module == config.token.module else {}
    return module, dict(environment)


@token.command("list")
@click.option("--module", "module_path", help="PKCS#11 module path (default: configured).")
@click.option("--keys", is_flag=True, help="Also list keys and certificates (asks the PIN).")
def token_list(module_path: str | None, keys: bool) -> None:
    """List tokens: slot, label, serial, maker, model and PIN state; * marks the configured one."""
    from sealdesk.core.token import TokenSelector, list_tokens, open_token_session

    config = load_config(app_paths().config_file)
    module, environment = _module_and_environment(config, module_path)
    timeout = config.token.timeout_seconds
    tokens = list_tokens(module, environment, timeout=timeout)
    if not tokens:
        click.echo(f"No initialised token found in {safe(module)}.")
        return
    configured = TokenSelector.from_config(config.token)
    for info, _ in tokens:
        warning = info.pin.warning()
        suffix = f"  [{warning}]" if warning else ""
        ours = info.serial == configured.serial and configured.same_device(info)
        mark = "*" if configured.serial and ours else " "
        click.echo(safe(
            f"{mark} slot {info.slot_id}: {info.label!r} serial={info.serial} "
            f"maker={info.manufacturer!r} model={info.model!r}{suffix}"
        ))
        if keys:
            pin = read_pin(info.label, info.pin)
            selector = TokenSelector(label=info.label, serial=info.serial)
            with open_token_session(module, selector, pin, environment=environment,
                                    timeout=timeout) as session:
                for line in _key_lines(session):
                    click.echo(f"    {safe(line)}")


@token.command("select")
@click.option("--serial", required=True, help="Serial number of the token to seal with.")
@click.option("--model", help="The token's model, when two makers' tokens share the serial.")
@click.option("--module", "module_path", help="PKCS#11 module path (default: configured).")
def token_select(serial: str, model: str | None, module_path: str | None) -> None:
    """Choose the token to seal with by SERIAL; the configuration remembers who it is."""
    from sealdesk.core.token import list_tokens
    from sealdesk.services.access.roles import Role, require_role

    with open_context() as ctx:  # token set-up is the administrator's (recorded if refused)
        require_role(ctx, Role.ADMINISTRATOR, "choose the token")
    paths = app_paths()
    config = load_config(paths.config_file)
    module, environment = _module_and_environment(config, module_path)
    tokens = [info for info, _ in list_tokens(module, environment,
                                              timeout=config.token.timeout_seconds)]
    chosen = _one_with_serial(tokens, serial, model)
    previous = config.token.label
    updated = with_token(
        config, module=module, environment=environment, label=chosen.label,
        serial=chosen.serial, manufacturer=chosen.manufacturer, model=chosen.model,
    )
    save_config(updated, paths.config_file)
    click.echo(safe(f"Selected token {chosen.display_name} by {chosen.manufacturer!r}."))
    if previous and previous != chosen.label:
        click.echo(safe(f"(The configured label was {previous!r}; it is now {chosen.label!r}.)"))
    click.echo(f"Configuration: {safe(paths.config_file)}")


def _one_with_serial(tokens: list[TokenInfo], serial: str, model: str | None) -> TokenInfo:
    matches = [t for t in tokens if t.serial == serial and (not model or t.model == model)]
    if not matches:
        present = ", ".join(t.display_name for t in tokens) or "none"
        raise TokenNotPresentError(
            f"No token with serial {serial!r} is connected (present: {present}).",
            hint="Connect the token, or copy the serial from 'sealdesk token list'.",
        )
    if len(matches) > 1:
        names = "; ".join(f"{t.display_name} by {t.manufacturer!r}" for t in matches)
        raise TokenAmbiguousError(
            f"{len(matches)} tokens have serial {serial!r}: {names}.",
            hint="Add --model MODEL to say which one.",
        )
    return matches[0]


def _key_lines(session) -> list[str]:  # type: ignore[no-untyped-def]
    """Private keys, then certificates (what a person checks after an import)."""
    from sealdesk.core.token.inventory import list_objects

    found = list_objects(session)
    return [f"{shown}: label={obj.label!r} id={obj.key_id}"
            for kind, shown in (("private key", "key"), ("certificate", "certificate"))
            for obj in found if obj.kind == kind]


@token.command("change-pin")
@click.option("--custodian-token", "custodian_label", default="",
              help="Label of a custodian's token (default: the configured seal token).")
@click.option("--custodian-serial", default="", help="Serial of the custodian's token.")
@click.option("--custodian-module", default="",
              help="PKCS#11 module of the custodian's token (default: configured).")
def token_change_pin(custodian_label: str, custodian_serial: str, custodian_module: str) -> None:
    """Change a token's user PIN: the current PIN, then the new one twice, all hidden prompts.

    PINs are never taken from the command line (they would show in the process list and the
    shell history). The change is recorded in the audit log without either PIN.
    """
    from sealdesk.cli.rotation_common import custodian_token
    from sealdesk.services.keys import token_pin

    with open_context() as ctx:
        if custodian_label or custodian_serial:
            where = custodian_token(ctx, custodian_module or ctx.config.token.module,
                                    custodian_label, custodian_serial)
            role = "custodian"
        else:
            where = token_pin.seal_token_location(ctx)
            role = "seal"
        rules = token_pin.pin_rules(ctx, where)
        click.echo(f"The new PIN must have {rules.minimum} to {rules.maximum} characters.")
        old = click.prompt("Current PIN", hide_input=True, err=True)
        new = click.prompt("New PIN", hide_input=True, err=True)
        again = click.prompt("New PIN again", hide_input=True, err=True)
        done = token_pin.change_token_pin(ctx, where, old, new, again, role=role)
    click.echo(safe(f"The PIN of {role} token {done.label!r} (serial {done.serial}) was changed."))


@token.command("certificate")
@click.argument("label")
@click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the certificate to FILE (0600, written atomically).")
@click.option("--format", "fmt", type=click.Choice(["pem", "der"]), default="pem",
              show_default=True, help="Encoding of the exported file.")
def token_certificate(label: str, export_path: Path | None, fmt: str) -> None:
    """Show the certificate LABEL on the seal token (no PIN needed), and optionally export it."""
    from sealdesk.services.keys import certificate_details as details_service

    with open_context() as ctx:
        details = details_service.certificate_details(ctx, label)
    for line in certificate_lines(details):
        click.echo(safe(line))
    if export_path is not None:
        written = details_service.export_certificate(details, export_path, fmt)
        click.echo(f"Exported as {fmt.upper()} to {safe(written)}")


def certificate_lines(details) -> list[str]:  # type: ignore[no-untyped-def]
    """The certificate's details, one fact a line (the GUI dialog shows the same)."""
    lines = [
        f"Label:               {details.label}",
        f"Subject:             {details.subject}",
        f"Issuer:              {details.issuer}",
        f"Serial:              {details.serial}",
        f"Valid from:          {details.not_before:%Y-%m-%d %H:%M} UTC",
        f"Valid until:         {details.not_after:%Y-%m-%d %H:%M} UTC",
        f"Key:                 {details.key}",
        f"Key usage:           {', '.join(details.key_usage) or '(none stated)'}",
        f"Extended key usage:  {', '.join(details.extended_key_usage) or '(none stated)'}",
        f"SHA-256:             {details.sha256}",
        "Chain to the trust anchor:",
    ]
    lines += [f"  {n}. {link.subject} [{link.source}] SHA-256 {link.sha256}"
              for n, link in enumerate(details.chain, 1)]
    if not details.anchored:
        lines.append("  (no configured trust anchor reached)")
    return lines
