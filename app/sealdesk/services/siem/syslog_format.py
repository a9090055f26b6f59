"""An audit entry as one RFC 5424 syslog message, or one JSON Lines record.

The message carries the entry's index, its hash and the previous entry's hash as structured
data, and the entry's canonical payload as the message, so the SIEM copy can be checked against
the log (recompute the hash) and a gap or a repeat shows as an index missing or seen twice::

    <109>1 2026-12-07T15:04:05.123456Z host sealdesk - document.sealed
      [sealdesk@32473 idx="42" hash="…" prev="…" actor="…" console="…"] BOM{"actor":…}

Facility 13 (log audit). Severity: alerts as they say (critical 2, warning 4), failures and
refusals warning (4), everything else notice (5). 32473 is the enterprise number RFC 5612
reserves for documentation; an organisation with its own number can substitute it.
"""

from __future__ import annotations

import json
from typing import Any

FACILITY = 13
SD_ID = "sealdesk@32473"
_BOM = "\ufeff"
_WARNING_TYPES = frozenset({
    "document.seal_failed", "token.login_failed", "selftest.failed", "key.compromised",
    "seal.quarantined", "access.denied", "incident.opened", "token.switched",
})
_SEVERITY = {"critical": 2, "warning": 4}


def severity_of(payload: dict[str, Any]) -> int:
    if payload["type"] == "alert.raised":
        return _SEVERITY.get(payload["details"].get("severity", ""), 4)
    if payload["type"] == "revalidation.result":
        return 4
    return 4 if payload["type"] in _WARNING_TYPES else 5


def _param(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _token(value: str, limit: int) -> str:
    """A header field: printable ASCII without spaces, or the nil value ``-``."""
    text = "".join(c for c in value if 33 <= ord(c) <= 126)[:limit]
    return text or "-"


def syslog_message(index: int, entry_hash: bytes, prev_hash: bytes, payload_bytes: bytes,
                   *, hostname: str, app_name: str) -> bytes:
    """The RFC 5424 message of one entry (UTF-8; no framing)."""
    payload = json.loads(payload_bytes)
    pri = FACILITY * 8 + severity_of(payload)
    time = payload["time"]
    sd = (f'[{SD_ID} idx="{index}" hash="{entry_hash.hex()}" prev="{prev_hash.hex()}" '
          f'actor="{_param(payload["actor"])}" console="{_param(payload["console_id"])}"]')
    header = (f"<{pri}>1 {time} {_token(hostname, 255)} {_token(app_name, 48)} - "
              f"{_token(payload['type'], 32)} {sd} ")
    return (header + _BOM).encode("utf-8") + payload_bytes


def jsonl_record(index: int, entry_hash: bytes, prev_hash: bytes, payload_bytes: bytes) -> bytes:
    """One JSON Lines record: index, hashes and the payload exactly as stored (a string)."""
    return json.dumps({"index": index, "entry_hash": entry_hash.hex(),
                       "prev_hash": prev_hash.hex(),
                       "payload": payload_bytes.decode("utf-8")}).encode("utf-8") + b"\n"
