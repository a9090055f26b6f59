"""The pyHanko part of LTV upkeep: validation data plus a document timestamp, appended.

A document that already ends in a document timestamp gets the next link of its archival chain
(``update_archival_timestamp_chain``: validation data for the last timestamp, then a new one).
One without gets validation data for its seals (``add_validation_info``, which also covers the
seals' own timestamps) and then its first document timestamp, whose TSA's validation data is
embedded as well — PAdES B-LTA either way. Everything is an incremental update: the bytes
before it are untouched, so every earlier signature still covers exactly what it covered.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import add_validation_info

from sealdesk.core.validation import ValidationPolicy
from sealdesk.errors import InputError, TimestampError

FIELD_PREFIX = "SealDesk-Timestamp"


def stamp_archival(source: Path, output: BinaryIO, policy: ValidationPolicy,
                   timestamper: object) -> str:
    """Write ``source`` + validation data + a document timestamp to ``output``; the field name."""
    assert isinstance(timestamper, TimeStamper)
    context = policy.validation_context()
    try:
        with source.open("rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            field_name = _free_field_name(reader)
            stamper = PdfTimeStamper(timestamper, field_name=field_name)
            if reader.embedded_timestamp_signatures:
                stamper.update_archival_timestamp_chain(reader, context, in_place=False,
                                                        output=output)
                return field_name
            with_data = io.BytesIO()
            for signature in reader.embedded_regular_signatures:
                add_validation_info(signature, context, output=with_data)
                break  # the data of one seal per update; SealDesk seals carry one
            with_data.seek(0)
            stamper.timestamp_pdf(IncrementalPdfFileWriter(with_data, strict=False), "sha256",
                                  context, output=output)
            return field_name
    except TimestampRequestError as e:
        raise TimestampError("The timestamp authority could not be reached for the refresh.",
                             hint="Check the TSA URL in Settings and try again.") from e
    except OSError as e:
        raise InputError(f"Cannot read {source.name}: {e.strerror or e}.") from e


def _free_field_name(reader: PdfFileReader) -> str:
    taken = {name for name, _, _ in fields.enumerate_sig_fields(reader)}
    number = 1
    while f"{FIELD_PREFIX}-{number}" in taken:
        number += 1
    return f"{FIELD_PREFIX}-{number}"
