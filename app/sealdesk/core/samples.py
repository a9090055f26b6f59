"""Plain sample PDFs for demo mode, tests and benchmarks, written with pyHanko's own writer.

Demo mode drops a few of these into the document list so a first-time user can seal something
at once; tests and benchmarks use them as real, standards-conforming inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.writer import PdfFileWriter

from sealdesk.fsutil import atomic_output

A4 = (595, 842)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_content(title: str, lines: Sequence[str], page_number: int) -> bytes:
    ops = ["BT", "/F1 20 Tf", "56 770 Td", f"({_escape(title)}) Tj", "/F1 11 Tf", "0 -34 Td"]
    for line in [*lines, f"Page {page_number}"]:
        ops += [f"({_escape(line)}) Tj", "0 -16 Td"]
    ops.append("ET")
    return "\n".join(ops).encode("latin-1", "replace")


def make_text_pdf(
    path: Path, title: str, lines: Sequence[str] = (), *, pages: int = 1
) -> Path:
    """Write a simple A4 PDF with ``title`` and ``lines`` on each of ``pages`` pages."""
    writer = PdfFileWriter(stream_xrefs=False)
    font = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
    )
    for number in range(1, pages + 1):
        content = writer.add_object(
            generic.StreamObject(stream_data=_page_content(title, lines, number))
        )
        page = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Page"),
                pdf_name("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (0, 0, *A4)]
                ),
                pdf_name("/Resources"): generic.DictionaryObject(
                    {
                        pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font}),
                    }
                ),
                pdf_name("/Contents"): content,
            }
        )
        writer.insert_page(page)
    with atomic_output(path) as handle:
        writer.write(handle)
    return path
