"""What happened to a PDF after a seal's revision, in words a compliance officer reads.

Why a module of its own: pyHanko's difference analysis answers "is this change allowed?" (its
modification level) but explains a refusal in object numbers ("unexplained xrefs in revision
2: Reference(idnum=5 ...)"). This module answers "what changed?": pages added or removed, page
content replaced, annotations added (by kind), other parts rewritten, and bytes after the
file's last revision that no cross-reference section declares. The verdict rules that use it
are in explain.py; this module only observes.

Everything here reads untrusted structure, so walks are bounded (pages, tail bytes) and every
read tolerates damage: a fact that cannot be established is left out, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import PdfHandler

_TAIL_BYTES = 1 << 20  # trailing data is looked for in the last MiB of the file
_MAX_PAGES = 100_000
_OBJECT_SYNTAX = re.compile(rb"\d+\s+\d+\s+obj\b")
_ANNOTATION_KINDS = {
    "/Text": "a comment (sticky note)",
    "/FreeText": "a text box",
    "/Highlight": "a highlight",
    "/Underline": "an underline",
    "/StrikeOut": "a strike-out",
    "/Stamp": "a stamp",
    "/Ink": "a drawing",
    "/Square": "a rectangle",
    "/Circle": "a circle",
    "/Line": "a line",
    "/Link": "a link",
    "/FileAttachment": "an attached file",
    "/Widget": "a form field",
}


@dataclass(frozen=True)
class TrailingData:
    """Bytes after the file's last ``%%EOF``: covered by no signature and no revision."""

    size: int
    has_objects: bool
    """True when they contain PDF object syntax ("N G obj"), which repairing readers use."""


@dataclass(frozen=True)
class LaterChanges:
    """What revisions after a seal's revision changed, compared with the sealed revision."""

    later_revisions: int = 0
    pages_added: int = 0
    pages_removed: int = 0
    content_replaced: tuple[int, ...] = ()
    annotations_added: tuple[tuple[int, str], ...] = ()
    """(page number, kind in words) for every annotation that was not there when sealed."""
    objects_changed: int = 0

    def describe(self) -> str:
        """One sentence fragment per kind of change, most serious first."""
        parts: list[str] = []
        if self.content_replaced:
            parts.append(f"page content replaced ({_pages_text(self.content_replaced)})")
        if self.pages_added:
            parts.append(f"{_count(self.pages_added, 'page')} added")
        if self.pages_removed:
            parts.append(f"{_count(self.pages_removed, 'page')} removed")
        for page, kind in self.annotations_added:
            parts.append(f"{kind} added on page {page}")
        if not parts and self.objects_changed:
            parts.append(
                f"{_count(self.objects_changed, 'internal object')} of the document rewritten"
            )
        return "; ".join(parts)


def trailing_data(reader: PdfFileReader) -> TrailingData | None:
    """Bytes after the last ``%%EOF`` (line ends after it do not count), or None."""
    stream = reader.stream
    try:
        size = stream.seek(0, 2)
        start = max(0, size - _TAIL_BYTES)
        stream.seek(start)
        tail = stream.read(size - start)
    except OSError:
        return None
    end = tail.rfind(b"%%EOF")
    rest = tail[end + 5 :] if end >= 0 else tail
    rest = rest.lstrip(b"\r\n")
    if not rest:
        return None
    return TrailingData(size=len(rest), has_objects=bool(_OBJECT_SYNTAX.search(rest)))


def later_changes(reader: PdfFileReader, signed_revision: int) -> LaterChanges:
    """Compare the sealed revision with the latest one; empty when nothing came after."""
    total = reader.xrefs.total_revisions
    later = total - 1 - signed_revision
    if later <= 0:
        return LaterChanges()
    try:
        return _compare(reader, signed_revision, later)
    except Exception:  # damaged later revisions: what changed cannot be said in detail
        return LaterChanges(later_revisions=later, objects_changed=1)


def _compare(reader: PdfFileReader, signed_revision: int, later: int) -> LaterChanges:
    changed: set[int] = set()
    for revision in range(signed_revision + 1, reader.xrefs.total_revisions):
        changed.update(ref.idnum for ref in reader.xrefs.explicit_refs_in_revision(revision))
    before = list(_pages(reader.get_historical_resolver(signed_revision)))
    after = list(_pages(reader))
    replaced: list[int] = []
    annotations: list[tuple[int, str]] = []
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
        if _content_refs(old) != _content_refs(new) or _content_refs(new) & changed:
            replaced.append(number)
        known = _annotation_refs(old)
        for ref, annotation in _annotations(new):
            if ref not in known:
                annotations.append((number, _kind(annotation)))
    return LaterChanges(
        later_revisions=later,
        pages_added=max(0, len(after) - len(before)),
        pages_removed=max(0, len(before) - len(after)),
        content_replaced=tuple(replaced),
        annotations_added=tuple(annotations),
        objects_changed=len(changed),
    )


def _pages(handler: PdfHandler) -> Iterator[generic.DictionaryObject]:
    """Leaf pages in order; loops and absurd sizes end the walk instead of hanging it."""
    seen: set[int] = set()
    stack: list[generic.PdfObject] = [handler.root.raw_get("/Pages")]
    produced = 0
    while stack and produced < _MAX_PAGES:
        item = stack.pop()
        if isinstance(item, generic.IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
        node = item.get_object()
        if not isinstance(node, generic.DictionaryObject):
            continue
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            stack.extend(reversed(list(node.get("/Kids", ()))))
            continue
        produced += 1
        yield node


def _content_refs(page: generic.DictionaryObject) -> frozenset[int]:
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    items = raw.get_object() if isinstance(raw, generic.IndirectObject) else raw
    refs = {raw.idnum} if isinstance(raw, generic.IndirectObject) else set()
    if isinstance(items, generic.ArrayObject):
        refs.update(r.idnum for r in list.__iter__(items) if isinstance(r, generic.IndirectObject))
    return frozenset(refs)


def _annotations(page: generic.DictionaryObject) -> Iterator[tuple[int, generic.PdfObject]]:
    annots = page.get("/Annots") if "/Annots" in page else None
    if not isinstance(annots, generic.ArrayObject):
        return
    for ref in list.__iter__(annots):
        if isinstance(ref, generic.IndirectObject):
            yield ref.idnum, ref.get_object()


def _annotation_refs(page: generic.DictionaryObject) -> frozenset[int]:
    return frozenset(ref for ref, _ in _annotations(page))


def _kind(annotation: generic.PdfObject) -> str:
    if not isinstance(annotation, generic.DictionaryObject):
        return "an annotation"
    subtype = annotation.get("/Subtype")
    if subtype is None:
        return "an annotation"
    return _ANNOTATION_KINDS.get(str(subtype), f"an annotation ({subtype})")


def _pages_text(numbers: tuple[int, ...]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"
