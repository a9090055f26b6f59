"""Audit events in words a compliance officer reads: a name per event type and a one-line summary.

The log stores machine names (``rotation.approved``) and canonical JSON; people browsing it want
"Rotation approved" and "contract.pdf (3fa1c2…) sealed at B-T with key seal". Both are derived
from the hashed payload only (DESIGN.md: every column shown to a person is proven by the
payload), so the words can never say more than the evidence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["EVENT_NAMES", "event_name", "summarize", "summarize_payload"]

EVENT_NAMES: dict[str, str] = {
    "document.loaded": "Document added",
    "document.sealed": "Document sealed",
    "document.seal_failed": "Sealing failed",
    "document.verified": "Document verified",
    "document.ltv_refreshed": "Validation data refreshed",
    "document.resealed": "Document re-sealed",
    "revalidation.started": "Revalidation started",
    "revalidation.finished": "Revalidation finished",
    "revalidation.result": "Revalidation result",
    "token.login_succeeded": "Token login",
    "token.login_failed": "Token login failed",
    "key.generated": "Key generated",
    "key.activated": "Key activated",
    "key.retired": "Key retired",
    "key.compromised": "Key marked compromised",
    "seal.quarantined": "Seal quarantined",
    "certificate.imported": "Certificate imported",
    "rotation.proposed": "Rotation proposed",
    "rotation.approved": "Rotation approved",
    "rotation.rejected": "Rotation rejected",
    "rotation.step": "Rotation step",
    "rotation.executed": "Rotation executed",
    "custodian.added": "Custodian added",
    "custodian.removed": "Custodian removed",
    "policy.changed": "Quorum policy changed",
    "settings.changed": "Settings changed",
    "evidence.exported": "Evidence exported",
    "document.exported": "Sealed copies exported",
    "countersignature.added": "Counter-signed by a custodian",
    "maintenance.enabled": "Maintenance mode on",
    "maintenance.disabled": "Maintenance mode off",
    "checkpoint.created": "Checkpoint signed",
    "recovery.performed": "Recovered after an interruption",
    "role.changed": "Role changed",
    "selftest.passed": "Self-test passed",
    "selftest.failed": "Self-test failed",
    "access.denied": "Access denied",
    "token.standby_registered": "Standby seal token registered",
    "token.switched": "Seal token switched",
    "token.pin_changed": "Token PIN changed",
}

_HASH_KEYS = ("document_sha256", "sealed_sha256", "key", "certificate_sha256")
"""Subject keys that hold a hash: shown shortened, after the name they identify."""
_SKIPPED = frozenset({"name", "certificate_sha256", "policy_id", "sealed_size", "field"})
"""Details that a one-line summary leaves to the details view."""
SUMMARY_LIMIT = 140


def event_name(event_type: str) -> str:
    """"Document sealed" for ``document.sealed``; an unknown type is shown as it is."""
    return EVENT_NAMES.get(event_type, event_type)


def summarize_payload(payload: bytes) -> str:
    """:func:`summarize` of canonical payload bytes ("" if they are not a JSON object)."""
    try:
        decoded = json.loads(payload)
    except ValueError:
        return ""
    return summarize(decoded) if isinstance(decoded, dict) else ""


def summarize(payload: Mapping[str, Any]) -> str:
    """One line: the document's name beside its hash, then the event's main details."""
    subject = payload.get("subject") or {}
    details = payload.get("details") or {}
    parts: list[str] = []
    name = details.get("name")
    hashes = [str(subject[k]) for k in _HASH_KEYS if isinstance(subject.get(k), str)]
    if name:
        parts.append(f"{name} ({hashes[0][:12]}…)" if hashes else str(name))
    elif hashes:
        parts.append(f"{hashes[0][:12]}…")
    parts += [f"{k} {_short(v)}" for k, v in sorted(subject.items()) if k not in _HASH_KEYS]
    parts += [f"{k.replace('_', ' ')}: {_short(v)}" for k, v in sorted(details.items())
              if k not in _SKIPPED]
    text = " · ".join(p for p in parts if p)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def _short(value: Any) -> str:
    if isinstance(value, str):
        return f"{value[:12]}…" if len(value) == 64 and _is_hex(value) else value
    if isinstance(value, list):
        return f"{len(value)} item(s)"
    if isinstance(value, dict):
        return f"{len(value)} field(s)"
    return json.dumps(value)


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)
