"""The envelope file format: header, chunk layout and the authenticated encryption of one chunk.

An envelope file is::

    header  = MAGIC (7 bytes, b"SDENC\\x00\\x01")
              || e (1 byte: chunks hold 2**e plaintext bytes, 12 <= e <= 24; default 20 = 1 MiB)
              || file_id (16 random bytes)                                  -> 24 bytes in all
    chunk i = nonce (12 random bytes) || AES-256-GCM ciphertext || tag (16)  -> plaintext + 28

Every chunk but the last holds exactly ``chunk_size`` plaintext bytes, so chunk ``i`` starts at
``24 + i * (chunk_size + 28)``: any byte can be read or rewritten without touching the rest. The
last chunk holds 1..chunk_size bytes; an empty plaintext is one last chunk with no ciphertext
(only its nonce and tag). That layout is the only one a writer produces, so the plaintext length
follows from the file's length alone (:func:`plaintext_size_of`): with ``body = size - 24`` and
``slot = chunk_size + 28``, there are ``n = ceil(body / slot)`` chunks and
``body - 28 * n`` plaintext bytes.

Each chunk is authenticated with the additional data ``header || i (8 bytes, big-endian) ||
final (1 byte: 1 for the last chunk, else 0)``. The header binds every chunk to this file (its
random ``file_id``) and to its chunk size; the index forbids moving chunks around; the final flag
makes cutting chunks off the end (the new last chunk was not written as final) or appending a
copied chunk (the old last chunk was) fail. A nonce is drawn at random for every chunk write, so
rewriting a chunk in place never reuses a nonce under the same key: with 96-bit random nonces
the usual bound (2**32 chunk writes per key) is far beyond one document's data key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sealdesk.errors import RecordIntegrityError

MAGIC = b"SDENC\x00\x01"
HEADER_SIZE = len(MAGIC) + 1 + 16
NONCE_SIZE = 12
TAG_SIZE = 16
CHUNK_OVERHEAD = NONCE_SIZE + TAG_SIZE
MIN_EXPONENT, MAX_EXPONENT = 12, 24
DEFAULT_CHUNK_SIZE = 1 << 20
DATA_KEY_BYTES = 32


class EnvelopeError(RecordIntegrityError):
    """An envelope file cannot be decrypted: it was changed, cut, extended, or the key is wrong."""


def envelope_error(name: str | None, detail: str) -> EnvelopeError:
    """The one message for every failure: a person cannot tell tampering from a wrong key."""
    subject = f"The stored file {name!r}" if name else "The stored file"
    return EnvelopeError(
        f"{subject} cannot be decrypted: it was changed or the key is wrong ({detail}).",
        hint="Do not use this copy. Restore the document from a snapshot, and report the "
        "change as a possible tampering incident if the key is known to be right.",
    )


def new_data_key() -> bytes:
    """A fresh random AES-256 key for one document."""
    return AESGCM.generate_key(bit_length=8 * DATA_KEY_BYTES)


def check_chunk_size(chunk_size: int) -> int:
    """The exponent ``e`` of ``chunk_size = 2**e``; ValueError if the format cannot hold it."""
    exponent = chunk_size.bit_length() - 1
    if chunk_size != 1 << exponent or not MIN_EXPONENT <= exponent <= MAX_EXPONENT:
        raise ValueError(f"chunk_size must be a power of two from 2**{MIN_EXPONENT} to "
                         f"2**{MAX_EXPONENT}, not {chunk_size}")
    return exponent


@dataclass(frozen=True)
class Header:
    """The fixed header of one envelope file."""

    chunk_size: int
    file_id: bytes

    @classmethod
    def new(cls, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Header:
        check_chunk_size(chunk_size)
        return cls(chunk_size, os.urandom(16))

    @classmethod
    def parse(cls, data: bytes, name: str | None = None) -> Header:
        """The header at the start of ``data``; EnvelopeError if it is not an envelope's."""
        if len(data) < HEADER_SIZE or not data.startswith(MAGIC):
            raise envelope_error(name, "it does not start with an encrypted file header")
        exponent = data[len(MAGIC)]
        if not MIN_EXPONENT <= exponent <= MAX_EXPONENT:
            raise envelope_error(name, "its header names an impossible chunk size")
        return cls(1 << exponent, bytes(data[len(MAGIC) + 1:HEADER_SIZE]))

    def to_bytes(self) -> bytes:
        return MAGIC + bytes([check_chunk_size(self.chunk_size)]) + self.file_id


def slot_offset(index: int, chunk_size: int) -> int:
    """Where chunk ``index`` starts in the envelope file."""
    return HEADER_SIZE + index * (chunk_size + CHUNK_OVERHEAD)


def chunk_count(plaintext_size: int, chunk_size: int) -> int:
    """How many chunks hold ``plaintext_size`` bytes (at least one: the final one)."""
    return max(1, -(-plaintext_size // chunk_size))


def ciphertext_size_of(plaintext_size: int, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """The length of the envelope file that holds ``plaintext_size`` bytes."""
    return HEADER_SIZE + plaintext_size + CHUNK_OVERHEAD * chunk_count(plaintext_size, chunk_size)


def plaintext_size_of(ciphertext_size: int, chunk_size: int = DEFAULT_CHUNK_SIZE,
                      name: str | None = None) -> int:
    """The plaintext length an envelope file of ``ciphertext_size`` bytes holds.

    EnvelopeError if no writer produces a file of that length (cut inside a chunk, or a chunk
    with nothing in it after full ones): the file was cut short or extended.
    """
    body = ciphertext_size - HEADER_SIZE
    count = -(-body // (chunk_size + CHUNK_OVERHEAD))
    plaintext = body - CHUNK_OVERHEAD * count
    if body < CHUNK_OVERHEAD or ciphertext_size_of(plaintext, chunk_size) != ciphertext_size:
        raise envelope_error(name, f"its length, {ciphertext_size:,} bytes, is not one an "
                             "encrypted file can have")
    return plaintext


class ChunkCipher:
    """Seals and opens the chunks of one envelope file under one data key."""

    def __init__(self, key: bytes, header: Header, name: str | None = None) -> None:
        if len(key) != DATA_KEY_BYTES:  # never echo the key itself
            raise ValueError(f"a data key has {DATA_KEY_BYTES} bytes, this one {len(key)}")
        self._aead = AESGCM(key)
        self._header = header.to_bytes()
        self.header = header
        self.name = name

    def _aad(self, index: int, final: bool) -> bytes:
        return self._header + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")

    def seal(self, index: int, plaintext: bytes | bytearray | memoryview, final: bool) -> bytes:
        """Chunk ``index`` as stored: a fresh random nonce, then the ciphertext and tag."""
        nonce = os.urandom(NONCE_SIZE)
        return nonce + self._aead.encrypt(nonce, plaintext, self._aad(index, final))

    def open(self, index: int, slot: bytes, final: bool) -> bytes:
        """The plaintext of stored chunk ``index``; EnvelopeError unless it is authentic."""
        if len(slot) < CHUNK_OVERHEAD:
            raise envelope_error(self.name, f"part {index + 1} is cut short")
        try:
            return self._aead.decrypt(slot[:NONCE_SIZE], slot[NONCE_SIZE:],
                                      self._aad(index, final))
        except InvalidTag:
            raise envelope_error(self.name, f"part {index + 1} failed its integrity check") \
                from None
