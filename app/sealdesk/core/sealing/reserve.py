"""How much room a seal reserves in the PDF for its signature: estimated once per batch.

A PDF signature is written into a hole left in the file before the document is hashed, so its
size must be known in advance. Left to itself, pyHanko estimates it for every document by
building and encoding a complete dummy CMS (a dry-run signature with a dummy timestamp token),
then reserves that size plus 50 %. Within a batch the estimate never changes: same certificate,
same chain, same key type, same TSA. So the Sealer makes that very estimate once, with pyHanko's
own dry run and margin, and passes it to every document of the batch as ``bytes_reserved``.

Correctness does not rest on the estimate: if a signature ever does not fit (a TSA that starts
answering with a longer token, say), pyHanko refuses to write it (:func:`reserve_too_small`), and
the Sealer redoes that document with pyHanko's per-document estimate. Unused reserved space is
zero padding inside the signature's hex string, as with pyHanko's default.
"""

from __future__ import annotations

import asyncio

from cryptography.hazmat.primitives import hashes
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer
from pyhanko.sign.timestamps import TimeStamper

_OVERFLOW = "payload larger than expected"  # pyHanko's PdfByteRangeDigest.fill_reserved_region


def estimate_reserve(
    signer: Signer, timestamper: TimeStamper | None, md_algorithm: str = "sha256"
) -> int:
    """:func:`async_estimate_reserve` for callers without an event loop."""
    return asyncio.run(async_estimate_reserve(signer, timestamper, md_algorithm))


async def async_estimate_reserve(
    signer: Signer, timestamper: TimeStamper | None, md_algorithm: str = "sha256"
) -> int:
    """pyHanko's own signature-size estimate (dry run, 50 % margin), for a whole batch.

    The same computation as ``PdfSigningSession.estimate_signature_container_size``: a dry-run
    CMS with a placeholder signature and the timestamper's dummy token, hex-encoded (× 2).
    """
    empty_digest = hashes.Hash(getattr(hashes, md_algorithm.upper())()).finalize()
    cms = await signer.async_sign(
        empty_digest, md_algorithm, dry_run=True, use_pades=True,
        timestamper=timestamper, signed_attr_settings=PdfCMSSignedAttributes(),
    )
    hex_length = len(cms.dump()) * 2
    return hex_length + 2 * (hex_length // 4)


def reserve_too_small(exc: SigningError) -> bool:
    """Did pyHanko refuse a signature because it outgrew the reserved space?"""
    return _OVERFLOW in str(getattr(exc, "failure_message", None) or exc)
