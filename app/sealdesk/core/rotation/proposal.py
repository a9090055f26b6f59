"""A proposal's content: one canonical JSON object, hashed once, signed by every approver.

Everything an approver agrees to is in the content: the action, its target (the key or custodian
it acts on), the new key's parameters, the reason, who proposed it, when, and until when it may
be approved. The SHA-256 of the canonical bytes (:mod:`sealdesk.core.audit.canonical`) is the
proposal hash; approvals sign a statement naming it (:mod:`sealdesk.core.rotation.decision`).
Changing any byte of the content after approvals changes the hash, so the approvals no longer
match: that is how tampering is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sealdesk.core import bounded_json
from sealdesk.core.audit.canonical import canonical_json, format_time, normalize_json, parse_time
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.errors import ProposalTamperedError
from sealdesk.core.rotation.signing_policy import SigningPolicy
from sealdesk.core.rotation.standby import check_params as check_standby_params
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.errors import InputError

CONTENT_TYPE = "sealdesk.rotation.proposal"
CONTENT_VERSION = 1
MAX_LIFETIME = dt.timedelta(days=30)
"""Approvals gathered over months would approve a situation nobody looks at any more."""
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class ProposalContent:
    """What is proposed; validated when built, so a stored proposal is always well formed."""

    proposal_id: str
    action: ActionType
    reason: str
    proposer: str
    created: dt.datetime
    expires: dt.datetime
    target: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    proposer_custodian: str = ""
    """Certificate SHA-256 of the custodian who proposed (signed with their token), or ""."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "action", ActionType(self.action))
        if not re.fullmatch(r"[0-9a-f]{16}", self.proposal_id):
            raise InputError(f"Proposal id {self.proposal_id!r} is not 16 hex digits.")
        if not self.reason.strip():
            raise InputError("A proposal needs a reason.",
                             hint="Say why the action is needed; approvers read it.")
        if not self.proposer.strip():
            raise InputError("A proposal needs a proposer.")
        if self.created.utcoffset() is None or self.expires.utcoffset() is None:
            raise ValueError("proposal times must be timezone-aware")
        if not self.created < self.expires <= self.created + MAX_LIFETIME:
            raise InputError(
                "A proposal must expire after it is made and within 30 days.",
                hint="Choose an expiry between one hour and 30 days.",
            )
        check_params(self.action, self.params)
        object.__setattr__(self, "target", normalize_json(dict(self.target), "target"))
        object.__setattr__(self, "params", normalize_json(dict(self.params), "params"))

    def to_json(self) -> dict[str, Any]:
        return {
            "type": CONTENT_TYPE,
            "v": CONTENT_VERSION,
            "id": self.proposal_id,
            "action": self.action.value,
            "target": dict(self.target),
            "params": json.loads(json.dumps(self.params)),
            "reason": self.reason,
            "proposer": self.proposer,
            "proposer_custodian": self.proposer_custodian,
            "created": format_time(self.created),
            "expires": format_time(self.expires),
        }

    def canonical_bytes(self) -> bytes:
        return canonical_json(self.to_json())

    def sha256(self) -> str:
        """The proposal hash (lowercase hex) that approvals bind to."""
        return hashlib.sha256(self.canonical_bytes()).hexdigest()

    def expired_at(self, now: dt.datetime) -> bool:
        return now >= self.expires

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> ProposalContent:
        if obj.get("type") != CONTENT_TYPE or obj.get("v") != CONTENT_VERSION:
            raise ValueError("not a SealDesk proposal (type or version unknown)")
        return cls(
            proposal_id=obj["id"], action=ActionType(obj["action"]), reason=obj["reason"],
            proposer=obj["proposer"], created=parse_time(obj["created"]),
            expires=parse_time(obj["expires"]), target=dict(obj["target"]),
            params=dict(obj["params"]), proposer_custodian=obj.get("proposer_custodian", ""),
        )


def load_content(data: bytes, expected_sha256: str) -> ProposalContent:
    """Parse stored content and check it still hashes to ``expected_sha256``.

    A mismatch means the stored content was changed after it was proposed (and approved):
    the approvals were given for other content, so nothing may be done with it.
    """
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ProposalTamperedError(
            f"The stored proposal no longer matches its hash (proposed {expected_sha256[:16]}…, "
            f"stored content hashes to {actual[:16]}…): it was changed after it was proposed.",
            hint="Do not execute it. Keep the database as it is, run 'sealdesk audit verify' "
            "and 'sealdesk audit verify-quorum', and make a new proposal.",
        )
    try:
        content = ProposalContent.from_json(bounded_json.loads(data))
    except (ValueError, KeyError, TypeError) as exc:
        raise ProposalTamperedError(
            f"The stored proposal {expected_sha256[:16]}… cannot be read: {exc}.",
            hint="Keep the database as it is and run 'sealdesk audit verify'.",
        ) from exc
    if content.canonical_bytes() != data:
        raise ProposalTamperedError("The stored proposal is not in canonical form.")
    return content


def check_params(action: ActionType, params: Mapping[str, Any]) -> None:
    """Refuse parameters an action cannot use, naming the field, before anyone approves them."""
    if action.rotates_key:
        _require(params, {"algorithm", "label", "subject_cn"}, action)
        try:
            KeyAlgorithm(params["algorithm"])
        except ValueError:
            allowed = ", ".join(a.value for a in KeyAlgorithm)
            raise InputError(f"Unknown key algorithm {params['algorithm']!r}.",
                             hint=f"Choose one of {allowed}.") from None
        check_label(params["label"])
    elif action == ActionType.CHANGE_POLICY:
        _require(params, {"thresholds"}, action)
    elif action == ActionType.ADD_CUSTODIAN:
        _require(params, {"name", "certificate_der_b64", "key_label"}, action)
    elif action.changes_role:
        _require(params, {"role", "os_user", "operator"}, action)
    elif action == ActionType.CHANGE_SIGNING_POLICY:
        _require(params, {"signing_policy"}, action)
        SigningPolicy.from_json(params["signing_policy"])
    elif action == ActionType.REGISTER_STANDBY:
        check_standby_params(params)
    elif action == ActionType.DELETE_UNDER_RETENTION:
        _require(params, {"documents"}, action)
        check_deletion_list(params["documents"])
    elif action == ActionType.ROTATE_STORAGE_KEY:
        _require(params, {"current_kek"}, action)
        if not re.fullmatch(r"[0-9a-f]{64}", str(params["current_kek"])):
            raise InputError("A store key rotation names the current key by its fingerprint.")
    else:
        _require(params, set(), action)


def check_deletion_list(documents: object) -> None:
    """A deletion names 1-1000 documents, each by its original's SHA-256, with the class, due
    date and released legal holds the proposer saw (the approvers read and sign them; execution
    checks them again against the log)."""
    if not isinstance(documents, list) or not 1 <= len(documents) <= 1000:
        raise InputError("A deletion proposal names between 1 and 1000 documents.")
    for item in documents:
        if (not isinstance(item, dict) or set(item) != {"document_sha256", "name", "class",
                                                        "due", "released_holds"}
                or not re.fullmatch(r"[0-9a-f]{64}", str(item["document_sha256"]))):
            raise InputError("Each document of a deletion proposal is named by "
                             "document_sha256, name, class, due and released_holds.")


def check_label(label: object) -> None:
    if not isinstance(label, str) or not _LABEL.fullmatch(label):
        raise InputError(
            f"Key label {label!r} is not usable.",
            hint="Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
        )


def _require(params: Mapping[str, Any], keys: set[str], action: ActionType) -> None:
    if set(params) != keys:
        raise InputError(
            f"Parameters of {action.value} must be exactly {sorted(keys)}, "
            f"not {sorted(params)}.",
        )
