"""Translate pyHanko's AdES outcome into SealDesk's indication, sub-indication and findings.

Why a module of its own: this is the mapping table auditors ask about ("why INDETERMINATE and
not FAILED?"), so it lives in one place, with the wording. Rules:

1. pyHanko's ``AdESPassed`` / ``AdESFailure`` / ``AdESIndeterminate`` map 1:1 onto PASSED /
   FAILED / INDETERMINATE with the same ETSI sub-indication name.
2. One refinement: CERTIFICATE_CHAIN_GENERAL_FAILURE caused by revocation data that could not be
   fetched (online modes) becomes TRY_LATER, which is what EN 319 102-1 names that situation.
3. PDF-level overrides the CMS validation cannot see: a signature that does not cover its whole
   revision, or later incremental updates other than validation data, form filling or
   annotations, make the result FAILED/SUSPICIOUS_MODIFICATION (unless already FAILED for a
   cryptographic reason, which stays the headline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509
from pyhanko.sign.ades.report import AdESStatus, AdESSubIndic
from pyhanko.sign.diff_analysis import DiffResult
from pyhanko.sign.diff_analysis import ModificationLevel as PyHankoModLevel
from pyhanko.sign.validation.status import SignatureCoverageLevel

from .ades_run import SignatureRun
from .policy import RevocationMode
from .report import (
    Coverage,
    Finding,
    Indication,
    ModificationLevel,
    Severity,
    SubIndication,
)

_CRYPTO_FAILURES = frozenset({SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE})
_REVINFO_WORDS = ("revocation", "ocsp", "crl")


@dataclass(frozen=True)
class Integrity:
    """pyHanko's coverage and difference analysis for one signature, in report terms."""

    coverage: Coverage | None
    modification_level: ModificationLevel | None
    changed_fields: tuple[str, ...] = ()
    suspicious_detail: str | None = None
    docmdp_ok: bool | None = None

    @classmethod
    def from_pyhanko(cls, info: dict[str, object]) -> Integrity:
        coverage = info.get("coverage")
        diff = info.get("diff_result")
        docmdp_ok = info.get("docmdp_ok")
        level: ModificationLevel | None = None
        fields: tuple[str, ...] = ()
        detail = None
        if isinstance(diff, DiffResult):
            level = _MOD_LEVELS.get(diff.modification_level, ModificationLevel.OTHER)
            fields = tuple(sorted(diff.changed_form_fields))
        elif diff is not None:  # SuspiciousModification
            level = ModificationLevel.OTHER
            detail = str(diff).strip().splitlines()[0][:300] if str(diff).strip() else None
        return cls(
            coverage=_COVERAGE.get(coverage)
            if isinstance(coverage, SignatureCoverageLevel)
            else None,
            modification_level=level,
            changed_fields=fields,
            suspicious_detail=detail,
            docmdp_ok=docmdp_ok if isinstance(docmdp_ok, bool) else None,
        )


_COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: Coverage.ENTIRE_FILE,
    SignatureCoverageLevel.ENTIRE_REVISION: Coverage.ENTIRE_REVISION,
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: Coverage.PARTIAL,
    SignatureCoverageLevel.UNCLEAR: Coverage.PARTIAL,
}
_MOD_LEVELS = {
    PyHankoModLevel.NONE: ModificationLevel.NONE,
    PyHankoModLevel.LTA_UPDATES: ModificationLevel.LTA_UPDATES,
    PyHankoModLevel.FORM_FILLING: ModificationLevel.FORM_FILLING,
    PyHankoModLevel.ANNOTATIONS: ModificationLevel.ANNOTATIONS,
    PyHankoModLevel.OTHER: ModificationLevel.OTHER,
}


@dataclass(frozen=True)
class Context:
    """Facts the wording needs besides the run itself."""

    signer_cert: x509.Certificate | None
    mode: RevocationMode
    validation_time: datetime
    signer_revinfo_found: bool
    is_doc_timestamp: bool = False
    revision: int | None = None


@dataclass(frozen=True)
class Verdict:
    indication: Indication
    sub_indication: SubIndication | None
    findings: tuple[Finding, ...]


def map_subindication(sub: AdESSubIndic) -> tuple[Indication, SubIndication | None]:
    """Rule 1 of the module docstring."""
    if sub.status is AdESStatus.PASSED:
        return Indication.PASSED, None
    indication = Indication.FAILED if sub.status is AdESStatus.FAILED else Indication.INDETERMINATE
    try:
        return indication, SubIndication[sub.standard_name]
    except KeyError:  # a sub-indication newer than this table
        return indication, SubIndication.GENERIC


def verdict(run: SignatureRun, integrity: Integrity, ctx: Context) -> Verdict:
    indication, sub = map_subindication(run.sub_indic)
    if sub is SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE and _revinfo_unobtainable(run, ctx):
        sub = SubIndication.TRY_LATER
    findings: list[Finding] = []
    if indication is Indication.PASSED:
        findings.extend(_passed_notes(run, ctx))
    else:
        findings.append(_problem(sub, run, ctx))
    findings.extend(_revocation_notes(run, ctx, indication))
    modification = _modification_findings(integrity, ctx)
    findings.extend(modification)
    if any(f.severity is Severity.ERROR for f in modification) and sub not in _CRYPTO_FAILURES:
        indication, sub = Indication.FAILED, SubIndication.SUSPICIOUS_MODIFICATION
    if indication is not Indication.PASSED:
        findings.extend(
            Finding("detail.pyhanko", Severity.INFO, f"Technical detail: {m}")
            for m in run.diagnostics[:3]
        )
    return Verdict(indication, sub, tuple(findings))


def unreadable_verdict(problem: str) -> Verdict:
    """A signature whose CMS structure or byte ranges cannot even be parsed."""
    return Verdict(
        Indication.FAILED,
        SubIndication.FORMAT_FAILURE,
        (
            Finding(
                "signature.unreadable",
                Severity.ERROR,
                f"The seal's signature data is damaged or not a PAdES/CMS signature ({problem}). "
                "The seal cannot be trusted; obtain an intact copy from the sender.",
            ),
        ),
    )


def error_verdict(problem: str) -> Verdict:
    """Validation could not run to completion for a reason SealDesk did not anticipate."""
    return Verdict(
        Indication.INDETERMINATE,
        SubIndication.GENERIC,
        (
            Finding(
                "validation.incomplete",
                Severity.ERROR,
                f"Validation could not be completed ({problem}). Retry; if it persists, "
                "report the document to your SealDesk administrator.",
            ),
        ),
    )


# -- wording ------------------------------------------------------------------------------------
def _day(dt: datetime | None) -> str:
    return "an unknown date" if dt is None else dt.astimezone(UTC).strftime("%Y-%m-%d")


def _when(dt: datetime | None) -> str:
    return "an unknown time" if dt is None else dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _who(ctx: Context) -> str:
    if ctx.signer_cert is None:
        return "the signer"
    return _common_name(ctx.signer_cert)


def _common_name(cert: x509.Certificate) -> str:
    cn = cert.subject.native.get("common_name")
    return f"'{cn}'" if cn else cert.subject.human_friendly


def _revocation(run: SignatureRun) -> tuple[datetime | None, str | None]:
    details = getattr(run.status, "revocation_details", None)
    if details is None:
        return None, None
    reason = details.revocation_reason.native if details.revocation_reason else None
    if reason:
        reason = "reason: " + str(reason).replace("_", " ")
    return details.revocation_date, reason


def _passed_notes(run: SignatureRun, ctx: Context) -> list[Finding]:
    notes: list[Finding] = []
    what = "Document timestamp" if ctx.is_doc_timestamp else "Seal"
    notes.append(
        Finding(
            "seal.valid",
            Severity.INFO,
            f"{what} is valid: made by {_who(ctx)}, whose certificate chains to a trusted root.",
        )
    )
    revoked_on, reason = _revocation(run)
    if revoked_on is not None:
        because = f" ({reason})" if reason else ""
        notes.append(
            Finding(
                "signer.revoked_after_seal",
                Severity.WARNING,
                f"Signer certificate revoked on {_day(revoked_on)}{because}, after the seal's "
                f"timestamp ({_when(run.best_signature_time)}): seal remains valid. "
                "Do not accept new seals from this certificate.",
            )
        )
    cert = ctx.signer_cert
    if cert is not None and cert.not_valid_after < ctx.validation_time:
        notes.append(
            Finding(
                "signer.expired_after_seal",
                Severity.INFO,
                f"Signer certificate expired on {_day(cert.not_valid_after)}, after the seal was "
                f"proven to exist ({_when(run.best_signature_time)}); validation data embedded "
                "in the document shows it was valid then: seal remains valid.",
            )
        )
    if run.past_validation is not None:
        notes.append(
            Finding(
                "validation.past",
                Severity.INFO,
                "Validated as of the seal's proof of existence "
                f"({_when(run.best_signature_time)}) using evidence embedded in the document.",
            )
        )
    if run.timestamp is None and not ctx.is_doc_timestamp:
        notes.append(
            Finding(
                "timestamp.missing",
                Severity.WARNING,
                "The seal has no timestamp (PAdES B-B): its signing time is only claimed, and it "
                "stays provable only while the certificate is valid and not revoked.",
            )
        )
    return notes


def _problem(sub: SubIndication | None, run: SignatureRun, ctx: Context) -> Finding:
    if run.timestamp_is_culprit and run.timestamp is not None and not ctx.is_doc_timestamp:
        ts = run.timestamp
        ts_sub = map_subindication(ts.sub_indication)[1] if ts.sub_indication else sub
        tsa = ts.tsa_subject or "an unknown TSA"
        hint = _TS_HINTS.get(ts_sub, "the seal has no trustworthy time.")
        return Finding(
            "timestamp.invalid",
            Severity.ERROR,
            f"The seal's timestamp ({_when(ts.time)}, issued by {tsa}) could not be validated "
            f"({ts_sub}): {hint}",
        )
    builder = _PROBLEMS.get(sub) if sub is not None else None
    if builder is None:
        return Finding(
            "validation.failed",
            Severity.ERROR,
            f"Validation ended with {sub}. See the technical details below.",
        )
    return builder(run, ctx)


_TS_HINTS = {
    SubIndication.NO_CERTIFICATE_CHAIN_FOUND: "the time-stamping authority does not chain to a "
    "trusted root. If that TSA is legitimate, add its root as a trust anchor.",
}


def _revoked(run: SignatureRun, ctx: Context) -> Finding:
    revoked_on, reason = _revocation(run)
    because = f" ({reason})" if reason else ""
    return Finding(
        "signer.revoked",
        Severity.ERROR,
        f"Signer certificate of {_who(ctx)} was revoked on {_day(revoked_on)}{because}, and a "
        "content timestamp proves the seal was made after that. The seal is invalid.",
    )


def _revoked_no_poe(run: SignatureRun, ctx: Context) -> Finding:
    revoked_on, reason = _revocation(run)
    because = f" ({reason})" if reason else ""
    return Finding(
        "signer.revoked_before_proof",
        Severity.ERROR,
        f"Signer certificate of {_who(ctx)} was revoked on {_day(revoked_on)}{because}. The "
        f"earliest proof that the seal existed is {_when(run.best_signature_time)}, after the "
        "revocation, so nothing shows it was made while the certificate was valid. Do not rely "
        "on this seal.",
    )


def _out_of_bounds(run: SignatureRun, ctx: Context) -> Finding:
    cert = ctx.signer_cert
    expiry = cert.not_valid_after if cert is not None else None
    poe = run.best_signature_time
    if expiry is not None and poe is not None and poe > expiry:
        text = (
            f"Signer certificate expired on {_day(expiry)}, and the earliest proof that the "
            f"seal existed is {_when(poe)}, after the expiry. Do not rely on this seal."
        )
    else:
        text = (
            f"Signer certificate expired on {_day(expiry)}. The seal is proven to exist on "
            f"{_when(poe)}, before the expiry, but the document lacks revocation data from "
            "before the expiry protected by a document timestamp (PAdES B-LTA), so it cannot "
            "be shown the certificate was not revoked then. Seal documents at B-LTA and renew "
            "their timestamps to keep them provable."
        )
    return Finding("signer.expired", Severity.ERROR, text)


def _untrusted(run: SignatureRun, ctx: Context) -> Finding:
    issuer = ctx.signer_cert.issuer.human_friendly if ctx.signer_cert is not None else "unknown"
    return Finding(
        "chain.untrusted",
        Severity.ERROR,
        f"The certificate of {_who(ctx)} does not chain to any trusted root of this policy "
        f"(issuer: {issuer}). If that issuer is legitimate, add its root certificate as a "
        "trust anchor; otherwise treat the seal as not trustworthy.",
    )


def _chain_failure(run: SignatureRun, ctx: Context) -> Finding:
    if ctx.mode is RevocationMode.OFFLINE:
        return Finding(
            "revocation.not_embedded",
            Severity.ERROR,
            "Validated offline, and the document does not embed revocation data (OCSP/CRL) for "
            f"every certificate in the chain of {_who(ctx)}. Validate online, or ask the sealer "
            "for a PAdES B-LT or B-LTA copy.",
        )
    return Finding(
        "chain.invalid",
        Severity.ERROR,
        f"The certificate chain of {_who(ctx)} could not be validated. See the technical "
        "details below.",
    )


def _try_later(run: SignatureRun, ctx: Context) -> Finding:
    urls = _revinfo_urls(ctx.signer_cert)
    where = f" ({', '.join(urls)})" if urls else ""
    return Finding(
        "revocation.unavailable",
        Severity.ERROR,
        "The revocation status (OCSP/CRL) of the certificate chain could not be obtained"
        f"{where}. Retry when the responders are reachable, or validate a PAdES B-LT/B-LTA "
        "copy offline.",
    )


_Builder = Callable[[SignatureRun, Context], Finding]


def _fixed(code: str, text: str) -> _Builder:
    return lambda run, ctx: Finding(code, Severity.ERROR, text)


_PROBLEMS: dict[SubIndication, _Builder] = {
    SubIndication.HASH_FAILURE: _fixed(
        "integrity.hash_mismatch",
        "The document bytes covered by the seal were changed after sealing (digest mismatch). "
        "The content cannot be trusted.",
    ),
    SubIndication.SIG_CRYPTO_FAILURE: _fixed(
        "integrity.signature_invalid",
        "The seal's signature value does not verify with the signer's public key: the "
        "signature data was altered or forged. The seal is invalid.",
    ),
    SubIndication.FORMAT_FAILURE: _fixed(
        "signature.malformed",
        "The seal's signature data does not follow the PAdES/CMS format. The seal is invalid.",
    ),
    SubIndication.REVOKED: _revoked,
    SubIndication.REVOKED_NO_POE: _revoked_no_poe,
    SubIndication.OUT_OF_BOUNDS_NO_POE: _out_of_bounds,
    SubIndication.OUT_OF_BOUNDS_NOT_REVOKED: _out_of_bounds,
    SubIndication.REVOCATION_OUT_OF_BOUNDS_NO_POE: _out_of_bounds,
    SubIndication.EXPIRED: _fixed(
        "signer.expired_before_seal",
        "A content timestamp proves the seal was made after the signer certificate expired. "
        "Do not rely on this seal.",
    ),
    SubIndication.NOT_YET_VALID: _fixed(
        "signer.not_yet_valid",
        "The seal was made before the signer certificate became valid. Do not rely on it.",
    ),
    SubIndication.NO_CERTIFICATE_CHAIN_FOUND: _untrusted,
    SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE: _chain_failure,
    SubIndication.TRY_LATER: _try_later,
    SubIndication.REVOKED_CA_NO_POE: _fixed(
        "chain.ca_revoked",
        "A CA certificate in the signer's chain was revoked, and nothing proves the seal "
        "existed before that. Do not rely on this seal.",
    ),
    SubIndication.SIG_CONSTRAINTS_FAILURE: _fixed(
        "policy.constraints",
        "The seal does not meet the validation constraints (for example, the certificate is "
        "not meant for signing or sealing). See the technical details below.",
    ),
    SubIndication.CRYPTO_CONSTRAINTS_FAILURE: _fixed(
        "crypto.weak",
        "The seal uses a cryptographic algorithm or key size no longer considered secure.",
    ),
    SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE: _fixed(
        "crypto.weak_no_poe",
        "The seal uses an algorithm that is no longer secure, and nothing proves it was made "
        "while the algorithm was still acceptable.",
    ),
    SubIndication.NO_SIGNING_CERTIFICATE_FOUND: _fixed(
        "signature.no_certificate",
        "The seal does not contain the signer's certificate, so it cannot be checked.",
    ),
    SubIndication.TIMESTAMP_ORDER_FAILURE: _fixed(
        "timestamp.order",
        "The seal's timestamps are in an impossible order (content timestamp after the "
        "signature timestamp).",
    ),
}


def _revocation_notes(run: SignatureRun, ctx: Context, indication: Indication) -> list[Finding]:
    if (
        ctx.mode is RevocationMode.SOFT_FAIL
        and indication is Indication.PASSED
        and not ctx.signer_revinfo_found
        and _revinfo_urls(ctx.signer_cert)
    ):
        return [
            Finding(
                "revocation.unchecked",
                Severity.WARNING,
                f"The revocation status of {_who(ctx)} could not be checked (OCSP/CRL did not "
                "answer); accepted only because the policy is soft-fail. Re-validate later.",
            )
        ]
    return []


def _modification_findings(integrity: Integrity, ctx: Context) -> list[Finding]:
    sealed = f" (revision {ctx.revision})" if ctx.revision is not None else ""
    if integrity.coverage is Coverage.PARTIAL:
        return [
            Finding(
                "document.partial_coverage",
                Severity.ERROR,
                "The seal covers only part of its revision of the file; content outside it may "
                "have been altered. Do not rely on what the document shows.",
            )
        ]
    level = integrity.modification_level
    if level is ModificationLevel.LTA_UPDATES:
        return [
            Finding(
                "document.validation_data_added",
                Severity.INFO,
                "Later updates only add validation data (revocation data, document "
                "timestamps): expected for long-term seals.",
            )
        ]
    if level is ModificationLevel.FORM_FILLING:
        names = ", ".join(integrity.changed_fields) or "some fields"
        return [
            Finding(
                "document.form_filled",
                Severity.INFO,
                f"After sealing, form fields were filled in ({names}). The sealed content is "
                "unchanged; the filled-in values are not covered by this seal.",
            )
        ]
    if level is ModificationLevel.ANNOTATIONS:
        return [
            Finding(
                "document.annotations_added",
                Severity.WARNING,
                "After sealing, annotations (comments, highlights, stamps) were added. The "
                "sealed content is unchanged; annotations are not covered by this seal.",
            )
        ]
    if level is ModificationLevel.OTHER or integrity.docmdp_ok is False:
        detail = f" ({integrity.suspicious_detail})" if integrity.suspicious_detail else ""
        return [
            Finding(
                "document.modified",
                Severity.ERROR,
                "The document was changed after sealing in ways that are not form filling, "
                f"annotations or validation data{detail}. What it shows now may differ from "
                f"what was sealed; only the sealed version{sealed} is covered.",
            )
        ]
    return []


def _revinfo_unobtainable(run: SignatureRun, ctx: Context) -> bool:
    if ctx.mode is RevocationMode.OFFLINE:
        return False
    text = " ".join(run.diagnostics).lower()
    return not ctx.signer_revinfo_found or any(w in text for w in _REVINFO_WORDS)


def _revinfo_urls(cert: x509.Certificate | None) -> list[str]:
    if cert is None:
        return []
    urls = list(cert.ocsp_urls)
    urls.extend(dp.url for dp in cert.crl_distribution_points if dp.url)
    return urls
