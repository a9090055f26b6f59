"""What a verification of the audit log found, and which audit certificates it trusts.

A report lists findings, each pinned to an entry index where one can be named, with the
expected and the found value, so that an investigator can go straight to the row. The first
finding (lowest index) is the one to act on: anything after a broken entry is unverifiable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes

from sealdesk.core.audit.checkpoint import Checkpoint, load_certificates


class FindingKind(StrEnum):
    """Kinds of findings; the chain kinds carry the same values as ``core.audit.chain``."""

    PAYLOAD_ALTERED = "payload_altered"
    HASH_ALTERED = "hash_altered"
    BROKEN_LINK = "broken_link"
    INDEX_GAP = "index_gap"
    REORDERED = "reordered"
    INSERTED = "inserted"
    DUPLICATE_INDEX = "duplicate_index"
    ROOT_MISMATCH = "root_mismatch"
    TRUNCATED = "truncated"
    HEAD_MISMATCH = "head_mismatch"
    CHECKPOINT_MALFORMED = "checkpoint_malformed"
    CHECKPOINT_ALTERED = "checkpoint_altered"
    SIGNATURE_INVALID = "signature_invalid"
    CERTIFICATE_UNTRUSTED = "certificate_untrusted"
    CHECKPOINT_CHAIN_BROKEN = "checkpoint_chain_broken"
    CHECKPOINT_NOT_RECORDED = "checkpoint_not_recorded"
    CHECKPOINT_MISSING = "checkpoint_missing"
    COLUMN_ALTERED = "column_altered"
    KEY_NOT_PINNED = "key_not_pinned"
    ANCHOR_MISMATCH = "anchor_mismatch"
    ANCHOR_INVALID = "anchor_invalid"
    ROLLBACK = "rollback"
    FORK = "fork"
    WITNESS_INVALID = "witness_invalid"


@dataclass(frozen=True)
class Finding:
    """One problem. ``index`` is the entry concerned (for a checkpoint: the entry recording it,
    i.e. its tree size); ``first_index`` starts the range an altered entry must lie in when the
    evidence cannot narrow it to one entry (a root that no longer matches)."""

    kind: FindingKind
    message: str
    index: int | None = None
    expected: str = ""
    found: str = ""
    tree_size: int | None = None
    first_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "index": self.index,
            "first_index": self.first_index,
            "tree_size": self.tree_size,
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
        }

    def describe(self) -> str:
        where = f"entry {self.index}" if self.index is not None else "log"
        if self.first_index is not None and self.first_index != self.index:
            where = f"entries {self.first_index}..{self.index}"
        text = f"[{self.kind.value}] {where}: {self.message}"
        if self.expected or self.found:
            text += f"\n    expected: {self.expected}\n    found:    {self.found}"
        return text


def _sort_key(finding: Finding) -> tuple[int, int]:
    index = finding.first_index if finding.first_index is not None else finding.index
    return (index if index is not None else 1 << 62, 0 if finding.index is not None else 1)


@dataclass
class AuditReport:
    """The outcome of one verification run."""

    log_size: int = 0
    entries_checked: int = 0
    root: bytes | None = None
    head_hash: bytes = b""
    checkpoints: int = 0
    roots_checked: tuple[int, ...] = ()
    latest_checkpoint: Checkpoint | None = None
    against: Checkpoint | None = None
    anchors: int = 0
    newest_anchor: Checkpoint | None = None
    witnesses: int = 0
    """Custodian co-signatures of checkpoints that verified (:mod:`.witnesses`)."""
    witnessed_by: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def first(self) -> Finding | None:
        """The finding at the lowest entry index (the first bad entry)."""
        return min(self.findings, key=_sort_key) if self.findings else None

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=_sort_key)

    def summary(self) -> str:
        """A few lines for a terminal, a dialog or an audit event."""
        root = self.root.hex() if self.root else "-"
        lines = [
            f"Entries checked: {self.entries_checked} of {self.log_size}; "
            f"checkpoints: {self.checkpoints} ({len(self.roots_checked)} roots matched)",
            f"Merkle root: {root}",
        ]
        if self.against is not None:
            lines.append(f"Compared with the exported checkpoint of {self.against.tree_size} "
                         "entries.")
        if self.newest_anchor is not None:
            lines.append(f"Checked against {self.anchors} anchored checkpoint(s); the newest "
                         f"covers {self.newest_anchor.tree_size} entries.")
        if self.witnesses:
            lines.append(f"Witnessed: {self.witnesses} custodian co-signature(s) verified "
                         f"({', '.join(self.witnessed_by)}).")
        if self.ok:
            lines.insert(0, "Audit log verified: the chain, the Merkle roots and every "
                            "checkpoint signature are intact.")
        else:
            lines.insert(0, f"AUDIT LOG FAILED VERIFICATION: {len(self.findings)} problem(s); "
                            "the first bad entry is listed first.")
            lines.extend(f.describe() for f in self.sorted_findings())
        lines.extend(f"Note: {w}" for w in self.warnings)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "log_size": self.log_size,
            "entries_checked": self.entries_checked,
            "root_hash": self.root.hex() if self.root else None,
            "checkpoints": self.checkpoints,
            "roots_checked": list(self.roots_checked),
            "against_tree_size": None if self.against is None else self.against.tree_size,
            "anchors": self.anchors,
            "newest_anchor_tree_size": None if self.newest_anchor is None
            else self.newest_anchor.tree_size,
            "witnesses": self.witnesses,
            "witnessed_by": list(self.witnessed_by),
            "findings": [f.to_dict() for f in self.sorted_findings()],
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class CheckpointTrust:
    """Which audit certificates may sign checkpoints.

    A certificate is trusted when it is one of ``certificates`` (given by the auditor, e.g.
    ``--trusted-cert``) or was issued directly by one of ``anchors`` (the configured trust
    anchors, which issue SealDesk's audit certificates). Without either, signatures can only be
    checked against the certificates stored next to them, which an attacker could replace too;
    the report then says so.
    """

    anchors: tuple[x509.Certificate, ...] = ()
    certificates: tuple[x509.Certificate, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.anchors or self.certificates)

    @classmethod
    def from_pem(cls, anchors_pem: list[bytes], certificates_pem: bytes | None) -> CheckpointTrust:
        anchors = tuple(c for pem in anchors_pem for c in load_certificates(pem, "trust anchor"))
        certs = (
            tuple(load_certificates(certificates_pem, "trusted audit certificate"))
            if certificates_pem
            else ()
        )
        return cls(anchors, certs)

    def trusts(self, cert: x509.Certificate) -> bool:
        fingerprint = cert.fingerprint(hashes.SHA256())
        if any(c.fingerprint(hashes.SHA256()) == fingerprint for c in self.certificates):
            return True
        for anchor in self.anchors:
            try:
                cert.verify_directly_issued_by(anchor)
            except (ValueError, TypeError, InvalidSignature):  # not issued by this anchor
                continue
            return True
        return False
