"""The ceremony's rules: which approvals count, when a proposal is approved, rejected, executable.

All checks are here so the GUI, the CLI and an auditor's offline check apply the same rules.
A decision is accepted only when, in this order:

1. the proposal is still open (not executing, executed, rejected or expired) and not expired;
2. the signed statement names this proposal's id and hash (no replay from another proposal);
3. its signer is a registered, active custodian whose certificate is valid now;
4. the signature verifies against that certificate;
5. an approval does not come from the proposer (by signed proposal, or by name);
6. that custodian has not decided on this proposal before (one decision per custodian).

A proposal is approved once M distinct custodians approved (M from the policy in force), and
rejected once so many eligible custodians rejected that M approvals can no longer be reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.rotation.decision import Decision, SignedDecision, signature_valid
from sealdesk.core.rotation.errors import (
    ApprovalRefusedError,
    ProposalExpiredError,
    ProposalStateError,
    ProposalTamperedError,
    QuorumNotMetError,
)
from sealdesk.core.rotation.proposal import ProposalContent


@dataclass(frozen=True)
class Tally:
    """Counted decisions of active custodians (by certificate SHA-256) against the threshold."""

    approvals: tuple[str, ...]
    rejections: tuple[str, ...]
    required: int
    eligible: int

    @property
    def met(self) -> bool:
        return len(self.approvals) >= self.required

    @property
    def unreachable(self) -> bool:
        return not self.met and self.eligible - len(self.rejections) < self.required

    def status(self) -> ProposalStatus:
        if self.met:
            return ProposalStatus.APPROVED
        if self.unreachable:
            return ProposalStatus.REJECTED
        return ProposalStatus.PROPOSED

    def describe(self) -> str:
        return f"{len(self.approvals)} of {self.required} approvals"


def is_proposer(content: ProposalContent, custodian: Custodian) -> bool:
    if content.proposer_custodian:
        return content.proposer_custodian == custodian.cert_sha256
    return custodian.same_person(content.proposer)


def check_open(content: ProposalContent, status: ProposalStatus, now: dt.datetime) -> None:
    expired = status == ProposalStatus.EXPIRED or (
        status.open_for_decisions and content.expired_at(now)
    )
    if not status.open_for_decisions and not expired:
        raise ProposalStateError(
            f"Proposal {content.proposal_id} is {status.value}; it takes no more decisions.",
            hint="Make a new proposal if the action is still needed.",
        )
    if expired:
        raise ProposalExpiredError(
            f"Proposal {content.proposal_id} expired at {content.expires:%Y-%m-%d %H:%M} UTC; "
            "its approvals expired with it.",
            hint="Make a new proposal and collect the approvals again.",
        )


def check_decision(
    content: ProposalContent,
    status: ProposalStatus,
    decision: SignedDecision,
    custodians: Mapping[str, Custodian],
    earlier: Iterable[SignedDecision],
    now: dt.datetime,
) -> Custodian:
    """Apply rules 1-6 of the module docstring; return the deciding custodian."""
    check_open(content, status, now)
    pid = content.proposal_id
    if not decision.binds_to(pid, content.sha256()):
        raise ApprovalRefusedError(
            f"This signature was made for another proposal or other content than proposal "
            f"{pid} ({content.sha256()[:16]}…).",
            hint="A decision binds to one proposal; sign this proposal's statement instead.",
        )
    if decision.statement.get("decision") not in (Decision.APPROVE, Decision.REJECT):
        raise ApprovalRefusedError("Only 'approve' and 'reject' decisions are accepted.")
    custodian = custodians.get(decision.custodian_cert_sha256)
    if custodian is None or not custodian.active:
        raise ApprovalRefusedError(
            "The signing key is not a registered custodian's key.",
            hint="Only registered custodians approve; 'sealdesk custodian list' shows them.",
        )
    if not custodian.valid_at(now):
        raise ApprovalRefusedError(
            f"The certificate of custodian {custodian.name!r} is not valid now "
            f"(valid until {custodian.not_after:%Y-%m-%d}).",
            hint="Register the custodian's renewed certificate (an add_custodian proposal).",
        )
    if not signature_valid(
        custodian.certificate, decision.signed_bytes, decision.signature, decision.algorithm
    ):
        raise ApprovalRefusedError(
            f"The signature does not verify with custodian {custodian.name!r}'s registered "
            "certificate: it was made with another key.",
            hint="Sign with the key on the custodian's own token that the registered "
            "certificate certifies.",
        )
    if decision.decision == Decision.APPROVE and is_proposer(content, custodian):
        raise ApprovalRefusedError(
            f"Custodian {custodian.name!r} proposed this and cannot approve it too.",
            hint="Another custodian must approve; the proposer may only reject (withdraw).",
        )
    for previous in earlier:
        if previous.custodian_cert_sha256 == custodian.cert_sha256:
            raise ApprovalRefusedError(
                f"Custodian {custodian.name!r} already decided on proposal {pid} "
                f"({previous.decision.value}).",
                hint="Each custodian approves or rejects a proposal once.",
            )
    return custodian


def tally(
    content: ProposalContent,
    decisions: Iterable[SignedDecision],
    custodians: Mapping[str, Custodian],
    required: int,
) -> Tally:
    """Count stored decisions; any that fails its signature or binding means tampering.

    Decisions of custodians removed since are not counted (they are no longer custodians).
    """
    approvals: list[str] = []
    rejections: list[str] = []
    digest = content.sha256()
    for decision in decisions:
        custodian = custodians.get(decision.custodian_cert_sha256)
        if not decision.binds_to(content.proposal_id, digest):
            raise ProposalTamperedError(
                f"A stored decision on proposal {content.proposal_id} names other content "
                f"({str(decision.statement.get('proposal_sha256'))[:16]}… instead of "
                f"{digest[:16]}…): the proposal or the decision was changed after signing.",
                hint="Do not execute it; run 'sealdesk audit verify-quorum' and keep the database.",
            )
        if custodian is None or not custodian.active:
            continue
        if not signature_valid(custodian.certificate, decision.signed_bytes,
                               decision.signature, decision.algorithm):
            raise ProposalTamperedError(
                f"The stored decision of custodian {custodian.name!r} on proposal "
                f"{content.proposal_id} no longer verifies.",
                hint="Do not execute it; run 'sealdesk audit verify-quorum' and keep the database.",
            )
        target = approvals if decision.decision == Decision.APPROVE else rejections
        if custodian.cert_sha256 not in approvals + rejections:
            target.append(custodian.cert_sha256)
    eligible = sum(1 for c in custodians.values() if c.active and not is_proposer(content, c))
    return Tally(tuple(approvals), tuple(rejections), required, eligible)


def check_executable(
    content: ProposalContent, status: ProposalStatus, counted: Tally, now: dt.datetime
) -> None:
    """Refuse execution below quorum, after expiry (unless already under way), or when final."""
    if status == ProposalStatus.EXECUTING:
        return  # resuming: quorum and expiry were checked when execution started
    expired = status == ProposalStatus.EXPIRED or (
        not status.final and content.expired_at(now)
    )
    if status.final and not expired:
        raise ProposalStateError(
            f"Proposal {content.proposal_id} is {status.value}; it cannot be executed.",
            hint="Make a new proposal if the action is still needed.",
        )
    if expired:
        raise ProposalExpiredError(
            f"Proposal {content.proposal_id} expired at {content.expires:%Y-%m-%d %H:%M} UTC "
            "before it was executed.",
            hint="Make a new proposal and collect the approvals again.",
        )
    if not counted.met:
        raise QuorumNotMetError(
            f"Proposal {content.proposal_id} has {counted.describe()}; it cannot be executed "
            "yet.",
            hint="More custodians must approve it with their tokens first.",
        )
