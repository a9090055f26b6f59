"""What a proposal can ask for, the states it passes through and the steps of its execution."""

from __future__ import annotations

from enum import StrEnum


class ActionType(StrEnum):
    """The key actions that need a quorum; the value is what proposals and policies store."""

    ROTATE_SEAL_KEY = "rotate_seal_key"
    ROTATE_AUDIT_KEY = "rotate_audit_key"
    RETIRE_KEY = "retire_key"
    CHANGE_POLICY = "change_policy"
    ADD_CUSTODIAN = "add_custodian"
    REMOVE_CUSTODIAN = "remove_custodian"
    GRANT_ROLE = "grant_role"
    REVOKE_ROLE = "revoke_role"
    """Granting or revoking the custodian or administrator role (see services.roles)."""
    CHANGE_SIGNING_POLICY = "change_signing_policy"
    """Trust anchors, TSA, PAdES level, allowed algorithms (core.rotation.signing_policy)."""
    REGISTER_STANDBY = "register_standby"
    """A second token with its own seal key and certificate, for failover (rotation.standby)."""
    DELETE_UNDER_RETENTION = "delete_under_retention"
    """Remove the stored content of documents whose retention ended (services.retention)."""
    ROTATE_STORAGE_KEY = "rotate_storage_key"
    """A new key-encryption key for the document store; every data key is wrapped for it and
    the old one is destroyed (services.encryption.rotation)."""

    @property
    def changes_role(self) -> bool:
        return self in ROLE_ACTIONS

    @property
    def rotates_key(self) -> bool:
        return self in (ActionType.ROTATE_SEAL_KEY, ActionType.ROTATE_AUDIT_KEY)

    @property
    def key_purpose(self) -> str:
        """"seal" or "audit" for rotations; "" for the other actions."""
        if self == ActionType.ROTATE_SEAL_KEY:
            return "seal"
        if self == ActionType.ROTATE_AUDIT_KEY:
            return "audit"
        return ""

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    ActionType.ROTATE_SEAL_KEY: "Rotate the seal key",
    ActionType.ROTATE_AUDIT_KEY: "Rotate the audit key",
    ActionType.RETIRE_KEY: "Retire a key",
    ActionType.CHANGE_POLICY: "Change the quorum policy",
    ActionType.ADD_CUSTODIAN: "Add a custodian",
    ActionType.REMOVE_CUSTODIAN: "Remove a custodian",
    ActionType.GRANT_ROLE: "Grant a role",
    ActionType.REVOKE_ROLE: "Revoke a role",
    ActionType.CHANGE_SIGNING_POLICY: "Change the signing policy",
    ActionType.REGISTER_STANDBY: "Register a standby seal token",
    ActionType.DELETE_UNDER_RETENTION: "Delete documents at the end of retention",
    ActionType.ROTATE_STORAGE_KEY: "Rotate the document store's encryption key",
}

ROLE_ACTIONS = frozenset({ActionType.GRANT_ROLE, ActionType.REVOKE_ROLE})
"""Added with roles: policies written before them have no threshold for these, and use the
add_custodian threshold instead (see :class:`~sealdesk.core.rotation.policy.QuorumPolicy`)."""

FALLBACK_THRESHOLDS = {
    ActionType.GRANT_ROLE: ActionType.ADD_CUSTODIAN,
    ActionType.REVOKE_ROLE: ActionType.ADD_CUSTODIAN,
    ActionType.CHANGE_SIGNING_POLICY: ActionType.CHANGE_POLICY,
    ActionType.REGISTER_STANDBY: ActionType.ROTATE_SEAL_KEY,
    ActionType.ROTATE_STORAGE_KEY: ActionType.ROTATE_SEAL_KEY,
}
"""Actions added after policies existed, and whose threshold they use when a policy has none:
a role grant is the trust decision of adding a custodian; the signing policy is a policy; a
standby seal key is a second seal key, so it needs what a seal key rotation needs."""

DEFAULT_THRESHOLDS = {ActionType.DELETE_UNDER_RETENTION: 1}
"""Actions that need this many approvals when the quorum policy names no threshold: deleting
at the end of retention is approved by one custodian unless the policy asks for M of N."""


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    EXECUTING = "executing"
    EXECUTED = "executed"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def open_for_decisions(self) -> bool:
        """Approvals and rejections are accepted until execution starts."""
        return self in (ProposalStatus.PROPOSED, ProposalStatus.APPROVED)

    @property
    def final(self) -> bool:
        return self in (ProposalStatus.EXECUTED, ProposalStatus.REJECTED, ProposalStatus.EXPIRED)


class Step(StrEnum):
    """Execution steps, in order; each is recorded (database and audit log) before the next."""

    KEY_GENERATED = "key_generated"
    CSR_CREATED = "csr_created"
    CERTIFICATE_IMPORTED = "certificate_imported"
    ACTIVATED = "activated"
    OLD_RETIRED = "old_retired"
    APPLIED = "applied"


KEY_ROTATION_STEPS = (
    Step.KEY_GENERATED,
    Step.CSR_CREATED,
    Step.CERTIFICATE_IMPORTED,
    Step.ACTIVATED,
    Step.OLD_RETIRED,
)


def steps_for(action: ActionType) -> tuple[Step, ...]:
    return KEY_ROTATION_STEPS if action.rotates_key else (Step.APPLIED,)


def next_step(action: ActionType, done: set[Step]) -> Step | None:
    """The first step of ``action`` not yet done, or None when all are."""
    for step in steps_for(action):
        if step not in done:
            return step
    return None
