"""Checking a document before anything is sealed or stored.

Every refusal says what is wrong with the file and what to do; nothing is written for a refused
document. The checks run on the file as it is on disk, streamed, so a 500 MB scan costs one read.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.errors import InputError

HEADER_WINDOW = 1024  # PDF readers accept the %PDF- header within the first kilobyte
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PdfFacts:
    """What intake learned about a document that is fit to seal."""

    path: Path
    sha256: str
    size: int
    page_count: int
    signature_count: int


def inspect_pdf(path: Path) -> PdfFacts:
    """Accept ``path`` as a sealable PDF or raise :class:`InputError` saying why not."""
    name = path.name
    try:
        info = path.lstat()
    except OSError as exc:
        raise InputError(
            f"Cannot read {name}: {exc.strerror or exc.__class__.__name__}.",
            hint="Check that the file exists and that you may read it.",
        ) from exc
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if not target.is_file():
            raise InputError(
                f"{name} is a link to something that is not a regular file.",
                hint="Select the document itself.",
            )
        info = target.stat()
    elif not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{name} is not a regular file (it is a folder, device or pipe).",
            hint="Select a PDF document.",
        )
    if info.st_size == 0:
        raise InputError(f"{name} is empty (0 bytes).", hint="Select the complete PDF document.")
    sha256, header = _hash_and_header(path, name)
    if b"%PDF-" not in header:
        raise InputError(
            f"{name} is not a PDF document.",
            hint="SealDesk seals PDF files; convert the document to PDF (PDF/A is best) first.",
        )
    pages, signatures = _open_pdf(path, name)
    return PdfFacts(path, sha256, info.st_size, pages, signatures)


def _hash_and_header(path: Path, name: str) -> tuple[str, bytes]:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_WINDOW)
            digest.update(header)
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(
            f"Cannot read {name}: {exc.strerror or exc.__class__.__name__}.",
            hint="Check the file's permissions and the disk it is on.",
        ) from exc
    return digest.hexdigest(), header


def _open_pdf(path: Path, name: str) -> tuple[int, int]:
    try:
        with path.open("rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            if reader.encrypted:
                raise InputError(
                    f"{name} is encrypted (password protected).",
                    hint="Remove the password protection first; a sealed document must be "
                    "readable by everyone who has to verify it.",
                )
            pages = int(reader.root["/Pages"]["/Count"])
            signatures = len(reader.embedded_signatures)
    except InputError:
        raise
    except (PdfError, KeyError, ValueError, TypeError, IndexError, RecursionError) as exc:
        raise InputError(
            f"{name} is damaged and cannot be read as a PDF ({exc.__class__.__name__}).",
            hint="Re-export or repair the document (e.g. 'qpdf in.pdf out.pdf') and try again.",
        ) from exc
    if pages < 1:
        raise InputError(f"{name} has no pages.", hint="Select a PDF document with content.")
    return pages, signatures
