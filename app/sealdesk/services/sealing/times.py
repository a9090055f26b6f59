"""When a seal was made, as provably as possible: its RFC 3161 timestamp, else the record.

A compromise "since T" quarantines the seals made at or after T. The signature timestamp's
``genTime`` is attested by the TSA, so it decides when the seal carries one; the sealing time
SealDesk recorded (local clock, in the audit log) decides otherwise (PAdES B-B).
"""

from __future__ import annotations

import datetime as dt

from asn1crypto import cms
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.services.context import AppContext
from sealdesk.storage.documents.models import Seal

TIMESTAMP = "timestamp"
RECORDED = "recorded"


def effective_time(ctx: AppContext, seal: Seal) -> tuple[dt.datetime, str]:
    """(time, source): the seal's timestamp time, or its recorded sealing time."""
    stamped = timestamp_time(ctx, seal)
    if stamped is not None:
        return stamped, TIMESTAMP
    recorded = seal.sealed_at
    return (recorded if recorded.tzinfo else recorded.replace(tzinfo=dt.UTC)), RECORDED


def timestamp_time(ctx: AppContext, seal: Seal) -> dt.datetime | None:
    """The ``genTime`` of the signature timestamp in the stored sealed file, if any."""
    try:
        with ctx.store.open_object(seal.sealed_sha256) as handle:
            reader = PdfFileReader(handle, strict=False)
            for signature in reader.embedded_signatures:
                if signature.field_name == seal.field_name:
                    return _gen_time(signature.signed_data)
    except (OSError, PdfError, ValueError, KeyError, TypeError):
        return None
    return None


def _gen_time(signed_data: cms.SignedData) -> dt.datetime | None:
    for signer_info in signed_data["signer_infos"]:
        for attribute in signer_info["unsigned_attrs"] or ():
            if attribute["type"].native != "signature_time_stamp_token":
                continue
            for value in attribute["values"]:
                content = value["content"]
                if isinstance(content, cms.SignedData):
                    when = content["encap_content_info"]["content"].parsed["gen_time"].native
                    if isinstance(when, dt.datetime):
                        return when.astimezone(dt.UTC)
    return None
