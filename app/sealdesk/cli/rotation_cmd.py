"""``sealdesk rotation ...``: propose, show, approve, reject, execute, list key actions.

Approving and rejecting need the custodian's OWN token (``--custodian-module``,
``--custodian-token``; PIN from ``SEALDESK_CUSTODIAN_PIN`` or a prompt). Executing a key
rotation needs the seal token (PIN from ``SEALDESK_PIN`` or a prompt).
``sealdesk audit verify-quorum`` re-verifies a proposal's approvals from the audit log alone.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from sealdesk.cli.common import handle_errors, open_context, read_pin
from sealdesk.cli.rotation_common import (
    custodian_pin,
    custodian_token,
    custodian_token_options,
    duration,
    print_view,
    when,
)
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.core.token.module import find_token
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.services.keys import registry as key_registry
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_key_rotation, propose_retire_key

ROTATIONS = {"rotate_seal_key": "seal", "rotate_audit_key": "audit"}


@click.group("rotation")
def rotation_group() -> None:
    """Key rotation with M-of-N custodian approval."""


@rotation_group.command()
@click.option("--action", type=click.Choice([*ROTATIONS, ActionType.RETIRE_KEY.value]),
              default="rotate_seal_key", show_default=True)
@click.option("--algorithm", type=click.Choice([a.value for a in KeyAlgorithm]),
              default=KeyAlgorithm.EC_P256.value, show_default=True, help="New key's algorithm.")
@click.option("--label", default="", help="New key's label (default: PURPOSE-YYYYMMDD-HHMM); "
              "for retire_key, the key to retire.")
@click.option("--subject-cn", default="", help="Common name for the new certificate "
              "(default: the current certificate's).")
@click.option("--reason", required=True, help="Why; the approvers read it.")
@click.option("--expires-in", default="72h", callback=duration, show_default=True,
              help="How long approvals may be collected (e.g. 90m, 72h, 7d; at most 30d).")
@click.option("--operator", help="Proposer's name recorded in the proposal.")
@custodian_token_options(required=False)
@handle_errors
def propose(action: str, algorithm: str, label: str, subject_cn: str, reason: str,
            expires_in: dt.timedelta, operator: str | None, custodian_module: str | None,
            custodian_label: str | None, custodian_serial: str) -> None:
    """Propose a key action. A custodian proposing may sign it with their token (and then
    cannot approve it)."""
    ctx = open_context(operator)
    kwargs: dict[str, object] = {"expires_in": expires_in}
    if custodian_module and custodian_label:
        where = custodian_token(ctx, custodian_module, custodian_label, custodian_serial)
        kwargs.update(proposer_token=where, pin=custodian_pin(where))
    if action in ROTATIONS:
        view = propose_key_rotation(ctx, ROTATIONS[action], reason=reason,
                                    algorithm=KeyAlgorithm(algorithm), label=label,
                                    subject_cn=subject_cn, **kwargs)  # type: ignore[arg-type]
    else:
        if not label:
            raise InputError("retire_key needs --label: the key to retire.")
        view = propose_retire_key(ctx, label, reason=reason, **kwargs)
    print_view(view, statement=True)
    click.echo(f"\nProposed. Custodians approve with: sealdesk rotation approve "
               f"{view.proposal_id} --custodian-module PATH --custodian-token LABEL")


@rotation_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also executed, rejected and expired.")
@handle_errors
def list_command(show_all: bool) -> None:
    """List proposals with their status and approvals so far."""
    ctx = open_context()
    views = rotation.list_proposals(ctx, open_only=not show_all)
    if not views:
        click.echo("No proposals." if show_all else "No open proposals (--all shows all).")
        return
    for view in views:
        flag = "  INTEGRITY PROBLEM" if view.problem else ""
        click.echo(f"{view.proposal_id}  {view.content.action.value:<17} {view.status.value:<9} "
                   f"{view.approvals}/{view.required}  expires {when(view.content.expires)}  "
                   f"{view.content.reason[:40]}{flag}")


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--json", "as_json", is_flag=True, help="Print the canonical content as JSON.")
@handle_errors
def show(proposal_id: str, as_json: bool) -> None:
    """Show a proposal, its hash, the exact statement custodians sign, decisions and steps."""
    ctx = open_context()
    view = rotation.show(ctx, proposal_id)
    if as_json:
        click.echo(json.dumps({"content": view.content.to_json(), "sha256": view.sha256,
                               "status": view.status.value, "problem": view.problem},
                              indent=2, sort_keys=True))
        return
    print_view(view, statement=True)


def _decide(proposal_id: str, decision: Decision, comment: str, module: str, label: str,
            serial: str) -> None:
    ctx = open_context()
    before = rotation.show(ctx, proposal_id)
    print_view(before, statement=True)
    where = custodian_token(ctx, module, label, serial)
    view = rotation.decide(ctx, proposal_id, decision, where, custodian_pin(where),
                           comment=comment)
    click.echo(f"\nRecorded: {decision.value} by {view.decisions[-1].custodian}. Proposal is "
               f"{view.status.value} ({view.approvals} of {view.required} approvals).")


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--comment", default="", help="A note recorded with the approval.")
@custodian_token_options()
@handle_errors
def approve(proposal_id: str, comment: str, custodian_module: str, custodian_label: str,
            custodian_serial: str) -> None:
    """Approve with your own custodian token: it signs the proposal's statement."""
    _decide(proposal_id, Decision.APPROVE, comment, custodian_module, custodian_label,
            custodian_serial)


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--comment", default="", help="Why you reject it (recorded).")
@custodian_token_options()
@handle_errors
def reject(proposal_id: str, comment: str, custodian_module: str, custodian_label: str,
           custodian_serial: str) -> None:
    """Reject with your own custodian token (signed and recorded like an approval)."""
    _decide(proposal_id, Decision.REJECT, comment, custodian_module, custodian_label,
            custodian_serial)


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--certificate", type=click.Path(dir_okay=False, path_type=Path),
              help="The certificate the CA issued for the exported CSR (not in demo mode).")
@click.option("--operator", help="Operator name recorded in the audit log.")
@handle_errors
def execute(proposal_id: str, certificate: Path | None, operator: str | None) -> None:
    """Execute an approved proposal, or resume an interrupted execution."""
    ctx = open_context(operator)
    view = rotation.show(ctx, proposal_id)
    pin = None
    if view.content.action.rotates_key:
        key_registry.require_token(ctx.config)
        cfg = ctx.config.token
        info, _ = find_token(cfg.module, key_registry.token_selector(ctx.config),
                             cfg.environment)
        pin = read_pin(info.label, info.pin)
    cert_bytes = _read(certificate) if certificate else None

    def progress(done: int, total: int, step: str) -> None:
        if done < total:
            click.echo(f"[{done + 1}/{total}] {step}", err=True)

    result = rotation.execute(ctx, proposal_id, pin, certificate=cert_bytes, progress=progress)
    click.echo(result.message)
    if result.waiting_for_certificate:
        raise SystemExit(0)
    if view.content.action.rotates_key:
        purpose = view.content.action.key_purpose
        click.echo(f"Active {purpose} key: {key_registry.configured_label(ctx.config, purpose)}")


@click.command("verify-quorum")
@click.argument("proposal_id")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def verify_quorum(proposal_id: str, as_json: bool) -> None:
    """Re-verify a proposal's approvals from the audit log alone (exit 0 ok, 7 not)."""
    ctx = open_context(read_only=True)
    report = rotation.verify_quorum_offline(ctx, proposal_id)
    if as_json:
        click.echo(json.dumps(report.__dict__ | {"ok": report.ok}, indent=2, sort_keys=True))
    else:
        click.echo(f"Proposal {proposal_id} ({report.action or 'unknown action'}), content "
                   f"hash {report.content_sha256 or '-'}")
        click.echo(f"Verified approvals: {', '.join(report.approvals) or 'none'}"
                   + (f" (required at execution: {report.required})" if report.started else ""))
        if report.rejections:
            click.echo(f"Verified rejections: {', '.join(report.rejections)}")
        click.echo("Executed." if report.executed else "Not executed.")
        for note in report.notes:
            click.echo(f"Note: {note}")
        for problem in report.problems:
            click.secho(f"PROBLEM: {problem}", fg="red")
    if not report.ok:
        raise RecordIntegrityError(f"The quorum of proposal {proposal_id} does not verify.",
                             hint="See the problems listed above.")
    if not as_json:
        click.echo("Quorum verified from the audit log.")


def _read(path: Path) -> bytes:
    return read_bounded(path, CERTIFICATE_LIMIT, "certificate")
