"""Export an evidence bundle: sealed PDFs, their audit trail and proofs, signed by the audit key.

Steps, all in one token session (the audit key signs twice):

1. the auditor role is checked at the entry point (``access.denied`` recorded otherwise);
2. a fresh checkpoint is signed first, so the proofs cover every event up to the export;
3. per seal: the stored sealed file (its hash checked against the record), a validation
   report under the configured policy, the certificates and OCSP/CRL data it needs offline,
   and every audit entry naming the original or the sealed file, each with its inclusion
   proof against that ONE checkpoint;
4. the manifest is signed with the audit key and the zip written atomically (temp + rename);
   or, encrypted to recipients' certificates, the zip is built in memory and only its CMS
   EnvelopedData ``NAME.zip.p7m`` is written (:mod:`sealdesk.core.evidence.encrypt_bundle`),
   so no plaintext copy ever reaches the disk;
5. ``evidence.exported`` is recorded (bundle and manifest hashes, and for an encrypted bundle
   the recipients' certificate fingerprints), and a checkpoint taken.

Verification is :func:`sealdesk.core.evidence.verify_bundle` and needs none of this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import sealdesk
from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.chain import entry_bytes
from sealdesk.core.audit.checkpoint import CheckpointFile
from sealdesk.core.audit.events import EventType
from sealdesk.core.evidence import encrypt_bundle as cms
from sealdesk.core.evidence.encrypt_bundle import Recipient
from sealdesk.core.evidence.material import collect_material
from sealdesk.core.evidence.writer import BundleBuilder, DocumentPart, EntryPart
from sealdesk.core.token import TokenSelector, TokenSession, open_token_session
from sealdesk.core.validation import ValidationPolicy, validate_pdf
from sealdesk.errors import ConfigError, RecordIntegrityError, TokenError
from sealdesk.fsutil import output_file, sha256_file, write_output
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.checkpoints import (
    TokenCheckpointSigner,
    checkpoint_after_operation,
    create_checkpoint,
    latest_checkpoint_file,
)
from sealdesk.services.audit.log import record_login, record_now
from sealdesk.services.audit.proofs import inclusion_proof
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.select import (
    SelectedSeal,
    Selection,
    entries_concerning,
    select_seals,
)
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.storage.audit.repo import entry_at

__all__ = ["ExportResult", "Recipient", "Selection", "export_bundle"]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_sha256: str
    manifest_sha256: str
    documents: int
    entries: int
    checkpoint_tree_size: int
    encrypted_for: tuple[str, ...] = ()
    """SHA-256 fingerprints of the recipients' certificates; empty for a plain zip."""
    zip_sha256: str = ""
    """The zip's SHA-256: ``bundle_sha256`` for a plain bundle, the decrypted zip's otherwise."""


def export_bundle(
    ctx: AppContext, selection: Selection, out: Path, pin: str | None, *,
    progress: ProgressCallback = no_progress, encrypt_to: Sequence[Recipient] = (),
) -> ExportResult:
    """Write the bundle for ``selection`` to ``out`` (see the module docstring).

    With ``encrypt_to``, the bundle is encrypted to those certificates and written to
    ``out`` + ``.p7m`` (unless ``out`` already ends so); ``ExportResult.path`` names it.
    """
    require_role(ctx, Role.AUDITOR, "export evidence bundles")
    if not ctx.config.has_token:
        raise ConfigError("No token is configured, so the bundle cannot be signed.",
                          hint="Evidence bundles are signed with the audit key on the token.")
    recipients = cms.unique(encrypt_to)
    if recipients:
        out = cms.encrypted_path(out)
    with ctx.database.reader() as session:
        seals = select_seals(session, selection)
    if recipients:  # refused before the PIN is used and a checkpoint signed
        for recipient in recipients:
            cms.check_recipient(recipient.certificate, recipient.sha256[:16])
        if (documents := sum(s.sealed_size for s in seals)) > cms.ENCRYPTION_LIMIT:
            raise cms.too_large(documents)
    cfg = ctx.config.token
    selector = TokenSelector.from_config(cfg)
    try:
        session_cm = open_token_session(cfg.module, selector, pin, environment=cfg.environment,
                                        timeout=cfg.timeout_seconds)
        token = session_cm.__enter__()
    except TokenError as exc:
        record_login(ctx, selector, succeeded=False, reason=exc.message)
        raise
    try:
        record_login(ctx, selector, succeeded=True, token=token,
                     reason="signing an evidence bundle")
        result = _export_with(ctx, token, seals, selection, out, progress, recipients)
        checkpoint_after_operation(ctx, token)  # covers the evidence.exported event
        return result
    finally:
        session_cm.__exit__(None, None, None)


def _export_with(ctx: AppContext, token: TokenSession, seals: list[SelectedSeal],
                 selection: Selection, out: Path, progress: ProgressCallback,
                 recipients: list[Recipient]) -> ExportResult:
    create_checkpoint(ctx, token)
    checkpoint = latest_checkpoint_file(ctx)
    size = checkpoint.signed.checkpoint.tree_size
    builder = BundleBuilder(checkpoint, {
        "created": format_time(dt.datetime.now(dt.UTC)), "exported_by": ctx.actor.identity,
        "console_id": ctx.console_id, "software_version": sealdesk.__version__,
        "scope": selection.describe(),
    })
    policy = policy_from(ctx)
    for number, seal in enumerate(seals):
        progress(number, len(seals), seal.original_name)
        builder.add_document(_document_part(ctx, seal, policy, size))
    progress(len(seals), len(seals), "signing the manifest")
    indices = builder.entry_indices()
    for index in indices:
        builder.add_entry(_entry_part(ctx, index, checkpoint))
    signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
    if recipients:
        manifest, bundle_sha256, zip_sha256 = _write_encrypted(builder, signer, out, recipients)
    else:
        with output_file(out, "writing the evidence bundle") as handle:
            manifest = builder.write(handle, signer)
        bundle_sha256 = zip_sha256 = sha256_file(out)
    result = ExportResult(out, bundle_sha256, hashlib.sha256(manifest).hexdigest(),
                          len(seals), len(indices), size,
                          tuple(r.sha256 for r in recipients), zip_sha256)
    details: dict[str, Any] = {
        "manifest_sha256": result.manifest_sha256, "file": out.name,
        "path": str(out.resolve()),
        "documents": [s.sealed_sha256 for s in seals], "entries": len(indices),
        "checkpoint_tree_size": size, "scope": selection.describe(),
    }
    if recipients:
        details["encryption"] = {
            "format": cms.FORMAT, "content_cipher": cms.CONTENT_CIPHER,
            "key_transport": cms.KEY_TRANSPORT, "zip_sha256": zip_sha256,
            "recipient_certificates_sha256": list(result.encrypted_for),
        }
    record_now(ctx, ctx.event(
        EventType.EVIDENCE_EXPORTED, {"bundle_sha256": result.bundle_sha256}, details))
    return result


def _write_encrypted(builder: BundleBuilder, signer: TokenCheckpointSigner, out: Path,
                     recipients: list[Recipient]) -> tuple[bytes, str, str]:
    """Build the zip in memory, write only its encryption; (manifest, file and zip SHA-256)."""
    with cms.BundleBuffer() as buffer:
        manifest = builder.write(buffer, signer)
        with buffer.getbuffer() as plaintext:
            zip_sha256 = hashlib.sha256(plaintext).hexdigest()
            envelope = cms.encrypt_bundle(plaintext, recipients)
    write_output(out, envelope, "writing the encrypted evidence bundle")
    return manifest, hashlib.sha256(envelope).hexdigest(), zip_sha256


def _document_part(ctx: AppContext, seal: SelectedSeal, policy: ValidationPolicy,
                   covered: int) -> DocumentPart:
    if not ctx.store.verify(seal.sealed_sha256):
        raise RecordIntegrityError(
            f"The stored sealed copy of {seal.original_name} is missing or no longer matches "
            f"its recorded SHA-256 {seal.sealed_sha256[:16]}…",
            hint="Run 'sealdesk audit verify' and restore the store from a backup.",
        )
    with ctx.store.readable_path(seal.sealed_sha256) as path:
        report = validate_pdf(path, policy)
        material = collect_material(path, policy)
    with AuditReader(ctx.database) as reader, reader.session() as session:
        entries = entries_concerning(session, {seal.original_sha256, seal.sealed_sha256},
                                     covered)
    return DocumentPart(
        original_name=seal.original_name, original_sha256=seal.original_sha256,
        original_size=seal.original_size, sealed_sha256=seal.sealed_sha256,
        sealed_size=seal.sealed_size,
        open_sealed_pdf=partial(ctx.store.open_object, seal.sealed_sha256),
        report_json=report.to_json().encode("utf-8"), indication=str(report.indication),
        sealed_at=format_time(seal.sealed_at), operator=seal.operator, level=seal.level,
        entries=entries, certificates_pem=material.certificates_pem(),
        ocsp_der=material.ocsps, crl_der=material.crls,
    )


def _entry_part(ctx: AppContext, index: int, checkpoint: CheckpointFile) -> EntryPart:
    with AuditReader(ctx.database) as reader, reader.session() as session:
        entry = entry_at(session, index)
    if entry is None:
        raise RecordIntegrityError(f"Audit entry {index} is missing from the log.",
                             hint="Run 'sealdesk audit verify'; keep the database as it is.")
    data = entry_bytes(entry.index, entry.prev_hash, entry.payload_json)
    event_type = str(json.loads(entry.payload_json).get("type", ""))
    proof = inclusion_proof(ctx.database, index, checkpoint)
    return EntryPart(index, data, entry.entry_hash, event_type, proof)
