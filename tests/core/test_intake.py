"""Intake refuses unusable documents with a message that says what to do."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from sealdesk.core.sealing.intake import inspect_pdf
from sealdesk.errors import InputError


def test_accepts_a_real_pdf(pdf_factory) -> None:  # type: ignore[no-untyped-def]
    facts = inspect_pdf(pdf_factory("contract", pages=3))
    assert facts.page_count == 3
    assert len(facts.sha256) == 64


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"Hello, this is plain text\n" * 10, "not a PDF document"),
        (b"%PDF-1.7\n%garbage without any objects\n", "damaged"),
    ],
    ids=["empty", "text", "corrupt"],
)
def test_refuses_bad_content(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as excinfo:
        inspect_pdf(path)
    assert excinfo.value.hint


def test_refuses_a_truncated_pdf(pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = pdf_factory("full", pages=2).read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="damaged"):
        inspect_pdf(truncated)


def test_refuses_an_encrypted_pdf(pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    encrypted = tmp_path / "locked.pdf"
    subprocess.run(
        ["qpdf", "--encrypt", "user", "owner", "256", "--", str(pdf_factory("plain")),
         str(encrypted)],
        check=True,
    )
    with pytest.raises(InputError, match="encrypted") as excinfo:
        inspect_pdf(encrypted)
    assert "password" in excinfo.value.hint


def test_refuses_missing_folders_and_pipes(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read"):
        inspect_pdf(tmp_path / "missing.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        inspect_pdf(folder)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        inspect_pdf(fifo)


def test_follows_a_symlink_to_a_pdf_but_not_to_a_folder(pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    link = tmp_path / "link.pdf"
    link.symlink_to(pdf_factory("target"))
    assert inspect_pdf(link).page_count == 1
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path)
    with pytest.raises(InputError, match="link to something"):
        inspect_pdf(dangling)
