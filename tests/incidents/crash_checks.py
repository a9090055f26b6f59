"""What must hold after any crash and a restart (issue 8, item 1), as a list of problems.

* every document sealed exactly once: one seal row and one ``document.sealed`` event each, the
  seal pointing at its event;
* no partial file anywhere: staging empty, no temporary copy in the store or the export folder,
  every stored object hashes to its name, every exported file is byte-identical to a committed
  seal and passes poppler's ``pdfsig``;
* no unaudited seal: the store holds exactly the sealed outputs the database records (and the
  separate originals of installations sealed before issue 9), nothing else; each sealed output
  begins with its original;
* the audit log verifies (chain, Merkle roots, signed checkpoints);
* recovery did what the step implies (a seal committed but not promoted is promoted, a staged
  file never committed is discarded).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.fsutil import sha256_file
from sealdesk.paths import AppPaths
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Document, Seal
from tests.fixtures.independent import pdfsig

HEX64 = re.compile(r"[0-9a-f]{64}")
EXPECTED_RECOVERY = {
    "after_commit": "promoted",
    "staging_write": "discarded_uncommitted",
    "after_staging_fsync": "discarded_uncommitted",
}
"""Which recovery action a crash at these steps must have caused (at the restart)."""


def check_installation(paths: AppPaths, inputs: list[Path], exported: Path,
                       step: str = "") -> list[str]:
    ctx = AppContext.open(paths, read_only=True)
    try:
        problems = _check_database(ctx, inputs, step)
        problems += _check_store(ctx)
        problems += _check_exports(ctx, inputs, exported)
        report = verify_log(ctx)
        if not report.ok:
            problems.append(f"audit log does not verify: {report.summary()}")
    finally:
        ctx.close()
    return problems


def _sealed_events(ctx: AppContext) -> list[AuditEntry]:
    with ctx.database.reader() as session:
        return list(session.execute(select(AuditEntry).where(
            AuditEntry.event_type.in_([EventType.DOCUMENT_SEALED.value,
                                       EventType.RECOVERY_PERFORMED.value]))).scalars())


def _check_database(ctx: AppContext, inputs: list[Path], step: str) -> list[str]:
    problems = []
    wanted = {sha256_file(p) for p in inputs}
    with ctx.database.reader() as session:
        seals = [(s.document.sha256, s.sealed_sha256, s.audit_index)
                 for s in session.execute(select(Seal)).scalars()]
        documents = set(session.execute(select(Document.sha256)).scalars())
    entries = _sealed_events(ctx)
    sealed = [e for e in entries if e.event_type == EventType.DOCUMENT_SEALED.value]
    per_document = Counter(json.loads(e.payload)["subject"]["document_sha256"] for e in sealed)
    seal_count = Counter(doc for doc, _, _ in seals)
    if documents != wanted:
        problems.append(f"documents table has {len(documents)} rows, {len(wanted)} expected")
    for doc in wanted:
        if seal_count[doc] != 1 or per_document[doc] != 1:
            problems.append(f"document {doc[:12]}: {seal_count[doc]} seal row(s), "
                            f"{per_document[doc]} document.sealed event(s); exactly 1 expected")
    by_index = {e.idx: json.loads(e.payload) for e in sealed}
    for doc, sealed_sha, index in seals:
        event = by_index.get(index)
        if event is None or event["subject"] != {"document_sha256": doc,
                                                 "sealed_sha256": sealed_sha}:
            problems.append(f"seal of {doc[:12]} does not point at its document.sealed event")
    kind = EXPECTED_RECOVERY.get(step)
    if kind:
        recoveries = [json.loads(e.payload)["details"] for e in entries
                      if e.event_type == EventType.RECOVERY_PERFORMED.value]
        if not any(r.get(kind) for r in recoveries):
            problems.append(f"a crash at {step} must be repaired by recovery ({kind}); "
                            f"recovery events: {recoveries}")
    return problems


def _check_store(ctx: AppContext) -> list[str]:
    problems = []
    staged = list(ctx.store.staging.iterdir())
    if staged:
        problems.append(f"staging not empty: {[p.name for p in staged]}")
    with ctx.database.reader() as session:
        originals = set(session.execute(select(Document.sha256)).scalars())
        seals = [(s.sealed_sha256, s.document.sha256, s.document.size)
                 for s in session.execute(select(Seal)).scalars()]
    expected = {sealed for sealed, _, _ in seals}
    found = set()
    for path in ctx.store.objects.rglob("*"):
        if path.is_dir():
            continue
        if not HEX64.fullmatch(path.name):
            problems.append(f"stray file in the store: {path.relative_to(ctx.store.root)}")
        elif sha256_file(path) != path.name:
            problems.append(f"partial or damaged object {path.name[:12]}")
        found.add(path.name)
    if found - expected - originals:
        problems.append(f"{len(found - expected - originals)} object(s) in the store that no "
                        "document or seal record accounts for (unaudited)")
    if expected - found:
        problems.append(f"{len(expected - found)} recorded seal(s) missing from the store")
    for sealed, original, size in seals:  # the original is the sealed file's prefix
        path = ctx.store.path_of(sealed)
        if path.is_file() and hashlib.sha256(path.read_bytes()[:size]).hexdigest() != original:
            problems.append(f"sealed file {sealed[:12]} does not begin with its original")
    return problems


def _check_exports(ctx: AppContext, inputs: list[Path], exported: Path) -> list[str]:
    problems = []
    with ctx.database.reader() as session:
        sealed = set(session.execute(select(Seal.sealed_sha256)).scalars())
    files = sorted(exported.iterdir()) if exported.is_dir() else []
    names = {p.name for p in files}
    wanted = {f"{p.stem}.sealed.pdf" for p in inputs}
    if names != wanted:
        problems.append(f"export folder: unexpected {sorted(names - wanted)[:5]}, "
                        f"missing {sorted(wanted - names)[:5]}")
    for path in files:
        if path.name not in wanted:
            continue
        if sha256_file(path) not in sealed:
            problems.append(f"exported {path.name} is not a committed seal (partial?)")
            continue
        output = pdfsig(path)
        if "Signature is Valid." not in output or "Total document signed" not in output:
            problems.append(f"pdfsig rejects {path.name}: {output.strip()[:200]}")
    return problems
