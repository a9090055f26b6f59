"""Sealed PDFs for the validation tests, made once per session with the loopback PKI.

Sealing is done with pyHanko's ``SimpleSigner`` (no token needed) and the loopback TSA, so these
tests exercise validation only. ``seal(...)`` caches by its arguments: scenarios shared by
several tests are signed once.
"""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.ades.api import CAdESSignedAttrSpec

from sealdesk.core.validation import RevocationMode, ValidationPolicy

PAGE_TEXT = "SealDesk invoice 2026-0042: total 1250.00 EUR"
FORM_FIELD = "approval_note"

Sealer = Callable[..., Path]


def make_pdf(text: str = PAGE_TEXT) -> bytes:
    """A one-page PDF with visible text and an empty text form field (for form-filling tests)."""
    w = PdfFileWriter(stream_xrefs=False)
    font = w.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
    )
    content = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    contents = w.add_object(generic.StreamObject(stream_data=content))
    resources = generic.DictionaryObject(
        {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
    )
    page_ref = w.insert_page(
        PageObject(contents=contents, media_box=[0, 0, 595, 842], resources=resources)
    )
    field = w.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/FT"): pdf_name("/Tx"),
                pdf_name("/T"): generic.TextStringObject(FORM_FIELD),
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): generic.ArrayObject(
                    generic.FloatObject(v) for v in (72, 600, 300, 630)
                ),
                pdf_name("/P"): page_ref,
                pdf_name("/F"): generic.NumberObject(4),
                pdf_name("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
            }
        )
    )
    page_ref.get_object()[pdf_name("/Annots")] = generic.ArrayObject([field])
    w.root[pdf_name("/AcroForm")] = generic.DictionaryObject(
        {
            pdf_name("/Fields"): generic.ArrayObject([field]),
            pdf_name("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        }
    )
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def seal_bytes(
    pki,
    data: bytes,
    *,
    signer: str = "ec",
    level: str = "B-T",
    at: datetime | None = None,
    untrusted_tsa: bool = False,
    content_timestamp: bool = False,
    field_name: str = "Seal",
) -> bytes:
    """Seal ``data`` at PAdES ``level`` (B-B, B-T, B-LT, B-LTA), optionally as of time ``at``."""
    long_term = level in ("B-LT", "B-LTA")
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=long_term,
        use_pades_lta=level == "B-LTA",
        validation_context=(
            pki.validation_context(**({"moment": at} if at else {})) if long_term else None
        ),
        cades_signed_attr_spec=(
            CAdESSignedAttrSpec(timestamp_content=True) if content_timestamp else None
        ),
    )
    timestamper = None if level == "B-B" else pki.timestamper(untrusted=untrusted_tsa)
    out = io.BytesIO()
    clock = pki.frozen_at(at) if at else contextlib.nullcontext()
    with clock:
        signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(data)),
            meta,
            signer=pki.signer(signer).simple_signer,
            timestamper=timestamper,
            output=out,
        )
    return out.getvalue()


@pytest.fixture(scope="session")
def make_document() -> Callable[..., bytes]:
    """``make_document(text=...)`` → bytes of an unsigned one-page PDF with a form field."""
    return make_pdf


@pytest.fixture(scope="session")
def seal_data(pki) -> Callable[..., bytes]:
    """``seal_data(pdf_bytes, **seal options)`` → sealed bytes (not cached)."""
    return functools.partial(seal_bytes, pki)


@pytest.fixture(scope="session")
def seal(pki, tmp_path_factory) -> Sealer:
    """``seal(signer=..., level=..., at=..., untrusted_tsa=..., content_timestamp=...)`` → Path."""
    folder = tmp_path_factory.mktemp("sealed")
    cache: dict[tuple, Path] = {}

    def _seal(**kwargs) -> Path:
        key = tuple(sorted(kwargs.items()))
        if key not in cache:
            path = folder / f"sealed-{len(cache)}.pdf"
            path.write_bytes(seal_bytes(pki, make_pdf(), **kwargs))
            cache[key] = path
        return cache[key]

    return _seal


@pytest.fixture(scope="session")
def policy(pki) -> ValidationPolicy:
    """Hard-fail online validation trusting only the test root."""
    return ValidationPolicy(trust_anchors=(pki.root_cert,))


@pytest.fixture(scope="session")
def policy_for(pki) -> Callable[[RevocationMode], ValidationPolicy]:
    def _policy(mode: RevocationMode, **kwargs) -> ValidationPolicy:
        return ValidationPolicy(trust_anchors=(pki.root_cert,), revocation_mode=mode, **kwargs)

    return _policy
