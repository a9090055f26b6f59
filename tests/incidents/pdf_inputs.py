"""Hostile and broken inputs for intake tests: huge sparse PDFs, stalling files, mutations."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import strategies as st


def huge_pdf(path: Path, size: int) -> Path:
    """A valid one-page PDF carrying an unreferenced stream of ``size`` zero bytes, written
    sparse (a hole), so a 500 MB test file costs no disk space and no time to make."""
    offsets: dict[int, int] = {}
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

        def obj(number: int, body: bytes) -> None:
            offsets[number] = out.tell()
            out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

        obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        offsets[4] = out.tell()
        out.write(b"4 0 obj\n<< /Length %d >>\nstream\n" % size)
        out.seek(size, os.SEEK_CUR)
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 5\n0000000000 65535 f \n")
        for number in range(1, 5):
            out.write(b"%010d 00000 n \n" % offsets[number])
        out.write(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return path


def stalling_pdf(path: Path, zeros: int) -> Path:
    """Header, a long run of NUL bytes (PDF whitespace) and a trailer pointing into it: a
    byte-by-byte reader walks the whole run (5 MB took pyHanko about 50 s)."""
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        out.seek(zeros, os.SEEK_CUR)
        out.write(b"\nstartxref\n9\n%%EOF\n")
    return path


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few random edits: flipped bytes, cuts, insertions, duplicated slices."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
        else:
            del data[at:]
    return bytes(data)
