"""Reading an evidence bundle's zip safely: it comes from elsewhere and is untrusted input.

An auditor opens bundles received by mail or on a stick, so the reader assumes the worst:

* **not a zip** (or a truncated one): :class:`~sealdesk.errors.InputError` at once (a bundle still
  encrypted for its recipients says so, with the ``openssl cms -decrypt`` command to open it);
* **zip bombs**: limits on the number of members, each member's declared size, the total, and
  the compression ratio; and the declared sizes are not trusted either: decompression stops
  at the declared size plus one byte, so a member that inflates to more than it claims fails;
* **path tricks**: absolute names, ``..`` segments, backslashes, drive letters, control
  characters and directory entries are refused; nothing is ever extracted under its own name
  (members are read into memory or copied to a path the caller chooses);
* **duplicate names**: refused, since zip readers disagree on which copy wins;
* **damaged members** (CRC mismatch, inflate error): reported per member as
  :class:`MemberDamaged`, so the verdict can name the member instead of failing as a whole.
"""

from __future__ import annotations

import hashlib
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sealdesk.core.evidence.encrypt_bundle import encrypted_bundle_error, is_encrypted_bundle
from sealdesk.errors import InputError
from sealdesk.fsutil import open_regular

MAX_MEMBERS = 20_000
MAX_MEMBER_SIZE = 1 << 30  # 1 GiB: a sealed PDF larger than this is not a realistic exhibit
MAX_TOTAL_SIZE = 8 << 30
MAX_RATIO = 200
"""Deflate reaches about 1000:1 on zeros; real PDFs, JSON and PEM stay far below 200:1."""
RATIO_FLOOR = 1 << 20
"""Members smaller than this may have any ratio (tiny JSON files compress very well)."""
METADATA_LIMIT = 32 << 20
"""Manifest, signatures, certificates, checkpoint, entries, proofs and reports: a manifest of
20,000 members is about 3 MB."""
_CHUNK = 1 << 20
_BAD_NAME = re.compile(r"(^/)|(^[A-Za-z]:)|\\|[\x00-\x1f\x7f]")


class MemberDamaged(Exception):
    """A member could not be read back intact (CRC mismatch, bad compressed data, too long)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class MemberInfo:
    name: str
    size: int
    compressed_size: int


def check_member_name(name: str) -> None:
    """Refuse names that could escape a folder or mean different files on different systems."""
    parts = name.split("/")
    if (
        not name
        or _BAD_NAME.search(name)
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise InputError(
            f"The bundle holds a member with an unsafe name ({name!r}).",
            hint="SealDesk bundles use plain relative names; this file was not made by "
            "SealDesk or was altered. Do not extract it with other tools.",
        )


def _encrypted(handle: BinaryIO) -> bool:
    """Is this not-a-zip a bundle still encrypted for its recipients (say so, not "not a zip")?"""
    try:
        handle.seek(0)
        return is_encrypted_bundle(handle.read(64))
    except OSError:
        return False


class BundleZip:
    """The members of a bundle zip, checked for the attacks above when opened."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError(f"The bundle {self.path} does not exist.")
        self._file = open_regular(self.path, "evidence bundle")  # never a FIFO or /dev/zero
        try:
            self._zip = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as ex:
            encrypted = _encrypted(self._file)
            self._file.close()
            if encrypted:
                raise encrypted_bundle_error(self.path) from None
            raise InputError(
                f"{self.path.name} is not a readable evidence bundle (not a zip file: {ex}).",
                hint="An evidence bundle is the .zip file written by 'sealdesk evidence "
                "export'; obtain it again if it was truncated in transit.",
            ) from None
        try:
            self.members = self._check_directory()
        except InputError:
            self.close()
            raise

    def _check_directory(self) -> dict[str, MemberInfo]:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"The bundle has {len(infos)} members; at most {MAX_MEMBERS} are "
                             "accepted.")
        members: dict[str, MemberInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            check_member_name(name)
            if info.is_dir() or stat.S_ISLNK(info.external_attr >> 16):
                raise InputError(f"The bundle holds a directory or link entry ({name!r}).",
                                 hint="SealDesk bundles hold regular files only.")
            if name in members:
                raise InputError(f"The bundle holds two members named {name!r}.",
                                 hint="Readers disagree on which copy counts, so SealDesk "
                                 "accepts neither. The bundle was not made by SealDesk or was "
                                 "altered.")
            if info.file_size > MAX_MEMBER_SIZE:
                raise InputError(f"Member {name!r} claims {info.file_size} bytes, more than the "
                                 f"limit of {MAX_MEMBER_SIZE}.")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1):
                raise InputError(f"Member {name!r} would expand {info.file_size} bytes from "
                                 f"{info.compress_size}: refused as a possible zip bomb.")
            total += info.file_size
            members[name] = MemberInfo(name, info.file_size, info.compress_size)
        if total > MAX_TOTAL_SIZE:
            raise InputError(f"The bundle would expand to {total} bytes, more than the limit of "
                             f"{MAX_TOTAL_SIZE}.")
        return members

    def __contains__(self, name: str) -> bool:
        return name in self.members

    def _chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, never more than it declared; damage raises MemberDamaged."""
        limit = self.members[name].size
        seen = 0
        try:
            with self._zip.open(name) as handle:
                while chunk := handle.read(min(_CHUNK, limit - seen + 1)):
                    seen += len(chunk)
                    if seen > limit:
                        raise MemberDamaged(name, "holds more data than its header declares")
                    yield chunk
        except MemberDamaged:
            raise
        except Exception as ex:  # BadZipFile (CRC), zlib.error, EOFError: data altered
            raise MemberDamaged(name, _damage_text(ex)) from None
        if seen != limit:
            raise MemberDamaged(name, f"holds {seen} bytes, its header declares {limit}")

    def read(self, name: str, limit: int = METADATA_LIMIT) -> bytes:
        """The member's bytes in memory: only for metadata (JSON, certificates, signatures).

        Its size is checked against ``limit`` from the central directory before a byte is
        inflated (issue 18: a 6 MB bundle whose manifest inflated to 1 GB took 2.2 GB of memory
        before its signature was checked); documents are hashed or copied, never read whole.
        """
        declared = self.members[name].size
        if declared > limit:
            raise MemberDamaged(name, f"declares {declared} bytes, more than the {limit} such a "
                                "member may have; refused before reading it")
        return b"".join(self._chunks(name))

    def sha256(self, name: str) -> str:
        digest = hashlib.sha256()
        for chunk in self._chunks(name):
            digest.update(chunk)
        return digest.hexdigest()

    def copy_to(self, name: str, target: Path) -> None:
        """Write the member to ``target`` (a path chosen by the caller, not the member name)."""
        with target.open("wb") as out:
            self._copy(name, out)

    def _copy(self, name: str, out: BinaryIO) -> None:
        for chunk in self._chunks(name):
            out.write(chunk)

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    def __enter__(self) -> BundleZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _damage_text(ex: BaseException) -> str:
    text = str(ex)
    if "CRC" in text:
        return "damaged (its CRC-32 check fails: the bytes were altered)"
    return f"damaged ({text or type(ex).__name__})"
