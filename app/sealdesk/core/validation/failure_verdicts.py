"""Verdicts for signatures the AdES processes could not judge: unreadable, damaged, broken.

Kept apart from the mapping rules (explain.py): these do not translate a pyHanko outcome, they
replace one — for a signature whose CMS cannot be parsed, whose container is damaged, whose
signature value positively fails after pyHanko stopped short, or whose validation crashed.
"""

from __future__ import annotations

from .explain import Verdict
from .report import Finding, Indication, Severity, SubIndication


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


def damaged_verdict(problem: str) -> Verdict:
    """A signature container that parses only in part, or carries an altered certificate."""
    return Verdict(
        Indication.FAILED,
        SubIndication.FORMAT_FAILURE,
        (
            Finding(
                "signature.damaged",
                Severity.ERROR,
                f"The seal's signature data is damaged ({problem}). A seal whose signature "
                "bytes changed cannot be trusted; obtain an intact copy (or restore it from a "
                "backup).",
            ),
        ),
    )


def signature_invalid_verdict(previous: Verdict) -> Verdict:
    """An INDETERMINATE result whose signature turned out not to verify: FAILED, reasons kept."""
    headline = Finding(
        "integrity.signature_invalid",
        Severity.ERROR,
        "The seal's signature value does not verify with the signer's public key: the "
        "signature data was altered or forged. The seal is invalid.",
    )
    rest = tuple(f for f in previous.findings if f.code not in ("seal.valid", "signature.intact"))
    return Verdict(Indication.FAILED, SubIndication.SIG_CRYPTO_FAILURE, (headline, *rest))


def removed_verdict(field_name: str, last_revision: int | None) -> Verdict:
    """A seal that an earlier revision carried and a later update removed: FAILED, named so."""
    where = f" (revision {last_revision})" if last_revision is not None else ""
    return Verdict(
        Indication.FAILED,
        SubIndication.SUSPICIOUS_MODIFICATION,
        (
            Finding(
                "document.seal_removed",
                Severity.ERROR,
                f"An earlier revision{where} of this document carried a seal ('{field_name}') "
                "that was removed by a later update. What the document shows now is not "
                "covered by that seal and may have been changed. Do not rely on it; obtain "
                "the sealed original from the sender.",
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
