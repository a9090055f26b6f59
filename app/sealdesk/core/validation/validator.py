"""Re-verify one PAdES PDF: every signature and document timestamp, one report.

The public entry points are :func:`validate_pdf` (synchronous, runs its own event loop) and
:func:`async_validate_pdf` (for callers already inside an event loop). Both accept PDFs sealed
by any PAdES tool, not only by SealDesk. Unusable input raises ``sealdesk.errors.InputError``;
a damaged signature inside a readable PDF is reported as FAILED/FORMAT_FAILURE instead, so the
other signatures of that document are still judged.

Document timestamps are validated first: a valid one proves that everything in the revisions it
covers (earlier signatures, DSS validation data) existed at its time, which the later past
validation of those signatures may need.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure
from pyhanko.sign.validation import EmbeddedPdfSignature

from sealdesk.errors import InputError

from .ades_run import ProvenTimestamp, RunContext, SignatureRun, run_document_timestamp
from .ades_run import run_signature as run_signature_processes
from .changes import later_changes, trailing_data
from .container import check_container, is_parse_error, seal_signature_fails, signature_fails
from .container_parts import certificates
from .crypto_profile import profile_of
from .explain import Integrity, Verdict, by_severity, verdict
from .failure_verdicts import (
    damaged_verdict,
    error_verdict,
    removed_verdict,
    signature_invalid_verdict,
    unreadable_verdict,
)
from .pdf_input import (
    DocumentEvidence,
    SignatureSlot,
    list_signature_slots,
    open_pdf,
    read_document_evidence,
    sha256_of_file,
)
from .policy import ValidationPolicy, certificate_info
from .report import (
    DocumentReport,
    Finding,
    Indication,
    PadesLevel,
    Severity,
    SignatureKind,
    SignatureReport,
)
from .signature_facts import chain, claimed_time, revinfo_covers, revocation_sources, signer_cert
from .wording import Context

__all__ = ["async_validate_pdf", "validate_pdf"]

logger = logging.getLogger(__name__)


def validate_pdf(path: Path | str, policy: ValidationPolicy) -> DocumentReport:
    """Validate every signature of the PDF at ``path`` under ``policy``."""
    return asyncio.run(async_validate_pdf(path, policy))


async def async_validate_pdf(path: Path | str, policy: ValidationPolicy) -> DocumentReport:
    """As :func:`validate_pdf`, for callers that already run an event loop."""
    path = Path(path)
    checked_at = datetime.now(UTC)
    try:
        sha256 = sha256_of_file(path)
    except OSError as e:
        raise InputError(
            f"Cannot read {path.name}: {e.strerror or e}.",
            hint="Check that the file exists and that SealDesk may read it.",
        ) from e
    with open_pdf(path) as reader:
        slots = list_signature_slots(reader, path.name)
        evidence, notes = _document_evidence(reader, slots)
        ctx = RunContext(
            reader=reader,
            spec=policy.signature_validation_spec(evidence.knowledge),
            timing=policy.timing_info(),
            validation_time=policy.moment or checked_at,
        )
        checker = _Checker(reader, policy, evidence, slots)
        reports = await checker.check_all(ctx)
    return DocumentReport(
        path=str(path),
        sha256=sha256,
        signatures=reports,
        checked_at=checked_at,
        policy=policy.summary(),
        notes=notes,
    )


def _document_evidence(
    reader: PdfFileReader, slots: list[SignatureSlot]
) -> tuple[DocumentEvidence, tuple[Finding, ...]]:
    """Embedded validation data; a damaged DSS is set aside, not fatal for the signatures."""
    try:
        return read_document_evidence(reader, slots), ()
    except Exception as e:  # malformed DSS streams, OCSP responses or CRLs
        note = Finding(
            "document.dss_unreadable",
            Severity.WARNING,
            f"The document's embedded validation data (DSS) is damaged and was ignored "
            f"({_short(e)}). Signatures are judged with online data only.",
        )
        return DocumentEvidence(), (note,)


class _Checker:
    """Per-document state shared by the checks of its signatures."""

    def __init__(
        self,
        reader: PdfFileReader,
        policy: ValidationPolicy,
        evidence: DocumentEvidence,
        slots: list[SignatureSlot],
    ) -> None:
        self.reader = reader
        self.policy = policy
        self.evidence = evidence
        self.slots = slots

    async def check_all(self, ctx: RunContext) -> tuple[SignatureReport, ...]:
        by_index: dict[int, SignatureReport] = {}
        proven: list[ProvenTimestamp] = []
        for ix, slot in enumerate(self.slots):
            if slot.is_doc_timestamp:
                report = await self.check(slot, ctx)
                by_index[ix] = report
                time, revision = report.timestamp_time, slot.revision
                if report.indication is Indication.PASSED and time and revision is not None:
                    proven.append(ProvenTimestamp(revision, time))
        ctx = dataclasses.replace(ctx, proven_timestamps=tuple(proven))
        for ix, slot in enumerate(self.slots):
            if not slot.is_doc_timestamp:
                by_index[ix] = await self.check(slot, ctx)
        return tuple(by_index[ix] for ix in range(len(self.slots)))

    async def check(self, slot: SignatureSlot, ctx: RunContext) -> SignatureReport:
        kind = (
            SignatureKind.DOCUMENT_TIMESTAMP if slot.is_doc_timestamp else SignatureKind.SIGNATURE
        )
        es = slot.embedded
        if slot.removed_after is not None:
            return _bare_report(slot, kind, removed_verdict(slot.field_name, slot.revision))
        if es is None:
            return _bare_report(slot, kind, unreadable_verdict(slot.problem or "unreadable"))
        damage = check_container(es.signed_data, self._known_certs())
        if damage is not None and damage.fatal:
            return _bare_report(slot, kind, damaged_verdict(damage.describe()))
        try:
            es.compute_integrity_info()
            integrity_kwargs = es.summarise_integrity_info()
        except Exception as e:  # byte ranges or xrefs pyHanko cannot make sense of
            return _bare_report(slot, kind, unreadable_verdict(_short(e)))
        integrity = dataclasses.replace(
            Integrity.from_pyhanko(integrity_kwargs),
            changes=later_changes(self.reader, es.signed_revision),
            trailing=trailing_data(self.reader),
        )
        try:
            if slot.is_doc_timestamp:
                run = await run_document_timestamp(es, ctx)
            else:
                run = await run_signature_processes(es, ctx, integrity_kwargs)
        except Exception as e:  # keep the other signatures' verdicts; log for the developers
            if signature_fails(es.signed_data):  # the seal's or its timestamp's signature
                return _bare_report(slot, kind, signature_invalid_verdict(Verdict(
                    Indication.FAILED, None, ()
                )))
            if damage is not None:  # a damaged certificate the container check set aside
                return _bare_report(slot, kind, damaged_verdict(damage.describe()))
            if is_parse_error(e) or _format_failure(e):  # damage the checks could not reach
                return _bare_report(slot, kind, damaged_verdict(_short(e)))
            logger.warning(
                "validation of signature %s failed unexpectedly: %s", slot.field_name, _short(e),
                exc_info=True,
            )
            return _bare_report(slot, kind, error_verdict(_short(e)))
        signer = signer_cert(es, run)
        context = Context(
            signer_cert=signer,
            mode=self.policy.revocation_mode,
            validation_time=ctx.validation_time,
            signer_revinfo_found=revinfo_covers(run.validation_objects, signer),
            is_doc_timestamp=slot.is_doc_timestamp,
            revision=slot.revision,
            moment=self.policy.moment,
            trust_anchors=tuple(self.policy.trust_anchors),
            extra_certs=tuple(self.policy.extra_certs),
            known_certs=(*_carried(es), *self._known_certs()),
        )
        result = verdict(run, integrity, context)
        if _names_broken_signature_first(result):
            pass
        elif seal_signature_fails(es.signed_data) or (
            result.indication is Indication.INDETERMINATE and signature_fails(es.signed_data)
        ):  # a broken signature also breaks its timestamp's imprint: name the signature first
            result = signature_invalid_verdict(result)
        if damage is not None and result.indication is Indication.PASSED:
            result = _with_warning(result, damage.describe())  # an extra certificate only
        elif damage is not None:  # the seal did not pass: the damage is the likelier cause
            return _bare_report(slot, kind, damaged_verdict(damage.describe()))
        try:
            return self._report(slot, kind, es, run, integrity, result, signer)
        except Exception as e:  # a certificate in the container damaged beyond the checks
            if not is_parse_error(e):
                raise
            return _bare_report(slot, kind, damaged_verdict(_short(e)))

    def _known_certs(self) -> list[x509.Certificate]:
        """Certificates at hand besides the container's own: anchors, extras, the DSS."""
        return [
            *self.policy.trust_anchors,
            *self.policy.extra_certs,
            *self.evidence.knowledge.known_certs,
        ]

    def _report(
        self,
        slot: SignatureSlot,
        kind: SignatureKind,
        es: EmbeddedPdfSignature,
        run: SignatureRun,
        integrity: Integrity,
        result: Verdict,
        signer: x509.Certificate | None,
    ) -> SignatureReport:
        ts = run.timestamp
        return SignatureReport(
            field_name=slot.field_name,
            kind=kind,
            indication=result.indication,
            sub_indication=result.sub_indication,
            findings=result.findings,
            signer_subject=signer.subject.human_friendly if signer is not None else None,
            signer_cert_sha256=certificate_info(signer).sha256 if signer is not None else None,
            chain=chain(es, run, signer),
            signing_time=None if slot.is_doc_timestamp else _utc(claimed_time(es)),
            timestamp_time=_utc(ts.time) if ts else None,
            timestamp_tsa=ts.tsa_subject if ts else None,
            timestamp_valid=ts.valid if ts else None,
            proof_of_existence=_utc(run.best_signature_time),
            coverage=integrity.coverage,
            modification_level=integrity.modification_level,
            pades_level=None if slot.is_doc_timestamp else self._level(slot, run),
            revocation_sources=revocation_sources(run.validation_objects, self.evidence),
            revision=slot.revision,
            crypto=None if slot.is_doc_timestamp else _crypto_profile(es, signer),
        )

    def _level(self, slot: SignatureSlot, run: SignatureRun) -> PadesLevel:
        """Structural PAdES baseline level (EN 319 142-1): what the document contains."""
        revision = slot.revision or 0
        later_ts = [
            s.revision
            for s in self.slots
            if s.is_doc_timestamp and s.revision is not None and s.revision > revision
        ]
        if run.timestamp is None and not later_ts:
            return PadesLevel.B_B
        if not self.evidence.has_revinfo:
            return PadesLevel.B_T
        dss_revision = self.evidence.dss_revision or 0
        if any(r >= dss_revision for r in later_ts):
            return PadesLevel.B_LTA
        return PadesLevel.B_LT


def _bare_report(slot: SignatureSlot, kind: SignatureKind, result: Verdict) -> SignatureReport:
    return SignatureReport(
        field_name=slot.field_name,
        kind=kind,
        indication=result.indication,
        sub_indication=result.sub_indication,
        findings=result.findings,
        revision=slot.revision,
    )


def _names_broken_signature_first(result: Verdict) -> bool:
    first = result.findings[0].code if result.findings else ""
    return first in ("integrity.signature_invalid", "integrity.hash_mismatch")


def _crypto_profile(
    es: EmbeddedPdfSignature, signer: x509.Certificate | None
) -> dict[str, object] | None:
    if signer is None:
        return None
    try:
        return profile_of(es.signed_data, signer).to_dict()
    except Exception:  # a damaged part the verdict already speaks for
        return None


def _carried(es: EmbeddedPdfSignature) -> tuple[x509.Certificate, ...]:
    try:
        return tuple(certificates(es.signed_data))
    except Exception:  # damaged certificate set: the container check reported it
        return ()


def _with_warning(result: Verdict, problem: str) -> Verdict:
    warning = Finding(
        "signature.extra_certificate_damaged",
        Severity.WARNING,
        f"An extra certificate carried in the seal is damaged ({problem}). The seal does not "
        "rest on it (it is not the signer's and not in its chain), so the verdict above is "
        "unaffected; the sender's software or a transfer altered it.",
    )
    return dataclasses.replace(result, findings=by_severity((*result.findings, warning)))


def _format_failure(error: BaseException) -> bool:
    """pyHanko's own verdict that a signature's structure is broken, raised instead of returned."""
    return getattr(error, "ades_subindication", None) == AdESFailure.FORMAT_FAILURE


def _utc(dt: datetime | None) -> datetime | None:
    return None if dt is None else dt.astimezone(UTC)


def _short(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"[:300]
