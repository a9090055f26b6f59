"""``sealdesk policy show|propose``: the signing policy under quorum, as the log proves it.

``show`` prints the policy in force, its version, and the proposal and custodian approvals that
put it in force (read from the replayed log, never a row). ``propose`` starts a
``change_signing_policy`` proposal; the custodians approve it and it is executed with the
existing ``sealdesk rotation approve|execute`` commands, so there is one ceremony for every
quorum-protected change. Options left out keep the value in force (or, for a first policy, the
value ``config.toml`` uses now).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import click

from sealdesk._lazy import LazyModule
from sealdesk.cli.common import open_context, signed_acts
from sealdesk.cli.rotation_cmd import ALGORITHMS as KEY_ALGORITHMS
from sealdesk.cli.rotation_common import (
    custodian_pin,
    custodian_token,
    custodian_token_options,
    duration,
    print_view,
    when,
)
from sealdesk.config import PadesLevel
from sealdesk.errors import InputError

if TYPE_CHECKING:
    from sealdesk.core.rotation.signing_policy import SigningPolicy
    from sealdesk.services.context import AppContext
    from sealdesk.services.keys.signing_policy import PolicyStanding

_service = LazyModule("sealdesk.services.keys.signing_policy")
_proposals = LazyModule("sealdesk.services.keys.proposals")
_policy = LazyModule("sealdesk.core.rotation.signing_policy")

_SHA256 = re.compile(r"[0-9a-f]{64}")


@click.group("policy")
def policy_group() -> None:
    """The signing policy (trust anchors, TSA, PAdES level, key algorithms) under quorum."""


@policy_group.command()
def show() -> None:
    """Show the signing policy in force and the proposal and approvals that made it."""
    standing = _service.policy_standing(open_context(read_only=True))
    for line in describe(standing):
        click.echo(line)


def describe(standing: PolicyStanding) -> list[str]:
    """The lines ``policy show`` prints (also what an auditor compares with the Keys page)."""
    quorum = (f"v{standing.quorum_policy_version}" if standing.quorum_policy_version
              else "none yet (bootstrap open)")
    policy = standing.signing_policy
    if policy is None:
        lines = ["Signing policy: none adopted; sealing uses config.toml as it is.",
                 "Propose the first one with 'sealdesk policy propose'."]
    else:
        lines = [f"Signing policy v{policy.version}, in force since "
                 f"{when(standing.in_force_since)} (log entry {standing.entry})",
                 f"  TSA:           {policy.tsa_url or '(demo TSA)'}",
                 f"  PAdES level:   {policy.pades_level}",
                 f"  Algorithms:    {', '.join(policy.algorithms)}",
                 *[f"  Trust anchor:  {sha}" for sha in policy.trust_anchors],
                 *[f"  Retention:     {kind.describe()}"
                   + (" (default)" if kind.name == policy.retention.default else "")
                   for kind in policy.retention.classes],
                 f"  Proposal:      {standing.proposal_id} by {standing.proposer}: "
                 f"{standing.reason}",
                 *[f"  Approved by:   {a.custodian} at {when(a.at)} (log entry {a.entry})"
                   for a in standing.approvals]]
    lines.append(f"Quorum policy: {quorum}")
    lines.extend(f"INTEGRITY PROBLEM: {p}" for p in standing.problems)
    return lines


@policy_group.command()
@click.option("--tsa-url", default=None,
              help="The timestamp authority every seal must use ('' for the demo TSA).")
@click.option("--level", type=click.Choice([lv.value for lv in PadesLevel]), default=None,
              help="The PAdES baseline level every seal must have.")
@click.option("--trust-anchor", "trust_anchors", multiple=True,
              help="A trust anchor: a certificate file (PEM or DER) or its SHA-256. Repeat for "
              "several; the list replaces the one in force.")
@click.option("--algorithm", "algorithms", multiple=True,
              type=click.Choice(KEY_ALGORITHMS),
              help="An allowed seal key algorithm. Repeat for several.")
@click.option("--reason", required=True, help="Why; the approvers read it.")
@click.option("--expires-in", default="72h", callback=duration, show_default=True,
              help="How long approvals may be collected (e.g. 90m, 72h, 7d; at most 30d).")
@click.option("--operator", help="Proposer's name recorded in the proposal.")
@custodian_token_options(required=False)
def propose(tsa_url: str | None, level: str | None, trust_anchors: tuple[str, ...],
            algorithms: tuple[str, ...], reason: str, expires_in: dt.timedelta,
            operator: str | None, custodian_module: str | None, custodian_label: str | None,
            custodian_serial: str) -> None:
    """Propose a new signing policy for the custodians to approve."""
    ctx = open_context(operator)
    policy = _proposed(ctx, tsa_url, level, trust_anchors, algorithms)
    kwargs: dict[str, object] = {"expires_in": expires_in}
    if custodian_module and custodian_label:
        where = custodian_token(ctx, custodian_module, custodian_label, custodian_serial)
        kwargs.update(proposer_token=where, pin=custodian_pin(where))
    with signed_acts(ctx, "proposing a signing policy"):
        view = _proposals.propose_signing_policy(ctx, policy, reason=reason, **kwargs)
    print_view(view, statement=True)  # type: ignore[arg-type]
    pid = view.proposal_id  # type: ignore[attr-defined]
    click.echo(f"\nProposed. Custodians approve with: sealdesk rotation approve {pid} "
               "--custodian-module PATH --custodian-token LABEL; then: sealdesk rotation "
               f"execute {pid}")


def _proposed(ctx: AppContext, tsa_url: str | None, level: str | None,
              trust_anchors: tuple[str, ...], algorithms: tuple[str, ...]) -> SigningPolicy:
    """The policy asked for: options given, else the policy in force, else the configuration.

    Retention classes are kept as they are ('sealdesk retention propose-classes' changes them)."""
    current = _service.policy_standing(ctx).signing_policy
    if not algorithms and current is None:
        raise InputError("A first signing policy needs --algorithm (the seal key's algorithm, "
                         "e.g. ec-p256; repeat for several).")
    anchors = (tuple(a if _SHA256.fullmatch(a) else _service.anchor_hash_of_file(a)
                     for a in trust_anchors)
               or (current.trust_anchors if current else _service.anchor_hashes(ctx.config)))
    return _policy.SigningPolicy(
        anchors,
        tsa_url if tsa_url is not None else (current.tsa_url if current else ctx.config.tsa.url),
        level or (current.pades_level if current else ctx.config.seal.level.value),
        algorithms or current.algorithms,  # type: ignore[union-attr]
        retention=current.retention if current else _policy.RetentionRules(),
    )
