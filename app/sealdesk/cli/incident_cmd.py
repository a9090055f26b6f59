"""``sealdesk maintenance on|off|status`` and ``sealdesk selftest``: incident controls.

Maintenance mode stops all sealing at once, on every console sharing the database, with a
reason everyone sees; verification, audit and evidence keep working. The self-test seals and
verifies a canary document and verifies the audit log; after an update SealDesk seals nothing
until it passed (PIN from ``SEALDESK_PIN`` or a prompt, as for sealing).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from cryptography import x509

from sealdesk.cli.common import handle_errors, open_context, read_pin
from sealdesk.core.audit.canonical import format_time
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.module import find_token
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.incidents import maintenance, register, selftest, statement
from sealdesk.services.incidents import metrics as incident_metrics
from sealdesk.services.incidents.timeline import build_timeline
from sealdesk.services.sealing.gates import SELFTEST_REQUIRED_TITLE


@click.group("maintenance")
def maintenance_group() -> None:
    """Stop or allow sealing for everyone (read-only mode for incidents)."""


@maintenance_group.command("on")
@click.option("--reason", required=True, help="Why sealing stops; shown to everyone, logged.")
@click.option("--operator", help="Administrator's name recorded in the audit log.")
@handle_errors
def maintenance_on(reason: str, operator: str | None) -> None:
    """Stop all sealing now (verification and export keep working)."""
    ctx = open_context(operator)
    state = maintenance.enable(ctx, reason)
    click.echo(state.describe())


@maintenance_group.command("off")
@click.option("--operator", help="Administrator's name recorded in the audit log.")
@handle_errors
def maintenance_off(operator: str | None) -> None:
    """Allow sealing again."""
    ctx = open_context(operator)
    click.echo(maintenance.disable(ctx).describe())


@maintenance_group.command("status")
@handle_errors
def maintenance_status() -> None:
    """Say whether sealing is allowed, and whether a self-test is owed."""
    ctx = open_context()
    click.echo(maintenance.current(ctx).describe())
    owed = selftest.status(ctx)
    if owed.required:
        click.echo(f"{SELFTEST_REQUIRED_TITLE}: {owed.reason}. Run 'sealdesk selftest'.")


@click.command("selftest")
@click.option("--operator", help="Operator name recorded in the audit log.")
@handle_errors
def selftest_command(operator: str | None) -> None:
    """Seal and verify a canary document, verify the audit log; record the outcome."""
    ctx = open_context(operator)
    cfg = ctx.config.token
    info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment,
                         timeout=cfg.timeout_seconds)
    result = selftest.run_selftest(ctx, read_pin(info.label, info.pin))
    for check, passed, detail in result.checks:
        click.echo(f"{'ok' if passed else 'FAILED':7} {check:14} {detail}")
    if result.error is not None:
        raise result.error
    if not result.passed:
        raise RecordIntegrityError(f"The self-test of SealDesk {result.version} failed.",
                             hint="Sealing stays refused. Keep the canary under the data "
                             "folder's selftest/ for the support ticket.")
    click.echo(f"Self-test passed: SealDesk {result.version} may seal on this installation.")


# ---- the incident register (issue 20) --------------------------------------------------------


def _incident_id(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    return register.parse_incident_id(value)


def _moment(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter("give a time such as 2026-12-07T08:00Z") from None
    if moment.utcoffset() is None:
        raise click.BadParameter("give the time with a zone, e.g. 2026-12-07T08:00Z")
    return moment


_ID = click.argument("incident_id", metavar="ID", callback=_incident_id)
_OPERATOR = click.option("--operator", help="Administrator's name recorded in the audit log.")


@click.group("incident")
def incident_group() -> None:
    """Incidents: open, note, link, act, close, report (every change is an audit event)."""


@incident_group.command("open")
@click.option("--type", "kind", required=True,
              type=click.Choice([t.value for t in register.IncidentType]))
@click.option("--title", required=True, help="What is wrong, in one line.")
@click.option("--occurred-at", callback=_moment,
              help="When it began, if before now (ISO time with zone); for MTTD.")
@_OPERATOR
@handle_errors
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
@handle_errors
def incident_note(incident_id: int, text: str, operator: str | None) -> None:
    """Add a note (what was seen, decided, told whom)."""
    index = register.add_note(open_context(operator), incident_id, text)
    click.echo(f"Noted on {register.incident_name(incident_id)} (audit entry {index}).")


@incident_group.command("link")
@_ID
@click.argument("kind", type=click.Choice([k.value for k in register.LinkKind]))
@click.argument("ref")
@_OPERATOR
@handle_errors
def incident_link(incident_id: int, kind: str, ref: str, operator: str | None) -> None:
    """Link a document or seal (SHA-256), a revalidation run, a proposal or an audit entry."""
    register.link(open_context(operator), incident_id, kind, ref)
    click.echo(f"Linked {kind} {ref} to {register.incident_name(incident_id)}.")


@incident_group.command("close")
@_ID
@click.option("--root-cause", required=True, help="Why it happened, as established.")
@_OPERATOR
@handle_errors
def incident_close(incident_id: int, root_cause: str, operator: str | None) -> None:
    """Close an incident with its root cause (open action items stay tracked)."""
    ctx = open_context(operator)
    register.close_incident(ctx, incident_id, root_cause)
    left = register.get_incident(ctx, incident_id).open_actions
    click.echo(f"Closed {register.incident_name(incident_id)}; {len(left)} action item(s) open.")


@incident_group.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only incidents not yet closed.")
@click.option("--metrics", is_flag=True, help="Also MTTD, MTTC and MTTR per type.")
@handle_errors
def incident_list(open_only: bool, metrics: bool) -> None:
    """List incidents, newest first."""
    ctx = open_context(read_only=True)
    for inc in register.list_incidents(ctx, open_only=open_only):
        state = "open" if inc.is_open else "closed"
        click.echo(f"{inc.name:10} {inc.type.value:12} {state:6} "
                   f"{format_time(inc.opened_at)[:19]}  {inc.title}")
    if metrics:
        for m in incident_metrics.metrics_by_type(ctx):
            click.echo(f"{m.type.value:12} count {m.count} open {m.open} MTTD {m.mttd_seconds}s "
                       f"MTTC {m.mttc_seconds}s MTTR {m.mttr_seconds}s")


@incident_group.command("show")
@_ID
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@handle_errors
def incident_show(incident_id: int, as_json: bool) -> None:
    """Show an incident: facts, timeline from the audit log, links, action items."""
    ctx = open_context(read_only=True)
    with ctx.database.reader() as session:
        inc = incident_metrics.fill_containment(
            session, register.require_incident(register.load_incidents(session), incident_id))
        timeline = build_timeline(session, inc)
    if as_json:
        click.echo(json.dumps({"id": inc.name, "type": inc.type.value, "title": inc.title,
                               "open": inc.is_open, "seconds": incident_metrics.incident_times(inc),
                               "timeline": [t.to_json() for t in timeline],
                               "links": [[lk.kind, lk.ref] for lk in inc.links],
                               "open_actions": [a.id for a in inc.open_actions]}, indent=1))
        return
    click.echo(f"{inc.name} {inc.type.value} {'open' if inc.is_open else 'closed'}: {inc.title}")
    click.echo(f"opened {format_time(inc.opened_at)} by {inc.opened_by}"
               f"{' (automatic)' if inc.automatic else ''}")
    if inc.root_cause:
        click.echo(f"root cause: {inc.root_cause}")
    click.echo("timeline:")
    for t in timeline:
        click.echo(f"  #{t.index:<6} {format_time(t.time)[:19]} {t.type:24} {t.actor}  {t.summary}")
    for item in inc.actions.values():
        state = "open" if item.is_open else f"closed: {item.outcome}"
        click.echo(f"action {item.id}: {item.text} [{item.owner or '-'}] {state}")


@incident_group.command("report")
@_ID
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="Folder for INC-n.json, INC-n.sig.json and INC-n.html.")
@_OPERATOR
@handle_errors
def incident_report(incident_id: int, out_dir: Path, operator: str | None) -> None:
    """Write the incident statement signed by the audit key (asks for the token PIN)."""
    ctx = open_context(operator)
    cfg = ctx.config.token
    selector = TokenSelector.from_config(cfg)
    info, _ = find_token(cfg.module, selector, cfg.environment, timeout=cfg.timeout_seconds)
    pin = read_pin(info.label, info.pin)
    with open_token_session(cfg.module, selector, pin, environment=cfg.environment) as token:
        issued = statement.issue_statement(ctx, token, incident_id, out_dir)
    click.echo(f"Statement {issued.json_path} (SHA-256 {issued.sha256}), signature "
               f"{issued.signature_path}, page {issued.html_path}.")


@incident_group.command("verify-report")
@click.argument("statement_json", type=click.Path(path_type=Path, exists=True))
@click.option("--trusted-cert", type=click.Path(path_type=Path, exists=True),
              help="The pinned audit certificate (PEM); without it, only integrity is checked.")
@handle_errors
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


@incident_group.group("action")
def incident_action() -> None:
    """Action items of an incident, tracked until closed."""


@incident_action.command("add")
@_ID
@click.argument("text")
@click.option("--owner", default="", help="Who does it.")
@_OPERATOR
@handle_errors
def action_add(incident_id: int, text: str, owner: str, operator: str | None) -> None:
    """Add an action item."""
    action_id = register.add_action(open_context(operator), incident_id, text, owner)
    click.echo(f"Action {action_id} added to {register.incident_name(incident_id)}.")


@incident_action.command("close")
@_ID
@click.argument("action_id", type=int)
@click.option("--outcome", required=True, help="What was done.")
@_OPERATOR
@handle_errors
def action_close(incident_id: int, action_id: int, outcome: str, operator: str | None) -> None:
    """Close an action item with its outcome."""
    register.close_action(open_context(operator), incident_id, action_id, outcome)
    click.echo(f"Action {action_id} of {register.incident_name(incident_id)} closed.")
