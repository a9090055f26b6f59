"""After a compromise: list the quarantined seals, and re-seal their originals with the new key.

Re-sealing takes the original from the content-addressed store (hash-checked), under its
original name, and seals it through the normal protocol (:func:`seal_documents`), so the new
seal is crash-safe, audited and exported like any other. Sealing is idempotent by (document,
policy), and the policy names the certificate, so a re-seal with the new key is a new seal by
design; the quarantined one stays as evidence. Each pair is linked in the audit log by a
``document.resealed`` event (``old_sealed_sha256``, ``new_sealed_sha256``). If a crash falls
between the new seal and its link, the next run finds the document already sealed with a usable
key and records the missing link, never a second seal.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.compromise import QUARANTINED
from sealdesk.services.sealing.batch import BatchResult, Outcome, seal_documents
from sealdesk.services.sealing.gates import compromised_certificates
from sealdesk.services.sealing.originals import extract_original
from sealdesk.services.sealing.times import effective_time
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Document, Seal


@dataclass(frozen=True)
class QuarantinedSeal:
    document_sha256: str
    name: str
    sealed_sha256: str
    certificate_sha256: str
    sealed_at: str
    time_source: str
    resealed_as: str = ""
    """The replacement seal's sealed-file hash, once re-sealed with a usable key."""
    size: int = 0
    """The original's size: it is the first ``size`` bytes of the sealed file."""


@dataclass
class ResealResult:
    batch: BatchResult | None = None
    linked: list[tuple[str, str]] = field(default_factory=list)
    """(old, new) sealed-file hashes linked by this run."""


def quarantined_seals(ctx: AppContext, certificate_sha256: str | None = None
                      ) -> list[QuarantinedSeal]:
    """Every quarantined seal (of one certificate if given), with its replacement if any."""
    bad = set(compromised_certificates(ctx))
    found = []
    with ctx.database.reader() as session:
        query = select(Seal).where(Seal.status == QUARANTINED).order_by(Seal.id)
        for seal in session.execute(query).scalars():
            if certificate_sha256 and seal.certificate_sha256 != certificate_sha256:
                continue
            when, source = effective_time(ctx, seal)
            replacement = next((s.sealed_sha256 for s in seal.document.seals
                                if s.status == "active" and s.certificate_sha256 not in bad), "")
            found.append(QuarantinedSeal(
                seal.document.sha256, seal.document.original_name, seal.sealed_sha256,
                seal.certificate_sha256, f"{when:%Y-%m-%d %H:%M:%S} UTC", source, replacement,
                size=seal.document.size))
    return found


def reseal(
    ctx: AppContext, pin: str | None, *, certificate_sha256: str | None = None,
    export_dir: Path | None = None, **sealing: object,
) -> ResealResult:
    """Seal the originals of quarantined seals again with the active key, and link them."""
    result = ResealResult()
    pending = [q for q in quarantined_seals(ctx, certificate_sha256) if not q.resealed_as]
    if pending:
        work = Path(tempfile.mkdtemp(prefix="reseal-", dir=ctx.paths.data_dir))
        try:
            files = [_original_copy(ctx, q, work) for q in pending]
            result.batch = seal_documents(ctx, files, pin, export_dir=export_dir,
                                          **sealing)  # type: ignore[arg-type]
        finally:
            shutil.rmtree(work, ignore_errors=True)
    result.linked = _link_replacements(ctx, certificate_sha256)
    return result


def _original_copy(ctx: AppContext, seal: QuarantinedSeal, folder: Path) -> Path:
    """The original, checked against its hash, as ``folder/<sha prefix>/<name>``."""
    return extract_original(
        ctx, sha256=seal.document_sha256, size=seal.size, sealed_sha256=seal.sealed_sha256,
        name=seal.name, target=folder / seal.document_sha256[:16] / Path(seal.name).name,
    )


def _link_replacements(ctx: AppContext, certificate_sha256: str | None) -> list[tuple[str, str]]:
    """Record ``document.resealed`` for every replaced quarantined seal not yet linked."""
    linked_before = _linked_old_hashes(ctx)
    linked = []
    for seal in quarantined_seals(ctx, certificate_sha256):
        if not seal.resealed_as or seal.sealed_sha256 in linked_before:
            continue
        record_now(ctx, ctx.event(
            EventType.DOCUMENT_RESEALED,
            {"document_sha256": seal.document_sha256, "sealed_sha256": seal.resealed_as},
            {"old_sealed_sha256": seal.sealed_sha256, "new_sealed_sha256": seal.resealed_as,
             "compromised_certificate_sha256": seal.certificate_sha256, "name": seal.name},
        ))
        linked.append((seal.sealed_sha256, seal.resealed_as))
    return linked


def _linked_old_hashes(ctx: AppContext) -> set[str]:
    with ctx.database.reader() as session:
        payloads = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == EventType.DOCUMENT_RESEALED.value)).scalars()
        return {json.loads(bytes(p))["details"]["old_sealed_sha256"] for p in payloads}


def summary(result: ResealResult) -> str:
    batch = result.batch
    if batch is None:
        return f"Nothing to re-seal; {len(result.linked)} link(s) recorded."
    counts = ", ".join(f"{batch.count(o)} {o.value}" for o in Outcome if batch.count(o))
    return f"Re-sealed: {counts}; {len(result.linked)} old/new pair(s) linked in the audit log."



def quarantine_note(ctx: AppContext, document_sha256: str) -> str:
    """For a document about to be sealed: why its earlier seal is quarantined, or ""."""
    bad = compromised_certificates(ctx)
    with ctx.database.reader() as session:
        hits = list(session.execute(select(Seal).join(Seal.document).where(
            Seal.status == QUARANTINED, Document.sha256 == document_sha256)).scalars())
        replaced = any(s.status == "active" and s.certificate_sha256 not in bad
                       for h in hits for s in h.document.seals)
    if not hits:
        return ""
    if replaced:
        return ("An earlier seal of this document is quarantined (its key was compromised); "
                "it was re-sealed with the new key.")
    return ("An earlier seal of this document is quarantined (its key was compromised): seal "
            "it again to give it a seal with the new key.")
