"""Authority from the audit log: custodians, policy and quorum replayed from signed statements.

The events carry everything needed: ``custodian.added`` the custodian certificates (and, at the
bootstrap, the custodian's proof of possession), ``policy.changed`` the thresholds,
``rotation.proposed`` the full proposal content and its hash, each ``rotation.approved`` /
``rotation.rejected`` the signed statement, the signature and the signer's certificate hash,
and the ``rotation.step`` "started" event which approvals carried the execution. The events
are replayed in log order, so each approval is judged against the custodians and the policy in
force when it was recorded, by the same rules as at the console
(:func:`sealdesk.core.rotation.machine.check_decision`), with the event's time as "now".

The custodian registry and the quorum policy are a chain: the bootstrap (custodians registered
with a proof of possession, then the first policy, which closes it) and after it only changes
carried by an ``add_custodian`` / ``remove_custodian`` / ``change_policy`` proposal whose
execution started with a verified quorum and whose content names exactly that change. A
change that is not so carried is a problem with its entry number, and it is not applied.

This one replay is what the auditor's ``verify-quorum`` runs and what execution runs before
any effect (:mod:`sealdesk.services.keys.authority`): there is one implementation of the rules.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.rotation.actions import ActionType, ProposalStatus
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.rotation.decision import Decision, SignedDecision, signature_valid
from sealdesk.core.rotation.machine import Tally, check_decision, is_proposer
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.core.rotation.signing_policy import SigningPolicy
from sealdesk.core.rotation.standby import PRIMARY, StandbyToken, TokenSwitch, switch_problem
from sealdesk.errors import SealDeskError

REGISTRATION_TYPE = "sealdesk.custodian.registration"
"""What a custodian's token signs at registration to prove it holds the certified key."""


def registration_statement(name: str, cert_sha256: str) -> bytes:
    return canonical_json({"type": REGISTRATION_TYPE, "v": 1, "name": name,
                           "certificate_sha256": cert_sha256})


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

    def verdict(self) -> str:
        """One line that answers the auditor's question first; the facts follow it."""
        pid = self.proposal_id
        names = ", ".join(self.approvals) or "none"
        count = len(self.approvals)
        if not self.ok:
            first = self.problems[0] if self.problems else "the proposal is not in the log"
            more = len(self.problems) - 1
            extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
            return f"Quorum NOT verified for proposal {pid}: {first}{extra}"
        if self.started:
            done = "executed" if self.executed else "started"
            return (f"Quorum verified: proposal {pid} was {done} with {count} valid custodian "
                    f"approval{'s' if count != 1 else ''} of the {self.required} required "
                    f"({names}).")
        return (f"Quorum verified so far: proposal {pid} has {count} valid custodian "
                f"approval{'s' if count != 1 else ''} ({names}); it has not been executed.")


@dataclass
class ProposalTrail:
    """One proposal as the log proves it: content, verified decisions, execution."""

    content: ProposalContent
    report: QuorumReport
    decisions: list[SignedDecision] = field(default_factory=list)
    approved_by: list[str] = field(default_factory=list)
    status_after: str = ""
    """The status the last recorded decision left the proposal in (its event says so)."""
    started_with_quorum: bool = False
    applied: bool = False
    approvals_logged: list[tuple[str, dt.datetime, int]] = field(default_factory=list)
    """Verified approvals as the log recorded them: custodian name, time, entry index."""

    @property
    def recorded_status(self) -> ProposalStatus:
        """The status the database row must hold (expiry aside, which no event records)."""
        if self.report.executed:
            return ProposalStatus.EXECUTED
        if self.report.started:
            return ProposalStatus.EXECUTING
        return ProposalStatus(self.status_after or ProposalStatus.PROPOSED.value)


@dataclass
class Authority:
    """What the log proves: custodians (removed ones inactive), policies, proposals."""

    custodians: dict[str, Custodian] = field(default_factory=dict)
    policy: QuorumPolicy | None = None
    policies: dict[int, dict[str, int]] = field(default_factory=dict)
    signing_policy: SigningPolicy | None = None
    """The signing policy in force (a ``policy.changed`` event with policy "signing")."""
    signing_policy_set: tuple[str, int, dt.datetime] | None = None
    """The proposal that set the signing policy in force, the entry and time it took effect."""
    proposals: dict[str, ProposalTrail] = field(default_factory=dict)
    added_by: dict[str, str] = field(default_factory=dict)
    """Custodians added by an add_custodian proposal (certificate SHA-256 -> proposal id)."""
    problems: list[str] = field(default_factory=list)
    """Problems of the registry and policy chain (they concern every proposal)."""
    standby: StandbyToken | None = None
    """The standby seal token a quorum registered (core.rotation.standby), if any."""
    active_token: str = PRIMARY
    """Which token seals: "primary" or "standby", as the last valid ``token.switched`` says."""
    switches: list[TokenSwitch] = field(default_factory=list)
    token_problems: list[str] = field(default_factory=list)
    """Standby registrations and switches that do not count (also in ``problems``): sealing
    refuses while there is one, since which token seals is then in doubt."""

    def report(self, proposal_id: str) -> QuorumReport:
        """A copy of the proposal's report with the registry's problems in front."""
        trail = self.proposals.get(proposal_id)
        own = trail.report if trail is not None else QuorumReport(proposal_id)
        report = replace(own, approvals=list(own.approvals), rejections=list(own.rejections),
                         problems=[*self.problems, *own.problems], notes=list(own.notes))
        if trail is None:
            report.problems.append(f"no rotation.proposed event for {proposal_id}")
        elif not report.started:
            report.notes.append("the proposal has not been executed")
        return report

    def tally(self, proposal_id: str) -> Tally:
        """Verified approvals of custodians active now, against the policy in force now."""
        trail = self.proposals[proposal_id]
        content = trail.content
        active = {sha for sha, c in self.custodians.items() if c.active}
        required = self.policy.required(content.action) if self.policy is not None else 0
        approvals = tuple(s for s in trail.approved_by if s in active)
        rejections = tuple(d.custodian_cert_sha256 for d in trail.decisions
                           if d.decision == Decision.REJECT and d.custodian_cert_sha256 in active)
        eligible = sum(1 for c in self.custodians.values()
                       if c.active and not is_proposer(content, c))
        return Tally(approvals, rejections, required, eligible)


class _Replay:
    def __init__(self) -> None:
        self.state = Authority()

    def trail(self, event: AuditEvent) -> ProposalTrail | None:
        return self.state.proposals.get(event.subject.get("proposal_id", ""))

    def carried_by(self, index: int, event: AuditEvent, action: ActionType,
                   what: str) -> ProposalTrail | None:
        """The proposal that carries a registry change, if its quorum was verified."""
        pid = str(event.details.get("proposal_id") or "")
        trail = self.state.proposals.get(pid)
        if trail is None or trail.content.action != action or not trail.started_with_quorum \
                or trail.applied:
            self.state.problems.append(
                f"entry {index}: {what} without an executed, quorum-approved {action.value} "
                f"proposal (it names {pid or 'none'})")
            return None
        trail.applied = True
        return trail

    def on_custodian_added(self, index: int, event: AuditEvent) -> None:
        d = event.details
        custodian = Custodian(d["name"], base64.b64decode(d["certificate_der_b64"]),
                              d.get("key_label", "custodian"))
        what = f"custodian {custodian.name!r} added"
        if custodian.cert_sha256 != event.subject.get("custodian"):
            self.state.problems.append(f"entry {index}: custodian certificate does not match "
                                       "the hash the event names")
            return
        if d.get("bootstrap"):
            if self.state.policy is not None:
                self.state.problems.append(f"entry {index}: {what} as 'bootstrap' after the "
                                           "policy was set")
                return
            if not _possession_proven(custodian, d.get("possession")):
                self.state.problems.append(f"entry {index}: {what} without a proof of "
                                           "possession that verifies")
                return
        else:
            trail = self.carried_by(index, event, ActionType.ADD_CUSTODIAN, what)
            if trail is None:
                return
            params = trail.content.params
            if (params.get("certificate_der_b64") != d["certificate_der_b64"]
                    or params.get("name") != custodian.name):
                self.state.problems.append(f"entry {index}: {what}, but proposal "
                                           f"{trail.content.proposal_id} added someone else")
                return
            self.state.added_by[custodian.cert_sha256] = trail.content.proposal_id
        self.state.custodians[custodian.cert_sha256] = custodian

    def on_custodian_removed(self, index: int, event: AuditEvent) -> None:
        sha = event.subject.get("custodian", "")
        what = f"custodian {sha[:16]}… removed"
        trail = self.carried_by(index, event, ActionType.REMOVE_CUSTODIAN, what)
        if trail is None:
            return
        if trail.content.target.get("custodian_sha256") != sha or sha not in self.state.custodians:
            self.state.problems.append(f"entry {index}: {what}, but proposal "
                                       f"{trail.content.proposal_id} removes someone else")
            return
        old = self.state.custodians[sha]
        self.state.custodians[sha] = Custodian(old.name, old.certificate_der, old.key_label, False)

    def on_policy_changed(self, index: int, event: AuditEvent) -> None:
        if event.subject.get("policy") == "signing":
            self.on_signing_policy(index, event)
            return
        d = event.details
        version = int(d.get("version", 1))
        expected = (self.state.policy.version if self.state.policy else 0) + 1
        if d.get("bootstrap"):
            if self.state.policy is not None or not self.state.custodians:
                self.state.problems.append(f"entry {index}: a 'bootstrap' policy when the "
                                           "bootstrap was closed or had no custodian")
                return
        else:
            trail = self.carried_by(index, event, ActionType.CHANGE_POLICY,
                                    f"policy version {version} set")
            if trail is None:
                return
            if trail.content.params.get("thresholds") != d["thresholds"]:
                self.state.problems.append(f"entry {index}: policy version {version} differs "
                                           f"from what proposal {trail.content.proposal_id} set")
                return
        if version != expected:
            self.state.problems.append(f"entry {index}: policy version {version}, expected "
                                       f"{expected}")
        self.state.policy = QuorumPolicy.from_json(d["thresholds"], version)
        self.state.policies[version] = self.state.policy.to_json()

    def on_signing_policy(self, index: int, event: AuditEvent) -> None:
        """Only ever set by an executed, quorum-approved change_signing_policy proposal."""
        d = event.details
        version = int(d.get("version", 0))
        trail = self.carried_by(index, event, ActionType.CHANGE_SIGNING_POLICY,
                                f"signing policy version {version} set")
        if trail is None:
            return
        if trail.content.params.get("signing_policy") != d.get("signing_policy"):
            self.state.problems.append(f"entry {index}: signing policy version {version} "
                                       f"differs from what proposal "
                                       f"{trail.content.proposal_id} set")
            return
        current = self.state.signing_policy
        expected = (current.version if current else 0) + 1
        if version != expected:
            self.state.problems.append(f"entry {index}: signing policy version {version}, "
                                       f"expected {expected}")
        self.state.signing_policy = SigningPolicy.from_json(d["signing_policy"], version)
        self.state.signing_policy_set = (trail.content.proposal_id, index, event.time)

    def on_standby_registered(self, index: int, event: AuditEvent) -> None:
        """Only ever set by an executed, quorum-approved register_standby proposal."""
        d = event.details
        what = f"standby token {d.get('token_label')!r} registered"
        trail = self.carried_by(index, event, ActionType.REGISTER_STANDBY, what)
        if trail is None:
            self.state.token_problems.append(self.state.problems[-1])
            return
        params = trail.content.params
        if any(params.get(k) != d.get(k) for k in params):
            self.token_problem(f"entry {index}: {what}, but proposal "
                               f"{trail.content.proposal_id} registered another token")
            return
        if self.state.active_token != PRIMARY:
            self.token_problem(f"entry {index}: {what} while the standby token was sealing")
            return
        self.state.standby = StandbyToken.from_params(trail.content.proposal_id, params, index)

    def token_problem(self, text: str) -> None:
        self.state.problems.append(text)
        self.state.token_problems.append(text)

    def on_switched(self, index: int, event: AuditEvent) -> None:
        """A switch counts only if it names the registered standby and changes the state."""
        problem = switch_problem(self.state.standby, self.state.active_token, event.details,
                                 len(self.state.switches) + 1)
        if problem is not None:
            self.token_problem(f"entry {index}: {problem}")
            return
        to = str(event.details["to"])
        incident = event.details.get("incident")
        self.state.active_token = to
        self.state.switches.append(TokenSwitch(
            index, event.time, to, int(incident) if incident is not None else None,
            event.actor, str(event.details.get("reason", ""))))

    def on_proposed(self, index: int, event: AuditEvent) -> None:
        content = ProposalContent.from_json(event.details["content"])
        if content.proposal_id in self.state.proposals \
                or content.proposal_id != event.subject.get("proposal_id"):
            self.state.problems.append(f"entry {index}: proposal {content.proposal_id} "
                                       "recorded twice or under another id")
            return
        report = QuorumReport(content.proposal_id, content.action.value, content.sha256())
        self.state.proposals[content.proposal_id] = ProposalTrail(content, report)
        if content.sha256() != event.details.get("content_sha256"):
            report.problems.append(f"entry {index}: the proposal content does not hash to "
                                   "the hash recorded with it")
        proposer = event.details.get("proposer_signature")
        if proposer is not None:
            signed = _signed(proposer)
            custodian = self.state.custodians.get(signed.custodian_cert_sha256)
            if (custodian is None or signed.decision != Decision.PROPOSE
                    or signed.custodian_cert_sha256 != content.proposer_custodian
                    or not signed.binds_to(content.proposal_id, content.sha256())
                    or not signature_valid(custodian.certificate, signed.signed_bytes,
                                           signed.signature, signed.algorithm)):
                report.problems.append(f"entry {index}: the proposer's signature does not "
                                       "verify")

    def on_decision(self, index: int, event: AuditEvent) -> None:
        trail = self.trail(event)
        if trail is None:
            self.state.problems.append(f"entry {index}: a decision precedes its proposal")
            return
        signed = _signed(event.details)
        status = ProposalStatus.EXECUTING if trail.report.started else ProposalStatus.PROPOSED
        try:
            custodian = check_decision(trail.content, status, signed, self.state.custodians,
                                       trail.decisions, event.time)
        except SealDeskError as exc:
            trail.report.problems.append(f"entry {index}: {exc.message}")
            return
        trail.decisions.append(signed)
        source = self.state.added_by.get(custodian.cert_sha256)
        if source:
            trail.report.notes.append(f"{custodian.name} was registered by proposal {source}, "
                                      "whose quorum the log proves")
        trail.status_after = str(event.details.get("status_after", ""))
        if signed.decision == Decision.APPROVE:
            trail.approved_by.append(custodian.cert_sha256)
            trail.report.approvals.append(custodian.name)
            trail.approvals_logged.append((custodian.name, event.time, index))
        else:
            trail.report.rejections.append(custodian.name)

    def on_step(self, index: int, event: AuditEvent) -> None:
        trail = self.trail(event)
        if event.details.get("step") != "started" or trail is None or trail.report.started:
            return
        report = trail.report
        report.started = True
        problems_before = len(report.problems)
        if trail.content.expired_at(event.time):
            report.problems.append(f"entry {index}: execution started after the proposal "
                                   "expired")
        if self.state.policy is None:
            report.problems.append(f"entry {index}: execution started with no policy")
            return
        required = self.state.policy.required(trail.content.action)
        report.required = required
        counted = [sha for sha in event.details.get("approvals", [])
                   if sha in trail.approved_by and self.state.custodians[sha].active]
        if len(counted) < required:
            report.problems.append(
                f"entry {index}: execution started with {len(counted)} verified approval(s) "
                f"of active custodians; the policy in force required {required}")
        trail.started_with_quorum = len(report.problems) == problems_before

    def on_executed(self, index: int, event: AuditEvent) -> None:
        trail = self.trail(event)
        if trail is None or not trail.report.started:
            self.state.problems.append(f"entry {index}: an execution finished that never "
                                       "started")
            return
        trail.report.executed = True


def _possession_proven(custodian: Custodian, proof: Any) -> bool:
    if not isinstance(proof, dict):
        return False
    try:
        data = registration_statement(custodian.name, custodian.cert_sha256)
        return (canonical_json(proof["statement"]) == data
                and signature_valid(custodian.certificate, data,
                                    base64.b64decode(proof["signature_b64"]), proof["algorithm"]))
    except (KeyError, TypeError, ValueError):
        return False


def _signed(details: dict[str, Any]) -> SignedDecision:
    return SignedDecision(details["statement"], details["custodian_sha256"],
                          base64.b64decode(details["signature_b64"]), details["algorithm"])


_HANDLERS = {
    EventType.CUSTODIAN_ADDED: _Replay.on_custodian_added,
    EventType.CUSTODIAN_REMOVED: _Replay.on_custodian_removed,
    EventType.POLICY_CHANGED: _Replay.on_policy_changed,
    EventType.ROTATION_PROPOSED: _Replay.on_proposed,
    EventType.ROTATION_APPROVED: _Replay.on_decision,
    EventType.ROTATION_REJECTED: _Replay.on_decision,
    EventType.ROTATION_STEP: _Replay.on_step,
    EventType.ROTATION_EXECUTED: _Replay.on_executed,
    EventType.TOKEN_STANDBY_REGISTERED: _Replay.on_standby_registered,
    EventType.TOKEN_SWITCHED: _Replay.on_switched,
}


def replay_authority(events: Iterable[tuple[int, AuditEvent]]) -> Authority:
    """Replay ``(index, event)`` pairs in log order into what they prove."""
    replay = _Replay()
    for index, event in events:
        handler = _HANDLERS.get(event.type)
        if handler is None:
            continue
        try:
            handler(replay, index, event)
        except (KeyError, ValueError, TypeError, SealDeskError) as exc:
            replay.state.problems.append(f"entry {index}: malformed {event.type.value} event "
                                         f"({exc.__class__.__name__}: {exc})")
    return replay.state


def verify_quorum(events: Iterable[tuple[int, AuditEvent]], proposal_id: str) -> QuorumReport:
    """Replay ``(index, event)`` pairs in log order and judge ``proposal_id``'s quorum."""
    return replay_authority(events).report(proposal_id)


def expected_now(authority: Authority, proposal_id: str, now: dt.datetime) -> ProposalStatus:
    """The proposal's status now as the log proves it (expiry included)."""
    trail = authority.proposals[proposal_id]
    status = trail.recorded_status
    if status.open_for_decisions and trail.content.expired_at(now):
        return ProposalStatus.EXPIRED
    return status
