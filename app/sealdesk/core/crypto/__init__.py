"""Envelope encryption of stored documents: data keys, the file format, key wrapping.

Stored documents are encrypted under a data key of their own (the envelope key), which is
wrapped for each recipient's RSA key (:mod:`.wrapping`: the token's key-encryption key, recovery
and auditor certificates). This package has no token, database or Qt: :func:`encrypt_stream`
and :func:`decrypt_stream` stream whole files in fixed-size chunks, and :class:`EncryptedFile`
is a seekable, writable file object over an envelope (what pyHanko writes a sealed PDF into).
The format is described in :mod:`sealdesk.core.crypto.envelope_format`; any tampering is an
:class:`EnvelopeError`.
"""

from sealdesk.core.crypto.encrypted_file import EncryptedFile, open_plaintext
from sealdesk.core.crypto.envelope import StreamFacts, decrypt_stream, encrypt_stream
from sealdesk.core.crypto.envelope_format import (
    DATA_KEY_BYTES,
    DEFAULT_CHUNK_SIZE,
    MAGIC,
    EnvelopeError,
    ciphertext_size_of,
    new_data_key,
    plaintext_size_of,
)

__all__ = [
    "DATA_KEY_BYTES",
    "DEFAULT_CHUNK_SIZE",
    "MAGIC",
    "EncryptedFile",
    "EnvelopeError",
    "StreamFacts",
    "ciphertext_size_of",
    "decrypt_stream",
    "encrypt_stream",
    "new_data_key",
    "open_plaintext",
    "plaintext_size_of",
]
