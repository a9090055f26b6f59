"""Signed attributes built once per batch instead of twice per document.

Why this exists (a profile of batch sealing, SoftHSM2, small PDFs): the token's ECDSA signature
takes 0.1 ms, yet pyHanko spent ~40 ms of CPU per document, most of it in asn1crypto encoding
the CMS. asn1crypto re-encodes a freshly built structure on every ``dump()``, and pyHanko builds
the signed attributes for each document twice (the size-estimation dry run and the real
signature) and encodes them again when the CMS is packaged. The signing-certificate-v2 attribute
alone (hash of the seal certificate plus its issuer's name) costs ~7 ms per encoding.

Within one batch every signed attribute except the message digest is the same for every
document: the content type, and signing-certificate-v2 for the one seal certificate (PAdES puts
the signing time into the signature dictionary, not the CMS). So the first document's attributes
are built by pyHanko as usual and parsed back from their DER (a parsed value re-dumps its stored
bytes for free), and each later document gets those same attribute values plus its own message
digest. The signature, the timestamp and everything else are computed per document as before;
the seal is byte-for-byte what pyHanko would have produced.

The same holds for the CMS's certificate set (the seal certificate and its chain): pyHanko
builds it for every document from certificate objects, which asn1crypto re-tags and re-encodes
each time (a tenth of the per-document CPU on small PDFs). It is taken from the first
document's CMS as pyHanko built it, parsed back, and reused; that document's CMS is built both
ways and compared byte for byte, and a difference keeps pyHanko's path for the batch.

Safety: the template is used only when pyHanko's attributes are all of the document-invariant
types below and no per-document settings (revocation info, CAdES attributes) are asked for;
anything else takes pyHanko's own path. When the template is made, its encoding for that
document is compared byte for byte with pyHanko's, and a difference disables it for the batch.
"""

from __future__ import annotations

from typing import Any

from asn1crypto import cms
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from sealdesk.core.sealing.token_signer import GuardedPKCS11Signer

INVARIANT_TYPES = frozenset(
    {"content_type", "signing_certificate_v2", "signing_certificate", "cms_algorithm_protection"}
)
"""Attributes whose value depends only on the signer, the digest algorithm and the content type."""

_TemplateKey = tuple[str, str, bool, bool]


def freeze(attrs: cms.CMSAttributes) -> cms.CMSAttributes:
    """The same attributes, parsed from their DER: later ``dump()`` calls cost nothing."""
    return cms.CMSAttributes.load(attrs.dump())


def with_digest(template: list[cms.CMSAttribute], digest: bytes) -> cms.CMSAttributes:
    """The template's attributes plus a message digest, encoded once (DER sorts the set)."""
    return freeze(cms.CMSAttributes([*template, simple_cms_attribute("message_digest", digest)]))


def invariant_template(attrs: cms.CMSAttributes) -> list[cms.CMSAttribute] | None:
    """The attributes other than the message digest, or None if any of them varies per document."""
    types = [attr["type"].native for attr in attrs]
    if "message_digest" not in types or not set(types) - {"message_digest"} <= INVARIANT_TYPES:
        return None
    return [attr for attr in attrs if attr["type"].native != "message_digest"]


def _per_document_settings(settings: PdfCMSSignedAttributes | None) -> bool:
    return settings is not None and (
        settings.adobe_revinfo_attr is not None or settings.cades_signed_attrs is not None
    )


class BatchPKCS11Signer(GuardedPKCS11Signer):
    """The guarded token signer, reusing its signed-attribute template and certificate set."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._templates: dict[_TemplateKey, list[cms.CMSAttribute] | None] = {}
        self._certificates: cms.CertificateSet | None = None
        self._certificates_checked = False
        """True once the first CMS was compared; then ``_certificates`` None means pyHanko's."""

    def _package_signature(  # type: ignore[override]
        self, *, digest_algorithm: str, cms_version: Any, signed_attrs: cms.CMSAttributes,
        signature: bytes, unsigned_attrs: cms.CMSAttributes, encap_content_info: Any,
    ) -> cms.ContentInfo:
        parts = {
            "digest_algorithm": digest_algorithm, "cms_version": cms_version,
            "signed_attrs": signed_attrs, "signature": signature,
            "unsigned_attrs": unsigned_attrs, "encap_content_info": encap_content_info,
        }
        if self._certificates is not None:
            return self._package_with(self._certificates, **parts)
        built = super()._package_signature(**parts)
        if self._certificates_checked:
            return built  # pyHanko's path for this batch
        self._certificates_checked = True
        certificates = built["content"]["certificates"]
        frozen = cms.CertificateSet.load(certificates.dump(), implicit=0)
        if self._package_with(frozen, **parts).dump() == built.dump():
            self._certificates = frozen
        return built

    def _package_with(
        self, certificates: cms.CertificateSet, *, digest_algorithm: str, cms_version: Any,
        signed_attrs: cms.CMSAttributes, signature: bytes, unsigned_attrs: cms.CMSAttributes,
        encap_content_info: Any,
    ) -> cms.ContentInfo:
        """pyHanko's ``Signer._package_signature`` with a ready-made certificate set."""
        signer_info = self.signer_info(digest_algorithm, signed_attrs, signature)
        if unsigned_attrs is not None:
            signer_info["unsigned_attrs"] = unsigned_attrs
        signed_data = cms.SignedData({
            "version": cms_version,
            "digest_algorithms": cms.DigestAlgorithms((signer_info["digest_algorithm"],)),
            "encap_content_info": encap_content_info or {"content_type": "data"},
            "certificates": certificates,
            "signer_infos": [signer_info],
        }, explicit=0)  # tagged as ContentInfo wants it: asn1crypto need not copy and re-tag
        return cms.ContentInfo({"content_type": cms.ContentType("signed_data"),
                                "content": signed_data})

    async def signed_attrs(  # type: ignore[override]
        self,
        data_digest: bytes,
        digest_algorithm: str,
        attr_settings: PdfCMSSignedAttributes | None = None,
        content_type: str = "data",
        use_pades: bool = False,
        timestamper: Any = None,
        dry_run: bool = False,
        is_pdf_sig: bool = True,
    ) -> cms.CMSAttributes:
        key = (digest_algorithm, content_type, use_pades, is_pdf_sig)
        cacheable = not _per_document_settings(attr_settings)
        template = self._templates.get(key) if cacheable else None
        if template is not None:
            return with_digest(template, data_digest)
        built = freeze(await super().signed_attrs(
            data_digest, digest_algorithm, attr_settings=attr_settings,
            content_type=content_type, use_pades=use_pades, timestamper=timestamper,
            dry_run=dry_run, is_pdf_sig=is_pdf_sig,
        ))
        if cacheable and key not in self._templates:
            template = invariant_template(built)
            if template is not None and with_digest(template, data_digest).dump() != built.dump():
                template = None  # not what pyHanko would produce: keep pyHanko's path
            self._templates[key] = template
        return built
