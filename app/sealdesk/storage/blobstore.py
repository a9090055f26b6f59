"""The content-addressed document store: originals and sealed outputs, named by SHA-256.

Layout: ``objects/ab/abcdef...`` for stored files and ``staging/`` for sealed outputs that are
written but not yet committed. The sealing protocol is: write to staging and fsync; commit the
seal and its audit event; then :meth:`BlobStore.promote` the staged file into ``objects/``.
After a crash, :mod:`sealdesk.services.recovery` finishes promotions the database committed and
discards staged files it never committed, so a sealed file exists exactly when its audit event
does.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sealdesk.errors import IntegrityError, StorageError
from sealdesk.fsutil import CHUNK, copy_durably, fsync_dir, sha256_file, writer_tag


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.staging = root / "staging"

    def ensure(self) -> BlobStore:
        try:
            self.objects.mkdir(parents=True, exist_ok=True)
            self.staging.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the document store in {self.root}: {exc.strerror}.",
                hint="Check that the data folder exists and is writable.",
            ) from exc
        return self

    def path_of(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put_file(self, source: Path, expected_sha256: str) -> Path:
        """Store a copy of ``source``; the copy's hash must equal ``expected_sha256``."""
        target = self.path_of(expected_sha256)
        if target.is_file():
            return target
        try:
            actual = copy_durably(source, target)
        except OSError as exc:
            raise _write_error(exc, f"storing {source.name}") from exc
        if actual != expected_sha256:
            target.unlink(missing_ok=True)
            raise IntegrityError(
                f"{source.name} changed while it was being stored.",
                hint="Make sure no other program is writing the file, then add it again.",
            )
        return target

    @contextlib.contextmanager
    def staged_output(self) -> Iterator[tuple[BinaryIO, Path]]:
        """A new staging file, fsynced on success and removed on failure.

        Its name carries the writer's host and pid, so recovery leaves files alone whose
        writer still runs (another console on the same store) and discards a crashed one's.
        """
        path = self.staging / f"{writer_tag()}{uuid.uuid4().hex}.pdf"
        try:
            handle = path.open("x+b")  # readable too, or pyHanko buffers the seal in memory
        except OSError as exc:
            raise _write_error(exc, "creating a staging file") from exc
        try:
            with handle:
                yield handle, path
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException as exc:
            path.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _write_error(exc, "writing the sealed document") from exc
            raise

    def promote(self, staged: Path, sha256: str) -> Path:
        """Move a committed staging file to its content address (atomic rename, durable)."""
        target = self.path_of(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        fsync_dir(target.parent)
        fsync_dir(self.staging)
        return target

    def staged_files(self) -> list[Path]:
        return sorted(self.staging.glob("*.pdf")) if self.staging.is_dir() else []

    def temporary_files(self) -> list[Path]:
        """Temporary copies (``.NAME.@host.pid@.XXXX.part``) interrupted before their rename."""
        return sorted(self.objects.glob("*/.*.part")) if self.objects.is_dir() else []

    def verify(self, sha256: str) -> bool:
        path = self.path_of(sha256)
        return path.is_file() and sha256_file(path) == sha256


def hash_stream(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _write_error(exc: OSError, doing: str) -> StorageError:
    if exc.errno == 28:  # ENOSPC
        return StorageError(
            f"The disk is full ({doing}).",
            hint="Free some space on the data disk and try again; nothing partial was kept.",
        )
    return StorageError(
        f"Writing to the document store failed while {doing}: {exc.strerror or exc}.",
        hint="Check the data folder's disk and permissions, then try again.",
    )
