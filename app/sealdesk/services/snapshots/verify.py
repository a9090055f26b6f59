"""``snapshot verify``: is this snapshot whole, authentic, and a past state of THIS installation?

Checks, each naming the file it is about:

* the manifest is signed by an audit key this installation has used (a key id found in the
  live log's checkpoints): a replaced manifest, or one from another installation, fails;
* the RFC 3161 timestamp covers the manifest and chains to a configured trust anchor;
* every file the manifest lists is present and re-hashes to its SHA-256 (streamed), and no
  object file is there that the manifest does not list;
* the snapshot's installation (hash of log entry 0) is the live one's, and its log (size and
  Merkle root) is a prefix of the live log: a consistency proof from the live tree verified
  against the snapshot's root. A rewritten live log, or a snapshot of another log, fails;
* for SQLite, the copied database itself holds the log state the manifest states.

Problems are collected rather than raised one by one, so one run lists everything wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sealdesk.core.audit.merkle import verify_consistency
from sealdesk.errors import RecordIntegrityError
from sealdesk.fsutil import sha256_file
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots.database_copy import SQLITE_COPY, read_copied_state
from sealdesk.services.snapshots.manifest import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    TIMESTAMP_NAME,
    decode_manifest,
    verify_signature,
)
from sealdesk.services.snapshots.objects import OBJECTS
from sealdesk.services.snapshots.timestamp import check_timestamp
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import log_size
from sealdesk.storage.audit.tree import DatabaseTree


@dataclass
class SnapshotVerification:
    path: Path
    files_checked: int = 0
    tree_size: int = 0
    live_size: int = 0
    timestamp: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class LiveLog:
    """What the live installation says: its first entry, its audit keys, its tree."""

    first_entry_hash: str
    key_ids: frozenset[str]
    size: int


def verify_snapshot(ctx: AppContext, path: Path) -> SnapshotVerification:
    result = SnapshotVerification(path)
    manifest_file = path / MANIFEST_NAME
    try:
        manifest_bytes = manifest_file.read_bytes()
    except OSError:
        result.problems.append(f"{manifest_file}: missing or unreadable.")
        return result
    try:
        manifest = decode_manifest(manifest_bytes, str(manifest_file))
    except RecordIntegrityError as exc:
        result.problems.append(exc.message)
        return result
    result.tree_size = int(manifest["audit"]["tree_size"])
    live = _live_log(ctx)
    result.live_size = live.size
    _check_signature(path, manifest_bytes, live, result)
    _check_timestamp(ctx, path, manifest_bytes, result)
    _check_files(path, manifest, result)
    _check_log(ctx, path, manifest, live, result)
    return result


def _live_log(ctx: AppContext) -> LiveLog:
    with AuditReader(ctx.database) as reader, reader.session() as session:
        first = session.get(AuditEntry, 0)
        keys = frozenset(c.decode().checkpoint.key_id
                         for c in checkpoint_repo.all_checkpoints(session))
        return LiveLog(bytes(first.entry_hash).hex() if first else "", keys, log_size(session))


def _check_signature(path: Path, manifest_bytes: bytes, live: LiveLog,
                     result: SnapshotVerification) -> None:
    sig_file = path / SIGNATURE_NAME
    try:
        check = verify_signature(manifest_bytes, sig_file.read_bytes(), str(sig_file))
    except OSError:
        result.problems.append(f"{sig_file}: missing; the manifest is unsigned.")
        return
    except RecordIntegrityError as exc:
        result.problems.append(exc.message)
        return
    if check.key_id not in live.key_ids:
        result.problems.append(
            f"{sig_file}: signed by audit key {check.key_id[:16]}…, which this installation "
            "never used: the snapshot comes from another installation or was re-signed.")


def _check_timestamp(ctx: AppContext, path: Path, manifest_bytes: bytes,
                     result: SnapshotVerification) -> None:
    tsr_file = path / TIMESTAMP_NAME
    try:
        token = tsr_file.read_bytes()
    except OSError:
        result.problems.append(f"{tsr_file}: missing; the manifest has no timestamp.")
        return
    try:
        check = check_timestamp(token, manifest_bytes, ctx.trust_anchors(), str(tsr_file))
    except RecordIntegrityError as exc:
        result.problems.append(exc.message)
        return
    result.timestamp = check.time.isoformat()
    if not check.trusted:
        result.problems.append(
            f"{tsr_file}: the timestamp authority does not chain to a configured trust anchor.")


def _check_files(path: Path, manifest: dict, result: SnapshotVerification) -> None:  # type: ignore[type-arg]
    listed = [manifest["database"], *manifest["objects"], *manifest.get("store_files", [])]
    for entry in listed:
        file = path / entry["path"]
        if not file.is_file():
            result.problems.append(f"{file}: missing (the manifest lists it).")
            continue
        if sha256_file(file) != entry["sha256"]:
            result.problems.append(f"{file}: its content does not match the manifest's SHA-256 "
                                   "(changed or damaged after the snapshot).")
        result.files_checked += 1
    names = {e["path"] for e in listed}
    objects = path / OBJECTS
    for file in sorted(objects.rglob("*")) if objects.is_dir() else []:
        if file.is_file() and str(file.relative_to(path)) not in names:
            result.problems.append(f"{file}: not in the manifest (added after the snapshot).")


def _check_log(ctx: AppContext, path: Path, manifest: dict,  # type: ignore[type-arg]
               live: LiveLog, result: SnapshotVerification) -> None:
    audit = manifest["audit"]
    size, root = int(audit["tree_size"]), bytes.fromhex(audit["root_hash"])
    if manifest.get("installation") != live.first_entry_hash:
        result.problems.append(
            f"{path / MANIFEST_NAME}: the snapshot belongs to another installation (its log "
            "begins with a different first entry).")
        return
    if size > live.size:
        result.problems.append(
            f"{path / MANIFEST_NAME}: the snapshot's log has {size} entries but the live log "
            f"only {live.size}: entries were removed from the live log since.")
        return
    with AuditReader(ctx.database) as reader, reader.session() as session:
        tree = DatabaseTree(session)
        live_root = tree.root_at(live.size)
        proof = tree.consistency_proof(size, live.size)
    try:
        verify_consistency(size, live.size, root, live_root, proof)
    except RecordIntegrityError as exc:
        result.problems.append(f"{path / MANIFEST_NAME}: the snapshot's log is not a prefix of "
                               f"the live log ({exc.message}).")
    if manifest["database"]["path"] == SQLITE_COPY and (path / SQLITE_COPY).is_file():
        _check_copy_state(path, audit, result)


def _check_copy_state(path: Path, audit: dict, result: SnapshotVerification) -> None:  # type: ignore[type-arg]
    try:
        state = read_copied_state(path / SQLITE_COPY)
    except Exception as exc:  # a damaged copy is a finding, whatever SQLite says
        result.problems.append(f"{path / SQLITE_COPY}: cannot be read ({exc.__class__.__name__}).")
        return
    if (state.tree_size, state.root_hash) != (int(audit["tree_size"]), audit["root_hash"]):
        result.problems.append(f"{path / SQLITE_COPY}: its audit log differs from the manifest's.")

