"""Facts a signature report states besides the verdict: signer, chain, claimed time, sources.

Read from pyHanko's objects after the AdES processes ran; each helper tolerates what a damaged
or foreign signature may lack (a missing certificate, a malformed /M), because a report is
written for every signature, whatever its verdict.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from asn1crypto import x509
from pyhanko.sign.validation import EmbeddedPdfSignature
from pyhanko_certvalidator.ltv.poe import ValidationObject, ValidationObjectType, digest_for_poe

from .ades_run import SignatureRun
from .pdf_input import DocumentEvidence
from .policy import certificate_info
from .report import CertificateInfo


def signer_cert(es: EmbeddedPdfSignature, run: SignatureRun) -> x509.Certificate | None:
    status_cert = getattr(run.status, "signing_cert", None)
    if isinstance(status_cert, x509.Certificate):
        return status_cert
    try:
        return es.signer_cert
    except Exception:  # certificate missing from the CMS: reported via the sub-indication
        return None


def chain(
    es: EmbeddedPdfSignature, run: SignatureRun, signer: x509.Certificate | None
) -> tuple[CertificateInfo, ...]:
    """Leaf first; the validated path if there is one, else what the signature carries."""
    path = getattr(run.status, "validation_path", None)
    if path is not None:
        certs = list(path.iter_certs(include_root=True))
        return tuple(certificate_info(c) for c in reversed(certs))
    carried = [signer] if signer is not None else []
    with contextlib.suppress(Exception):  # nothing more to show
        carried += es.other_embedded_certs
    return tuple(certificate_info(c) for c in carried)


def claimed_time(es: EmbeddedPdfSignature) -> datetime | None:
    try:
        return es.self_reported_timestamp
    except Exception:  # malformed /M: the claimed time is informational only
        return None


def revinfo_covers(objects: tuple[ValidationObject, ...], cert: x509.Certificate | None) -> bool:
    """Whether any OCSP response or CRL used speaks about ``cert``."""
    if cert is None:
        return False
    for vo in objects:
        if vo.object_type is ValidationObjectType.OCSP_RESPONSE:
            basic = vo.value.ocsp_response_data["response_bytes"]["response"].parsed
            for single in basic["tbs_response_data"]["responses"]:
                if single["cert_id"]["serial_number"].native == cert.serial_number:
                    return True
        elif vo.object_type is ValidationObjectType.CRL and vo.value.crl_data.issuer == cert.issuer:
            return True
    return False


def revocation_sources(
    objects: tuple[ValidationObject, ...], evidence: DocumentEvidence
) -> tuple[str, ...]:
    labels: set[str] = set()
    for vo in objects:
        if vo.object_type is ValidationObjectType.OCSP_RESPONSE:
            kind, data = "OCSP", vo.value.ocsp_response_data.dump()
        elif vo.object_type is ValidationObjectType.CRL:
            kind, data = "CRL", vo.value.crl_data.dump()
        else:
            continue
        embedded = digest_for_poe(data) in evidence.embedded_revinfo_digests
        labels.add(f"{kind} ({'embedded in document' if embedded else 'fetched online'})")
    return tuple(sorted(labels))
