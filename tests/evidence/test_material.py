"""Revocation data fetched at export lets a B-T seal (no DSS) be checked offline years later.

A seal by the loopback PKI's EC signer names an OCSP responder and a CRL; the PDF carries
neither answer. At export, :func:`collect_material` fetches them; offline validation passes
with them and is INDETERMINATE without, which is why a bundle carries them.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp

from sealdesk.core.evidence.material import collect_material
from sealdesk.core.validation import Indication, RevocationMode, ValidationPolicy, validate_pdf
from tests.core.validation.conftest import make_pdf, seal_bytes


def test_revocation_data_fetched_at_export_makes_an_offline_check_pass(
        pki, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "bt.pdf"
    pdf.write_bytes(seal_bytes(pki, make_pdf(), signer="ec", level="B-T"))
    online = ValidationPolicy((pki.root_cert,), RevocationMode.HARD_FAIL)
    material = collect_material(pdf, online)
    assert material.fetched > 0 and (material.ocsps or material.crls)
    names = {c.subject.human_friendly for c in material.certificates}
    assert any("Root" in n for n in names)  # the chain ends at the anchor

    def offline(**extra: object) -> Indication:
        policy = ValidationPolicy((pki.root_cert,), RevocationMode.OFFLINE,
                                  extra_certs=tuple(material.certificates), **extra)  # type: ignore[arg-type]
        return validate_pdf(pdf, policy).indication

    assert offline() == Indication.INDETERMINATE
    assert offline(
        extra_ocsps=tuple(asn1_ocsp.OCSPResponse.load(d) for d in material.ocsps),
        extra_crls=tuple(asn1_crl.CertificateList.load(d) for d in material.crls),
    ) == Indication.PASSED
