"""The bundle's manifest: what the bundle claims, in one JSON file signed by the audit key.

Layout of a bundle (a zip; every name below is fixed except the document files)::

    manifest.json                   this manifest (UTF-8 JSON)
    manifest.sig                    audit key's signature over the exact bytes of manifest.json
                                    (SHA-256; ECDSA as DER, or RSA PKCS #1 v1.5)
    audit/audit-cert.pem            the audit certificate (its key signed manifest and checkpoint)
    audit/checkpoint.json           ONE signed checkpoint (``sealdesk audit checkpoint export``)
    audit/entries/<index>.json      audit entries: the exact bytes hashed into the log
    audit/proofs/<index>.json       inclusion proof of each entry against that checkpoint
    documents/<id>/<name>.pdf       the sealed PDF
    documents/<id>/report.json      validation report made at export (schema sealdesk.validation/1)
    documents/<id>/certs/<n>.pem    certificates of the seal and timestamp chains
    documents/<id>/revinfo/<n>.der  OCSP responses (ocsp-*) and CRLs (crl-*) used or fetched

``files`` lists every member except ``manifest.json`` and ``manifest.sig`` with its SHA-256 and
size, so a changed byte anywhere is caught by a hash that the signature covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sealdesk.core.audit.checkpoint import parse_json_file
from sealdesk.core.evidence.zipread import check_member_name
from sealdesk.errors import InputError

FORMAT = "sealdesk-evidence-bundle"
VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
AUDIT_CERT = "audit/audit-cert.pem"
CHECKPOINT = "audit/checkpoint.json"
ABOUT = (
    "SealDesk evidence bundle. manifest.sig is the audit key's signature (SHA-256) over the "
    "bytes of manifest.json; 'files' gives the SHA-256 of every other member; each audit entry "
    "is proven (RFC 9162) against the signed checkpoint in audit/checkpoint.json. Verify with "
    "'sealdesk evidence verify BUNDLE' or by hand (see the SealDesk README)."
)

_HEX64 = re.compile(r"[0-9a-f]{64}")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def entry_member(index: int) -> str:
    return f"audit/entries/{index:08d}.json"


def proof_member(index: int) -> str:
    return f"audit/proofs/{index:08d}.json"


def document_folder(number: int) -> str:
    return f"documents/d{number:04d}"


def safe_name(name: str, default: str = "file") -> str:
    """Letters, digits and ``._-`` only: a name that means the same file everywhere."""
    return (_SAFE.sub("_", name).strip("._") or default)[:80]


def safe_file_name(name: str, default: str = "document.pdf") -> str:
    """A member name for a PDF (see :func:`safe_name`)."""
    base = _SAFE.sub("_", name).strip("._") or default
    if not base.lower().endswith(".pdf"):
        base += ".pdf"
    return base[-100:]


@dataclass(frozen=True)
class FileRecord:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class EntryRecord:
    index: int
    entry_hash: str
    type: str
    file: str
    proof: str


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    original_name: str
    original_sha256: str
    original_size: int
    sealed_sha256: str
    sealed_size: int
    file: str
    report: str
    indication_at_export: str
    sealed_at: str
    operator: str
    level: str
    entries: tuple[int, ...]
    certificates: tuple[str, ...]
    revocation: tuple[str, ...]


@dataclass(frozen=True)
class Manifest:
    """The parsed manifest; :func:`parse_manifest` checks its shape, not its truth."""

    raw: dict[str, Any]
    created: str
    exported_by: str
    key_id: str
    algorithm: str
    checkpoint_tree_size: int
    checkpoint_root: str
    checkpoint_sha256: str
    files: dict[str, FileRecord]
    entries: dict[int, EntryRecord]
    documents: tuple[DocumentRecord, ...]


def _get(obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise InputError(f"manifest.json is malformed: {where} has no {key!r}.")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(f"manifest.json is malformed: {where}.{key} has the wrong type.")
    return value


def _hex(obj: Any, key: str, where: str) -> str:
    value = _get(obj, key, str, where)
    if not _HEX64.fullmatch(value):
        raise InputError(f"manifest.json is malformed: {where}.{key} is not a SHA-256 (hex).")
    return value


def _member(obj: Any, key: str, where: str) -> str:
    value = _get(obj, key, str, where)
    check_member_name(value)
    return value


def parse_manifest(data: bytes) -> Manifest:
    """Read the manifest's structure; :class:`InputError` names the first malformed field."""
    obj = parse_json_file(data, "manifest.json")
    if obj.get("format") != FORMAT:
        raise InputError(f"manifest.json is not a SealDesk evidence manifest (format "
                         f"{obj.get('format')!r}).")
    if obj.get("version") != VERSION:
        raise InputError(f"Unsupported evidence bundle version {obj.get('version')!r}.",
                         hint=f"This SealDesk reads version {VERSION}; use a newer release.")
    sig = _get(obj, "signature", dict, "manifest")
    cp = _get(obj, "checkpoint", dict, "manifest")
    files = {}
    for i, item in enumerate(_get(obj, "files", list, "manifest")):
        record = FileRecord(_member(item, "path", f"files[{i}]"), _hex(item, "sha256", "file"),
                            _get(item, "size", int, f"files[{i}]"))
        if record.path in files or record.path in (MANIFEST, SIGNATURE):
            raise InputError(f"manifest.json lists {record.path!r} twice or as a file.")
        files[record.path] = record
    entries = {}
    for i, item in enumerate(_get(obj, "entries", list, "manifest")):
        where = f"entries[{i}]"
        record_e = EntryRecord(_get(item, "index", int, where), _hex(item, "entry_hash", where),
                               _get(item, "type", str, where), _member(item, "file", where),
                               _member(item, "proof", where))
        entries[record_e.index] = record_e
    documents = tuple(_document(item, f"documents[{i}]")
                      for i, item in enumerate(_get(obj, "documents", list, "manifest")))
    return Manifest(
        raw=obj, created=_get(obj, "created", str, "manifest"),
        exported_by=_get(obj, "exported_by", str, "manifest"),
        key_id=_hex(sig, "key_id", "signature"), algorithm=_get(sig, "algorithm", str, "sig"),
        checkpoint_tree_size=_get(cp, "tree_size", int, "checkpoint"),
        checkpoint_root=_hex(cp, "root_hash", "checkpoint"),
        checkpoint_sha256=_hex(cp, "checkpoint_sha256", "checkpoint"),
        files=files, entries=entries, documents=documents,
    )


def _document(item: Any, where: str) -> DocumentRecord:
    def members(key: str) -> tuple[str, ...]:
        values = _get(item, key, list, where)
        for value in values:
            if not isinstance(value, str):
                raise InputError(f"manifest.json is malformed: {where}.{key} holds a non-name.")
            check_member_name(value)
        return tuple(values)

    indices = _get(item, "entries", list, where)
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in indices):
        raise InputError(f"manifest.json is malformed: {where}.entries must be indices.")
    return DocumentRecord(
        id=_get(item, "id", str, where), original_name=_get(item, "original_name", str, where),
        original_sha256=_hex(item, "original_sha256", where),
        original_size=_get(item, "original_size", int, where),
        sealed_sha256=_hex(item, "sealed_sha256", where),
        sealed_size=_get(item, "sealed_size", int, where), file=_member(item, "file", where),
        report=_member(item, "report", where),
        indication_at_export=_get(item, "indication_at_export", str, where),
        sealed_at=_get(item, "sealed_at", str, where), operator=_get(item, "operator", str, where),
        level=_get(item, "level", str, where), entries=tuple(indices),
        certificates=members("certificates"), revocation=members("revocation"),
    )
