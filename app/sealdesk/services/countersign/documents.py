"""Reports and statements that a custodian counter-signs: read them, find them in the log, sign.

A reconciliation report and an incident statement are both JSON files SealDesk wrote, signed
with the audit key and recorded in the log by their SHA-256. A custodian counter-signs only such
a file, unchanged: :func:`countersign_document` refuses one the log does not record. Each kind is
described once by a :class:`RecordedKind` (its words, the event that records it, the payload
field holding the SHA-256), so the two capabilities share one path instead of two copies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import Kind
from sealdesk.errors import InputError
from sealdesk.fsutil import read_bounded
from sealdesk.services.context import AppContext
from sealdesk.services.countersign.checking import find_recorded
from sealdesk.services.countersign.signing import (
    Countersigned,
    countersign,
    countersignature_path,
)
from sealdesk.services.keys.custodian_tokens import CustodianToken

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Far above any report or statement SealDesk writes; a bigger file is not one of them."""
MAX_SIGNATURE_BYTES = 1024 * 1024
"""A detached audit-key signature (certificate included) is a few kilobytes."""


def read_signature(path: Path) -> bytes:
    """The detached signature beside a document; OSError when it is missing or too big."""
    try:
        return read_bounded(path, MAX_SIGNATURE_BYTES, "signature file")
    except InputError as ex:
        raise OSError(ex.message) from None


@dataclass(frozen=True)
class RecordedKind:
    noun: str
    """What a person calls it: "report", "statement"."""
    file_hint: str
    """Which file to give instead: "the reconciliation-*.json file SealDesk wrote"."""
    kind: Kind
    event: EventType
    part: str
    """Where the recording event keeps the SHA-256: "subject" or "details"."""
    field: str
    is_one: Callable[[Mapping[str, Any]], bool]
    """Whether parsed content is of this kind (its format or kind marker)."""


def read_document(path: Path, spec: RecordedKind) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and parsed content, or an InputError saying which file to give."""
    data = read_bounded(path, MAX_DOCUMENT_BYTES, spec.noun)
    try:
        content = json.loads(data)
    except ValueError as ex:
        raise InputError(f"The {spec.noun} {path.name} cannot be read: {ex}.",
                         hint=f"Give {spec.file_hint}.") from None
    if not isinstance(content, dict) or not spec.is_one(content):
        raise InputError(f"{path.name} is not a SealDesk {spec.noun}.",
                         hint=f"Give {spec.file_hint}.")
    return data, content


def recorded_at(ctx: AppContext, spec: RecordedKind, data: bytes) -> int | None:
    """The log entry that records these exact bytes, if any (hash chain checked)."""
    return find_recorded(ctx, spec.event, spec.part, spec.field, hashlib.sha256(data).hexdigest())


def countersign_document(ctx: AppContext, path: Path, spec: RecordedKind, data: bytes,
                         about: Mapping[str, Any], where: CustodianToken, pin: str | None,
                         *, custodian: str | None = None) -> Countersigned:
    """Counter-sign the file's exact bytes with the custodian's token, if the log records it."""
    if recorded_at(ctx, spec, data) is None:
        raise InputError(f"The audit log does not record the {spec.noun} {path.name}; it "
                         "cannot be counter-signed.",
                         hint=f"Counter-sign a {spec.noun} this installation wrote, unchanged.")
    return countersign(ctx, where, pin, spec.kind, hashlib.sha256(data).hexdigest(), about,
                       partial(countersignature_path, path), expected=custodian)
