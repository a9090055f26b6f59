"""Translate pyHanko's AdES outcome into SealDesk's indication, sub-indication and findings.

Why a module of its own: this is the mapping table auditors ask about ("why INDETERMINATE and
not FAILED?"), so it lives in one place, with the wording. Rules:

1. pyHanko's ``AdESPassed`` / ``AdESFailure`` / ``AdESIndeterminate`` map 1:1 onto PASSED /
   FAILED / INDETERMINATE with the same ETSI sub-indication name.
2. One refinement: CERTIFICATE_CHAIN_GENERAL_FAILURE caused by revocation data that could not be
   fetched (online modes) becomes TRY_LATER, which is what EN 319 102-1 names that situation.
3. PDF-level overrides the CMS validation cannot see: a signature that does not cover its whole
   revision, later incremental updates other than validation data, form filling or
   annotations, or PDF objects appended after the last revision without a cross-reference
   section, make the result FAILED/SUSPICIOUS_MODIFICATION (unless already FAILED for a
   cryptographic reason, which stays the headline).
4. Never silent: every revision after the seal's and any byte after the file's last ``%%EOF``
   is reported. Trailing bytes without object syntax (text, NULs, padding) leave the verdict
   as it is, with a warning "bytes after the sealed revision are not covered": no reader shows
   them. Later revisions are reported by what they changed (:mod:`.changes`).
5. Impersonation (:mod:`.impostors`): a signer whose chain did not validate and whose name is
   the organisation's, or whose issuer is a look-alike of a trusted root, is FAILED/IMPERSONATION.
6. The first finding is the real cause: errors before warnings before notes, and among the
   errors cryptographic failure (the signature or its container is broken), then
   impersonation (the seal is forged), then modification after sealing, then the AdES
   sub-indication's own words (timestamp, then revocation, as pyHanko ranks them). A seal
   that FAILED never opens with "Seal is valid": its intact signature is a note after the
   cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyhanko.sign.ades.report import AdESStatus, AdESSubIndic
from pyhanko.sign.diff_analysis import DiffResult
from pyhanko.sign.diff_analysis import ModificationLevel as PyHankoModLevel
from pyhanko.sign.validation.status import SignatureCoverageLevel

from .ades_run import SignatureRun
from .changes import LaterChanges, TrailingData
from .impostors import impostor_finding
from .policy import RevocationMode
from .report import (
    Coverage,
    Finding,
    Indication,
    ModificationLevel,
    Severity,
    SubIndication,
)
from .wording import Context, day, describe_problem, revinfo_urls, revocation, when, who

_CRYPTO_FAILURES = frozenset({SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE})
_STRONGER = _CRYPTO_FAILURES | {SubIndication.IMPERSONATION}
"""Sub-indications a later modification does not replace as the headline (rule 6)."""
_REVINFO_PHRASES = ("no revocation information", "revocation checks failed")


@dataclass(frozen=True)
class Integrity:
    """pyHanko's coverage and difference analysis for one signature, in report terms."""

    coverage: Coverage | None
    modification_level: ModificationLevel | None
    changed_fields: tuple[str, ...] = ()
    suspicious_detail: str | None = None
    docmdp_ok: bool | None = None
    changes: LaterChanges = field(default_factory=LaterChanges)
    trailing: TrailingData | None = None

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
    """Rules 1-6 of the module docstring."""
    indication, sub = map_subindication(run.sub_indic)
    if sub is SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE and _revinfo_unobtainable(run, ctx):
        sub = SubIndication.TRY_LATER
    findings: list[Finding] = []
    impostor = None if indication is Indication.PASSED else impostor_finding(ctx)
    if impostor is not None and sub not in _CRYPTO_FAILURES:
        indication, sub = Indication.FAILED, SubIndication.IMPERSONATION
        findings.append(impostor)
    elif indication is Indication.PASSED:
        findings.extend(_passed_notes(run, ctx))
    else:
        findings.append(describe_problem(sub, run, ctx))
    findings.extend(_revocation_notes(run, ctx, indication))
    modification = _modification_findings(integrity, ctx)
    if any(f.severity is Severity.ERROR for f in modification) and sub not in _STRONGER:
        indication, sub = Indication.FAILED, SubIndication.SUSPICIOUS_MODIFICATION
        findings = [_intact_instead(f, ctx) for f in findings]
    findings.extend(modification)
    if indication is not Indication.PASSED:
        findings.extend(
            Finding("detail.pyhanko", Severity.INFO, f"Technical detail: {m}")
            for m in run.diagnostics[:3]
        )
    return Verdict(indication, sub, by_severity(findings))


def by_severity(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Rule 6: errors, then warnings, then notes; within each, the rank of the cause.

    A PASSED verdict opens with "Seal is valid: made by ..." (its reason), then its caveats.
    """
    return tuple(sorted(findings, key=_order))


def _order(finding: Finding) -> tuple[int, int]:
    rank = _cause_rank(finding)
    return (-1 if rank < 0 else _SEVERITY_ORDER[finding.severity], rank)


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_CAUSE_PREFIXES = (("integrity.", "signature."), ("impostor.",), ("document.",))


def _cause_rank(finding: Finding) -> int:
    if finding.code == "seal.valid":  # only PASSED verdicts have it: their reason, then caveats
        return -10
    for rank, prefixes in enumerate(_CAUSE_PREFIXES):
        if finding.code.startswith(prefixes):
            return rank
    return len(_CAUSE_PREFIXES)  # the AdES sub-indication's own words, in pyHanko's order


def _intact_instead(finding: Finding, ctx: Context) -> Finding:
    """"Seal is valid" becomes a note that the signature is intact but covers an older version."""
    if finding.code != "seal.valid":
        return finding
    sealed = f" (revision {ctx.revision})" if ctx.revision is not None else ""
    return Finding(
        "signature.intact",
        Severity.INFO,
        f"The seal's own signature is intact (made by {who(ctx)}, whose certificate chains to "
        f"a trusted root), but it covers only the sealed version{sealed}, not the document as "
        "it is now.",
    )


def _passed_notes(run: SignatureRun, ctx: Context) -> list[Finding]:
    notes: list[Finding] = []
    what = "Document timestamp" if ctx.is_doc_timestamp else "Seal"
    notes.append(
        Finding(
            "seal.valid",
            Severity.INFO,
            f"{what} is valid: made by {who(ctx)}, whose certificate chains to a trusted root.",
        )
    )
    revoked_on, reason = revocation(run)
    if revoked_on is not None:
        because = f" ({reason})" if reason else ""
        notes.append(
            Finding(
                "signer.revoked_after_seal",
                Severity.WARNING,
                f"Signer certificate revoked on {day(revoked_on)}{because}, after the seal's "
                f"timestamp ({when(run.best_signature_time)}): seal remains valid. "
                "Do not accept new seals from this certificate.",
            )
        )
    cert = ctx.signer_cert
    if cert is not None and cert.not_valid_after < ctx.validation_time:
        notes.append(
            Finding(
                "signer.expired_after_seal",
                Severity.INFO,
                f"Signer certificate expired on {day(cert.not_valid_after)}, after the seal was "
                f"proven to exist ({when(run.best_signature_time)}); validation data embedded "
                "in the document shows it was valid then: seal remains valid.",
            )
        )
    if run.past_validation is not None:
        notes.append(
            Finding(
                "validation.past",
                Severity.INFO,
                "Validated as of the seal's proof of existence "
                f"({when(run.best_signature_time)}) using evidence embedded in the document.",
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


def _revocation_notes(run: SignatureRun, ctx: Context, indication: Indication) -> list[Finding]:
    if (
        ctx.mode is RevocationMode.SOFT_FAIL
        and indication is Indication.PASSED
        and not ctx.signer_revinfo_found
        and revinfo_urls(ctx.signer_cert)
    ):
        return [
            Finding(
                "revocation.unchecked",
                Severity.WARNING,
                f"The revocation status of {who(ctx)} could not be checked (OCSP/CRL did not "
                "answer); accepted only because the policy is soft-fail. Re-validate later.",
            )
        ]
    return []


def _modification_findings(integrity: Integrity, ctx: Context) -> list[Finding]:
    """Rules 3 and 4: later revisions by what they changed, then bytes after the last one."""
    findings = _revision_findings(integrity, ctx)
    if integrity.trailing is not None:
        findings.append(_trailing_finding(integrity.trailing))
    return findings


def _revision_findings(integrity: Integrity, ctx: Context) -> list[Finding]:
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
    what = integrity.changes.describe()
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
        kinds = f" ({what})" if what else ""
        return [
            Finding(
                "document.annotations_added",
                Severity.WARNING,
                f"After sealing, annotations (comments, highlights, stamps) were added{kinds}. "
                "The sealed content is unchanged; annotations are not covered by this seal.",
            )
        ]
    if level is ModificationLevel.OTHER or integrity.docmdp_ok is False:
        changed = f": {what}" if what else ""
        findings = [
            Finding(
                "document.modified",
                Severity.ERROR,
                f"The document was changed after sealing{changed}. What it shows now differs "
                f"from what was sealed; only the sealed version{sealed} is covered. Obtain the "
                "sealed original from the sender.",
            )
        ]
        if integrity.suspicious_detail:
            findings.append(
                Finding(
                    "detail.modification",
                    Severity.INFO,
                    f"Technical detail: {integrity.suspicious_detail}",
                )
            )
        return findings
    return []


def _trailing_finding(trailing: TrailingData) -> Finding:
    if trailing.has_objects:
        return Finding(
            "document.objects_appended",
            Severity.ERROR,
            "Objects were appended outside the signed revision: the file ends with "
            f"{trailing.size} bytes of PDF objects that no revision of the document declares. "
            "Some PDF readers repair such a file and show those objects instead of the sealed "
            "ones, so what you see may not be what was sealed. Obtain the sealed original.",
        )
    return Finding(
        "document.trailing_bytes",
        Severity.WARNING,
        f"Bytes after the sealed revision are not covered: {trailing.size} bytes (text or "
        "padding, no PDF objects) were appended after the end of the file. PDF readers do not "
        "show them, so the sealed content is unaffected; do not rely on anything in those bytes.",
    )


def _revinfo_unobtainable(run: SignatureRun, ctx: Context) -> bool:
    """Whether pyHanko's chain failure was about revocation data it could not get."""
    if not ctx.fetching:
        return False
    text = " ".join(run.diagnostics).lower()
    return any(phrase in text for phrase in _REVINFO_PHRASES)
