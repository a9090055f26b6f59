"""Benchmark inputs: small, many-page, scan-like and very large PDFs, written as a stream.

The large file (200 MB by default) must never exist whole in memory, not even in the generator:
the benchmark measures that SealDesk streams documents, and a generator holding the file would
blur the peak-memory figure of the machine it runs on. So the PDF is written object by object,
with the byte offset of each object noted for the cross-reference table that ends the file.
Image data is pseudo-random (incompressible, like a scan's JPEG data) and comes from a seeded
generator in 1 MiB chunks, so every run produces the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import BinaryIO

from sealdesk.core.samples import make_text_pdf
from sealdesk.fsutil import atomic_output

A4 = (595, 842)
CHUNK = 1024 * 1024


class _StreamedPdf:
    """Writes numbered objects in order, remembering offsets for the xref table."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.offsets: list[int] = []
        self.position = 0
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def begin(self, number: int) -> None:
        assert number == len(self.offsets) + 1, "objects are written in order"
        self.offsets.append(self.position)
        self._write(f"{number} 0 obj\n".encode())

    def dict_object(self, number: int, body: str) -> None:
        self.begin(number)
        self._write(f"{body}\nendobj\n".encode())

    def stream_object(self, number: int, header: str, length: int, chunks: object) -> None:
        self.begin(number)
        self._write(f"<< {header} /Length {length} >>\nstream\n".encode())
        written = 0
        for chunk in chunks:  # type: ignore[attr-defined]
            self._write(chunk)
            written += len(chunk)
        assert written == length
        self._write(b"\nendstream\nendobj\n")

    def finish(self, root: int) -> None:
        xref = self.position
        lines = [f"xref\n0 {len(self.offsets) + 1}\n", "0000000000 65535 f \n"]
        lines += [f"{offset:010d} 00000 n \n" for offset in self.offsets]
        lines.append(f"trailer\n<< /Size {len(self.offsets) + 1} /Root {root} 0 R >>\n")
        lines.append(f"startxref\n{xref}\n%%EOF\n")
        self._write("".join(lines).encode())


def _noise(rng: random.Random, size: int) -> object:
    left = size
    while left:
        take = min(CHUNK, left)
        yield rng.randbytes(take)
        left -= take


def write_image_pdf(path: Path, pages: int, image_bytes: int, seed: int = 3161) -> Path:
    """A PDF of ``pages`` pages, each showing one grey image of ``image_bytes`` bytes.

    Objects: 1 catalog, 2 page tree, then per page i: page, content stream, image.
    """
    side = max(1, int(image_bytes**0.5))
    size = side * side
    rng = random.Random(seed)
    with atomic_output(path) as handle:
        pdf = _StreamedPdf(handle)
        kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(pages))
        pdf.dict_object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        pdf.dict_object(2, f"<< /Type /Pages /Count {pages} /Kids [{kids}] >>")
        for i in range(pages):
            page, content, image = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
            pdf.dict_object(
                page,
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
                f"/Resources << /XObject << /Im{i} {image} 0 R >> >> /Contents {content} 0 R >>",
            )
            draw = f"q {A4[0]} 0 0 {A4[1]} 0 0 cm /Im{i} Do Q".encode()
            pdf.stream_object(content, "", len(draw), [draw])
            pdf.stream_object(
                image,
                f"/Type /XObject /Subtype /Image /Width {side} /Height {side} "
                "/ColorSpace /DeviceGray /BitsPerComponent 8",
                size,
                _noise(rng, size),
            )
        pdf.finish(root=1)
    return path


def write_text_pdf(path: Path, title: str, pages: int = 1) -> Path:
    """A plain text PDF (SealDesk's sample writer): the typical office document."""
    return make_text_pdf(path, title, [f"Benchmark document {title}"], pages=pages)


def make_inputs(folder: Path, kind: str, count: int, **size: int) -> list[Path]:
    """``count`` distinct files of one kind in ``folder`` (reused when already there).

    Kinds: ``small`` (1 text page), ``pages`` (``pages`` text pages), ``scan`` (``pages`` image
    pages of ``image_bytes`` each) and ``large`` (one image PDF of about ``megabytes`` MB).
    Each file differs (title or seed), so content-addressed storage never deduplicates them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for i in range(count):
        path = folder / f"{kind}-{i:04d}.pdf"
        made.append(path)
        if path.exists():
            continue
        if kind == "small":
            write_text_pdf(path, f"{kind} {i}")
        elif kind == "pages":
            write_text_pdf(path, f"{kind} {i}", pages=size.get("pages", 300))
        elif kind == "scan":
            write_image_pdf(path, size.get("pages", 5), size.get("image_bytes", 1 << 20), seed=i)
        elif kind == "large":
            megabytes = size.get("megabytes", 200)
            pages = max(1, megabytes // 2)
            write_image_pdf(path, pages, megabytes * 1_000_000 // pages, seed=i)
        else:
            raise ValueError(f"unknown input kind {kind!r}")
    return made
