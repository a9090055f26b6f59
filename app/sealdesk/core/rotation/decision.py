"""Approvals and rejections: a custodian's signature over a statement naming the proposal hash.

What a custodian signs is the canonical JSON of::

    {"decision": "approve", "proposal_id": "…", "proposal_sha256": "…",
     "type": "sealdesk.rotation.decision", "v": 1}

(the dialog shows these exact bytes). Naming the decision keeps a rejection from being replayed
as an approval; naming the proposal hash binds the signature to one proposal's exact content,
so it cannot be replayed on another proposal nor survive a change of the content. The token
hashes the statement with SHA-256 and signs (ECDSA or RSA PKCS#1 v1.5); verification uses
``cryptography`` and the custodian's registered certificate only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from sealdesk.core.audit.canonical import canonical_json

STATEMENT_TYPE = "sealdesk.rotation.decision"
ALGORITHMS = ("ecdsa-sha256", "rsa-pkcs1v15-sha256")


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    PROPOSE = "propose"
    """A custodian making a proposal signs it too, which rules out approving it later."""


def statement(decision: Decision, proposal_id: str, proposal_sha256: str) -> dict[str, Any]:
    return {
        "type": STATEMENT_TYPE,
        "v": 1,
        "decision": Decision(decision).value,
        "proposal_id": proposal_id,
        "proposal_sha256": proposal_sha256,
    }


def statement_bytes(decision: Decision, proposal_id: str, proposal_sha256: str) -> bytes:
    """The exact bytes a custodian's token signs."""
    return canonical_json(statement(decision, proposal_id, proposal_sha256))


@dataclass(frozen=True)
class SignedDecision:
    """A statement as signed, who signed it (certificate SHA-256) and the signature."""

    statement: dict[str, Any]
    custodian_cert_sha256: str
    signature: bytes
    algorithm: str

    @property
    def decision(self) -> Decision:
        return Decision(self.statement.get("decision", ""))

    @property
    def signed_bytes(self) -> bytes:
        return canonical_json(self.statement)

    def binds_to(self, proposal_id: str, proposal_sha256: str) -> bool:
        """Whether the statement names exactly this proposal and hash, and nothing else."""
        return (
            self.statement.get("type") == STATEMENT_TYPE
            and self.statement.get("v") == 1
            and self.statement.get("proposal_id") == proposal_id
            and self.statement.get("proposal_sha256") == proposal_sha256
            and set(self.statement) == {"type", "v", "decision", "proposal_id", "proposal_sha256"}
        )


def signature_valid(cert: x509.Certificate, data: bytes, signature: bytes, algorithm: str) -> bool:
    """Check a token signature (as made by ``TokenSession.sign_with``) against ``cert``."""
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey) and algorithm == "ecdsa-sha256":
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
            return True
        if isinstance(key, rsa.RSAPublicKey) and algorithm == "rsa-pkcs1v15-sha256":
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
            return True
    except InvalidSignature:
        return False
    return False
