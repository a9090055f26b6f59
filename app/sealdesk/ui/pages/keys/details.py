"""Texts of the Keys & certificates page: a proposal's details, the policy line, the banner."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP

from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.keys.custodians import CustodianInfo
from sealdesk.services.keys.inventory import ExpiryLevel, Inventory
from sealdesk.services.keys.signing_policy import PolicyStanding
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.models.keys_model import action_title, expiry_words, status_text
from sealdesk.ui.translations import translate

LEVEL_ADVICE = {
    ExpiryLevel.NOTICE: QT_TRANSLATE_NOOP("KeysDetails", "plan its rotation"),
    ExpiryLevel.WARNING: QT_TRANSLATE_NOOP(
        "KeysDetails", "propose the rotation now: approvals take time"
    ),
    ExpiryLevel.CRITICAL: QT_TRANSLATE_NOOP("KeysDetails", "rotate it now"),
    ExpiryLevel.EXPIRED: QT_TRANSLATE_NOOP(
        "KeysDetails", "new seals with it will not validate; rotate it now"
    ),
}
"""Translated where shown (:func:`banner_text`)."""

DECISIONS = {
    "approve": QT_TRANSLATE_NOOP("KeysDetails", "approve"),
    "reject": QT_TRANSLATE_NOOP("KeysDetails", "reject"),
}


def proposal_text(view: ProposalView) -> str:
    """Everything about one proposal, as plain text for the details pane."""
    lines = [
        translate("KeysDetails", "Proposal {id} — {title}").format(
            id=view.proposal_id, title=action_title(view.content.action)
        )
    ]
    if view.problem:
        lines += [
            "",
            translate("KeysDetails", "INTEGRITY PROBLEM: {problem}").format(problem=view.problem),
        ]
    lines += [
        "",
        translate(
            "KeysDetails",
            "Status: {status} ({approvals} of {required} approvals, {rejections} rejection(s))",
        ).format(
            status=status_text(view.status),
            approvals=view.approvals,
            required=view.required,
            rejections=view.rejections,
        ),
        translate("KeysDetails", "Hash (SHA-256): {sha256}").format(sha256=view.sha256),
        "",
        translate("KeysDetails", "Decisions:"),
    ]
    if not view.decisions:
        lines.append("  " + translate("KeysDetails", "none yet"))
    for d in view.decisions:
        note = f" — “{d.comment}”" if d.comment else ""
        decision = (
            translate("KeysDetails", DECISIONS[d.decision])
            if d.decision in DECISIONS
            else d.decision
        )
        lines.append(
            "  "
            + translate(
                "KeysDetails", "{decision} {custodian} at {when} UTC (audit entry {entry})"
            ).format(
                decision=f"{decision:<8}",
                custodian=d.custodian,
                when=f"{d.decided_at:%Y-%m-%d %H:%M}",
                entry=d.audit_index,
            )
            + note
        )
    if view.steps:
        lines += ["", translate("KeysDetails", "Execution steps done:")]
        lines += [f"  ✓ {step.value}" for step, _ in view.steps]
    lines += [
        "",
        translate("KeysDetails", "Content (canonical JSON, as approved):"),
        view.content_json,
    ]
    return "\n".join(lines)


def policy_text(custodians: list[CustodianInfo], policy: QuorumPolicy | None) -> str:
    names = ", ".join(c.name for c in custodians) or translate("KeysDetails", "none")
    if policy is None:
        return translate(
            "KeysDetails",
            "Custodians: {names}. No quorum policy yet: finish the bootstrap with "
            "Add custodian… for each custodian, then Quorum policy… (or 'sealdesk "
            "custodian add' and 'sealdesk custodian policy --default M').",
        ).format(names=names)
    values = policy.to_json()
    if len(set(values.values())) == 1:
        rule = translate("KeysDetails", "every action needs {m} of {n}").format(
            m=next(iter(values.values())), n=len(custodians)
        )
    else:
        rule = ", ".join(f"{action} {m}/{len(custodians)}" for action, m in values.items())
    return translate(
        "KeysDetails", "Custodians: {names} · Quorum policy v{version}: {rule}"
    ).format(names=names, version=policy.version, rule=rule)


def signing_policy_text(standing: PolicyStanding | None) -> str:
    """The signing policy in force, who approved it and when, and the quorum policy version."""
    if standing is None:
        return ""
    quorum = (
        translate("KeysDetails", "Quorum policy v{version}").format(
            version=standing.quorum_policy_version
        )
        if standing.quorum_policy_version
        else translate("KeysDetails", "No quorum policy yet")
    )
    policy = standing.signing_policy
    if policy is None:
        text = translate(
            "KeysDetails",
            "Signing policy: none adopted (sealing follows config.toml as it is) · "
            "{quorum}. Propose one with Signing policy… (or 'sealdesk policy "
            "propose').",
        ).format(quorum=quorum)
    else:
        since = standing.in_force_since
        when = f"{since:%Y-%m-%d %H:%M} UTC" if since else "—"
        approvals = "; ".join(
            translate("KeysDetails", "{custodian} at {when} UTC (entry {entry})").format(
                custodian=a.custodian, when=f"{a.at:%Y-%m-%d %H:%M}", entry=a.entry
            )
            for a in standing.approvals
        ) or translate("KeysDetails", "none recorded")
        text = "\n".join(
            (
                translate(
                    "KeysDetails",
                    "Signing policy v{version} in force since {when} (entry {entry}) · {quorum}",
                ).format(version=policy.version, when=when, entry=standing.entry, quorum=quorum),
                translate(
                    "KeysDetails",
                    "TSA {tsa} · PAdES {level} · {algorithms} · {anchors} trust anchor(s)",
                ).format(
                    tsa=policy.tsa_url or translate("KeysDetails", "(demo)"),
                    level=policy.pades_level,
                    algorithms=", ".join(policy.algorithms),
                    anchors=len(policy.trust_anchors),
                ),
                translate("KeysDetails", "Proposal {id} by {proposer}: {reason}").format(
                    id=standing.proposal_id, proposer=standing.proposer, reason=standing.reason
                ),
                translate("KeysDetails", "Approved by: {approvals}").format(approvals=approvals),
            )
        )
    problems = "".join(
        "\n" + translate("KeysDetails", "Integrity problem: {problem}").format(problem=p)
        for p in standing.problems
    )
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
    text = (
        translate("KeysDetails", "The seal certificate (key {label!r}) {expiry}: {advice}.")
        if key.role == "seal"
        else translate("KeysDetails", "The audit certificate (key {label!r}) {expiry}: {advice}.")
    )
    return (
        text.format(
            label=key.label,
            expiry=expiry_words(key.not_after, now),
            advice=translate("KeysDetails", LEVEL_ADVICE[level]),
        ),
        level,
    )
