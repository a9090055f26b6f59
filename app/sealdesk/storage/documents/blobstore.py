"""The content-addressed document store: originals and sealed outputs, named by SHA-256.

Layout: ``objects/ab/abcdef...`` for stored files and ``staging/`` for sealed outputs that are
written but not yet committed. The sealing protocol is: write to staging and fsync; commit the
seal and its audit event; then :meth:`BlobStore.promote` the staged file into ``objects/``.
After a crash, :mod:`sealdesk.services.incidents.recovery` finishes promotions the database
committed and
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

from sealdesk.errors import RecordIntegrityError, StorageError
from sealdesk.fsutil import (
    CHUNK,
    PrefixDigest,
    atomic_output,
    copy_durably,
    fsync_dir,
    make_private_dir,
    open_private_new,
    sha256_file,
    sha256_prefix_and_whole,
    writer_tag,
)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.staging = root / "staging"

    def ensure(self) -> BlobStore:
        try:
            make_private_dir(self.root)  # 0700, whatever the umask (issue 21)
            make_private_dir(self.objects)
            make_private_dir(self.staging)
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
            raise write_error(exc, f"storing {source.name}") from exc
        if actual != expected_sha256:
            target.unlink(missing_ok=True)
            raise RecordIntegrityError(
                f"{source.name} changed while it was being stored.",
                hint="Make sure no other program is writing the file, then add it again.",
            )
        return target

    @contextlib.contextmanager
    def staged_output(self) -> Iterator[tuple[BinaryIO, Path]]:
        """A new staging file, fsynced on success and removed on failure."""
        handle, path = self.open_staging()
        try:
            yield handle, path
            self.finish_staging(handle, path)
        except BaseException as exc:
            self.discard_staging(handle, path)
            if isinstance(exc, OSError):
                raise write_error(exc, "writing the sealed document") from exc
            raise

    def open_staging(self) -> tuple[BinaryIO, Path]:
        """A new, empty staging file open for writing and reading back.

        Its name carries the writer's host and pid, so recovery leaves files alone whose
        writer still runs (another console on the same store) and discards a crashed one's.
        Finish it with :meth:`finish_staging` or :meth:`discard_staging`.
        """
        path = self.staging / f"{writer_tag()}{uuid.uuid4().hex}.pdf"
        try:
            return open_private_new(path), path  # 0600; readable too, or pyHanko buffers
        except OSError as exc:
            raise write_error(exc, "creating a staging file") from exc

    def finish_staging(self, handle: BinaryIO, path: Path) -> None:
        """Make a staging file durable (flush, fsync) and close it; removed if that fails."""
        try:
            with handle:
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            path.unlink(missing_ok=True)
            raise write_error(exc, "writing the sealed document") from exc

    @staticmethod
    def discard_staging(handle: BinaryIO, path: Path) -> None:
        """Close and remove a staging file that will not be committed."""
        with contextlib.suppress(OSError):
            handle.close()
        path.unlink(missing_ok=True)

    def promote(self, staged: Path, sha256: str) -> Path:
        """Move a committed staging file to its content address (atomic rename, durable)."""
        return self.promote_many([(staged, sha256)])[0]

    def promote_many(self, staged: list[tuple[Path, str]]) -> list[Path]:
        """:meth:`promote` for several files: every rename first, then each folder synced once."""
        targets = []
        for path, sha256 in staged:
            target = self.path_of(sha256)
            make_private_dir(target.parent)
            os.replace(path, target)
            targets.append(target)
        for folder in dict.fromkeys([t.parent for t in targets] + [self.staging]):
            fsync_dir(folder)
        return targets

    @staticmethod
    def write_error(exc: OSError, doing: str) -> StorageError:
        """The error a failed write into the store means to the person (disk full, …)."""
        return write_error(exc, doing)

    def staged_files(self) -> list[Path]:
        return sorted(self.staging.glob("*.pdf")) if self.staging.is_dir() else []

    def temporary_files(self) -> list[Path]:
        """Temporary copies (``.NAME.@host.pid@.XXXX.part``) interrupted before their rename."""
        return sorted(self.objects.glob("*/.*.part")) if self.objects.is_dir() else []

    def verify(self, sha256: str) -> bool:
        path = self.path_of(sha256)
        return path.is_file() and sha256_file(path) == sha256

    # Reading a stored document. Every reader outside this class goes through these, never
    # through path_of: the file on disk is the store's own representation of the content.

    def open_object(self, sha256: str) -> BinaryIO:
        """The stored document's content, open for reading (seekable); FileNotFoundError if
        it is not in the store."""
        return self.path_of(sha256).open("rb")

    @contextlib.contextmanager
    def readable_path(self, sha256: str) -> Iterator[Path]:
        """A path this process can open the stored document's content at, for the block (for
        code that takes paths: the validator, pyHanko's reader). FileNotFoundError if absent."""
        path = self.path_of(sha256)
        if not path.is_file():
            raise FileNotFoundError(str(path))
        yield path

    def prefix_and_whole(self, sha256: str, length: int) -> PrefixDigest:
        """SHA-256 of the content's first ``length`` bytes and of all of it (one read)."""
        return sha256_prefix_and_whole(self.path_of(sha256), length)

    def copy_out(self, sha256: str, target: Path) -> str:
        """Write the content to ``target`` outside the store (atomically, durably); its SHA-256."""
        digest = hashlib.sha256()
        with self.open_object(sha256) as src, atomic_output(target) as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        return digest.hexdigest()

    def transfer_to(self, other: BlobStore, sha256: str) -> Path:
        """Put this store's copy of ``sha256`` into ``other`` (a restored store)."""
        return other.put_file(self.path_of(sha256), sha256)

    def remove(self, sha256: str) -> bool:
        """Delete the stored content (retention); True if there was a file. The caller syncs
        the folder (:meth:`folder_of`) once for all it removed."""
        path = self.path_of(sha256)
        if not path.is_file():
            return False
        path.unlink()
        return True

    def folder_of(self, sha256: str) -> Path:
        return self.path_of(sha256).parent


def hash_stream(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def write_error(exc: OSError, doing: str) -> StorageError:
    if exc.errno == 28:  # ENOSPC
        return StorageError(
            f"The disk is full ({doing}).",
            hint="Free some space on the data disk and try again; nothing partial was kept.",
        )
    return StorageError(
        f"Writing to the document store failed while {doing}: {exc.strerror or exc}.",
        hint="Check the data folder's disk and permissions, then try again.",
    )
