"""Loading proposals with their integrity checked, and views of them for the CLI and the GUI.

Every load compares three things: the stored content's hash, the stored hash, and the hash the
``rotation.proposed`` audit event recorded when the proposal was made. Content changed in the
database afterwards, even together with its stored hash, is caught here before anyone approves
or executes it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ProposalStatus, Step
from sealdesk.core.rotation.decision import Decision, statement_bytes
from sealdesk.core.rotation.errors import ProposalTamperedError
from sealdesk.core.rotation.machine import Tally, tally
from sealdesk.core.rotation.proposal import ProposalContent, load_content
from sealdesk.errors import SealDeskError
from sealdesk.services.keys.authority import check_rows, read_authority
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import ProposalRecord


@dataclass(frozen=True)
class DecisionView:
    custodian: str
    cert_sha256: str
    decision: str
    decided_at: dt.datetime
    comment: str
    audit_index: int


@dataclass(frozen=True)
class ProposalView:
    content: ProposalContent
    sha256: str
    status: ProposalStatus
    required: int
    approvals: int
    rejections: int
    decisions: list[DecisionView] = field(default_factory=list)
    steps: list[tuple[Step, dict[str, object]]] = field(default_factory=list)
    csr_der: bytes | None = None
    problem: str = ""
    """Set when the proposal failed its integrity check (then nothing may be done with it)."""

    @property
    def proposal_id(self) -> str:
        return self.content.proposal_id

    def statement(self, decision: Decision = Decision.APPROVE) -> bytes:
        """The exact bytes a custodian's token signs to approve (or reject) this proposal."""
        return statement_bytes(decision, self.proposal_id, self.sha256)

    @property
    def content_json(self) -> str:
        return json.dumps(self.content.to_json(), indent=2, sort_keys=True, ensure_ascii=False)


def proposed_hash_in_log(session: Session, proposal_id: str) -> str | None:
    """The content hash the ``rotation.proposed`` event recorded for ``proposal_id``."""
    payloads = session.execute(
        select(AuditEntry.payload).where(
            AuditEntry.event_type == EventType.ROTATION_PROPOSED.value,
            AuditEntry.subject == proposal_id,
        )
    ).scalars().all()
    hashes = {json.loads(bytes(p))["details"].get("content_sha256") for p in payloads}
    return hashes.pop() if len(hashes) == 1 else None


def load_checked(session: Session, proposal_id: str) -> tuple[ProposalRecord, ProposalContent]:
    record = repo.proposal(session, proposal_id)
    content = load_content(bytes(record.content), record.content_sha256)
    logged = proposed_hash_in_log(session, proposal_id)
    if logged != record.content_sha256:
        raise ProposalTamperedError(
            f"Proposal {proposal_id} was recorded in the audit log with hash "
            f"{(logged or 'none')[:16]}…, but the database now holds content hashing to "
            f"{record.content_sha256[:16]}…: it was changed after it was proposed.",
            hint="Do not execute it. Keep the database as it is, run 'sealdesk audit "
            "verify-quorum' and make a new proposal.",
        )
    return record, content


def effective_status(record: ProposalRecord, content: ProposalContent,
                     now: dt.datetime) -> ProposalStatus:
    """The stored status, or EXPIRED for an open proposal past its expiry."""
    status = ProposalStatus(record.status)
    if status.open_for_decisions and content.expired_at(now):
        return ProposalStatus.EXPIRED
    return status


def count(session: Session, content: ProposalContent) -> Tally:
    """The decisions counted under the policy in force now (signatures re-verified)."""
    policy = repo.current_policy(session)
    required = policy.required(content.action) if policy is not None else 0
    return tally(content, repo.decisions(session, content.proposal_id),
                 repo.custodians_by_sha(session), required)


def build_view(session: Session, proposal_id: str, now: dt.datetime) -> ProposalView:
    record = repo.proposal(session, proposal_id)
    try:
        _, content = load_checked(session, proposal_id)
        check_rows(session, read_authority(session), proposal_id)  # show what the log proves
        counted = count(session, content)
    except SealDeskError as exc:
        return _damaged_view(record, exc)
    names = {sha: c.name for sha, c in repo.custodians_by_sha(session).items()}
    decisions = [
        DecisionView(names.get(r.custodian_sha256, "(unknown)"), r.custodian_sha256, r.decision,
                     r.decided_at, r.comment, r.audit_index)
        for r in repo.decision_records(session, proposal_id)
    ]
    return ProposalView(
        content=content, sha256=record.content_sha256,
        status=effective_status(record, content, now), required=counted.required,
        approvals=len(counted.approvals), rejections=len(counted.rejections),
        decisions=decisions, steps=list(repo.steps_done(session, proposal_id).items()),
        csr_der=bytes(record.csr_der) if record.csr_der else None,
    )


def _damaged_view(record: ProposalRecord, exc: SealDeskError) -> ProposalView:
    """A view of a proposal that failed its checks: its stored fields only, and the problem."""
    try:
        content = ProposalContent.from_json(json.loads(bytes(record.content)))
    except (ValueError, KeyError, TypeError, SealDeskError):
        raise exc from None
    return ProposalView(content, record.content_sha256, ProposalStatus(record.status), 0, 0, 0,
                        problem=exc.message)
