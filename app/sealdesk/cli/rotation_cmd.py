"""``sealdesk rotation ...``: propose, show, approve, reject, execute, list key actions.

Approving and rejecting need the custodian's OWN token (``--custodian-module``,
``--custodian-token``; PIN from ``SEALDESK_CUSTODIAN_PIN`` or a prompt). Executing a key
rotation needs the seal token (PIN from ``SEALDESK_PIN`` or a prompt).
``sealdesk audit verify-quorum`` re-verifies a proposal's approvals from the audit log alone
(exit 0 when they verify, 11 FAILED when not).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.failure import exit_with
from sealdesk.cli.files import read_input
from sealdesk.cli.rotation_common import (
    custodian_pin,
    custodian_token,
    custodian_token_options,
    duration,
    print_view,
    when,
)
from sealdesk.cli.terminal import safe
from sealdesk.core.rotation.actions import ActionType
from sealdesk.errors import InputError
from sealdesk.exit_codes import ExitCode

ROTATIONS = {"rotate_seal_key": "seal", "rotate_audit_key": "audit"}
ALGORITHMS = ("ec-p256", "ec-p384", "rsa-3072", "rsa-2048")
"""The values of :class:`sealdesk.core.token.keygen.KeyAlgorithm`, named here so that
``--help`` needs no PKCS#11 import (tests/cli/test_lazy_commands.py checks they agree)."""


@click.group("rotation")
def rotation_group() -> None:
    """Key rotation with M-of-N custodian approval."""


@rotation_group.command()
@click.option("--action", type=click.Choice([*ROTATIONS, ActionType.RETIRE_KEY.value]),
              default="rotate_seal_key", show_default=True)
@click.option("--algorithm", type=click.Choice(ALGORITHMS), default=ALGORITHMS[0],
              show_default=True, help="New key's algorithm.")
@click.option("--label", default="", help="New key's label (default: PURPOSE-YYYYMMDD-HHMM); "
              "for retire_key, the key to retire.")
@click.option("--subject-cn", default="", help="Common name for the new certificate "
              "(default: the current certificate's).")
@click.option("--reason", required=True, help="Why; the approvers read it.")
@click.option("--expires-in", default="72h", callback=duration, show_default=True,
              help="How long approvals may be collected (e.g. 90m, 72h, 7d; at most 30d).")
@click.option("--operator", help="Proposer's name recorded in the proposal.")
@custodian_token_options(required=False)
def propose(action: str, algorithm: str, label: str, subject_cn: str, reason: str,
            expires_in: dt.timedelta, operator: str | None, custodian_module: str | None,
            custodian_label: str | None, custodian_serial: str) -> None:
    """Propose a key action. A custodian proposing may sign it with their token (and then
    cannot approve it)."""
    from sealdesk.core.token.keygen import KeyAlgorithm
    from sealdesk.services.keys.proposals import propose_key_rotation, propose_retire_key

    if action not in ROTATIONS and not label:
        raise InputError("retire_key needs --label: the key to retire.")
    with open_context(operator) as ctx, signed_acts(ctx, "making a proposal"):
        kwargs: dict[str, object] = {"expires_in": expires_in}
        if custodian_module and custodian_label:
            where = custodian_token(ctx, custodian_module, custodian_label, custodian_serial)
            kwargs.update(proposer_token=where, pin=custodian_pin(where))
        if action in ROTATIONS:
            view = propose_key_rotation(ctx, ROTATIONS[action], reason=reason,
                                        algorithm=KeyAlgorithm(algorithm), label=label,
                                        subject_cn=subject_cn, **kwargs)  # type: ignore[arg-type]
        else:
            view = propose_retire_key(ctx, label, reason=reason, **kwargs)  # type: ignore[arg-type]
    print_view(view, statement=True)
    click.echo(f"\nProposed. Custodians approve with: sealdesk rotation approve "
               f"{view.proposal_id} --custodian-module PATH --custodian-token LABEL")


@rotation_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also executed, rejected and expired.")
def list_command(show_all: bool) -> None:
    """List proposals with their status and approvals so far."""
    from sealdesk.services.keys import rotation

    with open_context() as ctx:
        views = rotation.list_proposals(ctx, open_only=not show_all)
    if not views:
        click.echo("No proposals." if show_all else "No open proposals (--all shows all).")
        return
    for view in views:
        flag = "  INTEGRITY PROBLEM" if view.problem else ""
        click.echo(f"{view.proposal_id}  {view.content.action.value:<17} {view.status.value:<9} "
                   f"{view.approvals}/{view.required}  expires {when(view.content.expires)}  "
                   f"{safe(view.content.reason[:40])}{flag}")


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--json", "as_json", is_flag=True, help="Print the canonical content as JSON.")
def show(proposal_id: str, as_json: bool) -> None:
    """Show a proposal, its hash, the exact statement custodians sign, decisions and steps."""
    from sealdesk.services.keys import rotation

    with open_context() as ctx:
        view = rotation.show(ctx, proposal_id)
    if as_json:
        click.echo(json.dumps({"content": view.content.to_json(), "sha256": view.sha256,
                               "status": view.status.value, "problem": view.problem},
                              indent=2, sort_keys=True))
        return
    print_view(view, statement=True)


def _decide(proposal_id: str, decision: str, comment: str, module: str, label: str,
            serial: str) -> None:
    from sealdesk.core.rotation.decision import Decision
    from sealdesk.services.keys import rotation

    with open_context() as ctx, signed_acts(ctx, f"recording a {decision} of {proposal_id}"):
        before = rotation.show(ctx, proposal_id)
        print_view(before, statement=True)
        where = custodian_token(ctx, module, label, serial)
        view = rotation.decide(ctx, proposal_id, Decision(decision), where, custodian_pin(where),
                               comment=comment)
    click.echo(f"\nRecorded: {decision} by {safe(view.decisions[-1].custodian)}. "
               f"Proposal is {view.status.value} ({view.approvals} of {view.required} "
               "approvals).")


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--comment", default="", help="A note recorded with the approval.")
@custodian_token_options()
def approve(proposal_id: str, comment: str, custodian_module: str, custodian_label: str,
            custodian_serial: str) -> None:
    """Approve with your own custodian token: it signs the proposal's statement (the record is
    signed by the audit key too: asks for the token PIN)."""
    _decide(proposal_id, "approve", comment, custodian_module, custodian_label,
            custodian_serial)


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--comment", default="", help="Why you reject it (recorded).")
@custodian_token_options()
def reject(proposal_id: str, comment: str, custodian_module: str, custodian_label: str,
           custodian_serial: str) -> None:
    """Reject with your own custodian token (signed and recorded like an approval)."""
    _decide(proposal_id, "reject", comment, custodian_module, custodian_label,
            custodian_serial)


@rotation_group.command()
@click.argument("proposal_id")
@click.option("--certificate", type=click.Path(dir_okay=False, path_type=Path),
              help="The certificate the CA issued for the exported CSR (not in demo mode).")
@click.option("--operator", help="Operator name recorded in the audit log.")
def execute(proposal_id: str, certificate: Path | None, operator: str | None) -> None:
    """Execute an approved proposal, or resume an interrupted execution (asks for the token
    PIN: each step is signed by the audit key)."""
    from sealdesk.services.keys import registry as key_registry
    from sealdesk.services.keys import rotation

    cert_bytes = read_input(certificate) if certificate else None

    def progress(done: int, total: int, step: str) -> None:
        if done < total:
            click.echo(f"[{done + 1}/{total}] {safe(step)}", err=True)

    with open_context(operator) as ctx:
        view = rotation.show(ctx, proposal_id)
        with signed_acts(ctx, f"executing proposal {proposal_id}"):
            result = rotation.execute(ctx, proposal_id, certificate=cert_bytes,
                                      progress=progress)
        click.echo(safe(result.message))
        if result.waiting_for_certificate:
            return
        if view.content.action.rotates_key:
            purpose = view.content.action.key_purpose
            active = key_registry.configured_label(ctx.config, purpose)
            click.echo(f"Active {purpose} key: {safe(active)}")


@click.command("verify-quorum")
@click.argument("proposal_id")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def verify_quorum(proposal_id: str, as_json: bool) -> None:
    """Re-verify a proposal's approvals from the audit log alone (exit 0 ok, 11 not)."""
    from sealdesk.services.keys import rotation

    with open_context(read_only=True) as ctx:
        report = rotation.verify_quorum_offline(ctx, proposal_id)
    if as_json:
        click.echo(json.dumps(report.__dict__ | {"ok": report.ok}, indent=2, sort_keys=True))
    else:
        click.echo(safe(report.verdict()))  # the answer first, the facts behind it after
        click.echo(safe(f"Proposal {proposal_id} ({report.action or 'unknown action'}), "
                        f"content hash {report.content_sha256 or '-'}"))
        click.echo(safe(f"Verified approvals: {', '.join(report.approvals) or 'none'}")
                   + (f" (required at execution: {report.required})" if report.started else ""))
        if report.rejections:
            click.echo(safe(f"Verified rejections: {', '.join(report.rejections)}"))
        click.echo("Executed." if report.executed else "Not executed.")
        for note in report.notes:
            click.echo(f"Note: {safe(note)}")
        for problem in report.problems:
            click.secho(f"PROBLEM: {safe(problem)}", fg="red")
    if not report.ok:
        click.secho(f"FAILED: the quorum of proposal {safe(proposal_id)} does not verify; see "
                    "the problems listed above.", fg="red", err=True)
        exit_with(ExitCode.FAILED)
    if not as_json:
        click.echo("Quorum verified from the audit log.")
