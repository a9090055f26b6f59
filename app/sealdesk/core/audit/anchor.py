"""Anchor files: a signed checkpoint kept outside the database, with its RFC 3161 timestamp.

A checkpoint stored only in the database can be deleted together with the entries it covers, and
a holder of the audit key can re-sign any history. An anchor is the same checkpoint written to a
folder the database's writers cannot reach (removable media, a WORM share), timestamped by an
independent TSA, so that verification can later prove "the log had these N entries, with this
root, no later than this moment". It also carries the entry hashes added since the previous
checkpoint, so a rewritten history is named at its first differing entry rather than as a range.

The file is JSON::

    {"format": "sealdesk-audit-anchor", "version": 1,
     "checkpoint": {checkpoint, signature, certificate_pem},      # as in checkpoint files
     "timestamp": "<base64 DER RFC 3161 TimeStampToken>" | null,   # over SHA-256(signed bytes)
     "timestamp_error": "why there is none" | null,
     "leaves_from": first entry index, "leaves": "<hex of 32-byte entry hashes, in order>"}

The timestamp's message imprint is SHA-256 of the checkpoint's signed bytes; checking the TSA's
signature and certificate needs trust anchors and is done by the service layer.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asn1crypto import cms, tsp

from sealdesk.core.audit.checkpoint import (
    CheckpointFile,
    decode_checkpoint_file,
    encode_checkpoint_file,
    parse_json_file,
)
from sealdesk.errors import InputError

ANCHOR_FORMAT = "sealdesk-audit-anchor"
ANCHOR_VERSION = 1


@dataclass(frozen=True)
class Anchor:
    """One anchor file's content."""

    checkpoint: CheckpointFile
    timestamp_token: bytes | None
    timestamp_error: str | None
    leaves_from: int
    leaves: tuple[bytes, ...]

    @property
    def tree_size(self) -> int:
        return self.checkpoint.signed.checkpoint.tree_size

    def imprint(self) -> bytes:
        """What the timestamp must cover: SHA-256 of the checkpoint's signed bytes."""
        return hashlib.sha256(self.checkpoint.signed.checkpoint.signed_bytes()).digest()

    def file_name(self) -> str:
        digest = self.checkpoint.signed.checkpoint.checkpoint_hash().hex()[:16]
        return f"checkpoint-{self.tree_size:012d}-{digest}.json"


def encode_anchor(anchor: Anchor) -> bytes:
    document = {
        "format": ANCHOR_FORMAT,
        "version": ANCHOR_VERSION,
        "checkpoint": encode_checkpoint_file(anchor.checkpoint),
        "timestamp": None if anchor.timestamp_token is None
        else base64.b64encode(anchor.timestamp_token).decode("ascii"),
        "timestamp_error": anchor.timestamp_error,
        "leaves_from": anchor.leaves_from,
        "leaves": b"".join(anchor.leaves).hex(),
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode()


def decode_anchor(data: bytes, what: str = "anchor file") -> Anchor:
    """Parse an anchor file; :class:`InputError` says what is malformed (signature unchecked)."""
    obj = parse_json_file(data, what)
    if obj.get("format") != ANCHOR_FORMAT or obj.get("version") != ANCHOR_VERSION:
        raise InputError(f"the {what} is not a SealDesk audit anchor")
    try:
        token = obj["timestamp"]
        leaves_hex = obj["leaves"]
        start = obj["leaves_from"]
        if not isinstance(leaves_hex, str) or len(leaves_hex) % 64:
            raise ValueError("leaves must be hex of 32-byte hashes")
        if not isinstance(start, int) or isinstance(start, bool) or start < 0:
            raise ValueError("leaves_from must be a non-negative integer")
        raw = bytes.fromhex(leaves_hex)
        anchor = Anchor(
            checkpoint=decode_checkpoint_file(obj["checkpoint"], what),
            timestamp_token=None if token is None else base64.b64decode(token, validate=True),
            timestamp_error=obj.get("timestamp_error"),
            leaves_from=start,
            leaves=tuple(raw[i : i + 32] for i in range(0, len(raw), 32)),
        )
    except (KeyError, TypeError, ValueError) as ex:
        raise InputError(f"the {what} is malformed: {ex}") from None
    if anchor.leaves_from + len(anchor.leaves) > anchor.tree_size:
        raise InputError(f"the {what} lists more entries than its checkpoint covers")
    return anchor


def timestamp_signed_data(token: bytes) -> cms.SignedData:
    """The ``SignedData`` of a DER TimeStampToken; ``ValueError`` if it is not one."""
    info = cms.ContentInfo.load(token)
    if info["content_type"].native != "signed_data":
        raise ValueError("the timestamp is not CMS SignedData")
    return info["content"]


def timestamp_facts(token: bytes) -> tuple[bytes, str, datetime]:
    """The message imprint (digest, algorithm) and the time a TimeStampToken states."""
    signed = timestamp_signed_data(token)
    content = signed["encap_content_info"]["content"]
    tst: Any = content.parsed if isinstance(content, cms.ParsableOctetString) else content
    if not isinstance(tst, tsp.TSTInfo):
        tst = tsp.TSTInfo.load(bytes(content.native if hasattr(content, "native") else content))
    imprint = tst["message_imprint"]
    return (bytes(imprint["hashed_message"].native),
            imprint["hash_algorithm"]["algorithm"].native, tst["gen_time"].native)
