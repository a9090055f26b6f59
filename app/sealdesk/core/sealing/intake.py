"""Checking a document before anything is sealed or stored.

Every refusal says what is wrong with the file and what to do; nothing is written for a refused
document. The checks run on the file as it is on disk: a normal document is read into memory once
and everything (checks, hash, parse, seal) uses those bytes; a large scan is streamed, never held
whole in memory.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.crypt.permissions import StandardPermissions
from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.core.sealing.bounded import ParseTimeout, run_bounded
from sealdesk.core.sealing.page_tree import PageTreeError, count_pages
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


MEMORY_LIMIT = 16 * 1024 * 1024
"""Documents up to this size are read into memory once (checked, hashed, parsed and sealed from
the same bytes); larger ones stay on disk as an open file and are streamed (issue 9: a 200 MB
scan is never held whole in memory)."""


@dataclass
class SourceDocument:
    """A document intake accepted, still open: what sealing needs without reading it again.

    ``stream`` holds the bytes that were checked and hashed: a :class:`io.BytesIO` for documents
    up to :data:`MEMORY_LIMIT`, else the open file (then the sealer must prove afterwards that
    the bytes it sealed are still these; see :mod:`sealdesk.services.sealing.wave`). ``digest`` is
    the SHA-256 state after the whole document, so the sealed file's hash only needs its tail.
    ``reader`` is pyHanko's parse of ``stream``, made once within the time limit.
    """

    facts: PdfFacts
    stream: BinaryIO
    reader: PdfFileReader
    digest: Any  # hashlib's sha256 object (its type is private)

    @property
    def in_memory(self) -> bool:
        return isinstance(self.stream, io.BytesIO)

    def close(self) -> None:
        self.stream.close()

    def __enter__(self) -> SourceDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def inspect_pdf(path: Path, *, timeout: float = PARSE_TIMEOUT_SECONDS) -> PdfFacts:
    """Accept ``path`` as a sealable PDF or raise :class:`InputError` saying why not.

    The checks of :func:`open_source`, for callers that only want the facts.
    """
    with open_source(path, timeout=timeout) as source:
        return source.facts


def open_source(
    path: Path, *, timeout: float = PARSE_TIMEOUT_SECONDS, memory_limit: int | None = None
) -> SourceDocument:
    """Accept ``path`` as a sealable PDF, open, or raise :class:`InputError` saying why not.

    Never blocks on a pipe or device (only regular files are opened, non-blocking, and checked
    again on the open descriptor), never reads a huge file into memory (above ``memory_limit``,
    default :data:`MEMORY_LIMIT`, it is streamed in 1 MiB chunks), and never hangs: the PDF
    structure must end as PDFs do (``startxref`` and ``%%EOF`` in the last 4 KiB), and the parse
    is stopped after ``timeout`` seconds. The file is read once for all of that (twice above
    ``memory_limit``).
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
    limit = MEMORY_LIMIT if memory_limit is None else memory_limit
    stream, digest, size = _check_and_read(path, name, limit)
    try:
        reader, pages, signatures = run_bounded(lambda: _parse(stream, name), timeout, name)
    except ParseTimeout:
        stream.close()
        raise InputError(
            f"{name} could not be read as a PDF within {timeout:g} seconds.",
            hint="The file may be damaged or made to stall PDF readers. Repair it (e.g. 'qpdf "
            "in.pdf out.pdf') or ask the sender for a clean copy.",
        ) from None
    except BaseException:
        stream.close()
        raise
    facts = PdfFacts(path, digest.hexdigest(), size, pages, signatures)
    return SourceDocument(facts, stream, reader, digest)


def _not_regular(name: str) -> InputError:
    return InputError(
        f"{name} is not a regular file (it is a folder, device or pipe).",
        hint="Select a PDF document.",
    )


def _check_and_read(path: Path, name: str, memory_limit: int) -> tuple[BinaryIO, Any, int]:
    """Header and trailer checks and the SHA-256 on one non-blocking descriptor; the bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _unreadable(name, exc) from exc
    handle = os.fdopen(fd, "rb")
    try:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced since lstat: never read a pipe
            raise _not_regular(name)
        if info.st_size <= memory_limit:
            data = handle.read(memory_limit + 1)
            if len(data) <= memory_limit:  # else it grew since fstat: stream it after all
                handle.close()
                _check_ends(data[:HEADER_WINDOW], data[-TRAILER_WINDOW:], name)
                return io.BytesIO(data), hashlib.sha256(data), len(data)
            del data
            handle.seek(0)
        _check_ends(handle.read(HEADER_WINDOW), _read_at(handle, info.st_size - TRAILER_WINDOW),
                    name)
        handle.seek(0)
        digest = hashlib.sha256()
        size = 0
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
        handle.seek(0)
        return handle, digest, size
    except BaseException as exc:
        handle.close()
        if isinstance(exc, OSError):
            raise _unreadable(name, exc) from exc
        raise


def _read_at(handle: BinaryIO, offset: int) -> bytes:
    handle.seek(max(0, offset))
    return handle.read(TRAILER_WINDOW)


def _check_ends(head: bytes, tail: bytes, name: str) -> None:
    if b"%PDF-" not in head:
        raise InputError(
            f"{name} is not a PDF document.",
            hint="SealDesk seals PDF files; convert the document to PDF (PDF/A is best) first.",
        )
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise InputError(
            f"{name} is damaged and cannot be read as a PDF (its end is missing: truncated or "
            "not a complete PDF file).",
            hint="Ask for the complete file, or repair it (e.g. 'qpdf in.pdf out.pdf').",
        )


def _unreadable(name: str, exc: OSError) -> InputError:
    return InputError(
        f"Cannot read {name}: {exc.strerror or exc.__class__.__name__}.",
        hint="Check the file's permissions and the disk it is on.",
    )


_SEALING_ALLOWED = (StandardPermissions.ALLOW_MODIFICATION_GENERIC,
                    StandardPermissions.ALLOW_FORM_FILLING)
"""Either permits a seal: ISO 32000-2 Table 22 counts signing a field as form filling."""


def _open_for_everyone(reader: PdfFileReader, name: str) -> None:
    """Accept an encrypted PDF only if it opens for everyone and its owner permits sealing.

    Why: an owner password alone (no password to open) restricts what readers let people do,
    not who can read the document, so a seal over it is verifiable by everyone; pyHanko opens
    it with the empty user password and keeps its encryption in the sealed revision. A file
    that needs a password to open, or whose owner forbids modification, is refused.
    """
    result = reader.decrypt("")
    if result.status is AuthStatus.FAILED:
        raise InputError(
            f"{name} is encrypted (password protected): a password is needed to open it.",
            hint="Remove the password protection first; a sealed document must be "
            "readable by everyone who has to verify it.",
        )
    perms = result.permission_flags
    if isinstance(perms, StandardPermissions) and not any(p in perms for p in _SEALING_ALLOWED):
        raise InputError(
            f"{name} opens for everyone, but its owner password forbids modification, and "
            "adding a seal modifies the document.",
            hint="Ask the document's owner for a copy that permits changes (or form filling "
            "and signing), or remove the restriction with the owner password.",
        )


def _parse(stream: BinaryIO, name: str) -> tuple[PdfFileReader, int, int]:
    try:
        reader = PdfFileReader(stream, strict=False)
        if reader.encrypted:
            _open_for_everyone(reader, name)
        pages = count_pages(reader)  # never /Count: a file may claim 10^26 pages (issue 18)
        signatures = len(reader.embedded_signatures)
    except InputError:
        raise
    except PageTreeError as exc:
        raise InputError(
            f"{name} cannot be sealed: {exc}.",
            hint="The file is damaged or made to mislead PDF readers. Repair it (e.g. 'qpdf "
            "in.pdf out.pdf') or ask the sender for a clean copy.",
        ) from exc
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
    return reader, pages, signatures
