"""Writing a bundle: collect the parts, hash every member, sign the manifest, write the zip.

Pure (no database, no token): the export service gathers the parts and hands in a signer that
holds the audit key (:class:`~sealdesk.core.audit.checkpoint.CheckpointSigner`, the same key
that signs checkpoints). The signature is checked with the audit certificate before anything is
written, so a bundle never leaves SealDesk with a manifest its own certificate rejects.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from cryptography import x509

from sealdesk.core.audit.checkpoint import CheckpointFile, CheckpointSigner, export_checkpoint
from sealdesk.core.evidence import manifest as m
from sealdesk.core.evidence.signature import verify_signature
from sealdesk.errors import RecordIntegrityError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class EntryPart:
    """One audit entry: its exact bytes, hash, event type and inclusion proof file."""

    index: int
    entry_bytes: bytes
    entry_hash: bytes
    event_type: str
    proof: bytes


@dataclass
class DocumentPart:
    """One sealed document with everything needed to check it without SealDesk's database."""

    original_name: str
    original_sha256: str
    original_size: int
    sealed_sha256: str
    sealed_size: int
    open_sealed_pdf: Callable[[], BinaryIO]
    """Opens the sealed PDF's content (the store's reader: its copy may be encrypted)."""
    report_json: bytes
    indication: str
    sealed_at: str
    operator: str
    level: str
    entries: list[int] = field(default_factory=list)
    certificates_pem: list[tuple[str, bytes]] = field(default_factory=list)
    """(common name, PEM); the name only makes the member name readable."""
    ocsp_der: list[bytes] = field(default_factory=list)
    crl_der: list[bytes] = field(default_factory=list)


class BundleBuilder:
    """Collects members in memory (PDFs by opener, read when written) and writes the signed
    zip once."""

    def __init__(self, checkpoint: CheckpointFile, metadata: dict[str, Any]) -> None:
        self.checkpoint = checkpoint
        self.metadata = metadata
        self._data: dict[str, bytes] = {}
        self._pdfs: dict[str, Callable[[], BinaryIO]] = {}
        self._entries: dict[int, EntryPart] = {}
        self._documents: list[dict[str, Any]] = []
        signed = checkpoint.signed
        self._data[m.AUDIT_CERT] = checkpoint.certificate_pem
        self._data[m.CHECKPOINT] = export_checkpoint(signed, checkpoint.certificate_pem)

    def add_entry(self, entry: EntryPart) -> None:
        if entry.index in self._entries:
            return
        self._entries[entry.index] = entry
        self._data[m.entry_member(entry.index)] = entry.entry_bytes
        self._data[m.proof_member(entry.index)] = entry.proof

    def add_document(self, doc: DocumentPart) -> None:
        folder = m.document_folder(len(self._documents) + 1)
        pdf = f"{folder}/{m.safe_file_name(doc.original_name.rsplit('.', 1)[0] + '.sealed.pdf')}"
        self._pdfs[pdf] = doc.open_sealed_pdf
        report = f"{folder}/report.json"
        self._data[report] = doc.report_json
        certs = []
        for number, (name, blob) in enumerate(doc.certificates_pem, start=1):
            member = f"{folder}/certs/{number:02d}-{m.safe_name(name)}.pem"
            self._data[member] = blob
            certs.append(member)
        revinfo = self._numbered(folder, "revinfo", "ocsp", ".der", _unique(doc.ocsp_der))
        revinfo += self._numbered(folder, "revinfo", "crl", ".der", _unique(doc.crl_der))
        self._documents.append({
            "id": folder.rsplit("/", 1)[1], "original_name": doc.original_name,
            "original_sha256": doc.original_sha256, "original_size": doc.original_size,
            "sealed_sha256": doc.sealed_sha256, "sealed_size": doc.sealed_size, "file": pdf,
            "report": report, "indication_at_export": doc.indication,
            "sealed_at": doc.sealed_at, "operator": doc.operator, "level": doc.level,
            "entries": sorted(set(doc.entries)), "certificates": certs, "revocation": revinfo,
        })

    def entry_indices(self) -> list[int]:
        """Every audit entry some document names (the export adds each with its proof)."""
        return sorted({i for d in self._documents for i in d["entries"]})

    def _numbered(self, folder: str, sub: str, stem: str, ext: str,
                  blobs: list[bytes]) -> list[str]:
        names = []
        for number, blob in enumerate(blobs, start=1):
            name = f"{folder}/{sub}/{stem}-{number:02d}{ext}"
            self._data[name] = blob
            names.append(name)
        return names

    def manifest_bytes(self, signer: CheckpointSigner) -> bytes:
        cp = self.checkpoint.signed.checkpoint
        files = [{"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                 for name, data in self._data.items()]
        files += [{"path": name, **_file_digest(opener)} for name, opener in self._pdfs.items()]
        document = {
            "format": m.FORMAT, "version": m.VERSION, "about": m.ABOUT, **self.metadata,
            "signature": {"file": m.SIGNATURE, "algorithm": signer.algorithm,
                          "key_id": signer.key_id, "certificate": m.AUDIT_CERT},
            "checkpoint": {"file": m.CHECKPOINT, "tree_size": cp.tree_size,
                           "root_hash": cp.root_hash.hex(),
                           "checkpoint_sha256": cp.checkpoint_hash().hex()},
            "files": sorted(files, key=lambda f: f["path"]),
            "entries": [
                {"index": e.index, "entry_hash": e.entry_hash.hex(), "type": e.event_type,
                 "file": m.entry_member(e.index), "proof": m.proof_member(e.index)}
                for e in sorted(self._entries.values(), key=lambda e: e.index)
            ],
            "documents": self._documents,
        }
        return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()

    def write(self, target: BinaryIO, signer: CheckpointSigner) -> bytes:
        """Sign and write the bundle to ``target``; returns the manifest bytes."""
        if signer.key_id != self.checkpoint.signed.checkpoint.key_id:
            raise RecordIntegrityError("The key signing the manifest is not the audit key of the "
                                 "checkpoint in the bundle.",
                                 hint="Export again after the audit key rotation completes.")
        manifest = self.manifest_bytes(signer)
        signature = signer.sign(manifest)
        cert = x509.load_pem_x509_certificate(self.checkpoint.certificate_pem)
        verify_signature(cert.public_key(), signer.algorithm, manifest, signature)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr(m.MANIFEST, manifest)
            bundle.writestr(m.SIGNATURE, signature)
            for name, data in sorted(self._data.items()):
                bundle.writestr(name, data)
            for name, opener in sorted(self._pdfs.items()):
                stored = zipfile.ZipInfo(name, date_time=time.localtime()[:6])  # as writestr
                with opener() as source, bundle.open(stored, "w") as member:
                    shutil.copyfileobj(source, member, _CHUNK)
        return manifest


def _unique(blobs: list[bytes]) -> list[bytes]:
    seen: dict[bytes, None] = {}
    for blob in blobs:
        seen.setdefault(blob, None)
    return list(seen)


def _file_digest(opener: Callable[[], BinaryIO]) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    with opener() as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}
