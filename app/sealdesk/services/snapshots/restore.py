"""``sealdesk restore SNAPSHOT --to NEWDIR``: a new installation from a snapshot, plus what the
live one sealed since, when that still holds.

Never over the live data: the target must be a new folder outside the live data folder, built
as ``.NAME.@host.pid@.partial`` and renamed when complete (kill -9 leaves the live data, the
snapshot and any earlier folder untouched). Steps:

1. the snapshot is verified (:mod:`.verify`); a snapshot that fails is not restored;
2. the database copy and the objects are copied (not linked: the restored store must not share
   files with the snapshot, which stays evidence) into ``NEWDIR`` laid out like
   ``SEALDESK_HOME`` (``config/``, ``data/``, ``logs/``), with the live settings minus the
   storage paths;
3. seals the live installation made after the snapshot are carried over when their sealed file
   still hashes to its name and begins with its original, and the live log records them in an
   entry after the snapshot's log: each becomes a ``seal.carried_over`` entry in the restored
   log naming the live entry (index and hash). Anything else is listed with the reason, never
   dropped silently;
4. ``snapshot.restored`` is recorded in the restored log, linked to the snapshot's manifest hash.

A PostgreSQL snapshot (a ``pg_dump`` custom-format file) is restored the same way into a new,
empty database the person names (``database_url``): the database is checked and filled with
``pg_restore`` in one transaction (:mod:`.pg_target`), the objects go into the new folder, whose
configuration points at the new database; carrying over and the ``snapshot.restored`` entry are
the same. A kill -9 part-way leaves the live database and folder untouched; the new database may
then hold the restored tables and is refused by a second attempt (drop and re-create it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from sealdesk.config import Config, StorageConfig, save_config
from sealdesk.core.audit.events import EventType
from sealdesk.errors import ConfigError, InputError, RecordIntegrityError
from sealdesk.fsutil import (
    copy_durably,
    fsync_dir,
    make_missing_dirs,
    make_private_dir,
    writer_gone,
    writer_tag,
)
from sealdesk.paths import AppPaths
from sealdesk.services._testing import reach
from sealdesk.services.audit.log import record, record_now
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots.database_copy import PG_DUMP_COPY, SQLITE_COPY
from sealdesk.services.snapshots.manifest import MANIFEST_NAME, manifest_sha256
from sealdesk.services.snapshots.pg_target import (
    check_empty_target,
    parse_target_url,
    run_pg_restore,
)
from sealdesk.services.snapshots.verify import verify_snapshot
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Document, Seal


@dataclass
class RestoreResult:
    path: Path
    snapshot: str
    database_url: str = ""
    carried_over: list[str] = field(default_factory=list)
    not_carried: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _LiveSeal:
    seal: dict[str, object]
    document: dict[str, object]
    entry_index: int
    entry_hash: str
    event: dict[str, object]


def restore_snapshot(ctx: AppContext, snapshot: Path, target: Path | None,
                     database_url: str | None = None) -> RestoreResult:
    """Restore ``snapshot`` into the new folder ``target`` (and, for a PostgreSQL snapshot, the
    new empty database ``database_url``); see the module docstring.

    Without ``target``, the new folder is ``restored-SNAPSHOT`` beside the live data folder."""
    if target is None:
        target = ctx.paths.data_dir.resolve().parent / f"restored-{snapshot.resolve().name}"
    target = _check_target(ctx, target)
    pg_url = parse_target_url(database_url) if database_url else None
    check = verify_snapshot(ctx, snapshot)
    if not check.ok:
        raise RecordIntegrityError(
            f"The snapshot {snapshot} does not verify: {check.problems[0]}",
            hint="Run 'sealdesk snapshot verify' for every problem; restore another snapshot.",
        )
    manifest_bytes = (snapshot / MANIFEST_NAME).read_bytes()
    manifest = json.loads(manifest_bytes)
    kind = manifest["database"]["path"]
    if kind == PG_DUMP_COPY and pg_url is None:
        raise InputError(
            "This snapshot holds a PostgreSQL dump; name a new, empty database to restore it "
            "into.", hint="Create one (createdb NEWDB), then add --database-url "
            "postgresql://user@host:port/NEWDB (password in ~/.pgpass, never in the URL).")
    if kind == SQLITE_COPY and pg_url is not None:
        raise InputError(
            "This snapshot holds a SQLite database; it is restored into the new folder, not "
            "into a PostgreSQL database.", hint="Leave out --database-url.")
    if kind not in (SQLITE_COPY, PG_DUMP_COPY):
        raise InputError(f"This snapshot's database copy {kind!r} is of an unknown kind.",
                         hint="Restore it with the SealDesk version that took it.")
    if pg_url is not None:
        check_empty_target(ctx.database, pg_url)
    for abandoned in target.parent.glob(f".{target.name}.*.partial"):
        if writer_gone(abandoned.name):  # an earlier restore killed half-way
            shutil.rmtree(abandoned, ignore_errors=True)
    partial = target.parent / f".{target.name}.{writer_tag()}.partial"
    try:
        _copy_snapshot(snapshot, manifest, partial)
        url = pg_url.render_as_string(hide_password=False) if pg_url else ""
        if pg_url is not None:
            reach("restore_pg_copied")
            run_pg_restore(partial / "data" / PG_DUMP_COPY, pg_url)
            (partial / "data" / PG_DUMP_COPY).unlink()  # the snapshot keeps the evidence
        reach("restore_copied")
        paths = AppPaths(partial / "config", partial / "data", partial / "logs")
        config = _restored_config(ctx.config, url)
        save_config(config, paths.config_file)
        restored = AppContext.open(paths, config=config, actor=ctx.actor)
        try:
            result = _carry_over(ctx, restored, snapshot, manifest)
            record_now(restored, restored.event(
                EventType.SNAPSHOT_RESTORED, {"snapshot": str(manifest["snapshot"])},
                {"manifest_sha256": manifest_sha256(manifest_bytes),
                 "snapshot_tree_size": manifest["audit"]["tree_size"],
                 "live_tree_size": check.live_size, "carried_over": len(result.carried_over),
                 "not_carried": result.not_carried[:50], "restored_from": str(snapshot)}))
        finally:
            restored.close()
        os.replace(partial, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    result.path = target
    result.database_url = url
    return result


def _check_target(ctx: AppContext, target: Path) -> Path:
    target = target.expanduser().resolve()
    live = ctx.paths.data_dir.resolve()
    if target == live or live in target.parents or target in live.parents:
        raise ConfigError(
            f"{target} is or contains the live data folder; restore never writes over it.",
            hint="Restore into a new, empty folder, check it, then switch to it.",
        )
    if target.exists() and any(target.iterdir()):
        raise ConfigError(f"{target} is not empty.",
                          hint="Restore into a new folder; nothing was changed.")
    if target.exists():
        target.rmdir()
    make_missing_dirs(target.parent)  # the person's folder (maybe /tmp or ~): mode untouched
    return target


def _restored_config(config: Config, database_url: str = "") -> Config:
    """The live settings (token, TSA, trust, policy), with storage under the new folder (and,
    for PostgreSQL, the new database)."""
    return dataclasses.replace(config, storage=StorageConfig(
        database_url=database_url, busy_timeout_seconds=config.storage.busy_timeout_seconds,
        snapshot_dir=config.storage.snapshot_dir))


def _copy_snapshot(snapshot: Path, manifest: dict, partial: Path) -> None:  # type: ignore[type-arg]
    data = make_private_dir(partial / "data")
    entry = manifest["database"]
    copy = data / ("sealdesk.db" if entry["path"] == SQLITE_COPY else PG_DUMP_COPY)
    if copy_durably(snapshot / entry["path"], copy) != entry["sha256"]:
        raise RecordIntegrityError(f"{snapshot / entry['path']} changed during the restore.",
                                   hint="Verify the snapshot again and retry.")
    objects = data / "store" / "objects"
    for entry in manifest["objects"]:
        name = Path(entry["path"]).name  # an envelope's key record is named after it
        copied = copy_durably(snapshot / entry["path"], objects / name[:2] / name)
        if copied != entry["sha256"]:
            raise RecordIntegrityError(f"{snapshot / entry['path']} changed during the restore.",
                                       hint="Verify the snapshot again and retry.")
    for entry in manifest.get("store_files", []):  # the recipients of an encrypted store
        if copy_durably(snapshot / entry["path"], data / "store" / entry["path"]) \
                != entry["sha256"]:
            raise RecordIntegrityError(f"{snapshot / entry['path']} changed during the restore.",
                                       hint="Verify the snapshot again and retry.")


def _carry_over(live: AppContext, restored: AppContext, snapshot: Path,
                manifest: dict) -> RestoreResult:  # type: ignore[type-arg]
    result = RestoreResult(snapshot, str(manifest["snapshot"]))
    size = int(manifest["audit"]["tree_size"])
    with restored.database.reader() as session:
        have = set(session.execute(select(Seal.sealed_sha256)).scalars())
    for candidate in _live_seals(live, have):
        name = str(candidate.seal["sealed_sha256"])
        reason = _why_not(live, candidate, size)
        if reason:
            result.not_carried.append({"sealed_sha256": name, "reason": reason})
            continue
        live.store.transfer_to(restored.store, name)
        with restored.database.transaction() as session:
            _insert(restored, session, candidate)
        result.carried_over.append(name)
        reach("restore_carried")
    return result


def _live_seals(live: AppContext, have: set[str]) -> list[_LiveSeal]:
    columns = [c.name for c in Seal.__table__.columns]
    doc_columns = [c.name for c in Document.__table__.columns]
    found = []
    with AuditReader(live.database) as reader, reader.session() as session:
        for seal in session.execute(select(Seal).order_by(Seal.id)).scalars():
            if seal.sealed_sha256 in have:
                continue
            entry = session.get(AuditEntry, seal.audit_index)
            found.append(_LiveSeal(
                {c: getattr(seal, c) for c in columns},
                {c: getattr(seal.document, c) for c in doc_columns},
                seal.audit_index, bytes(entry.entry_hash).hex() if entry else "",
                json.loads(bytes(entry.payload)) if entry else {}))
    return found


def _why_not(live: AppContext, candidate: _LiveSeal, snapshot_size: int) -> str:
    name = str(candidate.seal["sealed_sha256"])
    subject = candidate.event.get("subject") or {}
    if not candidate.event or subject.get("sealed_sha256") != name:  # type: ignore[union-attr]
        return f"the live log has no entry recording it (entry {candidate.entry_index})"
    if candidate.entry_index < snapshot_size:
        return "the live log records it before the snapshot, yet the snapshot lacks it"
    if not live.store.contains(name):
        return "its sealed file is missing from the live store"
    digest = live.store.prefix_and_whole(name, int(candidate.document["size"]))  # type: ignore[call-overload]
    if digest.whole != name:
        return "its sealed file in the live store is damaged"
    if digest.prefix != candidate.document["sha256"]:
        return "its sealed file no longer begins with its original"
    return ""


def _insert(restored: AppContext, session, candidate: _LiveSeal) -> None:  # type: ignore[no-untyped-def]
    doc = candidate.document
    document = session.execute(select(Document).where(
        Document.sha256 == doc["sha256"])).scalar_one_or_none()
    if document is None:
        document = Document(**{k: v for k, v in doc.items() if k != "id"})
        session.add(document)
        session.flush()
    seal = candidate.seal
    entry = record(session, restored.event(
        EventType.SEAL_CARRIED_OVER,
        {"document_sha256": str(doc["sha256"]), "sealed_sha256": str(seal["sealed_sha256"])},
        {"live_entry_index": candidate.entry_index, "live_entry_sha256": candidate.entry_hash,
         "live_event_type": str(candidate.event.get("type", "")),
         "policy_id": str(seal["policy_id"])}))
    session.add(Seal(**{k: v for k, v in seal.items() if k not in ("id", "document_id",
                                                                  "audit_index")},
                     document_id=document.id, audit_index=entry.index))
