"""Whole-file encryption and decryption of envelopes, streamed one chunk at a time.

A document enters the store through :func:`encrypt_stream` and leaves it through
:func:`decrypt_stream`; both hash the plaintext on the way (the store records the hash, and the
sealing checks "the sealed file begins with the original" by the hash of a prefix), so nobody
reads a document twice. Memory stays at about three chunks whatever the file's size: the chunk
being written and the one read ahead to know whether it is the last. The format is described
in :mod:`sealdesk.core.crypto.envelope_format`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from sealdesk.core.crypto.envelope_format import (
    CHUNK_OVERHEAD,
    DEFAULT_CHUNK_SIZE,
    HEADER_SIZE,
    ChunkCipher,
    Header,
    envelope_error,
)


@dataclass(frozen=True)
class StreamFacts:
    """What a pass over a plaintext learnt about it."""

    plaintext_sha256: str
    plaintext_size: int
    ciphertext_size: int
    prefix_sha256: str | None = None
    """SHA-256 of the first ``prefix_size`` plaintext bytes, when they were asked for."""


class _Hashes:
    """SHA-256 of everything fed, and of the first ``prefix_size`` bytes of it."""

    def __init__(self, prefix_size: int | None) -> None:
        if prefix_size is not None and prefix_size < 0:
            raise ValueError("prefix_size cannot be negative")
        self.whole = hashlib.sha256()
        self.prefix = None if prefix_size is None else hashlib.sha256()
        self.prefix_left = prefix_size or 0
        self.size = 0

    def update(self, data: bytes) -> None:
        self.whole.update(data)
        self.size += len(data)
        if self.prefix is not None and self.prefix_left:
            part = data[:self.prefix_left]
            self.prefix.update(part)
            self.prefix_left -= len(part)

    def facts(self, ciphertext_size: int) -> StreamFacts:
        prefix = None
        if self.prefix is not None:
            if self.prefix_left:  # the plaintext is shorter than the prefix asked for
                raise ValueError(f"the plaintext has only {self.size} bytes, fewer than the "
                                 "prefix to hash")
            prefix = self.prefix.hexdigest()
        return StreamFacts(self.whole.hexdigest(), self.size, ciphertext_size, prefix)


def read_exactly(source: BinaryIO, size: int) -> bytes:
    """``size`` bytes from ``source``, fewer only at its end (raw files may return short reads)."""
    data = source.read(size)
    if len(data) == size or not data:
        return data
    parts = [data]
    got = len(data)
    while got < size and (more := source.read(size - got)):
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def encrypt_stream(source: BinaryIO, target: BinaryIO, key: bytes, *,
                   chunk_size: int = DEFAULT_CHUNK_SIZE,
                   prefix_size: int | None = None) -> StreamFacts:
    """Write ``source``'s remaining bytes to ``target`` as one envelope under ``key``.

    ``prefix_size``: also hash the first that many plaintext bytes (the facts'
    ``prefix_sha256``); ValueError if the plaintext is shorter.
    """
    header = Header.new(chunk_size)
    cipher = ChunkCipher(key, header)
    hashes = _Hashes(prefix_size)
    target.write(header.to_bytes())
    written = HEADER_SIZE
    current = read_exactly(source, chunk_size)
    index = 0
    while True:
        following = read_exactly(source, chunk_size) if len(current) == chunk_size else b""
        hashes.update(current)
        slot = cipher.seal(index, current, final=not following)
        target.write(slot)
        written += len(slot)
        if not following:
            return hashes.facts(written)
        current, index = following, index + 1


def decrypt_stream(source: BinaryIO, target: BinaryIO, key: bytes, *,
                   limit: int | None = None, prefix_size: int | None = None) -> StreamFacts:
    """Write the plaintext of the envelope read from ``source`` to ``target``.

    Every chunk is authenticated before any of its bytes are written; EnvelopeError for a
    changed, reordered, cut or extended file or a wrong key. ``limit``: stop after that many
    plaintext bytes (the chunks after them are not read, so not checked). The facts'
    ``ciphertext_size`` counts the envelope bytes read.
    """
    name = getattr(source, "name", None)
    name = name if isinstance(name, str) else None
    header = Header.parse(read_exactly(source, HEADER_SIZE), name)
    cipher = ChunkCipher(key, header, name)
    hashes = _Hashes(prefix_size)
    slot_size = header.chunk_size + CHUNK_OVERHEAD
    read = HEADER_SIZE
    current = read_exactly(source, slot_size)
    index = 0
    while limit is None or hashes.size < limit:
        following = read_exactly(source, slot_size) if len(current) == slot_size else b""
        plaintext = cipher.open(index, current, final=not following)
        if not plaintext and index > 0:  # no writer stores an empty chunk after full ones
            raise envelope_error(name, f"part {index + 1} is empty")
        read += len(current)
        if limit is not None:
            plaintext = plaintext[:limit - hashes.size]
        hashes.update(plaintext)
        target.write(plaintext)
        if not following:
            break
        current, index = following, index + 1
    return hashes.facts(read)
