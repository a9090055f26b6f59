"""The details pane's text for one audit entry: what happened, and the evidence as hashed.

Readable first (the event's name, its one-line summary, then every field with a label); the
canonical payload exactly as stored (the bytes the hash commits to) and the entry and previous
hashes are one click away ("Show raw payload"). The table's columns are indexed
copies made for browsing; if they disagree with the payload the pane says so, because only the
payload is evidence.
"""

from __future__ import annotations

import json
from typing import Any

from sealdesk.services.audit.browse import EntryDetails
from sealdesk.services.audit.wording import event_name, summarize


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _field(key: str, value: Any) -> str:
    """``  key: value``, with long values (hashes) on their own line so they never wrap."""
    text = _value(value)
    if len(key) + len(text) > 60:
        return f"  {key}:\n    {text}"
    return f"  {key}: {text}"


def entry_text(details: EntryDetails, *, raw: bool = True) -> str:
    """Plain text for the details pane; ``raw`` adds the hashes and the canonical payload."""
    row = details.row
    payload_text = details.payload.decode("utf-8", errors="replace")
    try:
        payload: dict[str, Any] = json.loads(details.payload)
    except ValueError:
        payload = {}
    event_type = str(payload.get("type", row.event_type))
    lines = [f"Entry {row.index} · {event_name(event_type)} ({event_type})",
             summarize(payload), ""]
    for label, key in (("Time", "time"), ("Actor", "actor"), ("Console", "console_id"),
                       ("Software", "software_version")):
        lines.append(f"{label:<10}{payload.get(key, '?')}")
    subject = payload.get("subject") or {}
    lines.append("Subject" + ("" if subject else "   (none)"))
    lines.extend(_field(k, v) for k, v in sorted(subject.items()))
    event_details = payload.get("details") or {}
    lines.append("Details" + ("" if event_details else "   (none)"))
    lines.extend(_field(k, v) for k, v in sorted(event_details.items()))
    if not raw:
        return "\n".join([*lines, *_mismatch_lines(details, payload)])
    lines += [
        "",
        "Entry hash (Merkle leaf)",
        f"  {details.entry_hash.hex()}",
        "Previous entry hash",
        f"  {details.prev_hash.hex()}",
        "",
        f"Canonical payload, exactly as hashed ({len(details.payload)} bytes):",
        payload_text,
        "",
        "The entry hash is SHA-256(0x00 ‖ {\"event\":<payload>,\"index\":"
        f"{row.index},\"prev\":\"<previous entry hash>\"}}).",
    ]
    return "\n".join([*lines, *_mismatch_lines(details, payload)])


def _mismatch_lines(details: EntryDetails, payload: dict[str, Any]) -> list[str]:
    mismatch = _column_mismatch(details, payload)
    if not mismatch:
        return []
    return ["", f"Warning: the table's {mismatch} column differs from the payload; the "
            "payload is the evidence. Run 'Verify log'."]


def _column_mismatch(details: EntryDetails, payload: dict[str, Any]) -> str:
    row = details.row
    if payload.get("type") not in (None, row.event_type):
        return "event type"
    if payload.get("actor") not in (None, row.actor[: len(str(payload.get("actor")))]):
        return "actor"
    return ""
