"""Unusable input becomes an InputError a person can act on, never a traceback."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter

from sealdesk.core.validation import ValidationPolicy, validate_pdf
from sealdesk.errors import ConfigError, InputError


def test_missing_file(policy, tmp_path):
    with pytest.raises(InputError, match=r"Cannot read missing\.pdf") as caught:
        validate_pdf(tmp_path / "missing.pdf", policy)
    assert caught.value.hint


def test_not_a_pdf(policy, tmp_path):
    path = tmp_path / "invoice.pdf"
    path.write_text("Dear customer,\nplease find attached...\n")
    with pytest.raises(InputError, match=r"invoice\.pdf is not a readable PDF") as caught:
        validate_pdf(path, policy)
    assert "truncated or not a PDF" in caught.value.hint


def test_empty_file(policy, tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="not a readable PDF"):
        validate_pdf(path, policy)


def test_unsigned_pdf(policy, tmp_path, make_document):
    path = tmp_path / "unsigned.pdf"
    path.write_bytes(make_document())
    with pytest.raises(InputError, match="contains no signatures or seals"):
        validate_pdf(path, policy)


def test_encrypted_pdf(policy, tmp_path):
    writer = PdfFileWriter()
    contents = writer.add_object(generic.StreamObject(stream_data=b"q Q"))
    writer.insert_page(PageObject(contents=contents, media_box=[0, 0, 595, 842]))
    writer.encrypt("owner-secret", "user-secret")
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError, match=r"encrypted\.pdf needs a password to open") as caught:
        validate_pdf(path, policy)
    assert "without an open password" in caught.value.hint
    assert "secret" not in caught.value.describe()


def test_directory_instead_of_file(policy, tmp_path):
    with pytest.raises(InputError):
        validate_pdf(tmp_path, policy)


def test_policy_without_trust_anchors_is_a_config_error():
    with pytest.raises(ConfigError, match="No trust anchors"):
        ValidationPolicy(trust_anchors=())
