"""Until when can a sealed PDF still be proven with what it carries? Its "evidence horizon".

Long-term validation rests on the most recent timestamp: while that timestamp's TSA
certificate (and its chain) is valid, a fresh validator can confirm the timestamp, and the
timestamp protects everything older (PAdES B-LTA, ETSI EN 319 142-1 § 5.5). A seal without
any document timestamp also depends on its signer's certificate: once that expires, nothing
embedded shows it was not revoked before. So the horizon is the earliest expiry among:

* the certificates (TSA and its issuers) of the newest timestamp in the document — a document
  timestamp if there is one, else the seal's own signature timestamp;
* the seal's signer certificate chain, when the document has no document timestamp yet.

Before the horizon, a document timestamp with the validation data for everything so far
(:mod:`sealdesk.services.revalidation.ltv`) moves the horizon to the new TSA certificate's expiry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import cms, x509
from pyhanko.sign.general import extract_certificate_info
from pyhanko.sign.validation import EmbeddedPdfSignature, generic_cms

from .pdf_input import list_signature_slots, open_pdf


@dataclass(frozen=True)
class Horizon:
    """The earliest expiry the document's proof depends on, and which certificate it is."""

    expires: datetime
    certificate: str
    """Subject of the certificate that expires first."""
    has_document_timestamp: bool


def evidence_horizon(path: Path) -> Horizon | None:
    """The document's horizon (module docstring); None when it carries no certificates."""
    with open_pdf(path) as reader:
        slots = list_signature_slots(reader, path.name)
        signatures = [s.embedded for s in slots if s.embedded is not None]
        doc_timestamps = [s.embedded for s in slots
                          if s.embedded is not None and s.is_doc_timestamp]
        certs: list[x509.Certificate] = []
        if doc_timestamps:
            certs += _signer_chain(doc_timestamps[-1].signed_data)
        else:
            for signature in signatures:
                certs += _signer_chain(signature.signed_data)
                token = _signature_timestamp(signature)
                if token is not None:
                    certs += _signer_chain(token)
    if not certs:
        return None
    first = min(certs, key=lambda c: c.not_valid_after)
    return Horizon(first.not_valid_after, first.subject.human_friendly, bool(doc_timestamps))


def _signature_timestamp(signature: EmbeddedPdfSignature) -> cms.SignedData | None:
    return next(generic_cms.extract_tst_data_iter(signature.signer_info, signed=False), None)


def _signer_chain(signed_data: cms.SignedData) -> list[x509.Certificate]:
    """The signer's certificate and the issuers carried with it (by name)."""
    try:
        info = extract_certificate_info(signed_data)
    except Exception:  # no signer certificate: validation reports that, not this
        return []
    chain = [info.signer_cert]
    others = list(info.other_certs)
    current = info.signer_cert
    while current.issuer != current.subject:
        issuer = next((c for c in others if c.subject == current.issuer), None)
        if issuer is None:
            break
        chain.append(issuer)
        others.remove(issuer)
        current = issuer
    return chain
