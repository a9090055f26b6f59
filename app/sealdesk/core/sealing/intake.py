"""Checking a document before anything is sealed or stored.

Every refusal says what is wrong with the file and what to do; nothing is written for a refused
document. The checks run on the file as it is on disk, streamed, so a 500 MB scan costs one read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.core.sealing.bounded import ParseTimeout, run_bounded
from sealdesk.errors import InputError

HEADER_WINDOW = 1024  # PDF readers accept the %PDF- header within the first kilobyte
TRAILER_WINDOW = 4096  # startxref and %%EOF end every PDF (and every incremental update)
CHUNK = 1024 * 1024
PARSE_TIMEOUT_SECONDS = 30.0
"""Normal PDFs, even of hundreds of megabytes, parse in well under a second (the reader only
follows the cross-reference table); a file that takes longer is damaged or hostile."""


@dataclass(frozen=True)
class PdfFacts:
    """What intake learned about a document that is fit to seal."""

    path: Path
    sha256: str
    size: int
    page_count: int
    signature_count: int


def inspect_pdf(path: Path, *, timeout: float = PARSE_TIMEOUT_SECONDS) -> PdfFacts:
    """Accept ``path`` as a sealable PDF or raise :class:`InputError` saying why not.

    Never blocks on a pipe or device (only regular files are opened, non-blocking, and checked
    again on the open descriptor), never reads a huge file into memory (streamed in 1 MiB
    chunks), and never hangs: the PDF structure must end as PDFs do (``startxref`` and
    ``%%EOF`` in the last 4 KiB), and the parse is stopped after ``timeout`` seconds.
    """
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
        raise _not_regular(name)
    if info.st_size == 0:
        raise InputError(f"{name} is empty (0 bytes).", hint="Select the complete PDF document.")
    sha256, size = _check_and_hash(path, name)
    try:
        pages, signatures = run_bounded(lambda: _open_pdf(path, name), timeout, name)
    except ParseTimeout:
        raise InputError(
            f"{name} could not be read as a PDF within {timeout:g} seconds.",
            hint="The file may be damaged or made to stall PDF readers. Repair it (e.g. 'qpdf "
            "in.pdf out.pdf') or ask the sender for a clean copy.",
        ) from None
    return PdfFacts(path, sha256, size, pages, signatures)


def _not_regular(name: str) -> InputError:
    return InputError(
        f"{name} is not a regular file (it is a folder, device or pipe).",
        hint="Select a PDF document.",
    )


def _check_and_hash(path: Path, name: str) -> tuple[str, int]:
    """Header and trailer checks, then the SHA-256, all on one non-blocking descriptor."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(
            f"Cannot read {name}: {exc.strerror or exc.__class__.__name__}.",
            hint="Check the file's permissions and the disk it is on.",
        ) from exc
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):  # replaced since lstat: never read a pipe
                raise _not_regular(name)
            if b"%PDF-" not in handle.read(HEADER_WINDOW):
                raise InputError(
                    f"{name} is not a PDF document.",
                    hint="SealDesk seals PDF files; convert the document to PDF (PDF/A is "
                    "best) first.",
                )
            handle.seek(max(0, info.st_size - TRAILER_WINDOW))
            tail = handle.read(TRAILER_WINDOW)
            if b"%%EOF" not in tail or b"startxref" not in tail:
                raise InputError(
                    f"{name} is damaged and cannot be read as a PDF (its end is missing: "
                    "truncated or not a complete PDF file).",
                    hint="Ask for the complete file, or repair it (e.g. 'qpdf in.pdf out.pdf').",
                )
            handle.seek(0)
            digest = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(
            f"Cannot read {name}: {exc.strerror or exc.__class__.__name__}.",
            hint="Check the file's permissions and the disk it is on.",
        ) from exc
    return digest.hexdigest(), info.st_size


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
    except Exception as exc:  # any failure to parse untrusted bytes means a damaged file
        # pyHanko is not a hardened parser: fuzzing found AssertionError and OSError (a seek
        # before the start) besides PdfError, KeyError, ValueError, TypeError, IndexError and
        # RecursionError. Whatever it raises on a file, the file cannot be sealed.
        raise InputError(
            f"{name} is damaged and cannot be read as a PDF ({exc.__class__.__name__}).",
            hint="Re-export or repair the document (e.g. 'qpdf in.pdf out.pdf') and try again.",
        ) from exc
    if pages < 1:
        raise InputError(f"{name} has no pages.", hint="Select a PDF document with content.")
    return pages, signatures
