"""Opening a PDF for validation and taking stock of its signatures and embedded evidence.

Why separate from the validator: this is the boundary where untrusted bytes meet pyHanko. Every
way a file can be unusable (missing, not a PDF, truncated, encrypted, unsigned) becomes one
``InputError`` here, and a single unreadable signature is isolated so the others in the same
document are still validated.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.general import find_unique_cms_attribute
from pyhanko.sign.validation import DocumentSecurityStore, EmbeddedPdfSignature
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.policy_decl import LocalKnowledge
from pyhanko_certvalidator.ltv.poe import digest_for_poe
from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

from sealdesk.errors import InputError
from sealdesk.fsutil import open_regular

_HASH_CHUNK = 1 << 20
_MAX_REVISIONS_SCANNED = 64
_PDF_SUBFILTERS = frozenset(sf.value for sf in SigSeedSubFilter)  # what pyHanko can validate


@dataclass(frozen=True)
class SignatureSlot:
    """One filled signature field; ``embedded`` is None when its signature cannot be parsed."""

    field_name: str
    embedded: EmbeddedPdfSignature | None
    is_doc_timestamp: bool
    problem: str | None = None
    removed_after: int | None = None
    """For a seal a later update removed: the last revision that still carried it."""

    @property
    def revision(self) -> int | None:
        if self.embedded is None:
            return self.removed_after
        return self.embedded.signed_revision


@dataclass(frozen=True)
class DocumentEvidence:
    """Validation data the document carries itself (DSS, CMS revocation archival)."""

    knowledge: LocalKnowledge = field(default_factory=LocalKnowledge)
    embedded_revinfo_digests: frozenset[bytes] = frozenset()
    dss_revision: int | None = None

    @property
    def has_revinfo(self) -> bool:
        return bool(self.knowledge.known_ocsps or self.knowledge.known_crls)


def sha256_of_file(path: Path) -> str:
    """Streamed, so a large PDF is never held in memory just to be hashed."""
    digest = hashlib.sha256()
    with open_regular(path, "document") as f:  # /dev/zero would be hashed for ever
        while chunk := f.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def open_pdf(path: Path) -> Iterator[PdfFileReader]:
    """A reader over the file on disk (pyHanko seeks and reads only what it needs)."""
    stream = open_regular(path, "document")  # a regular file: never a FIFO or a device
    with stream:
        try:
            reader = PdfFileReader(stream, strict=False)
            encrypted = reader.encrypted
        except Exception as e:  # any parse failure of untrusted input; see module docstring
            raise InputError(
                f"{path.name} is not a readable PDF ({_short(e)}).",
                hint="The file may be truncated or not a PDF. Obtain the document again.",
            ) from e
        if encrypted and reader.decrypt("").status is AuthStatus.FAILED:
            raise InputError(
                f"{path.name} needs a password to open; SealDesk validates only PDFs that "
                "open for everyone (an owner password alone is fine).",
                hint="Ask the sender for a copy without an open password.",
            )
        yield reader


def list_signature_slots(reader: PdfFileReader, name: str) -> list[SignatureSlot]:
    """All filled signature fields in signing order; InputError if there are none."""
    try:
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception as e:
        raise InputError(
            f"The form structure of {name} is damaged ({_short(e)}).",
            hint="The document cannot be checked; obtain an undamaged copy.",
        ) from e
    slots = [_slot(reader, fq_name, sig_obj, sig_field) for fq_name, sig_obj, sig_field in fields]
    slots += removed_seals(reader, {s.field_name for s in slots})
    if not slots:
        raise InputError(
            f"{name} contains no signatures or seals.",
            hint="Only sealed documents can be validated; seal the document first.",
        )
    known_rev = [s for s in slots if s.revision is not None]
    broken = [s for s in slots if s.revision is None]
    return sorted(known_rev, key=lambda s: s.revision or 0) + broken


def removed_seals(reader: PdfFileReader, present: set[str]) -> list[SignatureSlot]:
    """Seals an earlier revision carried whose field a later update removed.

    Why: a document whose seal was stripped must never read as "not sealed, seal it first";
    it reads as "an earlier revision carried a seal that was removed". Only the last
    ``_MAX_REVISIONS_SCANNED`` earlier revisions are looked at, so a file with thousands of
    revisions costs bounded time.
    """
    found: dict[str, SignatureSlot] = {}
    latest = reader.xrefs.total_revisions - 1
    for revision in range(latest - 1, max(-1, latest - 1 - _MAX_REVISIONS_SCANNED), -1):
        try:
            earlier = reader.get_historical_resolver(revision)
            fields = list(enumerate_sig_fields(earlier, filled_status=True))
        except Exception:  # a damaged earlier revision: nothing can be said about it
            continue
        for fq_name, sig_obj, _ in fields:
            if fq_name in present or fq_name in found:
                continue
            value = sig_obj.get_object() if isinstance(sig_obj, generic.IndirectObject) else sig_obj
            is_doc_ts = isinstance(value, generic.DictionaryObject) and (
                value.get("/Type") == "/DocTimeStamp"
            )
            found[fq_name] = SignatureSlot(
                fq_name, None, is_doc_ts, problem="removed", removed_after=revision
            )
    return list(found.values())


def _slot(
    reader: PdfFileReader,
    fq_name: str,
    sig_obj: generic.PdfObject,
    sig_field: generic.DictionaryObject,
) -> SignatureSlot:
    value = sig_obj.get_object() if isinstance(sig_obj, generic.IndirectObject) else sig_obj
    is_doc_ts = isinstance(value, generic.DictionaryObject) and value.get("/Type") == (
        "/DocTimeStamp"
    )
    subfilter = value.get("/SubFilter") if isinstance(value, generic.DictionaryObject) else None
    if subfilter is not None and str(subfilter) not in _PDF_SUBFILTERS:
        return SignatureSlot(
            fq_name, None, is_doc_ts, problem=f"unsupported signature format {subfilter}"
        )
    try:
        embedded = EmbeddedPdfSignature(reader, sig_field, fq_name)
        embedded.signer_info  # noqa: B018 - force parsing of the CMS structure now
    except Exception as e:
        return SignatureSlot(fq_name, None, is_doc_ts, problem=_short(e))
    return SignatureSlot(fq_name, embedded, is_doc_ts)


def read_document_evidence(reader: PdfFileReader, slots: list[SignatureSlot]) -> DocumentEvidence:
    """Collect DSS content and Adobe-style revocation archival attributes as local knowledge."""
    ocsps: list[OCSPContainer] = []
    crls: list[CRLContainer] = []
    certs: list[x509.Certificate] = []
    digests: set[bytes] = set()
    dss_revision: int | None = None
    try:
        dss = DocumentSecurityStore.read_dss(reader)
        for ref in dss.ocsps:
            data = ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE)
            ocsps.extend(OCSPContainer.load_multi(asn1_ocsp.OCSPResponse.load(data)))
            digests.add(digest_for_poe(data))
        for ref in dss.crls:
            data = ref.get_object().read_data(DecodePurpose.CRL)
            crls.append(CRLContainer(asn1_crl.CertificateList.load(data)))
            digests.add(digest_for_poe(data))
        certs.extend(dss.load_certs())
        dss_revision = _dss_revision(reader)
    except NoDSSFoundError:
        pass
    for slot in slots:
        if slot.embedded is not None and not slot.is_doc_timestamp:
            _add_revinfo_archival(slot.embedded, ocsps, crls, digests)
    return DocumentEvidence(
        knowledge=LocalKnowledge(known_ocsps=ocsps, known_crls=crls, known_certs=certs),
        embedded_revinfo_digests=frozenset(digests),
        dss_revision=dss_revision,
    )


def _add_revinfo_archival(
    embedded: EmbeddedPdfSignature,
    ocsps: list[OCSPContainer],
    crls: list[CRLContainer],
    digests: set[bytes],
) -> None:
    try:
        archival = find_unique_cms_attribute(
            embedded.signer_info["signed_attrs"], "adobe_revocation_info_archival"
        )
    except Exception:  # absent or malformed attribute: nothing embedded to use
        return
    for item in archival["ocsp"]:
        ocsps.append(OCSPContainer(item))
        digests.add(digest_for_poe(item.dump()))
    for item in archival["crl"]:
        crls.append(CRLContainer(item))
        digests.add(digest_for_poe(item.dump()))


def _dss_revision(reader: PdfFileReader) -> int | None:
    """The revision that introduced the DSS: a document timestamp from then on covers it."""
    ref = reader.root.raw_get("/DSS")
    if isinstance(ref, generic.IndirectObject):
        try:
            return reader.xrefs.get_introducing_revision(ref.reference)
        except KeyError:
            return None
    return None


def dss_objects_in_revision(reader: PdfFileReader, revision: int) -> list[bytes]:
    """DER of every certificate, OCSP response and CRL in the DSS as of ``revision``.

    A document timestamp over that revision is proof that these objects existed at its time.
    """
    try:
        dss = DocumentSecurityStore.read_dss(reader.get_historical_resolver(revision))
    except NoDSSFoundError:
        return []
    data = [ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE) for ref in dss.ocsps]
    data += [ref.get_object().read_data(DecodePurpose.CRL) for ref in dss.crls]
    data += [cert.dump() for cert in dss.load_certs()]
    return data


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}"[:300]
