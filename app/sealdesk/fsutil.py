"""Durable file writes and bounded file reads.

Writes: temp file in the same folder, fsync, atomic rename, fsync the folder. A sealed PDF is a
legal artifact; a crash or a full disk must never leave half of one where a complete one is
expected. Every file SealDesk produces is written through these helpers.

Reads: every small file SealDesk reads whole (certificates, trust anchors, keys, JSON proofs,
checkpoints and manifests, configuration) goes through :func:`read_bounded`: a regular file only
(``/dev/zero`` once grew a trust anchor to 24 GB, a FIFO blocks for ever; issue 18), opened
without blocking, at most ``limit`` bytes. Large documents are streamed by their own readers.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import socket
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sealdesk.errors import InputError, SealDeskError, StorageError

CHUNK = 1024 * 1024
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
_TAG = re.compile(r"@([A-Za-z0-9_-]{1,64})\.(\d{1,10})@")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:64] or "host"


def writer_tag() -> str:
    """``@host.pid@``: put into temporary file names so recovery can tell a crashed writer's
    leftovers (the process is gone) from files another process is still writing."""
    return f"@{_host()}.{os.getpid()}@"


def writer_gone(name: str) -> bool:
    """True when the process that named a temporary file ``name`` cannot be running any more.

    Untagged names come from versions before the tag existed: gone. A tag of another host may
    belong to a live process on a machine sharing the store: never called gone. A pid that was
    reused by an unrelated process reads as alive, so its file is left for a later recovery.
    """
    found = _TAG.findall(name)
    if not found:
        return True
    host, pid = found[-1]
    if host != _host():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_umask() -> int:
    """Make every file this process creates from now on private (0600 files, 0700 folders).

    Files SealDesk does not open itself (SQLite's database, WAL and shared-memory files, a Qt
    cache) take their mode from the umask, so the process umask is the one place that covers
    them all. Returns the previous umask. The explicit modes below keep SealDesk's own files
    private even when some caller resets the umask.
    """
    return os.umask(PRIVATE_UMASK)


def make_missing_dirs(folder: Path) -> Path:
    """Create ``folder`` and its missing parents as 0700; never change one that exists.

    For the folder of a file the person names (an export, a report, a restore target): it may be
    their home, ~/Documents or /tmp, whose modes are theirs to choose.
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    for created in missing:
        os.chmod(created, PRIVATE_DIR_MODE)
    return folder


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700; an existing ``folder`` is made 0700.

    Parents that already exist are left as they are: they may be the user's home or /tmp.
    """
    existed = folder.exists()
    make_missing_dirs(folder)
    if existed and (folder.stat().st_mode & 0o777) != PRIVATE_DIR_MODE:
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def open_private_new(path: Path) -> BinaryIO:
    """Create ``path`` exclusively as 0600 (whatever the umask), open for writing and reading."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
        return os.fdopen(fd, "w+b")
    except BaseException:
        os.close(fd)
        raise


def tighten_tree(root: Path, *, recursive: bool = True) -> list[str]:
    """Make every folder under ``root`` (itself included) 0700 and every file 0600.

    ``recursive=False``: only ``root`` and the entries directly in it.

    Returns the paths (relative to ``root``'s parent) whose mode was looser, so the caller can
    record what changed. Symbolic links are neither followed nor changed; a missing ``root`` is
    nothing to do.
    """
    if not root.is_dir() or root.is_symlink():
        return []
    changed: list[str] = []
    base = root.parent

    def fix(path: Path, mode: int) -> None:
        current = path.lstat().st_mode & 0o777
        if current & 0o077:
            os.chmod(path, mode)
            changed.append(str(path.relative_to(base)))

    fix(root, PRIVATE_DIR_MODE)
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in dirs:
            if not (here / name).is_symlink():
                fix(here / name, PRIVATE_DIR_MODE)
        for name in files:
            path = here / name
            if not path.is_symlink():
                with contextlib.suppress(FileNotFoundError):  # a temp file renamed meanwhile
                    fix(path, PRIVATE_FILE_MODE)
        if not recursive:
            break
    return changed


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """Yield a temp file next to ``target``; on success fsync and rename it over ``target``.

    On any exception the temp file is removed and ``target`` is untouched. The file is 0600
    and a folder created for it 0700, whatever the umask; an existing folder keeps its mode.
    """
    make_missing_dirs(target.parent)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{writer_tag()}.", suffix=".part", dir=target.parent
    )
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)  # mkstemp's 0600 today; said here, not assumed
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_output(target) as handle:
        handle.write(data)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, streamed so large documents never sit whole in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class PrefixDigest:
    """SHA-256 of a file's first bytes and of the whole file, read once."""

    prefix: str
    """Of the first ``length`` bytes; '' if the file is shorter than that."""
    whole: str
    size: int


def sha256_prefix_and_whole(path: Path, length: int) -> PrefixDigest:
    """Hash the first ``length`` bytes of ``path`` and the whole file in one pass.

    A sealed file begins with its original (an incremental update only appends), so this one
    read proves both the original (the prefix) and the sealed file (its content address).
    """
    digest = hashlib.sha256()
    read = 0
    with path.open("rb") as handle:
        while read < length and (chunk := handle.read(min(CHUNK, length - read))):
            digest.update(chunk)
            read += len(chunk)
        prefix = digest.hexdigest() if read == length else ""
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            read += len(chunk)
    return PrefixDigest(prefix, digest.hexdigest(), read)


def copy_durably(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target`` atomically and durably; return the copy's SHA-256."""
    digest = hashlib.sha256()
    with source.open("rb") as src, atomic_output(target) as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


KIB = 1024
MIB = 1024 * KIB
CERTIFICATE_LIMIT = 1 * MIB
"""A certificate, a chain or a key in PEM or DER: real ones are a few kilobytes."""
JSON_FILE_LIMIT = 64 * MIB
"""A proof, checkpoint, manifest or exported record: large ranges stay far below this."""
CONFIG_LIMIT = 1 * MIB
"""A configuration file (TOML)."""


def open_regular(path: Path, what: str, error: type[SealDeskError] = InputError) -> BinaryIO:
    """Open ``path`` for reading if, and only if, it is a regular file; never blocks.

    ``O_NONBLOCK`` makes opening a FIFO return at once; the type is checked on the open
    descriptor (not on the name, which another process could swap). Symbolic links to regular
    files are followed (/etc/ssl/certs is made of them).
    """
    name = path.name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise error(f"Cannot read {name}: {exc.strerror or exc.__class__.__name__}.",
                    hint=f"Check that the {what} file exists and that you may read it.") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise error(f"The {what} {name} is not a regular file (it is a folder, device or "
                        "pipe).", hint=f"Give the path of the {what} file itself.")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(
    path: Path, limit: int, what: str, error: type[SealDeskError] = InputError
) -> bytes:
    """The whole of ``path`` (a regular file of at most ``limit`` bytes), or ``error`` saying why.

    ``what`` names the file for the message ("trust anchor", "proof file"). The size is checked
    before reading and again while reading (a file may grow meanwhile): at most ``limit + 1``
    bytes are ever read.
    """
    name = path.name or str(path)
    with open_regular(path, what, error) as handle:
        try:
            declared = os.fstat(handle.fileno()).st_size
            data = b"" if declared > limit else handle.read(limit + 1)
        except OSError as exc:
            raise error(f"Cannot read {name}: {exc.strerror or exc}.",
                        hint=f"Check the {what} file and the disk it is on.") from None
    if declared > limit or len(data) > limit:
        raise error(f"The {what} {name} is too large ({max(declared, len(data))} bytes; at most "
                    f"{limit} are accepted).",
                    hint=f"Check that this is the right file: a {what} is much smaller.")
    return data


def read_text_bounded(
    path: Path, limit: int, what: str, error: type[SealDeskError] = InputError
) -> str:
    """:func:`read_bounded` decoded as UTF-8, or ``error`` if it is not UTF-8 text."""
    data = read_bounded(path, limit, what, error)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"The {what} {path.name} is not UTF-8 text (byte {exc.start}).",
                    hint=f"Check that this is the right file: a {what} is text.") from None


def output_error(exc: OSError, doing: str, path: Path) -> StorageError:
    """An OS error while writing an output file, in the storage error's words (exit code 6)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "it may not be written there"
    elif exc.errno == errno.EISDIR:
        reason = "it is a folder; give the name of a file to write"
    elif exc.errno in (errno.ENOTDIR, errno.ENOENT, errno.EEXIST):  # EEXIST: a file there
        reason = "its folder does not exist or is not a folder"
    else:
        reason = exc.strerror or exc.__class__.__name__
    return StorageError(f"Cannot write {path} ({doing}): {reason}.",
                        hint="Choose a writable folder with free space and try again.")


def write_output(target: Path, data: bytes, doing: str) -> None:
    """:func:`atomic_write_bytes` for a file the user named; OS errors become StorageError.

    ``sealdesk verify --html DIR`` ended in a traceback (issue 18): every output path the user
    chooses fails with the storage error and its exit code, and nothing partial is left.
    """
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise output_error(exc, doing, target) from None


@contextlib.contextmanager
def output_file(target: Path, doing: str) -> Iterator[BinaryIO]:
    """:func:`atomic_output` for a file the user named; OS errors become StorageError."""
    try:
        with atomic_output(target) as handle:
            yield handle
    except OSError as exc:
        raise output_error(exc, doing, target) from None
