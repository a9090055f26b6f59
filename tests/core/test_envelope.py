"""Envelope files: streamed and random-access encryption round trips, and every attack fails.

Small chunks (4096 bytes, the smallest the format allows) put many chunk boundaries into small
files. A property test drives :class:`EncryptedFile` with random writes, seeks, reads and
truncations against an ``io.BytesIO`` doing the same, then checks the closed envelope decrypts
to the model's bytes. pyHanko really seals a PDF into an encrypted file at the end.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sealdesk.core.crypto import (
    DATA_KEY_BYTES,
    MAGIC,
    EncryptedFile,
    EnvelopeError,
    ciphertext_size_of,
    decrypt_stream,
    encrypt_stream,
    new_data_key,
    open_plaintext,
    plaintext_size_of,
)
from sealdesk.core.crypto.envelope_format import CHUNK_OVERHEAD, HEADER_SIZE
from sealdesk.errors import RecordIntegrityError

CHUNK = 4096
SLOT = CHUNK + CHUNK_OVERHEAD
KEY = bytes(range(32))


def envelope(data: bytes, key: bytes = KEY, chunk_size: int = CHUNK) -> bytes:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, key, chunk_size=chunk_size)
    return out.getvalue()


def decrypted(blob: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(blob), out, key)
    return out.getvalue()


# --- streaming ------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5])
def test_stream_round_trip_and_facts(size: int) -> None:
    data = os.urandom(size)
    out = io.BytesIO()
    facts = encrypt_stream(io.BytesIO(data), out, KEY, chunk_size=CHUNK)
    blob = out.getvalue()

    assert blob.startswith(MAGIC) and blob[len(MAGIC)] == 12
    assert facts.plaintext_sha256 == hashlib.sha256(data).hexdigest()
    assert facts.plaintext_size == size
    assert facts.ciphertext_size == len(blob) == ciphertext_size_of(size, CHUNK)
    assert plaintext_size_of(len(blob), CHUNK) == size
    assert decrypted(blob) == data
    back = decrypt_stream(io.BytesIO(blob), io.BytesIO(), KEY)
    assert (back.plaintext_sha256, back.ciphertext_size) == (facts.plaintext_sha256, len(blob))


def test_empty_plaintext_is_one_final_chunk_without_ciphertext() -> None:
    blob = envelope(b"")
    assert len(blob) == HEADER_SIZE + CHUNK_OVERHEAD
    assert decrypted(blob) == b""
    with EncryptedFile.open(io.BytesIO(blob), KEY) as file:
        assert file.size == 0 and file.read() == b""


def test_chunks_sit_where_the_layout_says_and_encrypt_each_write_anew() -> None:
    data = os.urandom(3 * CHUNK + 10)
    first, second = envelope(data), envelope(data)
    assert len(first) == HEADER_SIZE + 3 * SLOT + 10 + CHUNK_OVERHEAD
    assert first[:len(MAGIC) + 1] == second[:len(MAGIC) + 1]
    assert first[len(MAGIC) + 1:HEADER_SIZE] != second[len(MAGIC) + 1:HEADER_SIZE]  # file_id
    assert data[:64] not in first


def test_prefix_hash_and_limit() -> None:
    data = os.urandom(2 * CHUNK + 100)
    facts = encrypt_stream(io.BytesIO(data), io.BytesIO(), KEY, chunk_size=CHUNK,
                           prefix_size=CHUNK + 7)
    assert facts.prefix_sha256 == hashlib.sha256(data[:CHUNK + 7]).hexdigest()
    with pytest.raises(ValueError, match="fewer than the prefix"):
        encrypt_stream(io.BytesIO(b"short"), io.BytesIO(), KEY, prefix_size=6)

    out = io.BytesIO()
    limited = decrypt_stream(io.BytesIO(envelope(data)), out, KEY, limit=CHUNK + 3)
    assert out.getvalue() == data[:CHUNK + 3]
    assert limited.plaintext_size == CHUNK + 3
    assert limited.plaintext_sha256 == hashlib.sha256(data[:CHUNK + 3]).hexdigest()


def test_bad_arguments_are_refused_without_showing_the_key() -> None:
    with pytest.raises(ValueError, match="power of two"):
        encrypt_stream(io.BytesIO(b"x"), io.BytesIO(), KEY, chunk_size=5000)
    with pytest.raises(ValueError, match="power of two"):
        encrypt_stream(io.BytesIO(b"x"), io.BytesIO(), KEY, chunk_size=1 << 25)
    with pytest.raises(ValueError, match="32 bytes") as excinfo:
        encrypt_stream(io.BytesIO(b"x"), io.BytesIO(), b"secret-key-16byt")
    assert "secret" not in str(excinfo.value)
    assert len(new_data_key()) == DATA_KEY_BYTES and new_data_key() != new_data_key()


def test_streaming_memory_is_a_few_chunks_not_the_file() -> None:
    """48 MB through encryption and decryption with 1 MiB chunks, never held whole."""

    class Pattern(io.RawIOBase):
        def __init__(self, size: int) -> None:
            self.left = size

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            n = min(len(buffer), self.left)
            buffer[:n] = b"\xa5" * n
            self.left -= n
            return n

    class Sink(io.RawIOBase):
        def __init__(self) -> None:
            self.kept = b""

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:  # type: ignore[no-untyped-def]
            self.kept = bytes(data[-1:])  # nothing accumulates
            return len(data)

    size = 48 << 20
    tracemalloc.start()
    try:
        facts = encrypt_stream(Pattern(size), Sink(), KEY)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert facts.plaintext_size == size
    assert peak < 6 << 20, f"peak {peak / 2**20:.1f} MiB"


# --- attacks --------------------------------------------------------------------------------

def _flip_ciphertext_byte(blob: bytes) -> bytes:
    spot = HEADER_SIZE + SLOT + 100  # inside chunk 1's ciphertext
    return blob[:spot] + bytes([blob[spot] ^ 1]) + blob[spot + 1:]


def _swap_chunks(blob: bytes) -> bytes:
    one, two = HEADER_SIZE, HEADER_SIZE + SLOT
    return blob[:one] + blob[two:two + SLOT] + blob[one:two] + blob[two + SLOT:]


def _drop_final_chunk(blob: bytes) -> bytes:
    whole_chunks = (len(blob) - HEADER_SIZE - 1) // SLOT
    return blob[:HEADER_SIZE + whole_chunks * SLOT]  # the length still fits the format


def _append_copied_chunk(blob: bytes) -> bytes:
    return blob + blob[HEADER_SIZE:HEADER_SIZE + SLOT]


def _change_file_id(blob: bytes) -> bytes:
    return blob[:HEADER_SIZE - 1] + bytes([blob[HEADER_SIZE - 1] ^ 0x80]) + blob[HEADER_SIZE:]


def _change_chunk_size(blob: bytes) -> bytes:
    return blob[:len(MAGIC)] + bytes([13]) + blob[len(MAGIC) + 1:]


def _change_magic(blob: bytes) -> bytes:
    return b"SDENC\x00\x02" + blob[len(MAGIC):]


def _cut_inside_a_chunk(blob: bytes) -> bytes:
    return blob[:-CHUNK_OVERHEAD - 20]


ATTACKED = os.urandom(3 * CHUNK + 500)
ATTACKS: dict[str, Callable[[bytes], bytes]] = {
    "flipped byte": _flip_ciphertext_byte,
    "swapped chunks": _swap_chunks,
    "final chunk cut away": _drop_final_chunk,
    "copied chunk appended": _append_copied_chunk,
    "file id changed": _change_file_id,
    "chunk size changed": _change_chunk_size,
    "magic changed": _change_magic,
    "cut inside a chunk": _cut_inside_a_chunk,
}


def _assert_person_readable(error: EnvelopeError, key: bytes = KEY) -> None:
    assert isinstance(error, RecordIntegrityError)
    assert "cannot be decrypted: it was changed or the key is wrong" in str(error)
    assert error.hint
    assert key.hex() not in error.describe() and repr(key) not in error.describe()


@pytest.mark.parametrize("last", ["full", "partial"])
@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_an_attacked_envelope_does_not_decrypt(attack: str, last: str) -> None:
    plaintext = ATTACKED[:3 * CHUNK] if last == "full" else ATTACKED
    blob = ATTACKS[attack](envelope(plaintext))
    with pytest.raises(EnvelopeError) as streamed:
        decrypt_stream(io.BytesIO(blob), io.BytesIO(), KEY)
    _assert_person_readable(streamed.value)

    # at open, or at the latest when read
    with pytest.raises(EnvelopeError) as randomly, EncryptedFile.open(io.BytesIO(blob), KEY) as f:
        f.read()
    _assert_person_readable(randomly.value)


def test_a_wrong_key_is_the_same_failure() -> None:
    wrong = new_data_key()
    with pytest.raises(EnvelopeError) as excinfo:
        decrypt_stream(io.BytesIO(envelope(b"contract")), io.BytesIO(), wrong)
    _assert_person_readable(excinfo.value, wrong)
    assert KEY.hex() not in excinfo.value.describe()


def test_a_named_file_is_named_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "doc-42.enc"
    path.write_bytes(_flip_ciphertext_byte(envelope(ATTACKED)))
    with open_plaintext(path, KEY) as file, pytest.raises(EnvelopeError, match=r"doc-42\.enc"):
        file.read()


def test_tampering_elsewhere_does_not_stop_reading_untouched_chunks() -> None:
    blob = _flip_ciphertext_byte(envelope(ATTACKED))  # chunk 1 changed
    with EncryptedFile.open(io.BytesIO(blob), KEY) as file:
        assert file.read(CHUNK) == ATTACKED[:CHUNK]
        file.seek(2 * CHUNK)
        assert file.read() == ATTACKED[2 * CHUNK:]
        file.seek(CHUNK)
        with pytest.raises(EnvelopeError, match="part 2 failed"):
            file.read(1)


# --- random access --------------------------------------------------------------------------

def test_encrypted_file_reads_a_streamed_envelope_at_random() -> None:
    data = os.urandom(10 * CHUNK + 123)
    rng = random.Random(7)
    with EncryptedFile.open(io.BytesIO(envelope(data)), KEY) as file:
        assert (file.readable(), file.seekable(), file.writable()) == (True, True, False)
        assert file.seek(0, os.SEEK_END) == len(data)
        for _ in range(200):
            start = rng.randrange(len(data) + 10)
            length = rng.randrange(3 * CHUNK)
            file.seek(start)
            assert file.read(length) == data[start:start + length]
            assert file.tell() == min(start + length, max(start, len(data)))
        with pytest.raises(io.UnsupportedOperation):
            file.write(b"x")


def test_pyhanko_write_pattern_through_buffered_random(tmp_path: Path) -> None:
    """Sequential 3 MB, then back into the middle: read ranges, overwrite 8 KB, read again."""
    rng = random.Random(3)
    data = bytearray(rng.randbytes(3_000_000))
    key = new_data_key()
    path = tmp_path / "sealed.enc"
    with path.open("w+b") as raw:
        out = io.BufferedRandom(EncryptedFile.create(raw, key))
        for start in range(0, len(data), 65_536):
            out.write(data[start:start + 65_536])
        assert out.tell() == len(data)
        out.seek(1_500_000)
        assert out.read(4096) == data[1_500_000:1_504_096]
        placeholder = 2_096_000  # straddles the 1 MiB chunk boundary at 2_097_152
        out.seek(placeholder)
        signature = rng.randbytes(8192)
        out.write(signature)
        data[placeholder:placeholder + 8192] = signature
        for start, length in ((0, 1000), (placeholder - 10, 9000), (len(data) - 100, 500)):
            out.seek(start)
            assert out.read(length) == data[start:start + length]
        out.close()
    assert path.stat().st_size == ciphertext_size_of(len(data))

    with path.open("rb") as raw:
        restored = io.BytesIO()
        facts = decrypt_stream(raw, restored, key)
    assert restored.getvalue() == data
    assert facts.plaintext_sha256 == hashlib.sha256(data).hexdigest()
    with open_plaintext(path, key) as file:
        file.seek(placeholder)
        assert file.read(8192) == signature


def test_rewriting_a_chunk_never_reuses_its_nonce() -> None:
    raw = io.BytesIO(envelope(ATTACKED))
    nonce_before = raw.getvalue()[HEADER_SIZE:HEADER_SIZE + 12]
    with EncryptedFile.open(raw, KEY, writable=True) as file:
        file.seek(5)
        file.write(ATTACKED[5:6])  # the same byte: the chunk is still encrypted anew
    assert raw.getvalue()[HEADER_SIZE:HEADER_SIZE + 12] != nonce_before
    assert decrypted(raw.getvalue()) == ATTACKED


def test_a_file_closed_unwritten_and_an_empty_created_file_are_envelopes() -> None:
    raw = io.BytesIO(envelope(ATTACKED))
    before = raw.getvalue()
    EncryptedFile.open(raw, KEY, writable=True).close()
    assert raw.getvalue() == before  # nothing changed, nothing re-encrypted

    fresh = io.BytesIO(b"old contents of the temporary file" * 1000)
    EncryptedFile.create(fresh, KEY, CHUNK).close()
    assert decrypted(fresh.getvalue()) == b""


def test_a_file_being_written_is_no_envelope_until_closed() -> None:
    raw = io.BytesIO()
    file = EncryptedFile.create(raw, KEY, CHUNK)
    file.write(os.urandom(2 * CHUNK + 1))
    file.flush()
    with pytest.raises(EnvelopeError):
        decrypt_stream(io.BytesIO(raw.getvalue()), io.BytesIO(), KEY)
    file.close()
    file.close()  # idempotent
    assert len(decrypted(raw.getvalue())) == 2 * CHUNK + 1


_positions = st.integers(min_value=0, max_value=6 * CHUNK)
_operations = st.lists(st.one_of(
    st.tuples(st.just("write"), _positions, st.binary(max_size=2 * CHUNK + 10)),
    st.tuples(st.just("read"), _positions, st.integers(min_value=0, max_value=2 * CHUNK)),
    st.tuples(st.just("truncate"), _positions, st.none()),
    st.tuples(st.just("flush"), st.just(0), st.none()),
), max_size=14)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(initial=st.binary(max_size=3 * CHUNK + 7), operations=_operations)
def test_random_writes_seeks_and_truncations_match_bytesio(
    initial: bytes, operations: list[tuple[str, int, object]]
) -> None:
    model = io.BytesIO(initial)
    raw = io.BytesIO(envelope(initial))
    with EncryptedFile.open(raw, KEY, writable=True) as file:
        for kind, position, argument in operations:
            if kind == "truncate":  # BytesIO does not grow on truncate; files do (tested below)
                position = min(position, len(model.getvalue()))
            model.seek(position)
            file.seek(position)
            if kind == "write":
                assert file.write(argument) == model.write(argument)  # type: ignore[arg-type]
            elif kind == "read":
                assert file.read(argument) == model.read(argument)  # type: ignore[arg-type]
            elif kind == "truncate":
                assert file.truncate() == model.truncate()
            else:
                file.flush()
            assert file.tell() == model.tell()
            assert file.size == len(model.getvalue())
    expected = model.getvalue()
    assert len(raw.getvalue()) == ciphertext_size_of(len(expected), CHUNK)
    assert decrypted(raw.getvalue()) == expected
    with EncryptedFile.open(raw, KEY) as reopened:
        assert reopened.read() == expected


def test_seeking_past_the_end_and_truncating_larger_fill_with_zeros() -> None:
    raw = io.BytesIO()
    with EncryptedFile.create(raw, KEY, CHUNK) as file:
        file.write(b"start")
        file.seek(2 * CHUNK + 3)
        file.write(b"end")
        assert file.truncate(4 * CHUNK) == 4 * CHUNK
        assert file.tell() == 2 * CHUNK + 6
    expected = b"start" + bytes(2 * CHUNK - 2) + b"end" + bytes(2 * CHUNK - 6)
    assert decrypted(raw.getvalue()) == expected


# --- pyHanko seals straight into an encrypted file --------------------------------------------

def test_pyhanko_seals_a_pdf_into_an_encrypted_file(pki, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    source = pdf_factory("contract", pages=2)
    key = new_data_key()
    signer = pki.signer("ec")
    target = tmp_path / "contract.pdf.enc"
    meta = signers.PdfSignatureMetadata(field_name="Seal",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    with source.open("rb") as original, target.open("w+b") as raw:
        output = io.BufferedRandom(EncryptedFile.create(raw, key, CHUNK))
        signers.sign_pdf(IncrementalPdfFileWriter(original), meta,
                         signer=signer.simple_signer, output=output)
        output.close()

    with open_plaintext(target, key) as sealed:
        assert sealed.read(source.stat().st_size) == source.read_bytes()  # begins with it
        sealed.seek(0)
        status = validate_pdf_signature(PdfFileReader(sealed).embedded_signatures[0],
                                        ValidationContext(trust_roots=[signer.chain[-1]]))
    assert status.intact and status.valid
