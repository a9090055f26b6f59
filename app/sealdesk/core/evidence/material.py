"""Certificates and revocation data a sealed PDF needs to be checked offline, years later.

Gathered at export from three places: the PDF itself (CMS certificates of every signature and
timestamp, the DSS, Adobe revocation archival attributes), the trust anchors that issued those
certificates (so each chain ends at a root), and, when the validation policy allows network
access, fresh OCSP responses and CRLs fetched at export time for every certificate that names a
responder or distribution point. The verifier feeds all of it back to the validator
(:attr:`~sealdesk.core.validation.ValidationPolicy.extra_ocsps` and friends) with revocation
checking OFFLINE: what the bundle carries is all it may use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import cms, pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.general import find_unique_cms_attribute
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError

from sealdesk.core.validation import ValidationPolicy

log = logging.getLogger(__name__)
FETCH_TIMEOUT = 20.0


@dataclass
class ValidationMaterial:
    """DER-level material; ``certificates`` ordered as found, duplicates removed."""

    certificates: list[asn1_x509.Certificate] = field(default_factory=list)
    ocsps: list[bytes] = field(default_factory=list)
    crls: list[bytes] = field(default_factory=list)
    fetched: int = 0

    def add_cert(self, cert: asn1_x509.Certificate) -> None:
        if all(c.dump() != cert.dump() for c in self.certificates):
            self.certificates.append(cert)

    def certificates_pem(self) -> list[tuple[str, bytes]]:
        """(common name, PEM) per certificate: names make the bundle readable by hand."""
        return [(_common_name(c), pem.armor("CERTIFICATE", c.dump())) for c in self.certificates]


def _common_name(cert: asn1_x509.Certificate) -> str:
    try:
        return str(cert.subject.native.get("common_name") or "certificate")
    except (ValueError, TypeError):
        return "certificate"


def collect_material(path: Path, policy: ValidationPolicy) -> ValidationMaterial:
    """Everything found for the PDF at ``path``; fetches only if the policy allows it."""
    material = ValidationMaterial()
    with path.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        for _name, sig_obj, _field in enumerate_sig_fields(reader, filled_status=True):
            with contextlib.suppress(Exception):  # a damaged signature has nothing to offer
                _from_signature(sig_obj.get_object(), material)
        _from_dss(reader, material)
    for anchor in policy.trust_anchors:
        if any(c.issuer == anchor.subject for c in material.certificates):
            material.add_cert(anchor)
    if policy.fetching_allowed:
        asyncio.run(_fetch(material, policy))
    return material


def _from_signature(sig: dict, material: ValidationMaterial) -> None:  # type: ignore[type-arg]
    content = cms.ContentInfo.load(sig["/Contents"].original_bytes)
    _from_signed_data(content["content"], material)


def _from_signed_data(signed: cms.SignedData, material: ValidationMaterial) -> None:
    for choice in signed["certificates"] or []:
        if choice.name == "certificate":
            material.add_cert(choice.chosen)
    for signer_info in signed["signer_infos"]:
        with contextlib.suppress(Exception):
            archival = find_unique_cms_attribute(signer_info["signed_attrs"],
                                                 "adobe_revocation_info_archival")
            material.ocsps.extend(item.dump() for item in archival["ocsp"])
            material.crls.extend(item.dump() for item in archival["crl"])
        for attr in signer_info["unsigned_attrs"] or []:
            if attr["type"].native == "signature_time_stamp_token":
                for token in attr["values"]:
                    _from_signed_data(token["content"], material)


def _from_dss(reader: PdfFileReader, material: ValidationMaterial) -> None:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return
    for ref in dss.ocsps:
        material.ocsps.append(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
    for ref in dss.crls:
        material.crls.append(ref.get_object().read_data(DecodePurpose.CRL))
    for cert in dss.load_certs():
        material.add_cert(cert)


async def _fetch(material: ValidationMaterial, policy: ValidationPolicy) -> None:
    """Fresh OCSP/CRL data for each certificate that names where to get it (best effort)."""
    certs = list(material.certificates)
    context = policy.validation_context(other_certs=certs)
    for cert in certs:
        if cert.self_signed != "no":
            continue
        issuer = next((c for c in certs if c.subject == cert.issuer), None)
        try:
            if cert.ocsp_urls and issuer is not None:
                found = await asyncio.wait_for(
                    context.async_retrieve_ocsps(cert, issuer), FETCH_TIMEOUT)
                material.ocsps.extend(r.dump() for r in found)
                material.fetched += len(found)
            if cert.crl_distribution_points:
                crls = await asyncio.wait_for(context.async_retrieve_crls(cert), FETCH_TIMEOUT)
                material.crls.extend(c.dump() for c in crls)
                material.fetched += len(crls)
        except Exception as ex:  # an unreachable responder: export what we have, say so
            log.warning("could not fetch revocation data for %s: %s",
                        cert.subject.human_friendly, ex)
