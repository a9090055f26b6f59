"""Texts of the Keys & certificates page: a proposal's details, the policy line, the banner."""

from __future__ import annotations

import datetime as dt

from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.keys.custodians import CustodianInfo
from sealdesk.services.keys.inventory import ExpiryLevel, Inventory, expiry_text
from sealdesk.services.keys.signing_policy import PolicyStanding
from sealdesk.services.keys.views import ProposalView

LEVEL_ADVICE = {
    ExpiryLevel.NOTICE: "plan its rotation",
    ExpiryLevel.WARNING: "propose the rotation now: approvals take time",
    ExpiryLevel.CRITICAL: "rotate it now",
    ExpiryLevel.EXPIRED: "new seals with it will not validate; rotate it now",
}


def proposal_text(view: ProposalView) -> str:
    """Everything about one proposal, as plain text for the details pane."""
    lines = [f"Proposal {view.proposal_id} — {view.content.action.title}"]
    if view.problem:
        lines += ["", f"INTEGRITY PROBLEM: {view.problem}"]
    lines += ["", f"Status: {view.status.value} ({view.approvals} of {view.required} approvals, "
                  f"{view.rejections} rejection(s))",
              f"Hash (SHA-256): {view.sha256}", "", "Decisions:"]
    if not view.decisions:
        lines.append("  none yet")
    for d in view.decisions:
        note = f" — “{d.comment}”" if d.comment else ""
        lines.append(f"  {d.decision:<8} {d.custodian} at {d.decided_at:%Y-%m-%d %H:%M} UTC "
                     f"(audit entry {d.audit_index}){note}")
    if view.steps:
        lines += ["", "Execution steps done:"]
        lines += [f"  ✓ {step.value}" for step, _ in view.steps]
    lines += ["", "Content (canonical JSON, as approved):", view.content_json]
    return "\n".join(lines)


def policy_text(custodians: list[CustodianInfo], policy: QuorumPolicy | None) -> str:
    names = ", ".join(c.name for c in custodians) or "none"
    if policy is None:
        return (f"Custodians: {names}. No quorum policy yet: finish the bootstrap with "
                "Add custodian… for each custodian, then Quorum policy… (or 'sealdesk "
                "custodian add' and 'sealdesk custodian policy --default M').")
    values = policy.to_json()
    if len(set(values.values())) == 1:
        rule = f"every action needs {next(iter(values.values()))} of {len(custodians)}"
    else:
        rule = ", ".join(f"{action} {m}/{len(custodians)}" for action, m in values.items())
    return f"Custodians: {names} · Quorum policy v{policy.version}: {rule}"


def signing_policy_text(standing: PolicyStanding | None) -> str:
    """The signing policy in force, who approved it and when, and the quorum policy version."""
    if standing is None:
        return ""
    quorum = (f"Quorum policy v{standing.quorum_policy_version}"
              if standing.quorum_policy_version else "No quorum policy yet")
    policy = standing.signing_policy
    if policy is None:
        text = (f"Signing policy: none adopted (sealing follows config.toml as it is) · "
                f"{quorum}. Propose one with Signing policy… (or 'sealdesk policy propose').")
    else:
        since = standing.in_force_since
        when = f"{since:%Y-%m-%d %H:%M} UTC" if since else "—"
        approvals = "; ".join(f"{a.custodian} at {a.at:%Y-%m-%d %H:%M} UTC (entry {a.entry})"
                              for a in standing.approvals) or "none recorded"
        text = (f"Signing policy v{policy.version} in force since {when} (entry "
                f"{standing.entry}) · {quorum}\n"
                f"TSA {policy.tsa_url or '(demo)'} · PAdES {policy.pades_level} · "
                f"{', '.join(policy.algorithms)} · {len(policy.trust_anchors)} trust anchor(s)\n"
                f"Proposal {standing.proposal_id} by {standing.proposer}: {standing.reason}\n"
                f"Approved by: {approvals}")
    problems = "".join(f"\nIntegrity problem: {p}" for p in standing.problems)
    return text + problems


def banner_text(inventory: Inventory, now: dt.datetime) -> tuple[str, ExpiryLevel | None]:
    """The page's warning line for the in-use certificate expiring first, and its level."""
    if inventory.note:
        return inventory.note, None
    key = inventory.most_urgent()
    if key is None or key.not_after is None:
        return "", None
    level = key.level(now)
    if level is None or level == ExpiryLevel.OK:
        return "", None
    use = "seal" if key.role == "seal" else "audit"
    return (f"The {use} certificate (key {key.label!r}) {expiry_text(key.not_after, now)}: "
            f"{LEVEL_ADVICE[level]}.", level)
