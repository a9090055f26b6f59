"""``sealdesk incident …``: the incident register (open, note, link, act, close, report).

Every change is an audit event (:mod:`sealdesk.services.incidents.register`). The services load
only inside the commands, so ``sealdesk incident --help`` stays instant; the choices below are
the register's own values (a test keeps them equal).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, read_pin, zoned_time
from sealdesk.cli.rotation_common import countersign_token, countersign_token_options, custodian_pin
from sealdesk.cli.terminal import safe
from sealdesk.exit_codes import ExitCode

register = LazyModule("sealdesk.services.incidents.register")
statement = LazyModule("sealdesk.services.incidents.statement")
_statement_countersign = LazyModule("sealdesk.services.incidents.statement_countersign")
incident_metrics = LazyModule("sealdesk.services.incidents.metrics")
_timeline = LazyModule("sealdesk.services.incidents.timeline")
_canonical = LazyModule("sealdesk.core.audit.canonical")
_token = LazyModule("sealdesk.core.token")
_module = LazyModule("sealdesk.core.token.module")
x509 = LazyModule("cryptography.x509")

INCIDENT_TYPES = ("security", "integrity", "availability", "config")
LINK_KINDS = ("document", "seal", "run", "proposal", "entry")


def _incident_id(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    return register.parse_incident_id(value)


_ID = click.argument("incident_id", metavar="ID", callback=_incident_id)
_OPERATOR = click.option("--operator", help="Administrator's name recorded in the audit log.")


@click.group("incident")
def incident_group() -> None:
    """Incidents: open, note, link, act, close, report (every change is an audit event)."""


@incident_group.command("open")
@click.option("--type", "kind", required=True,
              type=click.Choice(INCIDENT_TYPES))
@click.option("--title", required=True, help="What is wrong, in one line.")
@click.option("--occurred-at", callback=zoned_time,
              help="When it began, if before now (ISO time with zone); for MTTD.")
@_OPERATOR
def incident_open(kind: str, title: str, occurred_at: dt.datetime | None,
                  operator: str | None) -> None:
    """Open an incident by hand (failures open their own incidents)."""
    ctx = open_context(operator)
    incident_id = register.open_incident(ctx, kind, title, occurred_at=occurred_at)
    click.echo(f"Opened {register.incident_name(incident_id)} ({kind}): {title}")


@incident_group.command("note")
@_ID
@click.argument("text")
@_OPERATOR
def incident_note(incident_id: int, text: str, operator: str | None) -> None:
    """Add a note (what was seen, decided, told whom)."""
    index = register.add_note(open_context(operator), incident_id, text)
    click.echo(f"Noted on {register.incident_name(incident_id)} (audit entry {index}).")


@incident_group.command("link")
@_ID
@click.argument("kind", type=click.Choice(LINK_KINDS))
@click.argument("ref")
@_OPERATOR
def incident_link(incident_id: int, kind: str, ref: str, operator: str | None) -> None:
    """Link a document or seal (SHA-256), a revalidation run, a proposal or an audit entry."""
    register.link(open_context(operator), incident_id, kind, ref)
    click.echo(f"Linked {kind} {ref} to {register.incident_name(incident_id)}.")


@incident_group.command("close")
@_ID
@click.option("--root-cause", required=True, help="Why it happened, as established.")
@_OPERATOR
def incident_close(incident_id: int, root_cause: str, operator: str | None) -> None:
    """Close an incident with its root cause (open action items stay tracked)."""
    ctx = open_context(operator)
    register.close_incident(ctx, incident_id, root_cause)
    left = register.get_incident(ctx, incident_id).open_actions
    click.echo(f"Closed {register.incident_name(incident_id)}; {len(left)} action item(s) open.")


@incident_group.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only incidents not yet closed.")
@click.option("--metrics", is_flag=True, help="Also MTTD, MTTC and MTTR per type.")
def incident_list(open_only: bool, metrics: bool) -> None:
    """List incidents, newest first."""
    ctx = open_context(read_only=True)
    for inc in register.list_incidents(ctx, open_only=open_only):
        state = "open" if inc.is_open else "closed"
        click.echo(f"{inc.name:10} {inc.type.value:12} {state:6} "
                   f"{_canonical.format_time(inc.opened_at)[:19]}  {inc.title}")
    if metrics:
        for m in incident_metrics.metrics_by_type(ctx):
            click.echo(f"{m.type.value:12} count {m.count} open {m.open} MTTD {m.mttd_seconds}s "
                       f"MTTC {m.mttc_seconds}s MTTR {m.mttr_seconds}s")


@incident_group.command("show")
@_ID
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def incident_show(incident_id: int, as_json: bool) -> None:
    """Show an incident: facts, timeline from the audit log, links, action items."""
    ctx = open_context(read_only=True)
    with ctx.database.reader() as session:
        inc = incident_metrics.fill_containment(
            session, register.require_incident(register.load_incidents(session), incident_id))
        timeline = _timeline.build_timeline(session, inc)
    if as_json:
        click.echo(json.dumps({"id": inc.name, "type": inc.type.value, "title": inc.title,
                               "open": inc.is_open, "seconds": incident_metrics.incident_times(inc),
                               "timeline": [t.to_json() for t in timeline],
                               "links": [[lk.kind, lk.ref] for lk in inc.links],
                               "open_actions": [a.id for a in inc.open_actions]}, indent=1))
        return
    click.echo(f"{inc.name} {inc.type.value} {'open' if inc.is_open else 'closed'}: {inc.title}")
    click.echo(f"opened {_canonical.format_time(inc.opened_at)} by {inc.opened_by}"
               f"{' (automatic)' if inc.automatic else ''}")
    if inc.root_cause:
        click.echo(f"root cause: {inc.root_cause}")
    click.echo("timeline:")
    for t in timeline:
        click.echo(f"  #{t.index:<6} {_canonical.format_time(t.time)[:19]} {t.type:24} "
                   f"{safe(t.actor)}  {safe(t.summary)}")
    for item in inc.actions.values():
        state = "open" if item.is_open else f"closed: {item.outcome}"
        click.echo(f"action {item.id}: {item.text} [{item.owner or '-'}] {state}")


@incident_group.command("report")
@_ID
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="Folder for INC-n.json, INC-n.sig.json and INC-n.html.")
@_OPERATOR
def incident_report(incident_id: int, out_dir: Path, operator: str | None) -> None:
    """Write the incident statement signed by the audit key (asks for the token PIN)."""
    ctx = open_context(operator)
    cfg = ctx.config.token
    selector = _token.TokenSelector.from_config(cfg)
    info, _ = _module.find_token(cfg.module, selector, cfg.environment, timeout=cfg.timeout_seconds)
    pin = read_pin(info.label, info.pin)
    with _token.open_token_session(cfg.module, selector, pin, environment=cfg.environment) as token:
        issued = statement.issue_statement(ctx, token, incident_id, out_dir)
    click.echo(f"Statement {issued.json_path} (SHA-256 {issued.sha256}), signature "
               f"{issued.signature_path}, page {issued.html_path}.")


@incident_group.command("verify-report")
@click.argument("statement_json", type=click.Path(path_type=Path, exists=True))
@click.option("--trusted-cert", type=click.Path(path_type=Path, exists=True),
              help="The pinned audit certificate (PEM); without it, only integrity is checked.")
def incident_verify_report(statement_json: Path, trusted_cert: Path | None) -> None:
    """Check an incident statement's signature offline (no token, no database)."""
    cert = None if trusted_cert is None else x509.load_pem_x509_certificate(
        trusted_cert.read_bytes())
    content = statement.verify_statement(
        statement_json, statement_json.with_name(statement_json.stem + ".sig.json"), cert)
    click.echo(f"Signature valid: {content['incident']['id']} issued {content['issued_at']}.")
    if cert is None:
        click.echo("Checked against the certificate in the signature file: this proves the "
                   "statement is unaltered, not who signed it; give --trusted-cert with the "
                   "pinned audit certificate for that.")


@incident_group.command("countersign")
@click.argument("statement_json", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@countersign_token_options
def incident_countersign(statement_json: Path, custodian_name: str | None,
                         custodian_module: str | None, custodian_label: str | None,
                         custodian_serial: str) -> None:
    """Counter-sign an incident statement (INC-n.json) with a custodian's own token.

    PIN from SEALDESK_CUSTODIAN_PIN or a prompt; INC-n.countersig-*.json is written beside the
    statement and recorded in the log."""
    ctx = open_context()
    where = countersign_token(ctx, custodian_module, custodian_label, custodian_serial)
    signed = _statement_countersign.countersign_statement(
        ctx, statement_json, where, custodian_pin(where), custodian=custodian_name)
    click.echo(safe(f"Counter-signed by custodian {signed.custodian}: {signed.path} "
                    f"(audit entry {signed.entry})."))


@incident_group.command("check-report")
@click.argument("statement_json", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def incident_check_report(statement_json: Path) -> None:
    """Check a statement against this installation: the audit key's signature, its record in
    the log and every custodian counter-signature. Exit 0 when all hold, 11 when not."""
    check = _statement_countersign.check_statement(open_context(read_only=True), statement_json)
    for line in check.lines():
        click.echo(safe(line))
    if not check.ok:
        click.secho("FAILED: do not rely on this statement.", fg="red", err=True)
        sys.exit(ExitCode.FAILED)


@incident_group.group("action")
def incident_action() -> None:
    """Action items of an incident, tracked until closed."""


@incident_action.command("add")
@_ID
@click.argument("text")
@click.option("--owner", default="", help="Who does it.")
@_OPERATOR
def action_add(incident_id: int, text: str, owner: str, operator: str | None) -> None:
    """Add an action item."""
    action_id = register.add_action(open_context(operator), incident_id, text, owner)
    click.echo(f"Action {action_id} added to {register.incident_name(incident_id)}.")


@incident_action.command("close")
@_ID
@click.argument("action_id", type=int)
@click.option("--outcome", required=True, help="What was done.")
@_OPERATOR
def action_close(incident_id: int, action_id: int, outcome: str, operator: str | None) -> None:
    """Close an action item with its outcome."""

    register.close_action(open_context(operator), incident_id, action_id, outcome)
    click.echo(f"Action {action_id} of {register.incident_name(incident_id)} closed.")
