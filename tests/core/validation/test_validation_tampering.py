"""Changes after sealing: flipped bytes, altered signatures, incremental updates."""

from __future__ import annotations

import io
import re

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.core.validation import (
    Coverage,
    Indication,
    ModificationLevel,
    SubIndication,
    validate_pdf,
)

FORM_FIELD = "approval_note"  # the empty text field of the conftest's document


def _write(tmp_path, data: bytes, name: str = "doc.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _codes(sig) -> set[str]:
    return {f.code for f in sig.findings}


def test_flipped_byte_inside_signed_range_is_hash_failure(seal, policy, tmp_path):
    data = seal(signer="ec", level="B-T").read_bytes()
    tampered = data.replace(b"1250.00 EUR", b"1250.01 EUR")

    report = validate_pdf(_write(tmp_path, tampered), policy)

    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.FAILED, SubIndication.HASH_FAILURE)
    assert "changed after sealing (digest mismatch)" in sig.findings[0].message


def test_altered_signature_value_is_sig_crypto_failure(seal, policy, tmp_path):
    path = seal(signer="ec", level="B-B")
    data = path.read_bytes()
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0].signer_info["signature"]
    hex_value = signature.native.hex().encode()
    position = data.lower().index(hex_value)
    flip = b"0" if data[position + 20 : position + 21] != b"0" else b"1"
    tampered = data[: position + 20] + flip + data[position + 21 :]

    sig = validate_pdf(_write(tmp_path, tampered), policy).signatures[0]

    assert (sig.indication, sig.sub_indication) == (
        Indication.FAILED,
        SubIndication.SIG_CRYPTO_FAILURE,
    )
    assert "integrity.signature_invalid" in _codes(sig)


def test_garbage_signature_contents_is_format_failure(seal, policy, tmp_path):
    data = seal(signer="ec", level="B-T").read_bytes()
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    assert match
    garbage = (b"deadbeef" * len(match.group(1)))[: len(match.group(1))]
    tampered = data[: match.start(1)] + garbage + data[match.end(1) :]

    report = validate_pdf(_write(tmp_path, tampered), policy)

    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.FAILED, SubIndication.FORMAT_FAILURE)
    assert "damaged or not a PAdES/CMS signature" in sig.findings[0].message


def test_incremental_update_changing_page_content_fails(seal, policy, tmp_path):
    writer = IncrementalPdfFileWriter(io.BytesIO(seal(signer="ec", level="B-T").read_bytes()))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[pdf_name("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 720 Td (total 9999.00 EUR) Tj ET")
    )
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)

    sig = validate_pdf(_write(tmp_path, out.getvalue()), policy).signatures[0]

    assert (sig.indication, sig.sub_indication) == (
        Indication.FAILED,
        SubIndication.SUSPICIOUS_MODIFICATION,
    )
    assert sig.coverage is Coverage.ENTIRE_REVISION
    assert sig.modification_level is ModificationLevel.OTHER
    modified = next(f for f in sig.findings if f.code == "document.modified")
    assert "changed after sealing" in modified.message
    assert f"sealed version (revision {sig.revision})" in modified.message


def _fill_form_field(data: bytes, value: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    field = writer.root["/AcroForm"]["/Fields"][0].get_object()
    field[pdf_name("/V")] = generic.TextStringObject(value)
    appearance = writer.add_object(
        generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): generic.ArrayObject(
                    generic.FloatObject(v) for v in (0, 0, 228, 30)
                ),
            },
            stream_data=f"/Tx BMC BT /Helv 12 Tf 2 10 Td ({value}) Tj ET EMC".encode(),
        )
    )
    field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): appearance})
    writer.update_container(field)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_form_filling_after_sealing_passes_with_a_note(seal, policy, tmp_path):
    filled = _fill_form_field(seal(signer="ec", level="B-T").read_bytes(), "approved by J. Doe")

    report = validate_pdf(_write(tmp_path, filled), policy)

    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.PASSED, None)
    assert sig.modification_level is ModificationLevel.FORM_FILLING
    note = next(f for f in sig.findings if f.code == "document.form_filled")
    assert FORM_FIELD in note.message
    assert "not covered by this seal" in note.message


def test_second_seal_after_first_both_validate(make_document, seal_data, policy, tmp_path):
    """A later approval seal is a legitimate update for the first one."""
    first = seal_data(make_document(), signer="ec", level="B-T", field_name="Seal1")
    both = seal_data(first, signer="rsa", level="B-T", field_name="Seal2")

    report = validate_pdf(_write(tmp_path, both), policy)

    assert [s.field_name for s in report.signatures] == ["Seal1", "Seal2"]
    assert report.indication is Indication.PASSED
    assert report.signatures[0].coverage is Coverage.ENTIRE_REVISION
    assert report.signatures[1].coverage is Coverage.ENTIRE_FILE


@pytest.mark.parametrize("cut", [0.5, 0.97])
def test_truncated_sealed_pdf_is_input_error_or_format_failure(seal, policy, tmp_path, cut):
    """Truncation loses the trailer: the file is no longer a readable PDF."""
    from sealdesk.errors import InputError

    data = seal(signer="ec", level="B-T").read_bytes()
    with pytest.raises(InputError, match="not a readable PDF"):
        validate_pdf(_write(tmp_path, data[: int(len(data) * cut)]), policy)


def test_damaged_dss_is_set_aside_with_a_note(seal, policy, tmp_path):
    writer = IncrementalPdfFileWriter(io.BytesIO(seal(signer="rsa", level="B-LT").read_bytes()))
    dss = writer.root["/DSS"]
    dss[pdf_name("/OCSPs")] = generic.ArrayObject(
        [writer.add_object(generic.StreamObject(stream_data=b"\x30\x03not an OCSP response"))]
    )
    writer.update_container(dss)
    out = io.BytesIO()
    writer.write(out)

    report = validate_pdf(_write(tmp_path, out.getvalue()), policy)

    assert [n.code for n in report.notes] == ["document.dss_unreadable"]
    assert "ignored" in report.notes[0].message
    sig = report.signatures[0]
    assert sig.indication is Indication.PASSED  # judged with online revocation data instead
    assert sig.revocation_sources == ("CRL (fetched online)", "OCSP (fetched online)")
