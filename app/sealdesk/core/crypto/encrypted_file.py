"""A seekable, readable and writable file object whose bytes are stored as an envelope.

pyHanko writes a sealed PDF into an output stream sequentially, then seeks back, reads byte
ranges to hash them and writes the signature into its placeholder. :class:`EncryptedFile` lets it
do so straight into the encrypted store: it decrypts only the chunk the position is in (one
chunk in memory, whatever the file's size), rewrites a changed chunk with a fresh nonce when the
position leaves it, and on :meth:`~EncryptedFile.close` marks the last chunk final, which makes
the file a complete envelope (:mod:`sealdesk.core.crypto.envelope_format`). Wrap it in
``io.BufferedRandom`` when the writer makes many small writes.

Until it is closed, a file being written is not a valid envelope (its last chunk is not yet
marked final), and once closed it is one of whatever was written, also when the writer failed
half-way (a ``with`` block closes it on an exception too): write to a temporary name and rename
only after the writer succeeded. ``flush()`` hands the current chunk to the underlying file but
does not finalise.

The plaintext length is not stored anywhere: it follows from the envelope's length
(:func:`~sealdesk.core.crypto.envelope_format.plaintext_size_of`), and opening a file
authenticates its last chunk, so the length a reader sees is the one the writer left.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from sealdesk.core.crypto.envelope import read_exactly
from sealdesk.core.crypto.envelope_format import (
    CHUNK_OVERHEAD,
    DEFAULT_CHUNK_SIZE,
    HEADER_SIZE,
    ChunkCipher,
    Header,
    chunk_count,
    ciphertext_size_of,
    plaintext_size_of,
    slot_offset,
)


class EncryptedFile(io.RawIOBase):
    """Random access to the plaintext of an envelope; build with :meth:`create` or :meth:`open`."""

    def __init__(self, raw: BinaryIO, cipher: ChunkCipher, size: int, *, writable: bool,
                 final_index: int | None, close_raw: bool) -> None:
        super().__init__()
        self._raw = raw
        self._cipher = cipher
        self._chunk = cipher.header.chunk_size
        self._size = size
        self._pos = 0
        self._writable = writable
        self._close_raw = close_raw
        self._final_index = final_index
        """The one chunk stored with the final flag, if any (every other one is stored without)."""
        self._index: int | None = None
        """Which chunk ``_buf`` holds; ``_dirty`` if it differs from what is stored."""
        self._buf = bytearray()
        self._dirty = False

    @classmethod
    def create(cls, raw: BinaryIO, key: bytes, chunk_size: int = DEFAULT_CHUNK_SIZE, *,
               close_raw: bool = False) -> EncryptedFile:
        """A new, empty envelope written into ``raw`` (opened ``w+b``) from its start."""
        header = Header.new(chunk_size)
        cipher = ChunkCipher(key, header, _name(raw))  # refuses a bad key before any write
        raw.seek(0)
        raw.write(header.to_bytes())
        raw.truncate(HEADER_SIZE)
        file = cls(raw, cipher, 0, writable=True, final_index=None, close_raw=close_raw)
        file._index, file._dirty = 0, True  # the empty final chunk, stored at close
        return file

    @classmethod
    def open(cls, raw: BinaryIO, key: bytes, writable: bool = False, *,
             close_raw: bool = False) -> EncryptedFile:
        """The envelope in ``raw`` (``rb``, or ``r+b`` if ``writable``); its last chunk is
        authenticated now, so a cut or extended file fails here (EnvelopeError)."""
        raw.seek(0)
        header = Header.parse(read_exactly(raw, HEADER_SIZE), _name(raw))
        size = plaintext_size_of(raw.seek(0, os.SEEK_END), header.chunk_size, _name(raw))
        last = chunk_count(size, header.chunk_size) - 1
        file = cls(raw, ChunkCipher(key, header, _name(raw)), size, writable=writable,
                   final_index=last, close_raw=close_raw)
        file._buf, file._index = bytearray(file._read_chunk(last)), last
        return file

    @property
    def name(self) -> str | None:
        return _name(self._raw)

    @property
    def size(self) -> int:
        """The plaintext length."""
        return self._size

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return self._writable

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        self._checkClosed()  # type: ignore[attr-defined]
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        self._checkClosed()  # type: ignore[attr-defined]
        bases = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._size}
        if whence not in bases:
            raise ValueError(f"invalid whence ({whence})")
        base = bases[whence]
        if base + offset < 0:
            raise ValueError(f"negative seek position {base + offset}")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self._checkClosed()  # type: ignore[attr-defined]
        target = memoryview(buffer).cast("B")
        wanted = min(len(target), max(0, self._size - self._pos))
        done = 0
        while done < wanted:
            offset = self._enter(self._pos)
            take = min(wanted - done, len(self._buf) - offset)
            target[done:done + take] = self._buf[offset:offset + take]
            done += take
            self._pos += take
        return done

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._checkClosed()  # type: ignore[attr-defined]
        if not self._writable:
            raise io.UnsupportedOperation("this encrypted file was opened for reading only")
        source = memoryview(data).cast("B")
        if source and self._pos > self._size:  # like a regular file: the gap reads as zeros
            end, self._pos = self._pos, self._size
            self._fill_zeros(end)
        self._put(source)
        return len(source)

    def truncate(self, size: int | None = None) -> int:
        self._checkClosed()  # type: ignore[attr-defined]
        if not self._writable:
            raise io.UnsupportedOperation("this encrypted file was opened for reading only")
        size = self._pos if size is None else size
        if size < 0:
            raise ValueError(f"negative size {size}")
        if size > self._size:
            position, self._pos = self._pos, self._size
            self._fill_zeros(size)
            self._pos = position
        elif size < self._size:
            self._shrink(size)
        return size

    def flush(self) -> None:
        """Store the current chunk if it changed (not finalised: only close() does that)."""
        super().flush()
        if self._dirty:
            self._store(self._index, self._buf, final=False)  # type: ignore[arg-type]
            self._raw.flush()

    def close(self) -> None:
        """Finish the envelope (last chunk stored final), then close; idempotent."""
        if self.closed:
            return
        try:
            if self._writable:
                self._finalise()
        finally:
            self._dirty, self._buf = False, bytearray()
            super().close()
            if self._close_raw:
                self._raw.close()

    # chunk handling ------------------------------------------------------------------------

    def _enter(self, position: int) -> int:
        """Load the chunk ``position`` falls in; the offset of ``position`` within it."""
        index, offset = divmod(position, self._chunk)
        if index != self._index:
            if self._dirty:
                self._store(self._index, self._buf, final=False)  # type: ignore[arg-type]
            stored = index * self._chunk < self._size
            self._buf = bytearray(self._read_chunk(index) if stored else b"")
            self._index, self._dirty = index, False
        return offset

    def _put(self, data: memoryview) -> None:
        done = 0
        while done < len(data):
            offset = self._enter(self._pos)
            take = min(len(data) - done, self._chunk - offset)
            self._buf[offset:offset + take] = data[done:done + take]
            self._dirty = True
            done += take
            self._pos += take
            self._size = max(self._size, self._pos)

    def _fill_zeros(self, end: int) -> None:
        while self._pos < end:
            self._put(memoryview(bytes(min(self._chunk, end - self._pos))))

    def _shrink(self, size: int) -> None:
        last = chunk_count(size, self._chunk) - 1
        if self._index is not None and self._index > last:
            self._index, self._buf, self._dirty = None, bytearray(), False  # cut away
        self._enter(last * self._chunk)
        del self._buf[size - last * self._chunk:]
        self._dirty = True
        self._size = size
        self._raw.truncate(slot_offset(last, self._chunk))  # the buffer rewrites chunk `last`
        if self._final_index is not None and self._final_index >= last:
            self._final_index = None

    def _read_chunk(self, index: int) -> bytes:
        length = min(self._chunk, self._size - index * self._chunk)
        self._raw.seek(slot_offset(index, self._chunk))
        slot = read_exactly(self._raw, length + CHUNK_OVERHEAD)
        return self._cipher.open(index, slot, final=index == self._final_index)

    def _store(self, index: int, plaintext: bytearray | bytes, *, final: bool) -> None:
        self._raw.seek(slot_offset(index, self._chunk))
        self._raw.write(self._cipher.seal(index, plaintext, final))
        if final:
            self._final_index = index
        elif self._final_index == index:
            self._final_index = None
        if index == self._index:
            self._dirty = False

    def _finalise(self) -> None:
        """Exactly the last chunk stored final, the file exactly as long as its envelope."""
        last = chunk_count(self._size, self._chunk) - 1
        stale = self._final_index
        if stale is not None and stale != last:  # was last before the file grew
            self._enter(stale * self._chunk)
            self._dirty = True  # stored again, not final, when the last chunk is entered
        self._enter(last * self._chunk)
        if self._dirty or self._final_index != last:
            self._store(last, self._buf, final=True)
        self._raw.truncate(ciphertext_size_of(self._size, self._chunk))
        self._raw.flush()


def open_plaintext(path: Path, key: bytes) -> EncryptedFile:
    """The stored envelope at ``path``, opened for reading; closing it closes the file."""
    raw = path.open("rb")
    try:
        return EncryptedFile.open(raw, key, close_raw=True)
    except BaseException:
        raw.close()
        raise


def _name(raw: BinaryIO) -> str | None:
    name = getattr(raw, "name", None)
    return name if isinstance(name, str) else None
