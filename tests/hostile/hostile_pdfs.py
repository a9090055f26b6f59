"""Hostile PDFs built byte by byte for the tests: each has a valid header, objects, a correct
cross-reference table and trailer, so it passes the cheap checks and reaches the parser (and,
for some, the signer) with its attack intact."""

from __future__ import annotations

from pathlib import Path


def build_pdf(path: Path, objects: dict[int, bytes], root: int = 1) -> Path:
    """Write ``objects`` (number → body) as a classic PDF with an exact xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else \
            b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    path.write_bytes(bytes(out))
    return path


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def lying_count_pdf(path: Path, count: int = 10**26) -> Path:
    """One real page whose page tree claims ``count`` pages."""
    return build_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        3: PAGE,
    })


def page_tree_loop_pdf(path: Path) -> Path:
    """A page-tree node that lists itself (and its parent) among its kids."""
    return build_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        3: PAGE,
        4: b"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R] /Count 1 >>",
    })


def nested_arrays_pdf(path: Path, depth: int = 5000, where: str = "page") -> Path:
    """A one-page PDF carrying arrays nested ``depth`` deep.

    ``where``: "page" (a direct value in the page dictionary: the parser meets it as soon as
    the page is read), "annots" (the page's /Annots, read when the seal's annotation is added),
    "acroform" (the catalog's /AcroForm /Fields, read when the signature field is created).
    """
    nest = b"[" * depth + b"]" * depth
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s >>"
    catalog = b"<< /Type /Catalog /Pages 2 0 R %s >>"
    extra = {"page": (b"", b"/Hostile " + nest), "annots": (b"", b"/Annots 4 0 R"),
             "acroform": (b"/AcroForm << /Fields 4 0 R >>", b"")}[where]
    objects = {1: catalog % extra[0], 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: page % extra[1]}
    if where != "page":
        objects[4] = nest
    return build_pdf(path, objects)
