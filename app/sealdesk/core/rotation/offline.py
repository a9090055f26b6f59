"""Re-verifying a proposal's quorum from audit events alone (an auditor's check, no database).

The events carry everything needed: ``custodian.added`` the custodian certificates,
``policy.changed`` the thresholds, ``rotation.proposed`` the full proposal content and its
hash, each ``rotation.approved`` / ``rotation.rejected`` the signed statement, the signature and
the signer's certificate hash, and the ``rotation.step`` "started" event which approvals carried
the execution. The events are replayed in log order, so each approval is judged against the
custodians and the policy in force when it was recorded, by the same rules as at the console
(:func:`sealdesk.core.rotation.machine.check_decision`), with the event's time as "now".
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.rotation.decision import Decision, SignedDecision, signature_valid
from sealdesk.core.rotation.machine import check_decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.errors import SealDeskError


@dataclass
class QuorumReport:
    proposal_id: str
    action: str = ""
    content_sha256: str = ""
    required: int = 0
    approvals: list[str] = field(default_factory=list)
    """Names of custodians whose approvals verified, in log order."""
    rejections: list[str] = field(default_factory=list)
    started: bool = False
    executed: bool = False
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Proposal found, every decision verified, and execution (if any) had the quorum."""
        return bool(self.content_sha256) and not self.problems


@dataclass
class _Replay:
    pid: str
    report: QuorumReport
    custodians: dict[str, Custodian] = field(default_factory=dict)
    policy: QuorumPolicy | None = None
    content: ProposalContent | None = None
    decisions: list[SignedDecision] = field(default_factory=list)
    approved_by: list[str] = field(default_factory=list)
    added_by: dict[str, str] = field(default_factory=dict)
    """Custodians added by an add_custodian proposal (certificate SHA-256 -> proposal id)."""

    def on_custodian_added(self, index: int, event: AuditEvent) -> None:
        d = event.details
        custodian = Custodian(d["name"], base64.b64decode(d["certificate_der_b64"]),
                              d.get("key_label", "custodian"))
        if custodian.cert_sha256 != event.subject.get("custodian"):
            self.report.problems.append(f"entry {index}: custodian certificate does not match "
                                        "the hash the event names")
        if d.get("bootstrap") and self.policy is not None:
            self.report.problems.append(f"entry {index}: custodian {custodian.name!r} was added "
                                        "as 'bootstrap' after the policy was set")
        self.custodians[custodian.cert_sha256] = custodian
        if not d.get("bootstrap") and d.get("proposal_id"):
            self.added_by[custodian.cert_sha256] = str(d["proposal_id"])

    def on_custodian_removed(self, _index: int, event: AuditEvent) -> None:
        sha = event.subject.get("custodian", "")
        if sha in self.custodians:
            old = self.custodians[sha]
            self.custodians[sha] = Custodian(old.name, old.certificate_der, old.key_label, False)

    def on_policy_changed(self, _index: int, event: AuditEvent) -> None:
        self.policy = QuorumPolicy.from_json(event.details["thresholds"],
                                             int(event.details.get("version", 1)))

    def on_proposed(self, index: int, event: AuditEvent) -> None:
        content = ProposalContent.from_json(event.details["content"])
        self.content = content
        self.report.action = content.action.value
        self.report.content_sha256 = content.sha256()
        if content.sha256() != event.details.get("content_sha256"):
            self.report.problems.append(f"entry {index}: the proposal content does not hash to "
                                        "the hash recorded with it")
        proposer = event.details.get("proposer_signature")
        if proposer is not None:
            signed = _signed(proposer)
            custodian = self.custodians.get(signed.custodian_cert_sha256)
            if (custodian is None or signed.decision != Decision.PROPOSE
                    or not signed.binds_to(content.proposal_id, content.sha256())
                    or not signature_valid(custodian.certificate, signed.signed_bytes,
                                           signed.signature, signed.algorithm)):
                self.report.problems.append(f"entry {index}: the proposer's signature does not "
                                            "verify")

    def on_decision(self, index: int, event: AuditEvent) -> None:
        if self.content is None:
            self.report.problems.append(f"entry {index}: a decision precedes the proposal")
            return
        signed = _signed(event.details)
        status = ProposalStatus.EXECUTING if self.report.started else ProposalStatus.PROPOSED
        try:
            custodian = check_decision(self.content, status, signed, self.custodians,
                                       self.decisions, event.time)
        except SealDeskError as exc:
            self.report.problems.append(f"entry {index}: {exc.message}")
            return
        self.decisions.append(signed)
        source = self.added_by.get(custodian.cert_sha256)
        if source:
            self.report.notes.append(f"{custodian.name} was registered by proposal {source}; "
                                     "verify that proposal's quorum too")
        if signed.decision == Decision.APPROVE:
            self.approved_by.append(custodian.cert_sha256)
            self.report.approvals.append(custodian.name)
        else:
            self.report.rejections.append(custodian.name)

    def on_step(self, index: int, event: AuditEvent) -> None:
        if event.details.get("step") != "started" or self.content is None:
            return
        self.report.started = True
        if self.content.expired_at(event.time):
            self.report.problems.append(f"entry {index}: execution started after the proposal "
                                        "expired")
        if self.policy is None:
            self.report.problems.append(f"entry {index}: execution started with no policy")
            return
        required = self.policy.required(self.content.action)
        self.report.required = required
        counted = [sha for sha in event.details.get("approvals", [])
                   if sha in self.approved_by and self.custodians[sha].active]
        if len(counted) < required:
            self.report.problems.append(
                f"entry {index}: execution started with {len(counted)} verified approval(s) "
                f"of active custodians; the policy in force required {required}")

    def on_executed(self, _index: int, _event: AuditEvent) -> None:
        self.report.executed = True


def _signed(details: dict[str, Any]) -> SignedDecision:
    return SignedDecision(details["statement"], details["custodian_sha256"],
                          base64.b64decode(details["signature_b64"]), details["algorithm"])


_GLOBAL = {
    EventType.CUSTODIAN_ADDED: _Replay.on_custodian_added,
    EventType.CUSTODIAN_REMOVED: _Replay.on_custodian_removed,
    EventType.POLICY_CHANGED: _Replay.on_policy_changed,
}
_OWN = {
    EventType.ROTATION_PROPOSED: _Replay.on_proposed,
    EventType.ROTATION_APPROVED: _Replay.on_decision,
    EventType.ROTATION_REJECTED: _Replay.on_decision,
    EventType.ROTATION_STEP: _Replay.on_step,
    EventType.ROTATION_EXECUTED: _Replay.on_executed,
}


def verify_quorum(events: Iterable[tuple[int, AuditEvent]], proposal_id: str) -> QuorumReport:
    """Replay ``(index, event)`` pairs in log order and judge ``proposal_id``'s quorum."""
    replay = _Replay(proposal_id, QuorumReport(proposal_id))
    for index, event in events:
        handler = _GLOBAL.get(event.type)
        if handler is None and event.subject.get("proposal_id") == proposal_id:
            handler = _OWN.get(event.type)
        if handler is None:
            continue
        try:
            handler(replay, index, event)
        except (KeyError, ValueError, TypeError) as exc:
            replay.report.problems.append(f"entry {index}: malformed {event.type.value} event "
                                          f"({exc.__class__.__name__}: {exc})")
    if replay.content is None:
        replay.report.problems.append(f"no rotation.proposed event for {proposal_id}")
    elif not replay.report.started:
        replay.report.notes.append("the proposal has not been executed")
    return replay.report
