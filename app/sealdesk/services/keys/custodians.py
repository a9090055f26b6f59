"""Custodians and the quorum policy: the bootstrap, and reading who may approve what.

Bootstrap: while no quorum policy exists, the administrator registers the first custodians
directly (each proves, with their own token, that they hold the key their certificate
certifies) and then sets the first policy, which closes the bootstrap. Both acts are audit
events marked ``"bootstrap": true``, so an auditor sees exactly which custodians and policy were
set without a quorum and when. From then on, adding or removing a custodian and changing the
policy are proposals that need the quorum (:mod:`sealdesk.services.keys.rotation`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.custodian import DEFAULT_KEY_LABEL, Custodian, read_certificate
from sealdesk.core.rotation.errors import BootstrapClosedError, CustodianCertificateError
from sealdesk.core.rotation.offline import registration_statement
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.errors import InputError
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import require_audit_key_login, signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import policy_in_force, read_policy_in_force
from sealdesk.services.keys.custodian_tokens import CustodianToken, TokenSignature, prove_possession
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import CustodianRecord, PolicyRecord


@dataclass(frozen=True)
class CustodianInfo:
    name: str
    cert_sha256: str
    subject: str
    key_label: str
    not_after: dt.datetime
    active: bool


def bootstrap_open(ctx: AppContext) -> bool:
    """True while the log records no quorum policy (the administrator may still register).

    Asked of the audit log (:func:`read_policy_in_force`), never of the policy table alone:
    deleted policy rows must not reopen the bootstrap; unreadable state refuses (fail closed).
    """
    return read_policy_in_force(ctx) is None


def current_policy(ctx: AppContext) -> QuorumPolicy | None:
    return read_policy_in_force(ctx)


def list_custodians(ctx: AppContext, *, include_removed: bool = False) -> list[CustodianInfo]:
    with ctx.database.reader() as session:
        records = repo.custodian_records(session, include_removed=include_removed)
        custodians = [repo.to_custodian(r) for r in records]
    return [
        CustodianInfo(c.name, c.cert_sha256, c.subject, c.key_label, c.not_after, c.active)
        for c in custodians
    ]


def check_new_custodian(ctx: AppContext, name: str, cert_data: bytes,
                        key_label: str = DEFAULT_KEY_LABEL) -> Custodian:
    """Validate a prospective custodian (name and certificate unused, certificate current)."""
    if not name.strip():
        raise InputError("A custodian needs a name.")
    custodian = Custodian(name.strip(), read_certificate(cert_data), key_label)
    if not custodian.valid_at(dt.datetime.now(dt.UTC)):
        raise CustodianCertificateError(
            f"The certificate of {name!r} is not valid now.",
            hint="Register a current certificate.",
        )
    with ctx.database.reader() as session:
        known = repo.custodians_by_sha(session)
        if custodian.cert_sha256 in known:
            raise InputError(f"This certificate is already registered (custodian "
                             f"{known[custodian.cert_sha256].name!r}).")
        if repo.custodian_named(session, custodian.name) is not None:
            raise InputError(f"A custodian named {custodian.name!r} is already registered.",
                             hint="Names identify custodians in proposals; use a unique one.")
    return custodian


def possession_proof(where: CustodianToken, pin: str | None,
                     custodian: Custodian) -> tuple[TokenSignature, dict[str, object]]:
    """Have the custodian's token sign the registration statement; details for the event."""
    statement = registration_statement(custodian.name, custodian.cert_sha256)
    signed = prove_possession(where, pin, custodian, statement)
    return signed, {
        "statement": json.loads(statement),
        "signature_b64": base64.b64encode(signed.signature).decode("ascii"),
        "algorithm": signed.algorithm,
    }


def custodian_event_details(custodian: Custodian, **extra: object) -> dict[str, object]:
    return {
        "name": custodian.name,
        "key_label": custodian.key_label,
        "subject": custodian.subject,
        "certificate_der_b64": base64.b64encode(custodian.certificate_der).decode("ascii"),
        **extra,
    }


def register_custodian(
    ctx: AppContext, name: str, cert_data: bytes, where: CustodianToken, pin: str | None,
    *, key_label: str = DEFAULT_KEY_LABEL,
) -> Custodian:
    """Bootstrap only: register a custodian directly, after proof of possession."""
    if not bootstrap_open(ctx):
        raise BootstrapClosedError(
            "The first custodians and the quorum policy are set; a new custodian needs an "
            "approved add_custodian proposal.",
            hint="Run 'sealdesk custodian add' again: after the bootstrap it makes that proposal.",
        )
    custodian = check_new_custodian(ctx, name, cert_data, key_label)
    require_audit_key_login(ctx, "register a custodian")  # before the custodian's PIN is used
    _signed, proof = possession_proof(where, pin, custodian)
    with signed_transaction(ctx, "register a custodian") as session:
        if policy_in_force(session) is not None:
            raise BootstrapClosedError("The bootstrap was closed meanwhile.")
        insert_custodian(session, custodian, proposal_id="")
        record(session, ctx.event(
            EventType.CUSTODIAN_ADDED, {"custodian": custodian.cert_sha256},
            custodian_event_details(custodian, bootstrap=True, possession=proof),
        ))
    return custodian


def insert_custodian(session: Session, custodian: Custodian, *, proposal_id: str) -> None:
    session.add(CustodianRecord(
        name=custodian.name, certificate_sha256=custodian.cert_sha256,
        certificate_der=custodian.certificate_der, key_label=custodian.key_label,
        status="active", added_at=dt.datetime.now(dt.UTC), added_by_proposal=proposal_id,
    ))


def set_initial_policy(ctx: AppContext, policy: QuorumPolicy) -> QuorumPolicy:
    """Bootstrap only: set the first policy, which closes the bootstrap."""
    with signed_transaction(ctx, "set the quorum policy") as session:
        if policy_in_force(session) is not None:
            raise BootstrapClosedError(
                "A quorum policy is already in force; changing it needs a change_policy "
                "proposal approved by the quorum.",
                hint="Run 'sealdesk custodian policy --set ...' to make that proposal.",
            )
        count = len(repo.custodian_records(session))
        if count == 0:
            raise InputError("Register the first custodians before setting the policy.",
                             hint="'sealdesk custodian add NAME CERT ...' for each custodian.")
        policy.check_satisfiable(count)
        store_policy(session, policy, version=1, proposal_id="")
        record(session, ctx.event(
            EventType.POLICY_CHANGED, {"policy": "quorum"},
            {"version": 1, "thresholds": policy.to_json(), "custodians": count,
             "bootstrap": True},
        ))
    return QuorumPolicy(policy.thresholds, 1)


def store_policy(session: Session, policy: QuorumPolicy, *, version: int, proposal_id: str) -> None:
    session.add(PolicyRecord(
        version=version, thresholds_json=json.dumps(policy.to_json(), sort_keys=True),
        created_at=dt.datetime.now(dt.UTC), proposal_id=proposal_id,
    ))


def certificate_sha256(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()
