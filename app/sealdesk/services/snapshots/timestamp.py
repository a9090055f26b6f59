"""An RFC 3161 timestamp over a manifest's SHA-256, and its check.

The timestamp proves the manifest existed at that time from a party outside the installation:
the token holder could re-sign a rewritten manifest with the audit key, but not backdate it.
It is requested from the configured TSA (the same one sealing uses) and checked against the
configured trust anchors without any network access.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from dataclasses import dataclass

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import TimestampRequestError
from pyhanko.sign.validation import generic_cms
from pyhanko_certvalidator import ValidationContext

from sealdesk.config import TsaConfig
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.errors import RecordIntegrityError, TimestampError


@dataclass(frozen=True)
class TimestampCheck:
    """A timestamp that covers the expected digest; ``trusted``: its TSA chains to an anchor."""

    time: dt.datetime
    trusted: bool


def request_timestamp(tsa: TsaConfig, data: bytes, password: str | None = None) -> bytes:
    """DER of a timestamp token (CMS ContentInfo) over SHA-256 of ``data``."""
    stamper = build_timestamper(tsa, password)
    digest = hashlib.sha256(data).digest()
    try:
        token = asyncio.run(stamper.async_timestamp(digest, "sha256"))
    except (TimestampRequestError, SigningError, OSError) as exc:
        raise TimestampError(
            f"The timestamp authority did not timestamp the snapshot manifest: {exc}.",
            hint="Check the TSA settings and the network, then take the snapshot again; "
            "nothing was kept.",
        ) from exc
    return bytes(token.dump())


def check_timestamp(
    token_der: bytes, data: bytes, anchors: list[asn1_x509.Certificate], where: str
) -> TimestampCheck:
    """Raise naming ``where`` unless the token is intact and covers SHA-256 of ``data``."""
    digest = hashlib.sha256(data).digest()
    try:
        content = cms.ContentInfo.load(token_der)
        signed_data = content["content"]
        context = ValidationContext(trust_roots=anchors, allow_fetching=False) if anchors else None
        status = asyncio.run(generic_cms.validate_tst_signed_data(
            signed_data, context, lambda _alg: digest))
    except (ValueError, TypeError, KeyError, SigningError) as exc:
        raise RecordIntegrityError(
            f"{where} is not a readable timestamp token ({exc.__class__.__name__}).",
            hint="The snapshot is damaged; verify another snapshot or take a new one.",
        ) from None
    except Exception as exc:  # pyHanko raises its own validation error classes
        raise RecordIntegrityError(
            f"{where}: the timestamp token does not verify ({exc}).",
            hint="The snapshot's timestamp was altered; do not rely on this snapshot.",
        ) from None
    if not status.get("intact") or not status.get("valid"):
        raise RecordIntegrityError(
            f"{where}: the timestamp does not cover this manifest (it was changed or replaced).",
            hint="Do not restore this snapshot; keep it as it is for investigation.",
        )
    trusted = status.get("validation_path") is not None and status.get(
        "trust_problem_indic") is None
    return TimestampCheck(status["timestamp"], trusted)
