"""What a validation trusts and how it treats revocation: one frozen object, built once.

Why a policy object: the same document can be PASSED under one set of trust anchors and
INDETERMINATE under another, so the policy is part of every report (``PolicySummary``) and every
verdict must be reproducible from it. The policy translates into pyHanko's two configuration
styles: ``SignatureValidationSpec`` for the AdES processes the validator runs, and a classic
``ValidationContext`` for code that needs one (e.g. embedding validation data when sealing).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import pem, x509
from pyhanko.sign.validation.policy_decl import (
    CertificateFetchingRule,
    LocalKnowledge,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.fetchers import FetcherBackend
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

from sealdesk.errors import ConfigError

from .report import CertificateInfo, PolicySummary

#: Seals made by other tools often carry only digitalSignature; ours carry both.
DEFAULT_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})


class RevocationMode(StrEnum):
    """How the validator obtains and insists on revocation information (OCSP / CRL)."""

    HARD_FAIL = "hard-fail"
    """Fetch online; a certificate that names an OCSP/CRL location must get an answer."""

    SOFT_FAIL = "soft-fail"
    """Fetch online; if no answer can be obtained, accept and say so in the report."""

    OFFLINE = "offline"
    """No network at all: only validation data embedded in the PDF (DSS, CMS) and the policy's
    extra certificates count. Missing revocation data makes a signature INDETERMINATE, as in
    hard-fail, because the point of offline checking is that the document proves itself."""


@dataclass(frozen=True)
class ValidationPolicy:
    """Trust anchors, revocation handling and the moment "as of" which to validate."""

    trust_anchors: tuple[x509.Certificate, ...]
    revocation_mode: RevocationMode = RevocationMode.HARD_FAIL
    moment: datetime | None = None
    """Validate as of this (aware) time instead of now. Online responders only answer about
    the present, so a past moment uses embedded validation data only."""
    extra_certs: tuple[x509.Certificate, ...] = ()
    """Intermediates the documents may lack; helpers for path building, never trusted."""
    key_usages: frozenset[str] = field(default=DEFAULT_KEY_USAGES)
    fetcher_backend: FetcherBackend | None = field(default=None, compare=False, repr=False)
    """Where OCSP/CRL/certificate fetches go; None: a fresh backend per validation. A bulk run
    passes a :class:`~sealdesk.core.validation.fetching.ReusingFetcherBackend`, so documents
    with the same issuers share fetched answers (still checked for freshness each time)."""
    extra_ocsps: tuple[asn1_ocsp.OCSPResponse, ...] = ()
    """OCSP responses obtained elsewhere (e.g. shipped in an evidence bundle); used like the
    document's own DSS data, so an offline check can rely on data fetched at export time."""
    extra_crls: tuple[asn1_crl.CertificateList, ...] = ()
    """CRLs obtained elsewhere, as :attr:`extra_ocsps`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "trust_anchors", tuple(self.trust_anchors))
        object.__setattr__(self, "extra_certs", tuple(self.extra_certs))
        object.__setattr__(self, "extra_ocsps", tuple(self.extra_ocsps))
        object.__setattr__(self, "extra_crls", tuple(self.extra_crls))
        if not self.trust_anchors:
            raise ConfigError(
                "No trust anchors are configured for validation.",
                hint="Add the root certificate(s) of your sealing PKI and TSA in Settings.",
            )
        if self.moment is not None and self.moment.tzinfo is None:
            raise ConfigError("The validation time must include a time zone.")

    @property
    def fetching_allowed(self) -> bool:
        return self.revocation_mode is not RevocationMode.OFFLINE and self.moment is None

    def summary(self) -> PolicySummary:
        return PolicySummary(
            revocation_mode=self.revocation_mode.value,
            moment=self.moment,
            trust_anchors=tuple(certificate_info(c) for c in self.trust_anchors),
        )

    def timing_info(self) -> ValidationTimingInfo | None:
        """pyHanko timing for the AdES processes; ``None`` means "now"."""
        if self.moment is None:
            return None
        return ValidationTimingInfo(
            validation_time=self.moment,
            best_signature_time=self.moment,
            point_in_time_validation=True,
        )

    def signature_validation_spec(
        self, local_knowledge: LocalKnowledge | None = None
    ) -> SignatureValidationSpec:
        """The AdES validation settings; ``local_knowledge`` carries the document's own data."""
        knowledge = local_knowledge or LocalKnowledge()
        if self.extra_certs or self.extra_ocsps or self.extra_crls:
            ocsps = [c for r in self.extra_ocsps for c in OCSPContainer.load_multi(r)]
            knowledge = LocalKnowledge(
                known_ocsps=[*knowledge.known_ocsps, *ocsps],
                known_crls=[*knowledge.known_crls, *map(CRLContainer, self.extra_crls)],
                known_certs=[*knowledge.known_certs, *self.extra_certs],
                known_poes=knowledge.known_poes,
                nonrevoked_assertions=knowledge.nonrevoked_assertions,
            )
        cert_policy = CertValidationPolicySpec(
            trust_manager=SimpleTrustManager.build(trust_roots=list(self.trust_anchors)),
            revinfo_policy=CertRevTrustPolicy(
                RevocationCheckingPolicy.from_legacy(self._legacy_revocation_mode)
            ),
        )
        return SignatureValidationSpec(
            cert_validation_policy=cert_policy,
            revinfo_gathering_policy=self._gathering_spec(),
            local_knowledge=knowledge,
            key_usage_settings=KeyUsageConstraints(
                key_usage=set(self.key_usages), match_all_key_usages=False
            ),
        )

    def validation_context(self, **overrides: Any) -> ValidationContext:
        """A classic pyHanko ``ValidationContext`` with this policy's trust and revocation mode.

        Keyword arguments are passed through (e.g. ``crls=``, ``ocsps=``) and win over defaults.
        """
        params: dict[str, Any] = {
            "trust_roots": list(self.trust_anchors),
            "other_certs": list(self.extra_certs),
            "allow_fetching": self.fetching_allowed,
            "revocation_mode": self._legacy_revocation_mode,
            "moment": self.moment,
        }
        if not self.fetching_allowed or self.extra_ocsps or self.extra_crls:
            # hard-fail without fetching needs explicit lists
            params.update(crls=list(self.extra_crls), ocsps=list(self.extra_ocsps))
        params.update(overrides)
        return ValidationContext(**params)

    @property
    def _legacy_revocation_mode(self) -> str:
        if self.revocation_mode is RevocationMode.SOFT_FAIL:
            return "soft-fail"
        return "hard-fail"

    def _gathering_spec(self) -> RevocationInfoGatheringSpec:
        if self.revocation_mode is RevocationMode.OFFLINE:
            return RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY,
                certificate_fetching_rule=CertificateFetchingRule.NEVER_FETCH,
            )
        return RevocationInfoGatheringSpec(
            online_fetching_rule=RevinfoOnlineFetchingRule.NO_HISTORICAL_FETCH,
            fetcher_backend=self.fetcher_backend,
        )


def certificate_info(cert: x509.Certificate) -> CertificateInfo:
    """The report's view of a certificate: who, which exactly (SHA-256), valid when."""
    return CertificateInfo(
        subject=cert.subject.human_friendly,
        sha256=hashlib.sha256(cert.dump()).hexdigest(),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
    )


def load_certificates(pem_or_der: Iterable[bytes]) -> tuple[x509.Certificate, ...]:
    """Certificates from PEM (one or several per blob) or DER blobs, for configuring anchors."""
    certs: list[x509.Certificate] = []
    for blob in pem_or_der:
        try:
            ders = [der for _, _, der in pem.unarmor(blob, True)] if pem.detect(blob) else [blob]
            for der in ders:
                cert = x509.Certificate.load(der)
                _ = cert.subject, cert.public_key, cert.not_valid_after  # parse now, not later
                certs.append(cert)
        except (ValueError, TypeError, KeyError) as e:
            raise ConfigError(
                f"A configured trust anchor is not a readable X.509 certificate ({e}).",
                hint="Export the root certificate as PEM or DER and configure it again.",
            ) from e
    return tuple(certs)
