"""Count a PDF's pages by walking its page tree, never by believing ``/Count``.

``/Count`` is a number the file states about itself: a hostile file says 10^26 (which then
overflowed the audit payload's integer range and cost the whole batch, issue 18) or a tree with a
loop says 2 while a naive walk never ends. The walk visits every node once (a node seen twice is
a loop or a shared subtree, both forbidden by ISO 32000-1 7.7.3.2), stops at :data:`MAX_DEPTH`
levels and :data:`MAX_PAGES` leaves, and raises :class:`PageTreeError` saying which rule the
file broke. Pure pyHanko objects; no I/O of its own.
"""

from __future__ import annotations

from pyhanko.pdf_utils.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject
from pyhanko.pdf_utils.reader import PdfFileReader

MAX_PAGES = 200_000
"""Far above any real document (a 10,000-page scan is rare); a larger tree is hostile."""
MAX_DEPTH = 64
"""Balanced page trees of millions of pages are a few levels deep; 64 is generous."""
MAX_NODES = MAX_PAGES * 2
"""Intermediate nodes counted too, so a tree of empty /Pages nodes cannot keep the walk busy."""


class PageTreeError(ValueError):
    """The page tree is malformed (loop, too deep, too large, wrong node types)."""


def count_pages(reader: PdfFileReader) -> int:
    """The number of page leaves under the catalog's ``/Pages``; :class:`PageTreeError` if bad."""
    root = reader.root.raw_get("/Pages")
    claimed = _resolve(root, set()).get("/Count")
    seen: set[tuple[int, int]] = set()
    pages = 0
    nodes = 0
    stack: list[tuple[PdfObject, int]] = [(root, 0)]
    while stack:
        raw, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PageTreeError(f"its page tree is more than {MAX_DEPTH} levels deep")
        node = _resolve(raw, seen)
        nodes += 1
        if nodes > MAX_NODES:
            raise PageTreeError(f"its page tree has more than {MAX_NODES} nodes")
        kind = node.get("/Type")
        if kind == "/Page" or (kind is None and "/Kids" not in node):
            pages += 1
            if pages > MAX_PAGES:
                raise PageTreeError(f"it has more than {MAX_PAGES} pages")
            continue
        kids = node.raw_get("/Kids")
        if isinstance(kids, IndirectObject):
            kids = kids.get_object()
        if not isinstance(kids, ArrayObject):
            raise PageTreeError("a page-tree node has no list of kids")
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    if claimed != pages:
        # Readers that believe /Count (or stop at it) would show another document than the
        # one sealed: refused, not corrected.
        raise PageTreeError(f"its page tree claims {_shown(claimed)} pages but holds {pages}")
    return pages


def _shown(value: object) -> str:
    """A claimed count as it may be shown: short, whatever the file put there."""
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "..."


def _resolve(raw: PdfObject, seen: set[tuple[int, int]]) -> DictionaryObject:
    """The node behind ``raw``, remembering it; a node met twice is a loop."""
    if isinstance(raw, IndirectObject):
        key = (raw.idnum, raw.generation)
        if key in seen:
            raise PageTreeError("its page tree loops back on itself")
        seen.add(key)
        raw = raw.get_object()
    if not isinstance(raw, DictionaryObject):
        raise PageTreeError("a page-tree node is not a dictionary")
    return raw
