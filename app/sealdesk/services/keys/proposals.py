"""Making each kind of proposal: fill in the target and parameters, check them, then propose.

Checks made here are the ones an approver should not have to make: the new label is free, a
policy is satisfiable, a new custodian proves with their token that they hold the certified
key, a custodian to remove exists. They are repeated at execution where things may have moved.
"""

from __future__ import annotations

import base64
import datetime as dt

from cryptography import x509
from cryptography.x509.oid import NameOID

from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.custodian import DEFAULT_KEY_LABEL
from sealdesk.core.rotation.errors import BootstrapClosedError
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.rotation.proposal import check_label
from sealdesk.core.rotation.signing_policy import SigningPolicy
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.keys import registry as key_registry
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.keys.custodians import bootstrap_open, check_new_custodian, possession_proof
from sealdesk.services.keys.rotation import DEFAULT_LIFETIME, ProposalView, propose
from sealdesk.storage.keys import repo


def propose_key_rotation(
    ctx: AppContext, purpose: str, *, reason: str,
    algorithm: KeyAlgorithm = KeyAlgorithm.EC_P256, label: str = "", subject_cn: str = "",
    expires_in: dt.timedelta = DEFAULT_LIFETIME, proposer_token: CustodianToken | None = None,
    pin: str | None = None, now: dt.datetime | None = None,
) -> ProposalView:
    """Propose replacing the active ``purpose`` ("seal"/"audit") key by a new one."""
    if purpose not in key_registry.PURPOSES:
        raise InputError(f"Unknown key purpose {purpose!r}; use 'seal' or 'audit'.")
    current = key_registry.current_key(ctx, purpose)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M")
    label = label or f"{purpose}-{stamp}"
    check_label(label)
    with ctx.database.reader() as session:
        taken = repo.key_labelled(session, label, current.token_serial) is not None
    if taken or label == current.label:
        raise InputError(f"The label {label!r} is already used by a key on the token.",
                         hint="Choose a new label for the new key.")
    if not subject_cn and current.certificate_der:
        names = x509.load_der_x509_certificate(bytes(current.certificate_der)).subject
        found = names.get_attributes_for_oid(NameOID.COMMON_NAME)
        subject_cn = str(found[0].value) if found else ""
    action = ActionType.ROTATE_SEAL_KEY if purpose == "seal" else ActionType.ROTATE_AUDIT_KEY
    return propose(
        ctx, action, reason=reason, expires_in=expires_in, proposer_token=proposer_token,
        pin=pin, now=now,
        target={"purpose": purpose, "label": current.label,
                "certificate_sha256": current.certificate_sha256,
                "public_key_sha256": current.public_key_sha256},
        params={"algorithm": KeyAlgorithm(algorithm).value, "label": label,
                "subject_cn": subject_cn or f"SealDesk {purpose} key"},
    )


def propose_policy_change(ctx: AppContext, policy: QuorumPolicy, *, reason: str,
                          **kwargs: object) -> ProposalView:
    with ctx.database.reader() as session:
        policy.check_satisfiable(len(repo.custodian_records(session)))
        current = repo.current_policy(session)
    return propose(ctx, ActionType.CHANGE_POLICY, reason=reason,  # type: ignore[arg-type]
                   target={"policy": "quorum",
                           "current_version": str(current.version if current else 0)},
                   params={"thresholds": policy.to_json()}, **kwargs)


def propose_add_custodian(
    ctx: AppContext, name: str, cert_data: bytes, where: CustodianToken, pin: str | None,
    *, reason: str, key_label: str = DEFAULT_KEY_LABEL, **kwargs: object,
) -> ProposalView:
    """After the bootstrap: the new custodian proves possession now, the quorum decides."""
    if bootstrap_open(ctx):
        raise BootstrapClosedError(
            "No quorum policy exists yet: register the custodian directly (bootstrap).",
            hint="'sealdesk custodian add' registers directly until the policy is set.",
        )
    custodian = check_new_custodian(ctx, name, cert_data, key_label)
    _signed, proof = possession_proof(where, pin, custodian)
    return propose(
        ctx, ActionType.ADD_CUSTODIAN, reason=reason,  # type: ignore[arg-type]
        target={"custodian_sha256": custodian.cert_sha256, "name": custodian.name},
        params={"name": custodian.name, "key_label": custodian.key_label,
                "certificate_der_b64": base64.b64encode(custodian.certificate_der).decode()},
        details={"possession": proof}, **kwargs,
    )


def propose_remove_custodian(ctx: AppContext, name: str, *, reason: str,
                             **kwargs: object) -> ProposalView:
    with ctx.database.reader() as session:
        record = repo.custodian_named(session, name)
        if record is None or record.status != "active":
            raise InputError(f"There is no registered custodian named {name!r}.",
                             hint="'sealdesk custodian list' shows the custodians.")
        policy = repo.current_policy(session)
        if policy is not None:
            policy.check_satisfiable(len(repo.custodian_records(session)) - 1)
    return propose(ctx, ActionType.REMOVE_CUSTODIAN, reason=reason,  # type: ignore[arg-type]
                   target={"custodian_sha256": record.certificate_sha256, "name": record.name},
                   **kwargs)


def propose_retire_key(ctx: AppContext, label: str, *, reason: str,
                       **kwargs: object) -> ProposalView:
    """Retire a pending or otherwise unused key in the registry (never the active one)."""
    with ctx.database.reader() as session:
        keys = [k for k in repo.managed_keys(session) if k.label == label]
    if not keys:
        raise InputError(f"No key labelled {label!r} is in the key registry.")
    key = keys[-1]
    if key.status in ("active", "retired"):
        raise InputError(f"Key {label!r} is {key.status}; only a pending key can be retired "
                         "this way.", hint="The active key is replaced by a rotation.")
    return propose(ctx, ActionType.RETIRE_KEY, reason=reason,  # type: ignore[arg-type]
                   target={"registry_id": str(key.id), "label": key.label,
                           "purpose": key.purpose, "public_key_sha256": key.public_key_sha256},
                   **kwargs)


def propose_signing_policy(ctx: AppContext, policy: SigningPolicy, *, reason: str,
                           **kwargs: object) -> ProposalView:
    """Propose a new signing policy (trust anchors, TSA, PAdES level, algorithms) to the quorum.

    Executed, it is applied by
    :func:`sealdesk.services.keys.signing_policy.change_signing_policy`."""
    return propose(ctx, ActionType.CHANGE_SIGNING_POLICY, reason=reason,  # type: ignore[arg-type]
                   target={"policy": "signing"},
                   params={"signing_policy": policy.to_json()}, **kwargs)
