"""Run pyHanko's ETSI EN 319 102-1 processes on one signature or document timestamp.

Which process, and why not just ``ades_lta_validation``: with pyHanko 0.38 the LTA process
returns INDETERMINATE/NO_POE for perfectly good B-T and B-LT seals (it runs past-signature
validation even when the current-time result is PASSED and then reports that failure), and
INDETERMINATE/SIG_CONSTRAINTS_FAILURE for B-B seals. So this module composes the building blocks
the standard itself composes:

* § 5.3 basic validation (``ades_basic_validation``) for a signature without timestamp;
* § 5.5 validation with time (``ades_with_time_validation``) when a signature timestamp exists;
* § 5.6.2.4 past signature validation (``ades_past_signature_validation``) when the current-time
  result is one the standard lets proofs of existence (POE) overturn (revoked / expired / weak
  algorithm "no POE" cases). POEs come from the signature timestamp and from document timestamps
  that were themselves validated first, covering the DSS content of their revision.

One more correction: pyHanko's § 5.5 step passes a signature whose certificate has expired as
long as the timestamp predates the expiry, without asking for revocation data from before the
expiry. EN 319 102-1 leaves that case INDETERMINATE/OUT_OF_BOUNDS_NO_POE unless past validation
succeeds, so an expired signer certificate always goes through past validation here.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate, AdESPassed, AdESStatus, AdESSubIndic
from pyhanko.sign.general import extract_certificate_info
from pyhanko.sign.validation import EmbeddedPdfSignature, generic_cms
from pyhanko.sign.validation.ades import (
    ades_basic_validation,
    ades_past_signature_validation,
    ades_timestamp_validation,
    ades_with_time_validation,
)
from pyhanko.sign.validation.policy_decl import SignatureValidationSpec
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureStatus
from pyhanko_certvalidator.ltv.poe import POEManager, POEType, ValidationObject
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from .pdf_input import dss_objects_in_revision

#: current-time results that § 5.6.2.4 past signature validation may overturn
PAST_VALIDATION_CANDIDATES: frozenset[AdESSubIndic] = frozenset(
    {
        AdESIndeterminate.REVOKED_NO_POE,
        AdESIndeterminate.REVOKED_CA_NO_POE,
        AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
        AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
        AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
        AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE,
        AdESIndeterminate.TRY_LATER,
    }
)

_NOISE = ("No document timestamps after signature",)


@dataclass(frozen=True)
class TimestampFacts:
    """What a timestamp token says, and whether it validated."""

    time: datetime | None
    tsa_subject: str | None
    valid: bool
    sub_indication: AdESSubIndic | None = None


@dataclass(frozen=True)
class ProvenTimestamp:
    """A document timestamp that validated: proof that its revision existed at ``time``."""

    revision: int
    time: datetime


@dataclass(frozen=True)
class RunContext:
    reader: PdfFileReader
    spec: SignatureValidationSpec
    timing: ValidationTimingInfo | None
    validation_time: datetime
    proven_timestamps: tuple[ProvenTimestamp, ...] = ()


@dataclass(frozen=True)
class SignatureRun:
    """The raw outcome of the AdES processes, before translation into report terms."""

    sub_indic: AdESSubIndic
    status: SignatureStatus | None
    best_signature_time: datetime | None
    validation_objects: tuple[ValidationObject, ...]
    timestamp: TimestampFacts | None
    timestamp_is_culprit: bool
    past_validation: AdESSubIndic | None
    """Result of § 5.6.2.4 if it ran, else None."""
    diagnostics: tuple[str, ...]


async def run_signature(
    es: EmbeddedPdfSignature, ctx: RunContext, integrity: dict[str, object]
) -> SignatureRun:
    """§ 5.3 or § 5.5, then § 5.6.2.4 where the standard allows POE to change the result."""
    with capture_diagnostics() as diagnostics:
        sig_ts = next(generic_cms.extract_tst_data_iter(es.signer_info, signed=False), None)
        if sig_ts is not None:
            result = await ades_with_time_validation(
                es.signed_data,
                ctx.spec,
                timing_info=ctx.timing,
                raw_digest=es.compute_digest(),
                extra_status_kwargs=integrity,
                status_cls=PdfSignatureStatus,
            )
            best_time: datetime | None = result.best_signature_time
        else:
            result = await ades_basic_validation(
                es.signed_data, ctx.spec, timing_info=ctx.timing, raw_digest=es.compute_digest()
            )
            best_time = None
        sub: AdESSubIndic = result.ades_subindic
        status = result.api_status
        timestamp, culprit = None, False
        if sig_ts is not None:
            timestamp, culprit = await _signature_timestamp_facts(es, sig_ts, sub, status, ctx)

    if best_time is None:  # no signature timestamp: a later document timestamp still proves
        later = [p.time for p in ctx.proven_timestamps if p.revision > es.signed_revision]
        best_time = min(later, default=None)
    past: AdESSubIndic | None = None
    current = sub
    if sub == AdESPassed.OK and _expired(es, ctx.validation_time):
        current = AdESIndeterminate.OUT_OF_BOUNDS_NO_POE  # see module docstring
    if current in PAST_VALIDATION_CANDIDATES:
        # its log output restates the current-time problem in confusing terms: not captured
        poe = _poe_manager(es, ctx, best_time)
        past = await ades_past_signature_validation(
            es.signed_data,
            ctx.spec,
            poe,
            current_time_sub_indic=cast(AdESIndeterminate, current),
            init_control_time=ctx.validation_time,
        )
        best_time = poe[es.signer_info["signature"].native]
        # § 5.6.2.4: past validation either improves the result or the current one stands
        improved = past == AdESPassed.OK or past.status is AdESStatus.FAILED
        sub = past if improved else current
    return SignatureRun(
        sub_indic=sub,
        status=status,
        best_signature_time=best_time,
        validation_objects=tuple(result.validation_objects),
        timestamp=timestamp,
        timestamp_is_culprit=culprit,
        past_validation=past,
        diagnostics=tuple(diagnostics),
    )


def _expired(es: EmbeddedPdfSignature, moment: datetime) -> bool:
    try:
        return es.signer_cert.not_valid_after < moment
    except Exception:  # no signer certificate: pyHanko's sub-indication already says so
        return False


async def run_document_timestamp(es: EmbeddedPdfSignature, ctx: RunContext) -> SignatureRun:
    """§ 5.4 timestamp validation of a /DocTimeStamp against the bytes it covers."""
    with capture_diagnostics() as diagnostics:
        result = await ades_timestamp_validation(
            es.signed_data,
            ctx.spec,
            expected_tst_imprint=es.compute_digest,
            timing_info=ctx.timing,
        )
    facts = _token_facts(es.signed_data, valid=result.ades_subindic == AdESPassed.OK)
    return SignatureRun(
        sub_indic=result.ades_subindic,
        status=result.api_status,
        best_signature_time=facts.time,
        validation_objects=tuple(result.validation_objects),
        timestamp=facts,
        timestamp_is_culprit=result.ades_subindic != AdESPassed.OK,
        past_validation=None,
        diagnostics=tuple(diagnostics),
    )


async def _signature_timestamp_facts(
    es: EmbeddedPdfSignature,
    token: cms.SignedData,
    sub: AdESSubIndic,
    status: SignatureStatus | None,
    ctx: RunContext,
) -> tuple[TimestampFacts, bool]:
    """Timestamp facts; on failure, validate the token alone to tell whose fault it is."""
    ts_status = getattr(status, "timestamp_validity", None)
    if sub == AdESPassed.OK or ts_status is not None:
        valid = ts_status is not None and ts_status.trusted
        return _token_facts(token, valid=valid), False
    alone = await ades_timestamp_validation(
        token,
        ctx.spec,
        expected_tst_imprint=generic_cms.message_imprint_checker(es.signer_info),
        timing_info=ctx.timing,
    )
    ok = alone.ades_subindic == AdESPassed.OK
    facts = _token_facts(token, valid=ok, sub_indication=None if ok else alone.ades_subindic)
    signer_fine = status is not None and status.trust_problem_indic is None
    return facts, not ok and signer_fine


def _token_facts(
    token: cms.SignedData, *, valid: bool, sub_indication: AdESSubIndic | None = None
) -> TimestampFacts:
    try:
        gen_time: datetime | None = token["encap_content_info"]["content"].parsed["gen_time"].native
    except (ValueError, KeyError, TypeError):
        gen_time = None
    try:
        tsa: str | None = extract_certificate_info(token).signer_cert.subject.human_friendly
    except Exception:  # token without its TSA certificate: report what we can
        tsa = None
    return TimestampFacts(gen_time, tsa, valid, sub_indication)


def _poe_manager(
    es: EmbeddedPdfSignature, ctx: RunContext, signature_time: datetime | None
) -> POEManager:
    """Proofs of existence: the signature timestamp, then every validated document timestamp."""
    poe = POEManager()
    ctx.spec.local_knowledge.add_to_poe_manager(poe)
    signature_bytes = es.signer_info["signature"].native
    if signature_time is not None:
        poe.register(signature_bytes, POEType.VALIDATION, signature_time)
    cms_certs = [c.chosen.dump() for c in es.signed_data["certificates"] or ()]
    for proven in ctx.proven_timestamps:
        if proven.revision > es.signed_revision:
            poe.register(signature_bytes, POEType.VALIDATION, proven.time)
            for der in cms_certs:
                poe.register(der, POEType.VALIDATION, proven.time)
        for der in dss_objects_in_revision(ctx.reader, proven.revision):
            poe.register(der, POEType.VALIDATION, proven.time)
    return poe


class _DiagnosticsHandler(logging.Handler):
    """Collects pyHanko's warnings for this thread only (validations may run in parallel)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        lines = record.getMessage().strip().splitlines()
        text = lines[0][:400] if lines else ""
        if text and not text.startswith(_NOISE) and text not in self.messages:
            self.messages.append(text)


@contextlib.contextmanager
def capture_diagnostics() -> Iterator[list[str]]:
    """pyHanko explains failures only in log records; keep them for the report's details."""
    handler = _DiagnosticsHandler()
    loggers = [logging.getLogger("pyhanko"), logging.getLogger("pyhanko_certvalidator")]
    for lg in loggers:
        lg.addHandler(handler)
    try:
        yield handler.messages
    finally:
        for lg in loggers:
            lg.removeHandler(handler)
