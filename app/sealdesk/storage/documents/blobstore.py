"""The content-addressed document store: originals and sealed outputs, named by SHA-256.

Layout: ``objects/ab/abcdef...`` for stored files and ``staging/`` for sealed outputs that are
written but not yet committed. The sealing protocol is: write to staging and fsync; commit the
seal and its audit event; then :meth:`BlobStore.promote` the staged file into ``objects/``.
After a crash, :mod:`sealdesk.services.incidents.recovery` finishes promotions the database
committed and
discards staged files it never committed, so a sealed file exists exactly when its audit event
does.

An encrypted store (:mod:`.encryption`: ``recipients.json`` at the root) keeps the same layout,
but each file is an envelope under its own data key with its key record ``NAME.key`` beside
it; staged seals are encrypted as they are written. Objects are still named by the SHA-256 of
their plaintext, so content addressing, idempotency and the "sealed file begins with the
original" check are unchanged. Readers never open ``objects/`` themselves: they use
:meth:`BlobStore.open_object`, :meth:`BlobStore.readable_path` and the other read methods,
which decrypt (after the front end unlocked the store with the token) or read plaintext
objects of a store that is not encrypted.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sealdesk.core.crypto import (
    MAGIC,
    EncryptedFile,
    decrypt_stream,
    encrypt_stream,
    new_data_key,
    open_plaintext,
)
from sealdesk.core.crypto.plain_view import plaintext_path
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
from sealdesk.storage.documents.encryption import (
    KEY_SUFFIX,
    KeyRecord,
    StoreEncryption,
    key_path,
    load_recipients,
    write_key_record,
)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.staging = root / "staging"
        self._encryption: StoreEncryption | None = None
        self._encryption_loaded = False
        self._staging_keys: dict[Path, bytes] = {}
        """Data keys of staged seals being written by this process (until promoted)."""
        self._staging_records: dict[Path, KeyRecord] = {}

    @property
    def encryption(self) -> StoreEncryption | None:
        """The store's recipients and unlocking; None for a store that is not encrypted."""
        if not self._encryption_loaded:
            recipients = load_recipients(self.root)
            self._encryption = StoreEncryption(recipients) if recipients else None
            self._encryption_loaded = True
        return self._encryption

    def reload_encryption(self) -> StoreEncryption | None:
        """Read ``recipients.json`` again (after encryption was set up or its recipients
        changed); an unlocking already installed is kept."""
        previous = self._encryption
        self._encryption_loaded = False
        current = self.encryption
        if current is not None and previous is not None and previous.unlocked:
            current.unlock(previous.unwrapper)
        return current

    @property
    def encrypted(self) -> bool:
        return self.encryption is not None

    def lock(self) -> None:
        """Forget the unwrapping (ending a key agent) and every data key held in memory."""
        if self._encryption is not None:
            self._encryption.unlock(None)

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
        """Whether the content of ``sha256`` is here and can be opened (an envelope whose key
        record is gone is destroyed content, not content)."""
        path = self.path_of(sha256)
        if not path.is_file():
            return False
        return not is_envelope(path) or key_path(path).is_file()

    def put_file(self, source: Path, expected_sha256: str) -> Path:
        """Store a copy of ``source``; the copy's hash must equal ``expected_sha256``."""
        target = self.path_of(expected_sha256)
        if self.contains(expected_sha256):
            return target
        if self.encryption is not None:
            return self._put_encrypted(source, expected_sha256, target)
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

    def _put_encrypted(self, source: Path, expected_sha256: str, target: Path) -> Path:
        encryption = self.encryption
        assert encryption is not None
        key = new_data_key()
        try:
            with source.open("rb") as src, atomic_output(target) as dst:
                facts = encrypt_stream(src, dst, key)
                if facts.plaintext_sha256 != expected_sha256:
                    raise _Changed
            write_key_record(target, encryption.record_for(key, expected_sha256,
                                                           facts.plaintext_size))
        except _Changed:
            raise RecordIntegrityError(
                f"{source.name} changed while it was being stored.",
                hint="Make sure no other program is writing the file, then add it again.",
            ) from None
        except OSError as exc:
            raise write_error(exc, f"storing {source.name}") from exc
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
            raw = open_private_new(path)  # 0600; readable too, or pyHanko buffers
        except OSError as exc:
            raise write_error(exc, "creating a staging file") from exc
        if self.encryption is None:
            return raw, path
        key = new_data_key()  # the seal is encrypted as it is written: no plaintext on disk
        self._staging_keys[path] = key
        envelope = EncryptedFile.create(raw, key, close_raw=True)
        return io.BufferedRandom(envelope, buffer_size=CHUNK), path  # type: ignore[arg-type]

    def finish_staging(self, handle: BinaryIO, path: Path) -> None:
        """Make a staging file durable (flush, fsync) and close it; removed if that fails."""
        try:
            if path in self._staging_keys:  # closing completes the envelope, then sync it
                handle.close()
                with path.open("rb") as written:
                    os.fsync(written.fileno())
            else:
                with handle:
                    handle.flush()
                    os.fsync(handle.fileno())
        except OSError as exc:
            self.discard_staged(path)
            raise write_error(exc, "writing the sealed document") from exc

    def complete_envelope(self, handle: BinaryIO, path: Path) -> None:
        """Close an encrypted staging file so it is a complete envelope (readable, not yet
        synced: :meth:`finish_staging` does that, and may run while it is hashed). Nothing to
        do for a plain staging file."""
        if path not in self._staging_keys:
            return
        try:
            handle.close()
        except OSError as exc:
            self.discard_staged(path)
            raise write_error(exc, "writing the sealed document") from exc

    def discard_staging(self, handle: BinaryIO, path: Path) -> None:
        """Close and remove a staging file that will not be committed."""
        with contextlib.suppress(OSError, ValueError):
            handle.close()
        self.discard_staged(path)

    def discard_staged(self, path: Path) -> None:
        """Remove a closed staging file (and its key record) that will not be committed."""
        self._staging_keys.pop(path, None)
        self._staging_records.pop(path, None)
        self.remove_staged_file(path)

    @staticmethod
    def remove_staged_file(path: Path) -> None:
        """Remove a staged file and its key record (a seal that will not be committed)."""
        key_path(path).unlink(missing_ok=True)
        path.unlink(missing_ok=True)

    def stage_bytes(self, data: bytes, sha256: str) -> Path:
        """A whole sealed document, already hashed, written to a durable staging file."""
        handle, path = self.open_staging()
        try:
            handle.write(data)
        except BaseException as exc:
            self.discard_staging(handle, path)
            if isinstance(exc, OSError):
                raise write_error(exc, "writing the sealed document") from exc
            raise
        self.finish_staging(handle, path)
        self.record_staged(path, sha256, len(data))
        return path

    def staged_digest(self, path: Path, length: int) -> PrefixDigest:
        """:func:`sha256_prefix_and_whole` of a finished staging file's content."""
        key = self._staging_keys.get(path)
        if key is None:
            return sha256_prefix_and_whole(path, length)
        return _envelope_digest(path, key, length)

    @contextlib.contextmanager
    def staged_path(self, path: Path) -> Iterator[Path]:
        """A path to a finished staging file's content (see :meth:`readable_path`)."""
        key = self._staging_keys.get(path)
        if key is None:
            yield path
            return
        with plaintext_path(path, key, path.name) as plain:
            yield plain

    def record_staged(self, path: Path, sha256: str, size: int) -> None:
        """Once a staged seal's content address is known: write its key record (durable).

        Only then can the seal be committed: recovery after a crash reads the address from
        the record (it holds no token login), and a staged envelope without one was never
        committed. A store that is not encrypted has nothing to record.
        """
        key = self._staging_keys.get(path)  # kept until promoted or discarded
        if key is None:
            return
        assert self.encryption is not None
        recorded = self.encryption.record_for(key, sha256, size)
        self._staging_records[path] = recorded
        record = recorded.to_bytes()
        target = key_path(path)
        try:
            with open_private_new(target) as out:
                out.write(record)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            target.unlink(missing_ok=True)
            path.unlink(missing_ok=True)
            raise write_error(exc, "writing the sealed document's key record") from exc

    def staged_sha256(self, path: Path) -> str | None:
        """The content address of a staged file a crashed writer left (recovery): hashed for a
        plain file, read from the key record of an envelope (None without one: it was never
        recorded, so never committed)."""
        if not is_envelope(path):
            return sha256_file(path)
        record = key_path(path)
        if not record.is_file():
            return None
        return KeyRecord.read(record).sha256

    def orphan_staged_records(self) -> list[Path]:
        """Key records in staging whose envelope was already moved (a crash mid-promotion)."""
        if not self.staging.is_dir():
            return []
        return sorted(p for p in self.staging.glob(f"*.pdf{KEY_SUFFIX}")
                      if not p.with_name(p.name[: -len(KEY_SUFFIX)]).exists())

    def finish_promotion(self, record: Path) -> str | None:
        """Move an orphan staged key record next to its promoted envelope (recovery); the
        object's address, or None (the record was removed: its envelope is not there)."""
        sha256 = KeyRecord.read(record).sha256
        target = self.path_of(sha256)
        if target.is_file() and is_envelope(target) and not key_path(target).exists():
            os.replace(record, key_path(target))
            fsync_dir(target.parent)
            return sha256
        record.unlink(missing_ok=True)
        return None

    def promote(self, staged: Path, sha256: str) -> Path:
        """Move a committed staging file to its content address (atomic rename, durable)."""
        return self.promote_many([(staged, sha256)])[0]

    def promote_many(self, staged: list[tuple[Path, str]]) -> list[Path]:
        """:meth:`promote` for several files: every rename first, then each folder synced once."""
        targets = []
        for path, sha256 in staged:
            target = self.path_of(sha256)
            make_private_dir(target.parent)
            key, record = self._staging_keys.pop(path, None), self._staging_records.pop(path, None)
            if key is not None and record is not None and self.encryption is not None:
                self.encryption.remember(record, key)
            os.replace(path, target)  # the envelope first, then its key record: a crash
            if key_path(path).exists():  # between leaves the record in staging (recovery)
                os.replace(key_path(path), key_path(target))
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
        """Whether the stored content is there and hashes to its name (decrypting it, for an
        envelope: a locked store raises StoreLockedError)."""
        if not self.contains(sha256):
            return False
        try:
            return self.prefix_and_whole(sha256, 0).whole == sha256
        except RecordIntegrityError:
            return False

    # Reading a stored document. Every reader outside this class goes through these, never
    # through path_of: the file on disk is the store's own representation of the content.

    def open_object(self, sha256: str) -> BinaryIO:
        """The stored document's content, open for reading (seekable); FileNotFoundError if
        it is not in the store."""
        path = self.path_of(sha256)
        key = self.data_key(sha256)
        if key is None:
            return path.open("rb")
        return io.BufferedReader(open_plaintext(path, key), buffer_size=CHUNK)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def readable_path(self, sha256: str) -> Iterator[Path]:
        """A path this process can open the stored document's content at, for the block (for
        code that takes paths: the validator, pyHanko's reader). FileNotFoundError if absent.

        For an envelope it is an in-memory file (:mod:`sealdesk.core.crypto.plain_view`):
        nothing decrypted is ever written to a disk."""
        path = self.path_of(sha256)
        if not path.is_file():
            raise FileNotFoundError(str(path))
        key = self.data_key(sha256)
        if key is None:
            yield path
            return
        with plaintext_path(path, key, sha256[:16]) as plain:
            yield plain

    def data_key(self, sha256: str) -> bytes | None:
        """The data key of stored ``sha256`` (None for a plaintext object); FileNotFoundError
        when its content is not here, StoreLockedError when the store is not unlocked."""
        path = self.path_of(sha256)
        if not is_envelope(path):
            return None
        record_path = key_path(path)
        if not record_path.is_file():
            raise FileNotFoundError(str(record_path))  # destroyed (retention) or lost
        record = KeyRecord.read(record_path)
        if record.sha256 != sha256:
            raise RecordIntegrityError(
                f"The key record of stored document {sha256[:16]}… names another document.",
                hint="The store was altered; restore it from a snapshot and run 'sealdesk "
                "reconcile'.")
        if self.encryption is None:
            raise RecordIntegrityError(
                "The document store holds encrypted documents but has no recipients file.",
                hint="Restore store/recipients.json from a snapshot; 'sealdesk store status' "
                "shows what the audit log records for it.")
        return self.encryption.data_key(record)

    def prefix_and_whole(self, sha256: str, length: int) -> PrefixDigest:
        """SHA-256 of the content's first ``length`` bytes and of all of it (one read)."""
        path = self.path_of(sha256)
        key = self.data_key(sha256)
        if key is None:
            return sha256_prefix_and_whole(path, length)
        return _envelope_digest(path, key, length)

    def copy_out(self, sha256: str, target: Path) -> str:
        """Write the content to ``target`` outside the store (atomically, durably); its SHA-256."""
        digest = hashlib.sha256()
        with self.open_object(sha256) as src, atomic_output(target) as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        return digest.hexdigest()

    def transfer_to(self, other: BlobStore, sha256: str) -> Path:
        """Put this store's copy of ``sha256`` into ``other`` (a restored store of the same
        installation: an envelope moves as it is, with its key record)."""
        path = self.path_of(sha256)
        if not is_envelope(path):
            return other.put_file(path, sha256)
        target = other.path_of(sha256)
        if other.contains(sha256):
            return target
        copy_durably(path, target)
        copy_durably(key_path(path), key_path(target))
        return target

    def remove(self, sha256: str) -> bool:
        """Destroy the stored content (retention); True if there was any. For an envelope the
        key record goes first: from then on no copy of the envelope (a snapshot's) can be
        opened with this store's keys. The caller syncs the folder (:meth:`folder_of`)."""
        path = self.path_of(sha256)
        removed = False
        if key_path(path).is_file():
            key_path(path).unlink()
            removed = True
        if path.is_file():
            path.unlink()
            removed = True
        return removed

    def object_files(self) -> list[Path]:
        """Every stored object file (named by a SHA-256; key records and temporaries left out)."""
        if not self.objects.is_dir():
            return []
        return sorted(p for p in self.objects.glob("*/*")
                      if len(p.name) == 64 and p.is_file())

    def folder_of(self, sha256: str) -> Path:
        return self.path_of(sha256).parent


def is_envelope(path: Path) -> bool:
    """Whether the file at ``path`` is an encrypted envelope (begins with its magic)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _envelope_digest(path: Path, key: bytes, length: int) -> PrefixDigest:
    """:func:`sha256_prefix_and_whole` of an envelope's plaintext (decrypted, never written)."""
    with path.open("rb") as source:
        facts = decrypt_stream(source, _Discard(), key, prefix_size=length)
    return PrefixDigest(facts.prefix_sha256 or "", facts.plaintext_sha256, facts.plaintext_size)


class _Changed(Exception):
    pass


class _Discard:
    """A write-only sink: decrypting only to hash."""

    def write(self, data: bytes) -> int:
        return len(data)


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
