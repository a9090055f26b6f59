"""Proof files: what an auditor checks offline, with no database and no token.

An *inclusion proof* file shows that one audit entry is in the log that a signed checkpoint
pins; a *consistency proof* file shows that the log at a later checkpoint extends the log at an
earlier one, unchanged. Both are small JSON objects that carry their checkpoints, signatures and
audit certificates (see :mod:`sealdesk.core.audit.checkpoint`)::

    {"format": "sealdesk-audit-inclusion-proof", "version": 1, "about": "...",
     "leaf_index": 41, "tree_size": 1000, "entry_hash": "<64 hex>",
     "entry_b64": "<the entry bytes, base64; optional>", "audit_path": ["<64 hex>", ...],
     "checkpoint": {"checkpoint": {...}, "signature": {...}, "certificate_pem": "..."}}

    {"format": "sealdesk-audit-consistency-proof", "version": 1, "about": "...",
     "old_checkpoint": {...}, "new_checkpoint": {...}, "path": ["<64 hex>", ...]}

:func:`check_proof_file` checks everything: the structure, each checkpoint signature (against
``trusted_cert_pem`` when given, else against the embedded certificate, and says which), the
Merkle proof (RFC 9162), and for inclusion that the entry bytes hash to the proven leaf and
carry its index. Malformed files raise :class:`~sealdesk.errors.InputError`; anything that does
not verify raises :class:`~sealdesk.errors.RecordIntegrityError`.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.chain import ChainEntry, entry_bytes, split_entry_bytes
from sealdesk.core.audit.checkpoint import (
    Checkpoint,
    CheckpointFile,
    SignerCheck,
    decode_checkpoint_file,
    encode_checkpoint_file,
    parse_json_file,
    verify_checkpoint_file,
)
from sealdesk.core.audit.merkle import leaf_hash, verify_consistency, verify_inclusion
from sealdesk.errors import InputError, RecordIntegrityError

INCLUSION_FORMAT = "sealdesk-audit-inclusion-proof"
CONSISTENCY_FORMAT = "sealdesk-audit-consistency-proof"
PROOF_VERSION = 1

_HEX64 = re.compile(r"[0-9a-f]{64}")
_INCLUSION_KEYS = {"leaf_index", "tree_size", "entry_hash", "audit_path", "checkpoint"}
_CONSISTENCY_KEYS = {"old_checkpoint", "new_checkpoint", "path"}
_COMMON_KEYS = {"format", "version", "about"}


@dataclass(frozen=True)
class ProofCheckResult:
    """A proof that verified: what it proves, and which certificates signed its checkpoints."""

    kind: str
    checkpoints: tuple[Checkpoint, ...]
    signers: tuple[SignerCheck, ...]
    leaf_index: int | None = None
    entry_hash: bytes | None = None
    event: dict[str, Any] | None = None

    @property
    def trusted(self) -> bool:
        """True if every signature was checked against a certificate the caller supplied."""
        return all(s.trusted for s in self.signers)

    def summary(self) -> str:
        """One paragraph for a terminal or a report."""
        sizes = " and ".join(str(cp.tree_size) for cp in self.checkpoints)
        if self.kind == "inclusion":
            text = f"Entry {self.leaf_index} is included in the audit log of {sizes} entries."
        else:
            text = f"The audit log of {sizes} entries: the later one extends the earlier one."
        certs = ", ".join(s.fingerprint[:16] + "…" for s in self.signers)
        if self.trusted:
            return f"{text} Signed by trusted audit certificate(s) {certs}."
        return (
            f"{text} Signed by the certificate(s) inside the file ({certs}); compare their "
            "SHA-256 fingerprints with the audit certificate you trust."
        )


def export_inclusion_proof(
    entry: ChainEntry,
    audit_path: Sequence[bytes],
    checkpoint: CheckpointFile,
    *,
    include_entry: bool = True,
) -> bytes:
    """Write an inclusion proof file, checking it first as an auditor would."""
    cp = checkpoint.signed.checkpoint
    document: dict[str, Any] = {
        "format": INCLUSION_FORMAT,
        "version": PROOF_VERSION,
        "about": (
            "SealDesk audit inclusion proof (RFC 9162, SHA-256). The leaf is SHA-256(0x00 || "
            "entry bytes); the audit path leads to the signed checkpoint's root_hash."
        ),
        "leaf_index": entry.index,
        "tree_size": cp.tree_size,
        "entry_hash": entry.entry_hash.hex(),
        "audit_path": [bytes(h).hex() for h in audit_path],
        "checkpoint": encode_checkpoint_file(checkpoint),
    }
    if include_entry:
        data = entry_bytes(entry.index, entry.prev_hash, entry.payload_json)
        document["entry_b64"] = base64.b64encode(data).decode("ascii")
    encoded = _dump(document)
    check_proof_file(encoded)
    return encoded


def export_consistency_proof(
    old: CheckpointFile, new: CheckpointFile, path: Sequence[bytes]
) -> bytes:
    """Write a consistency proof file, checking it first as an auditor would."""
    document = {
        "format": CONSISTENCY_FORMAT,
        "version": PROOF_VERSION,
        "about": (
            "SealDesk audit consistency proof (RFC 9162, SHA-256): the log at the new "
            "checkpoint's tree_size begins with the log at the old checkpoint's tree_size."
        ),
        "old_checkpoint": encode_checkpoint_file(old),
        "new_checkpoint": encode_checkpoint_file(new),
        "path": [bytes(h).hex() for h in path],
    }
    encoded = _dump(document)
    check_proof_file(encoded)
    return encoded


def _dump(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def check_proof_file(data: bytes, trusted_cert_pem: bytes | None = None) -> ProofCheckResult:
    """Verify a proof file completely and offline; raises on anything that does not hold.

    ``trusted_cert_pem`` holds one or more audit certificates (PEM), e.g. the current one and
    those of rotated keys; without it, signatures are checked with the embedded certificates and
    the result's ``trusted`` is False.
    """
    obj = parse_json_file(data, "proof file")
    kind = obj.get("format")
    if kind not in (INCLUSION_FORMAT, CONSISTENCY_FORMAT):
        raise InputError(f"not a SealDesk proof file (format {kind!r})")
    if obj.get("version") != PROOF_VERSION:
        raise InputError(f"unsupported proof file version {obj.get('version')!r}")
    if kind == INCLUSION_FORMAT:
        return _check_inclusion(obj, trusted_cert_pem)
    return _check_consistency(obj, trusted_cert_pem)


def _require_keys(obj: dict[str, Any], required: set[str], optional: set[str]) -> None:
    missing = required - set(obj)
    extra = set(obj) - required - optional - _COMMON_KEYS
    if missing or extra:
        raise InputError(
            f"the proof file is malformed: missing {sorted(missing)}, unexpected {sorted(extra)}"
        )


def _hash_list(value: Any, name: str) -> list[bytes]:
    if not isinstance(value, list) or not all(
        isinstance(h, str) and _HEX64.fullmatch(h) for h in value
    ):
        raise InputError(f"the proof file is malformed: {name} must be a list of 64-hex hashes")
    return [bytes.fromhex(h) for h in value]


def _size(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InputError(f"the proof file is malformed: {name} must be a non-negative integer")
    return value


def _check_inclusion(obj: dict[str, Any], trusted: bytes | None) -> ProofCheckResult:
    _require_keys(obj, _INCLUSION_KEYS, {"entry_b64"})
    index = _size(obj["leaf_index"], "leaf_index")
    size = _size(obj["tree_size"], "tree_size")
    (entry_hash,) = _hash_list([obj["entry_hash"]], "entry_hash")
    path = _hash_list(obj["audit_path"], "audit_path")
    cpf = decode_checkpoint_file(obj["checkpoint"], "checkpoint in the proof file")
    cp = cpf.signed.checkpoint
    if size != cp.tree_size:
        raise RecordIntegrityError(
            f"the proof is for a tree of {size} entries but its checkpoint covers {cp.tree_size}"
        )
    signer = verify_checkpoint_file(cpf, trusted)
    event = None
    if "entry_b64" in obj:
        event = _check_entry(obj["entry_b64"], index, entry_hash)
    verify_inclusion(entry_hash, index, size, path, cp.root_hash)
    return ProofCheckResult("inclusion", (cp,), (signer,), index, entry_hash, event)


def _check_entry(encoded: Any, index: int, entry_hash: bytes) -> dict[str, Any]:
    """The event inside the entry bytes, after checking they are the proven leaf."""
    try:
        if not isinstance(encoded, str):
            raise ValueError("not a string")
        data = base64.b64decode(encoded, validate=True)
        entry_index, _, payload = split_entry_bytes(data)
    except ValueError as ex:
        raise InputError(f"the proof file's entry_b64 is malformed: {ex}") from None
    if leaf_hash(data) != entry_hash:
        raise RecordIntegrityError(
            "the entry in the proof file does not hash to entry_hash: the entry was altered"
        )
    if entry_index != index:
        raise RecordIntegrityError(
            f"the entry in the proof file is entry {entry_index}, not {index}")
    try:
        event = parse_json_file(payload, "event in the proof file")
        canonical = canonical_json(event) == payload
    except (InputError, TypeError, ValueError):
        canonical = False
    if not canonical:
        raise RecordIntegrityError("the event in the proof file is not canonical JSON")
    return event


def _check_consistency(obj: dict[str, Any], trusted: bytes | None) -> ProofCheckResult:
    _require_keys(obj, _CONSISTENCY_KEYS, set())
    path = _hash_list(obj["path"], "path")
    old = decode_checkpoint_file(obj["old_checkpoint"], "old checkpoint in the proof file")
    new = decode_checkpoint_file(obj["new_checkpoint"], "new checkpoint in the proof file")
    old_signer = verify_checkpoint_file(old, trusted)
    new_signer = verify_checkpoint_file(new, trusted)
    a, b = old.signed.checkpoint, new.signed.checkpoint
    verify_consistency(a.tree_size, b.tree_size, a.root_hash, b.root_hash, path)
    return ProofCheckResult("consistency", (a, b), (old_signer, new_signer))
