"""Words for what went wrong: one finding per ETSI sub-indication, actionable and specific.

Kept apart from the mapping rules (explain.py) so the wording can be reviewed on its own: every
message names the certificate or timestamp concerned, the relevant dates, and the next step.
:class:`Context` (the facts a message needs besides the AdES run) lives here, with the words
that read it: explain.py builds verdicts from it and imports it from here, never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeAlias

from asn1crypto import x509
from pyhanko.sign.ades.report import AdESSubIndic

from .ades_run import SignatureRun
from .policy import RevocationMode
from .report import Finding, Severity, SubIndication


@dataclass(frozen=True)
class Context:
    """Facts the wording needs besides the run itself."""

    signer_cert: x509.Certificate | None
    mode: RevocationMode
    validation_time: datetime
    signer_revinfo_found: bool
    is_doc_timestamp: bool = False
    revision: int | None = None
    moment: datetime | None = None
    """Set for point-in-time validation ("as of"): nothing is fetched then."""
    trust_anchors: tuple[x509.Certificate, ...] = ()
    extra_certs: tuple[x509.Certificate, ...] = ()
    """The policy's extra certificates (the organisation's own, intermediates)."""
    known_certs: tuple[x509.Certificate, ...] = ()
    """Every certificate at hand: carried in the seal, extra, embedded in the DSS."""

    @property
    def fetching(self) -> bool:
        return self.mode is not RevocationMode.OFFLINE and self.moment is None



def _sub_name(sub: AdESSubIndic) -> SubIndication:
    return SubIndication.__members__.get(sub.standard_name, SubIndication.GENERIC)


def day(dt: datetime | None) -> str:
    return "an unknown date" if dt is None else dt.astimezone(UTC).strftime("%Y-%m-%d")


def when(dt: datetime | None) -> str:
    return "an unknown time" if dt is None else dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def who(ctx: Context) -> str:
    if ctx.signer_cert is None:
        return "the signer"
    return _common_name(ctx.signer_cert)


def _common_name(cert: x509.Certificate) -> str:
    cn = cert.subject.native.get("common_name")
    return f"'{cn}'" if cn else cert.subject.human_friendly


def revocation(run: SignatureRun) -> tuple[datetime | None, str | None]:
    details = getattr(run.status, "revocation_details", None)
    if details is None:
        return None, None
    reason = details.revocation_reason.native if details.revocation_reason else None
    if reason:
        reason = "reason: " + str(reason).replace("_", " ")
    return details.revocation_date, reason


def describe_problem(sub: SubIndication | None, run: SignatureRun, ctx: Context) -> Finding:
    """The headline finding of a signature that did not pass."""
    if run.timestamp_is_culprit and run.timestamp is not None and not ctx.is_doc_timestamp:
        ts = run.timestamp
        ts_sub = _sub_name(ts.sub_indication) if ts.sub_indication else sub
        tsa = ts.tsa_subject or "an unknown TSA"
        hint = _TS_HINTS.get(ts_sub, "the seal has no trustworthy time.")
        return Finding(
            "timestamp.invalid",
            Severity.ERROR,
            f"The seal's timestamp ({when(ts.time)}, issued by {tsa}) could not be validated "
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
    revoked_on, reason = revocation(run)
    because = f" ({reason})" if reason else ""
    return Finding(
        "signer.revoked",
        Severity.ERROR,
        f"Signer certificate of {who(ctx)} was revoked on {day(revoked_on)}{because}, and a "
        "content timestamp proves the seal was made after that. The seal is invalid.",
    )


def _revoked_no_poe(run: SignatureRun, ctx: Context) -> Finding:
    revoked_on, reason = revocation(run)
    because = f" ({reason})" if reason else ""
    return Finding(
        "signer.revoked_before_proof",
        Severity.ERROR,
        f"Signer certificate of {who(ctx)} was revoked on {day(revoked_on)}{because}. The "
        f"earliest proof that the seal existed is {when(run.best_signature_time)}, after the "
        "revocation, so nothing shows it was made while the certificate was valid. Do not rely "
        "on this seal.",
    )


def _out_of_bounds(run: SignatureRun, ctx: Context) -> Finding:
    cert = ctx.signer_cert
    expiry = cert.not_valid_after if cert is not None else None
    poe = run.best_signature_time
    if expiry is not None and poe is not None and poe > expiry:
        text = (
            f"Signer certificate expired on {day(expiry)}, and the earliest proof that the "
            f"seal existed is {when(poe)}, after the expiry. Do not rely on this seal."
        )
    else:
        text = (
            f"Signer certificate expired on {day(expiry)}. The seal is proven to exist on "
            f"{when(poe)}, before the expiry, but the document lacks revocation data from "
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
        f"The certificate of {who(ctx)} does not chain to any trusted root of this policy "
        f"(issuer: {issuer}). If that issuer is legitimate, add its root certificate as a "
        "trust anchor; otherwise treat the seal as not trustworthy.",
    )


def _chain_failure(run: SignatureRun, ctx: Context) -> Finding:
    if not ctx.fetching:
        return _not_embedded(ctx)
    return Finding(
        "chain.invalid",
        Severity.ERROR,
        f"The certificate chain of {who(ctx)} could not be validated. See the technical "
        "details below.",
    )


def _not_embedded(ctx: Context) -> Finding:
    if ctx.moment is not None:
        text = (
            f"Validated as of {when(ctx.moment)}: the document does not embed revocation data "
            f"(OCSP/CRL) that was current at that moment for the chain of {who(ctx)}, and "
            "online responders only answer about the present. Validate as of a time covered "
            "by the embedded data, or without a fixed time."
        )
    else:
        text = (
            "Validated offline, and the document does not embed revocation data (OCSP/CRL) "
            f"for every certificate in the chain of {who(ctx)}. Validate online, or ask the "
            "sealer for a PAdES B-LT or B-LTA copy."
        )
    return Finding("revocation.not_embedded", Severity.ERROR, text)


def _try_later(run: SignatureRun, ctx: Context) -> Finding:
    if not ctx.fetching:
        return _not_embedded(ctx)
    urls = revinfo_urls(ctx.signer_cert)
    where = f" ({', '.join(urls)})" if urls else ""
    return Finding(
        "revocation.unavailable",
        Severity.ERROR,
        "The revocation status (OCSP/CRL) of the certificate chain could not be obtained"
        f"{where}. Retry when the responders are reachable, or validate a PAdES B-LT/B-LTA "
        "copy offline.",
    )


_Builder: TypeAlias = Callable[[SignatureRun, Context], Finding]


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


def revinfo_urls(cert: x509.Certificate | None) -> list[str]:
    if cert is None:
        return []
    urls = list(cert.ocsp_urls)
    urls.extend(dp.url for dp in cert.crl_distribution_points if dp.url)
    return urls
