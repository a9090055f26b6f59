"""What a revalidation run covers: its scope, turned into the list of documents to check.

The list is fixed when the run is created (one pending result row per document), so a
resumed run finishes exactly what it started with; see
:mod:`sealdesk.storage.revalidation.models`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from sealdesk.errors import InputError, RecordIntegrityError, SealDeskError
from sealdesk.fsutil import sha256_file
from sealdesk.services.context import AppContext
from sealdesk.services.retention.status import deleted_files
from sealdesk.services.revalidation.worker import WorkItem
from sealdesk.storage.revalidation import repo as revalidation_repo
from sealdesk.storage.revalidation.models import RevalidationResult


@dataclass(frozen=True)
class Scope:
    """``all`` stored seals, those sealed ``since`` a day (UTC), or explicit ``files``.

    Explicit files may be any PAdES PDF; a file SealDesk sealed (same SHA-256 as a stored
    seal) also gets the store checks.
    """

    kind: str = "all"
    since: dt.date | None = None
    files: tuple[Path, ...] = field(default=())

    @classmethod
    def everything(cls) -> Scope:
        return cls("all")

    @classmethod
    def sealed_since(cls, day: dt.date) -> Scope:
        return cls("since", since=day)

    @classmethod
    def of_files(cls, files: list[Path] | tuple[Path, ...]) -> Scope:
        if not files:
            raise InputError("No files were given to revalidate.",
                             hint="Name the files, or use --all or --since DATE.")
        return cls("files", files=tuple(Path(f).resolve() for f in files))

    def describe(self) -> str:
        if self.kind == "since" and self.since is not None:
            return f"documents sealed since {self.since.isoformat()}"
        if self.kind == "files":
            return f"{len(self.files)} chosen file(s)"
        return "every sealed document in the store"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "since": self.since.isoformat() if self.since else None,
            "files": [str(f) for f in self.files],
        }

    @property
    def since_time(self) -> dt.datetime | None:
        if self.since is None:
            return None
        return dt.datetime.combine(self.since, dt.time(), tzinfo=dt.UTC)


def planned_rows(ctx: AppContext, session: Session, scope: Scope) -> list[RevalidationResult]:
    """One pending result row per document in ``scope``, in checking order."""
    if scope.kind == "files":
        return [_file_row(session, path) for path in scope.files]
    return [
        RevalidationResult(
            seal_id=seal.seal_id, path=str(ctx.store.path_of(seal.sealed_sha256)),
            name=seal.name, expected_sha256=seal.sealed_sha256, reason="", incident=False,
            store_json="",
        )
        for seal in revalidation_repo.seals_in_scope(session, scope.since_time)
    ]


def _file_row(session: Session, path: Path) -> RevalidationResult:
    if not path.is_file():
        raise InputError(f"{path} is not a readable file.",
                         hint="Check the path; nothing was started.")
    sealed_sha256 = sha256_file(path)
    seal = revalidation_repo.seal_by_sealed_hash(session, sealed_sha256)
    return RevalidationResult(
        seal_id=seal.seal_id if seal else None, path=str(path), name=path.name,
        expected_sha256=sealed_sha256 if seal else "", reason="", incident=False,
        store_json="",
    )


def work_items(ctx: AppContext, session: Session, rows: list[RevalidationResult]
               ) -> list[WorkItem]:
    """What the workers get for the pending ``rows`` (store paths resolved now, not planned)."""
    seals = {s.seal_id: s for s in revalidation_repo.seals_in_scope(
        session, include_superseded=True)}
    items = []
    deleted: dict[str, int] | None = None
    for row in rows:
        seal = seals.get(row.seal_id) if row.seal_id is not None else None
        if seal is None:
            items.append(WorkItem(row.position, row.path))
            continue
        store_copy = str(ctx.store.path_of(seal.sealed_sha256))
        if deleted is None and not Path(store_copy).is_file():
            deleted = _deleted(ctx)  # the log is replayed only when a copy is missing
        original_path = _legacy_original(ctx, seal.original_sha256)
        items.append(WorkItem(
            position=row.position, path=row.path, expected_sha256=seal.sealed_sha256,
            store_copy="" if store_copy == row.path else store_copy,
            original_path=original_path,
            original_sha256=seal.original_sha256, original_size=seal.original_size,
            quarantined=seal.status == "quarantined", seal_policy=seal.policy_json,
            deleted_entry=(deleted or {}).get(seal.sealed_sha256),
            data_keys=_data_keys(ctx, {store_copy: seal.sealed_sha256,
                                       original_path: seal.original_sha256}),
        ))
    return items


def _data_keys(ctx: AppContext, stored: dict[str, str]) -> dict[str, bytes]:
    """The data keys of the store copies among ``stored`` (path -> SHA-256) that are envelopes.

    A copy whose key record is gone (or names another document, or is damaged) gets an empty
    key: the worker reports the envelope as the missing store copy it in effect is."""
    if not ctx.store.encrypted:
        return {}
    keys = {}
    for path, sha256 in stored.items():
        if not path:
            continue
        try:
            key = ctx.store.data_key(sha256)
        except FileNotFoundError:
            key = b"" if Path(path).is_file() else None
        except RecordIntegrityError:  # a record naming another document, or damaged: this
            key = b""  # copy cannot be opened; the run goes on with the others
        if key is not None:
            keys[path] = key
    return keys


def _deleted(ctx: AppContext) -> dict[str, int]:
    """Store objects of documents deleted under retention -> their event; {} when the log
    cannot prove it (the missing copies are then failures, as without retention)."""
    try:
        return deleted_files(ctx)
    except SealDeskError:
        return {}


def _legacy_original(ctx: AppContext, sha256: str) -> str:
    """A separately stored original (before issue 9), checked too; else "" (the sealed file's
    prefix is the original, and the worker checks that prefix against the recorded hash)."""
    path = ctx.store.path_of(sha256)
    return str(path) if path.is_file() else ""
