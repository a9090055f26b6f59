"""Custodian counter-signatures: a custodian's token signs the SHA-256 of a document SealDesk made.

One mechanism for three documents: an anchored audit checkpoint (the custodian *witnesses* it),
the reconciliation report and the incident statement (the incident lead *counter-signs* it).
The audit key already signed each of them; a counter-signature adds a second, independent
person: the token holder who controls the audit key cannot make one alone.

What the custodian's token signs is the canonical JSON of a statement::

    {"type": "sealdesk.countersignature", "v": 1, "kind": "checkpoint",
     "document_sha256": "<hex SHA-256 of the document>", "about": {...},
     "custodian_sha256": "<hex SHA-256 of the custodian's certificate>",
     "signed_at": "YYYY-MM-DDTHH:MM:SS.ffffffZ"}

(the token hashes those bytes with SHA-256 and signs, ECDSA or RSA PKCS#1 v1.5, as for rotation
approvals). ``kind`` keeps a witness of a checkpoint from being passed off as a counter-signature
of a report; ``document_sha256`` binds it to one document's exact bytes (for a checkpoint, its
checkpoint hash); ``about`` says in a few words which document (tree size and root, file name,
incident number) so a person reading the file knows what was signed.

The detached file (``*.countersig.json``, or ``witness-*.json`` beside an anchor) is JSON::

    {"format": "sealdesk-countersignature", "version": 1,
     "statement": {...as above...}, "algorithm": "ecdsa-sha256",
     "signature": "<base64>", "custodian_name": "...", "token": {"label": ..., "serial": ...}}

Verification never trusts the file for *who* signed: the certificate comes from the custodian
registry that the signed audit log proves (:func:`check_countersignature` takes the registry as
the log's replay gives it, at the moment that matters), so a key that is not a custodian's, or a
custodian removed by then, does not verify whatever the file says.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.rotation.decision import ALGORITHMS, signature_valid
from sealdesk.core.rotation.offline import replay_authority
from sealdesk.errors import InputError

FILE_FORMAT = "sealdesk-countersignature"
FILE_VERSION = 1
STATEMENT_TYPE = "sealdesk.countersignature"
_STATEMENT_KEYS = {"type", "v", "kind", "document_sha256", "about", "custodian_sha256",
                   "signed_at"}


class Kind(StrEnum):
    """What is counter-signed; the value is what statements store."""

    CHECKPOINT = "checkpoint"
    RECONCILIATION = "reconciliation-report"
    INCIDENT_STATEMENT = "incident-statement"


def statement(kind: Kind, document_sha256: str, about: Mapping[str, Any],
              custodian_sha256: str, signed_at: str) -> dict[str, Any]:
    return {"type": STATEMENT_TYPE, "v": 1, "kind": Kind(kind).value,
            "document_sha256": document_sha256, "about": dict(about),
            "custodian_sha256": custodian_sha256, "signed_at": signed_at}


@dataclass(frozen=True)
class Countersignature:
    """One detached counter-signature as read from its file (nothing verified yet)."""

    statement: dict[str, Any]
    algorithm: str
    signature: bytes
    custodian_name: str = ""
    token: Mapping[str, str] | None = None

    @property
    def signed_bytes(self) -> bytes:
        """The exact bytes the custodian's token signed."""
        return canonical_json(self.statement)

    @property
    def kind(self) -> str:
        return str(self.statement.get("kind", ""))

    @property
    def document_sha256(self) -> str:
        return str(self.statement.get("document_sha256", ""))

    @property
    def custodian_sha256(self) -> str:
        return str(self.statement.get("custodian_sha256", ""))

    @property
    def about(self) -> dict[str, Any]:
        about = self.statement.get("about")
        return dict(about) if isinstance(about, dict) else {}

    def encode(self) -> bytes:
        document = {
            "format": FILE_FORMAT, "version": FILE_VERSION, "statement": self.statement,
            "algorithm": self.algorithm,
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "custodian_name": self.custodian_name, "token": dict(self.token or {}),
        }
        return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False)
                + "\n").encode("utf-8")


def decode(data: bytes, what: str = "counter-signature file") -> Countersignature:
    """Parse a counter-signature file; :class:`InputError` says what is malformed."""
    try:
        obj = json.loads(data)
        if not isinstance(obj, dict) or obj.get("format") != FILE_FORMAT \
                or obj.get("version") != FILE_VERSION:
            raise ValueError("it is not a SealDesk counter-signature")
        stmt = obj["statement"]
        if not isinstance(stmt, dict) or set(stmt) != _STATEMENT_KEYS \
                or stmt.get("type") != STATEMENT_TYPE or stmt.get("v") != 1:
            raise ValueError("its statement is not a counter-signature statement")
        algorithm = obj["algorithm"]
        if algorithm not in ALGORITHMS:
            raise ValueError(f"unknown signature algorithm {algorithm!r}")
        token = obj.get("token") or {}
        return Countersignature(stmt, algorithm, base64.b64decode(obj["signature"], validate=True),
                                str(obj.get("custodian_name", "")),
                                {str(k): str(v) for k, v in dict(token).items()})
    except (ValueError, KeyError, TypeError) as ex:
        raise InputError(
            f"The {what} cannot be read: {ex}.",
            hint="Give the counter-signature file SealDesk wrote, unchanged.") from None


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one counter-signature: the custodian, or what is wrong."""

    custodian: Custodian | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.custodian is not None and not self.problem


def check_countersignature(signed: Countersignature, kind: Kind, document_sha256: str,
                           custodians: Mapping[str, Custodian], moment: str) -> Verdict:
    """Check ``signed`` against a document and the registry the log proves at ``moment``.

    ``custodians`` maps certificate SHA-256 to the custodian as the log's replay left it at the
    moment that matters (removed custodians are inactive); ``moment`` says which moment, in words,
    for the message.
    """
    if signed.kind != kind:
        return Verdict(None, f"it counter-signs a {signed.kind or 'unknown'} document, not a "
                             f"{kind.value}")
    if signed.document_sha256 != document_sha256:
        return Verdict(None, "it does not cover this document: the document or the "
                             "counter-signature was changed after signing")
    custodian = custodians.get(signed.custodian_sha256)
    if custodian is None:
        return Verdict(None, f"it names a certificate ({signed.custodian_sha256[:16]}…) that "
                             "the audit log never registered as a custodian's")
    if not custodian.active:
        return Verdict(None, f"{custodian.name} was no longer a custodian {moment}: the log "
                             "records the removal before it")
    if not signature_valid(custodian.certificate, signed.signed_bytes, signed.signature,
                           signed.algorithm):
        return Verdict(None, f"the signature does not verify with {custodian.name}'s registered "
                             "certificate: it was made with another key or the file was altered")
    return Verdict(custodian)


def registry_at(events: Iterable[tuple[int, AuditEvent]], size: int) -> dict[str, Custodian]:
    """The custodian registry the log proved when it held ``size`` entries.

    ``events`` are the log's ``(index, event)`` pairs (those that are not registry events are
    skipped by the replay); only entries before ``size`` count, so a custodian removed later is
    still active here, and one removed earlier is not.
    """
    return replay_authority((i, e) for i, e in events if i < size).custodians
