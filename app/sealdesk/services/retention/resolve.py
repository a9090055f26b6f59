"""Naming documents on the command line: by original SHA-256 (or a unique prefix of at least 8
hex digits), by sealed file SHA-256, or by a PDF file whose hash the log knows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sealdesk.core.retention.ledger import DocumentRetention, RetentionLedger
from sealdesk.errors import InputError
from sealdesk.fsutil import sha256_file

_HEX = re.compile(r"[0-9a-f]{8,64}")


def resolve_documents(ledger: RetentionLedger, names: Iterable[str]) -> list[DocumentRetention]:
    found: list[DocumentRetention] = []
    for name in names:
        doc = _resolve(ledger, str(name))
        if doc not in found:
            found.append(doc)
    if not found:
        raise InputError("No document was named.", hint="Name documents by SHA-256 or file.")
    return found


def _resolve(ledger: RetentionLedger, name: str) -> DocumentRetention:
    key = name.strip().lower()
    if _HEX.fullmatch(key):
        doc = ledger.of(key) or ledger.of_sealed_file(key)
        if doc is not None:
            return doc
        matches = [d for sha, d in ledger.documents.items() if sha.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise InputError(f"{name!r} names {len(matches)} documents.",
                             hint="Give more hex digits of the SHA-256.")
    path = Path(name)
    if path.is_file():
        sha = sha256_file(path)
        doc = ledger.of(sha) or ledger.of_sealed_file(sha)
        if doc is not None:
            return doc
    raise InputError(f"{name!r} is not a document SealDesk sealed.",
                     hint="Name it by its SHA-256 ('sealdesk retention list' shows them) or "
                     "give the sealed or original PDF.")
