"""Verify an evidence bundle completely offline: no database, no token, no network.

Order of the checks, each failure recorded with the member it concerns, and checking goes on
after a failure so that the verdict lists everything wrong, not only the first thing:

1. the zip is safe to read (:mod:`~sealdesk.core.evidence.zipread`; else ``InputError``);
2. ``manifest.json`` is well formed; ``manifest.sig`` verifies over its exact bytes with the
   audit key (the bundle's certificate, or one the auditor trusts, chosen by key id);
3. the members are exactly those the manifest lists, each with the listed SHA-256 and size;
4. the checkpoint's signature verifies with the same audit key and matches the manifest;
5. every audit entry hashes to its listed hash and its inclusion proof leads to the root of
   THAT checkpoint (RFC 9162);
6. every document (:mod:`~sealdesk.core.evidence.verify_documents`): the seal validates with
   revocation OFFLINE using only what the PDF and the bundle carry, the sealed file begins with
   the original, and the log records sealing exactly these hashes.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from sealdesk.core.audit.checkpoint import (
    CheckpointFile,
    key_id_for,
    load_certificates,
    load_checkpoint_file,
    verify_checkpoint_file,
)
from sealdesk.core.audit.merkle import leaf_hash
from sealdesk.core.audit.proofs import check_proof_file
from sealdesk.core.evidence import manifest as m
from sealdesk.core.evidence.signature import verify_signature
from sealdesk.core.evidence.verdict import BundleVerdict
from sealdesk.core.evidence.verify_documents import check_documents
from sealdesk.core.evidence.zipread import BundleZip, MemberDamaged
from sealdesk.errors import InputError, RecordIntegrityError


def verify_bundle(
    path: Path | str,
    trusted_audit_cert_pem: bytes | None = None,
    trust_anchors: tuple[bytes, ...] | list[bytes] = (),
) -> BundleVerdict:
    """Check the bundle at ``path``; see the module docstring. Raises only ``InputError``.

    ``trusted_audit_cert_pem``: the audit certificate(s) the auditor trusts (PEM); without it the
    bundle's own certificate is used and the verdict says so. ``trust_anchors``: root
    certificates (PEM or DER) for the seals; without them the roots inside the bundle are used.
    """
    verdict = BundleVerdict(str(path), seal_roots_supplied=bool(trust_anchors))
    with BundleZip(Path(path)) as bundle:
        data = _read(bundle, m.MANIFEST, verdict)
        if data is None:
            return verdict
        try:
            manifest = m.parse_manifest(data)
        except InputError as ex:
            verdict.fail(m.MANIFEST, f"{ex.message} (the manifest was altered or is not "
                                     "SealDesk's)")
            return verdict
        verdict.created, verdict.exported_by = manifest.created, manifest.exported_by
        cert = _audit_certificate(bundle, manifest, trusted_audit_cert_pem, verdict)
        signed = cert is not None and _check_signature(bundle, data, manifest, cert, verdict)
        intact = _check_members(bundle, manifest, verdict)
        cert_pem = _pem(cert) if cert is not None else None
        checkpoint = _check_checkpoint(bundle, manifest, cert_pem, verdict)
        events = _check_entries(bundle, manifest, checkpoint, cert_pem, verdict)
        if signed:  # the PDFs (the large, complex input) are parsed only under a valid signature
            check_documents(bundle, manifest, events, intact, trust_anchors, verdict)
        else:
            verdict.notes.append("The sealed documents were not examined: the manifest's "
                                 "signature does not verify, so nothing in the bundle is "
                                 "vouched for (their hashes were still compared).")
    if not verdict.audit_trusted:
        verdict.notes.append(
            "The audit certificate was taken from the bundle: compare its SHA-256 fingerprint "
            f"{verdict.audit_certificate_sha256} with the audit certificate you trust, or "
            "supply that certificate (--trusted-audit-cert; in the viewer: Trusted audit "
            "certificate…).")
    if not verdict.seal_roots_supplied:
        verdict.notes.append("Seals were checked against root certificates inside the bundle; "
                             "supply your own roots (--trust; in the viewer: Trusted root…) to "
                             "anchor them independently.")
    return verdict


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.PEM)


def _read(bundle: BundleZip, name: str, verdict: BundleVerdict) -> bytes | None:
    if name not in bundle:
        verdict.fail(name, "missing from the bundle")
        return None
    try:
        return bundle.read(name)
    except MemberDamaged as ex:
        verdict.fail(name, ex.reason)
        return None


def _audit_certificate(bundle: BundleZip, manifest: m.Manifest, trusted: bytes | None,
                       verdict: BundleVerdict) -> x509.Certificate | None:
    """The certificate whose key must have signed manifest and checkpoint (by key id)."""
    data = _read(bundle, m.AUDIT_CERT, verdict)
    bundled = None
    if data is not None:
        try:
            bundled = load_certificates(data, "audit certificate")[0]
        except InputError as ex:
            verdict.fail(m.AUDIT_CERT, ex.message)
    if bundled is not None:
        verdict.audit_certificate_sha256 = bundled.fingerprint(hashes.SHA256()).hex()
        if _key_id(bundled) != manifest.key_id:
            verdict.fail(m.AUDIT_CERT, "certifies another key than the one manifest.json "
                                       "names as its signer (or is damaged)")
            bundled = None if trusted is None else bundled
    if trusted is None:
        return bundled
    for cert in load_certificates(trusted, "trusted audit certificate"):
        if _key_id(cert) == manifest.key_id:
            verdict.audit_trusted = True
            verdict.audit_certificate_sha256 = cert.fingerprint(hashes.SHA256()).hex()
            return cert
    verdict.fail(m.SIGNATURE, f"the bundle was signed by audit key {manifest.key_id[:16]}…, "
                              "which is not among the trusted audit certificates")
    return bundled


def _key_id(cert: x509.Certificate) -> str:
    """The key id, or "" for a certificate whose key cannot be read (a damaged one)."""
    try:
        return key_id_for(cert.public_key())  # type: ignore[arg-type]
    except (ValueError, UnsupportedAlgorithm):
        return ""


def _check_signature(bundle: BundleZip, data: bytes, manifest: m.Manifest,
                     cert: x509.Certificate, verdict: BundleVerdict) -> bool:
    """True if the manifest's signature verifies with ``cert``; else the verdict says why."""
    signature = _read(bundle, m.SIGNATURE, verdict)
    if signature is None:
        return False
    try:
        verify_signature(cert.public_key(), manifest.algorithm, data, signature)
    except RecordIntegrityError as ex:
        verdict.fail(m.SIGNATURE, ex.message)
        return False
    return True


def _check_members(bundle: BundleZip, manifest: m.Manifest, verdict: BundleVerdict) -> set[str]:
    """Exactly the listed members, each intact; returns the names that hashed correctly."""
    intact: set[str] = set()
    for name in sorted(set(bundle.members) - set(manifest.files) - {m.MANIFEST, m.SIGNATURE}):
        verdict.fail(name, "is in the bundle but not listed in manifest.json (added later)")
    for name, record in sorted(manifest.files.items()):
        if name not in bundle:
            verdict.fail(name, "is listed in manifest.json but missing from the bundle")
            continue
        try:
            found = bundle.sha256(name)
        except MemberDamaged as ex:
            verdict.fail(name, ex.reason)
            continue
        if found != record.sha256 or bundle.members[name].size != record.size:
            verdict.fail(name, f"was altered: SHA-256 {found[:16]}… found, {record.sha256[:16]}… "
                               "listed in the signed manifest")
            continue
        intact.add(name)
    return intact


def _check_checkpoint(bundle: BundleZip, manifest: m.Manifest, cert_pem: bytes | None,
                      verdict: BundleVerdict) -> CheckpointFile | None:
    data = _read(bundle, m.CHECKPOINT, verdict)
    if data is None:
        return None
    try:
        cpf = load_checkpoint_file(data)
        verify_checkpoint_file(cpf, cert_pem)
    except (InputError, RecordIntegrityError) as ex:
        verdict.fail(m.CHECKPOINT, ex.message)
        return None
    cp = cpf.signed.checkpoint
    verdict.checkpoint_tree_size = cp.tree_size
    verdict.checkpoint_time = cp.time.isoformat()
    if (cp.tree_size, cp.root_hash.hex(), cp.checkpoint_hash().hex()) != (
            manifest.checkpoint_tree_size, manifest.checkpoint_root, manifest.checkpoint_sha256):
        verdict.fail(m.CHECKPOINT, "is not the checkpoint manifest.json names (tree size, root "
                                   "or hash differ)")
    return cpf


def _check_entries(bundle: BundleZip, manifest: m.Manifest, checkpoint: CheckpointFile | None,
                   cert_pem: bytes | None, verdict: BundleVerdict) -> dict[int, dict]:  # type: ignore[type-arg]
    """Each entry's hash and inclusion proof; returns the events of the entries that held."""
    events: dict[int, dict] = {}  # type: ignore[type-arg]
    for index, record in sorted(manifest.entries.items()):
        entry = _read(bundle, record.file, verdict)
        proof = _read(bundle, record.proof, verdict)
        if entry is None or proof is None:
            continue
        try:
            result = check_proof_file(proof, cert_pem)
        except (InputError, RecordIntegrityError) as ex:
            verdict.fail(record.proof, ex.message)
            continue
        if leaf_hash(entry).hex() != record.entry_hash:
            verdict.fail(record.file, f"does not hash to the entry hash of log entry {index}: "
                                      "the entry was altered")
            continue
        if result.leaf_index != index or (result.entry_hash or b"").hex() != record.entry_hash:
            verdict.fail(record.proof, f"proves another entry than entry {index}")
            continue
        if checkpoint is not None and (
                result.checkpoints[0].signed_bytes()
                != checkpoint.signed.checkpoint.signed_bytes()):
            verdict.fail(record.proof, "is against another checkpoint than audit/checkpoint.json")
            continue
        verdict.entries_checked += 1
        if result.event is not None:
            events[index] = result.event
    return events
