"""The validation result model and its stable JSON form (schema ``sealdesk.validation/1``).

Why a model of our own rather than pyHanko's status objects: reports outlive the library version
that produced them. They are exported into evidence bundles, stored with revalidation runs and
read back years later by auditors, so they must be plain data with a documented, versioned
schema (docs/validation-report-schema.md). Indications follow ETSI EN 319 102-1 so that a report
reads the same way as one from any other AdES validator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sealdesk.core import bounded_json
from sealdesk.errors import InputError

SCHEMA = "sealdesk.validation/1"


class Indication(StrEnum):
    """Main status indication of ETSI EN 319 102-1 § 5.1.3."""

    PASSED = "PASSED"
    INDETERMINATE = "INDETERMINATE"
    FAILED = "FAILED"

    @property
    def rank(self) -> int:
        """Badness: FAILED > INDETERMINATE > PASSED (the overall result is the worst)."""
        return _RANK[self]


_RANK = {Indication.PASSED: 0, Indication.INDETERMINATE: 1, Indication.FAILED: 2}


def worst(indications: Iterable[Indication]) -> Indication:
    """The worst of several indications; PASSED for none (callers reject empty documents)."""
    return max(indications, key=lambda i: i.rank, default=Indication.PASSED)


class SubIndication(StrEnum):
    """Sub-indications of ETSI EN 319 102-1 § 5.1.3, plus two SealDesk extensions.

    The names are the standard's. ``SUSPICIOUS_MODIFICATION`` is ours: ETSI validates the CMS
    signature, not what a PDF incremental update did to the document afterwards.
    ``IMPERSONATION`` is ours too: ETSI calls a signer that does not chain to a trusted root
    INDETERMINATE (evidence lacking), which reads as "maybe valid" for a certificate that copies
    the organisation's name or a look-alike of its root — a forgery a person must be told of.
    """

    # FAILED
    FORMAT_FAILURE = "FORMAT_FAILURE"
    HASH_FAILURE = "HASH_FAILURE"
    SIG_CRYPTO_FAILURE = "SIG_CRYPTO_FAILURE"
    REVOKED = "REVOKED"
    NOT_YET_VALID = "NOT_YET_VALID"  # FAILED or INDETERMINATE, as in the standard
    # INDETERMINATE
    SIG_CONSTRAINTS_FAILURE = "SIG_CONSTRAINTS_FAILURE"
    CHAIN_CONSTRAINTS_FAILURE = "CHAIN_CONSTRAINTS_FAILURE"
    CERTIFICATE_CHAIN_GENERAL_FAILURE = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    CRYPTO_CONSTRAINTS_FAILURE = "CRYPTO_CONSTRAINTS_FAILURE"
    EXPIRED = "EXPIRED"
    POLICY_PROCESSING_ERROR = "POLICY_PROCESSING_ERROR"
    SIGNATURE_POLICY_NOT_AVAILABLE = "SIGNATURE_POLICY_NOT_AVAILABLE"
    TIMESTAMP_ORDER_FAILURE = "TIMESTAMP_ORDER_FAILURE"
    NO_SIGNING_CERTIFICATE_FOUND = "NO_SIGNING_CERTIFICATE_FOUND"
    NO_CERTIFICATE_CHAIN_FOUND = "NO_CERTIFICATE_CHAIN_FOUND"
    REVOKED_NO_POE = "REVOKED_NO_POE"
    REVOKED_CA_NO_POE = "REVOKED_CA_NO_POE"
    OUT_OF_BOUNDS_NO_POE = "OUT_OF_BOUNDS_NO_POE"
    REVOCATION_OUT_OF_BOUNDS_NO_POE = "REVOCATION_OUT_OF_BOUNDS_NO_POE"
    OUT_OF_BOUNDS_NOT_REVOKED = "OUT_OF_BOUNDS_NOT_REVOKED"
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE = "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
    NO_POE = "NO_POE"
    TRY_LATER = "TRY_LATER"
    SIGNED_DATA_NOT_FOUND = "SIGNED_DATA_NOT_FOUND"
    GENERIC = "GENERIC"
    # SealDesk extensions
    SUSPICIOUS_MODIFICATION = "SUSPICIOUS_MODIFICATION"
    IMPERSONATION = "IMPERSONATION"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class SignatureKind(StrEnum):
    SIGNATURE = "signature"
    DOCUMENT_TIMESTAMP = "document timestamp"


class Coverage(StrEnum):
    """What the signed byte ranges cover, in words for the report."""

    ENTIRE_FILE = "entire file"
    ENTIRE_REVISION = "entire revision, later updates"
    PARTIAL = "partial"


class ModificationLevel(StrEnum):
    """pyHanko's difference analysis of updates appended after the signed revision."""

    NONE = "none"
    LTA_UPDATES = "validation data"  # DSS and document timestamps: expected, harmless
    FORM_FILLING = "form filling"
    ANNOTATIONS = "annotations"
    OTHER = "other"  # anything else: suspicious


class PadesLevel(StrEnum):
    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"


@dataclass(frozen=True)
class Finding:
    """One observation: a stable machine ``code`` and a message a person can act on."""

    code: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    sha256: str
    not_before: datetime
    not_after: datetime


@dataclass(frozen=True)
class SignatureReport:
    """The verdict on one signature or document timestamp, with the facts behind it."""

    field_name: str
    kind: SignatureKind
    indication: Indication
    sub_indication: SubIndication | None
    findings: tuple[Finding, ...] = ()
    signer_subject: str | None = None
    signer_cert_sha256: str | None = None
    chain: tuple[CertificateInfo, ...] = ()
    signing_time: datetime | None = None
    timestamp_time: datetime | None = None
    timestamp_tsa: str | None = None
    timestamp_valid: bool | None = None
    proof_of_existence: datetime | None = None
    coverage: Coverage | None = None
    modification_level: ModificationLevel | None = None
    pades_level: PadesLevel | None = None
    revocation_sources: tuple[str, ...] = ()
    revision: int | None = None
    crypto: Mapping[str, Any] | None = None
    """The seal's cryptographic profile (crypto_profile.CryptoProfile as a dict): algorithm
    OIDs, key, signature size, certificate; compared by revalidation for drift."""


@dataclass(frozen=True)
class PolicySummary:
    """What the verdicts depend on: trust anchors, revocation handling, validation time."""

    revocation_mode: str
    moment: datetime | None = None
    trust_anchors: tuple[CertificateInfo, ...] = ()


@dataclass(frozen=True)
class DocumentReport:
    path: str
    sha256: str
    signatures: tuple[SignatureReport, ...]
    checked_at: datetime
    policy: PolicySummary
    notes: tuple[Finding, ...] = field(default=())

    @property
    def indication(self) -> Indication:
        """Overall indication: the worst of all signatures and document timestamps."""
        return worst(s.indication for s in self.signatures)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(_document_to_dict(self), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> DocumentReport:
        """Parse a report; anything not matching schema ``sealdesk.validation/1`` is rejected."""
        try:
            data = bounded_json.loads(text)
            if data.get("schema") != SCHEMA:
                raise ValueError(f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")
            return _document_from_dict(data)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise InputError(
                f"This is not a readable SealDesk validation report ({e}).",
                hint="Export the report again from SealDesk, or check that the file is complete.",
            ) from e


# -- JSON encoding ---------------------------------------------------------------------------------
def _dt(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_dt(value: str | None) -> datetime | None:
    return None if value is None else _required_dt(value)


def _required_dt(value: str | None) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date-time, got {value!r}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"date-time {value!r} has no UTC offset")
    return parsed


def _cert_to_dict(c: CertificateInfo) -> dict[str, Any]:
    return {
        "subject": c.subject,
        "sha256": c.sha256,
        "not_before": _dt(c.not_before),
        "not_after": _dt(c.not_after),
    }


def _cert_from_dict(d: Mapping[str, Any]) -> CertificateInfo:
    return CertificateInfo(
        d["subject"], d["sha256"], _required_dt(d["not_before"]), _required_dt(d["not_after"])
    )


def _finding_to_dict(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity.value, "message": f.message}


def _finding_from_dict(d: Mapping[str, Any]) -> Finding:
    return Finding(d["code"], Severity(d["severity"]), d["message"])


def _enum_value(value: StrEnum | None) -> str | None:
    return None if value is None else value.value


def _signature_to_dict(s: SignatureReport) -> dict[str, Any]:
    return {
        "field_name": s.field_name,
        "kind": s.kind.value,
        "indication": s.indication.value,
        "sub_indication": _enum_value(s.sub_indication),
        "findings": [_finding_to_dict(f) for f in s.findings],
        "signer_subject": s.signer_subject,
        "signer_cert_sha256": s.signer_cert_sha256,
        "chain": [_cert_to_dict(c) for c in s.chain],
        "signing_time": _dt(s.signing_time),
        "timestamp": {
            "time": _dt(s.timestamp_time),
            "tsa": s.timestamp_tsa,
            "valid": s.timestamp_valid,
        },
        "proof_of_existence": _dt(s.proof_of_existence),
        "coverage": _enum_value(s.coverage),
        "modification_level": _enum_value(s.modification_level),
        "pades_level": _enum_value(s.pades_level),
        "revocation_sources": list(s.revocation_sources),
        "revision": s.revision,
        "crypto": dict(s.crypto) if s.crypto is not None else None,
    }


def _opt(enum_cls: type[StrEnum], value: str | None) -> Any:
    return None if value is None else enum_cls(value)


def _signature_from_dict(d: Mapping[str, Any]) -> SignatureReport:
    ts = d.get("timestamp") or {}
    return SignatureReport(
        field_name=d["field_name"],
        kind=SignatureKind(d["kind"]),
        indication=Indication(d["indication"]),
        sub_indication=_opt(SubIndication, d.get("sub_indication")),
        findings=tuple(_finding_from_dict(f) for f in d.get("findings", ())),
        signer_subject=d.get("signer_subject"),
        signer_cert_sha256=d.get("signer_cert_sha256"),
        chain=tuple(_cert_from_dict(c) for c in d.get("chain", ())),
        signing_time=_parse_dt(d.get("signing_time")),
        timestamp_time=_parse_dt(ts.get("time")),
        timestamp_tsa=ts.get("tsa"),
        timestamp_valid=ts.get("valid"),
        proof_of_existence=_parse_dt(d.get("proof_of_existence")),
        coverage=_opt(Coverage, d.get("coverage")),
        modification_level=_opt(ModificationLevel, d.get("modification_level")),
        pades_level=_opt(PadesLevel, d.get("pades_level")),
        revocation_sources=tuple(d.get("revocation_sources", ())),
        revision=d.get("revision"),
        crypto=_crypto(d.get("crypto")),
    )


def _crypto(value: Any) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"crypto must be an object, got {type(value).__name__}")
    return value


def _document_to_dict(r: DocumentReport) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": {"path": r.path, "sha256": r.sha256},
        "indication": r.indication.value,
        "checked_at": _dt(r.checked_at),
        "policy": {
            "revocation_mode": r.policy.revocation_mode,
            "moment": _dt(r.policy.moment),
            "trust_anchors": [_cert_to_dict(c) for c in r.policy.trust_anchors],
        },
        "signatures": [_signature_to_dict(s) for s in r.signatures],
        "notes": [_finding_to_dict(f) for f in r.notes],
    }


def _document_from_dict(d: Mapping[str, Any]) -> DocumentReport:
    policy = d["policy"]
    report = DocumentReport(
        path=d["document"]["path"],
        sha256=d["document"]["sha256"],
        signatures=tuple(_signature_from_dict(s) for s in d["signatures"]),
        checked_at=_required_dt(d["checked_at"]),
        policy=PolicySummary(
            revocation_mode=policy["revocation_mode"],
            moment=_parse_dt(policy.get("moment")),
            trust_anchors=tuple(_cert_from_dict(c) for c in policy.get("trust_anchors", ())),
        ),
        notes=tuple(_finding_from_dict(f) for f in d.get("notes", ())),
    )
    if report.indication.value != d["indication"]:
        raise ValueError("overall indication does not match the signatures' indications")
    return report
