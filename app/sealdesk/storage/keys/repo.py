"""Reading and writing the rotation tables, turning rows into the core's values.

Functions take the caller's session, so a state change and its audit event commit together.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.rotation.actions import Step
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.rotation.decision import SignedDecision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import InputError
from sealdesk.storage.keys.models import (
    CustodianRecord,
    DecisionRecord,
    ManagedKey,
    PolicyRecord,
    ProposalRecord,
    StepRecord,
)


def custodian_records(session: Session, *, include_removed: bool = False) -> list[CustodianRecord]:
    query = select(CustodianRecord).order_by(CustodianRecord.id)
    if not include_removed:
        query = query.where(CustodianRecord.status == "active")
    return list(session.execute(query).scalars())


def to_custodian(record: CustodianRecord) -> Custodian:
    return Custodian(record.name, bytes(record.certificate_der), record.key_label,
                     active=record.status == "active")


def custodians_by_sha(session: Session) -> dict[str, Custodian]:
    """Every custodian ever registered, by certificate SHA-256 (removed ones inactive)."""
    records = custodian_records(session, include_removed=True)
    return {r.certificate_sha256: to_custodian(r) for r in records}


def custodian_named(session: Session, name: str) -> CustodianRecord | None:
    return session.execute(
        select(CustodianRecord).where(CustodianRecord.name == name)
    ).scalar_one_or_none()


def current_policy(session: Session) -> QuorumPolicy | None:
    record = session.execute(
        select(PolicyRecord).order_by(PolicyRecord.version.desc()).limit(1)
    ).scalar_one_or_none()
    if record is None:
        return None
    return QuorumPolicy.from_json(json.loads(record.thresholds_json), record.version)


def policy_records(session: Session) -> list[PolicyRecord]:
    return list(session.execute(select(PolicyRecord).order_by(PolicyRecord.version)).scalars())


def proposal(session: Session, proposal_id: str) -> ProposalRecord:
    record = session.get(ProposalRecord, proposal_id)
    if record is None:
        raise InputError(f"There is no proposal {proposal_id!r}.",
                         hint="'sealdesk rotation list --all' shows every proposal.")
    return record


def proposals(session: Session, *, open_only: bool = False) -> list[ProposalRecord]:
    query = select(ProposalRecord).order_by(ProposalRecord.created_at.desc())
    if open_only:
        query = query.where(ProposalRecord.status.in_(("proposed", "approved", "executing")))
    return list(session.execute(query).scalars())


def decision_records(session: Session, proposal_id: str) -> list[DecisionRecord]:
    return list(session.execute(
        select(DecisionRecord).where(DecisionRecord.proposal_id == proposal_id)
        .order_by(DecisionRecord.id)
    ).scalars())


def to_signed(record: DecisionRecord) -> SignedDecision:
    return SignedDecision(json.loads(record.statement), record.custodian_sha256,
                          bytes(record.signature), record.algorithm)


def decisions(session: Session, proposal_id: str) -> list[SignedDecision]:
    return [to_signed(r) for r in decision_records(session, proposal_id)]


def steps_done(session: Session, proposal_id: str) -> dict[Step, dict[str, Any]]:
    rows = session.execute(
        select(StepRecord).where(StepRecord.proposal_id == proposal_id).order_by(StepRecord.id)
    ).scalars()
    return {Step(r.step): json.loads(r.details_json) for r in rows}


def active_key(session: Session, purpose: str) -> ManagedKey | None:
    return session.execute(
        select(ManagedKey).where(ManagedKey.purpose == purpose, ManagedKey.status == "active")
    ).scalar_one_or_none()


def key_labelled(session: Session, label: str, token_serial: str) -> ManagedKey | None:
    return session.execute(
        select(ManagedKey).where(ManagedKey.label == label,
                                 ManagedKey.token_serial == token_serial)
    ).scalar_one_or_none()


def managed_keys(session: Session) -> list[ManagedKey]:
    return list(session.execute(select(ManagedKey).order_by(ManagedKey.id)).scalars())
