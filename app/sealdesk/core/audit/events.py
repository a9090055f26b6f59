"""Audit events: what happened, when, by whom, on what — as a value that hashes the same forever.

An :class:`AuditEvent` is validated when it is built, not when it is written: a float in the
details, a naive datetime or a key that smells like a PIN fails at the call site that made the
mistake, with a message naming the field, instead of surfacing later as a failed transaction.

The payload (:meth:`AuditEvent.to_payload`) is a plain JSON object; its canonical bytes (see
:mod:`sealdesk.core.audit.canonical`) are what the chain stores and hashes::

    {"actor": ..., "console_id": ..., "details": {...}, "software_version": ...,
     "subject": {...}, "time": "YYYY-MM-DDTHH:MM:SS.ffffffZ", "type": "document.sealed", "v": 1}

``v`` is the payload schema version, so that a reader in ten years knows which rules applied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sealdesk.core import bounded_json
from sealdesk.core.audit.canonical import (
    encode_normalized,
    format_time,
    normalize_json,
    parse_time,
)

PAYLOAD_VERSION = 1

SECRET_WORDS = frozenset(
    {
        "pin",
        "pins",
        "sopin",
        "userpin",
        "password",
        "passwd",
        "passphrase",
        "pwd",
        "secret",
        "secrets",
    }
)
"""Words that, appearing as a word of a key name, mark the key as a probable secret."""

_KEY_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_PAYLOAD_KEYS = frozenset(
    {"v", "type", "time", "actor", "console_id", "subject", "details", "software_version"}
)


class EventType(StrEnum):
    """Every kind of act the log records; the value is what the payload stores."""

    DOCUMENT_LOADED = "document.loaded"
    DOCUMENT_SEALED = "document.sealed"
    DOCUMENT_SEAL_FAILED = "document.seal_failed"
    DOCUMENT_VERIFIED = "document.verified"
    DOCUMENT_LTV_REFRESHED = "document.ltv_refreshed"
    REVALIDATION_STARTED = "revalidation.started"
    REVALIDATION_FINISHED = "revalidation.finished"
    REVALIDATION_RESULT = "revalidation.result"
    TOKEN_LOGIN_SUCCEEDED = "token.login_succeeded"
    TOKEN_LOGIN_FAILED = "token.login_failed"
    KEY_GENERATED = "key.generated"
    KEY_ACTIVATED = "key.activated"
    KEY_RETIRED = "key.retired"
    KEY_COMPROMISED = "key.compromised"
    SEAL_QUARANTINED = "seal.quarantined"
    DOCUMENT_RESEALED = "document.resealed"
    CERTIFICATE_IMPORTED = "certificate.imported"
    ROTATION_PROPOSED = "rotation.proposed"
    ROTATION_APPROVED = "rotation.approved"
    ROTATION_REJECTED = "rotation.rejected"
    ROTATION_STEP = "rotation.step"
    ROTATION_EXECUTED = "rotation.executed"
    CUSTODIAN_ADDED = "custodian.added"
    CUSTODIAN_REMOVED = "custodian.removed"
    POLICY_CHANGED = "policy.changed"
    SETTINGS_CHANGED = "settings.changed"
    EVIDENCE_EXPORTED = "evidence.exported"
    MAINTENANCE_ENABLED = "maintenance.enabled"
    MAINTENANCE_DISABLED = "maintenance.disabled"
    CHECKPOINT_CREATED = "checkpoint.created"
    RECOVERY_PERFORMED = "recovery.performed"
    ROLE_CHANGED = "role.changed"
    SELFTEST_PASSED = "selftest.passed"
    SELFTEST_FAILED = "selftest.failed"
    ACCESS_DENIED = "access.denied"
    INCIDENT_OPENED = "incident.opened"
    INCIDENT_NOTED = "incident.noted"
    INCIDENT_LINKED = "incident.linked"
    INCIDENT_CLOSED = "incident.closed"
    INCIDENT_ACTION_ADDED = "incident.action_added"
    INCIDENT_ACTION_CLOSED = "incident.action_closed"
    INCIDENT_REPORTED = "incident.reported"
    ALERT_RAISED = "alert.raised"
    PERMISSIONS_TIGHTENED = "permissions.tightened"
    SNAPSHOT_CREATED = "snapshot.created"
    SNAPSHOT_RESTORED = "snapshot.restored"
    SEAL_CARRIED_OVER = "seal.carried_over"
    RECONCILIATION_DONE = "reconciliation.done"
    COUNTERSIGNED = "countersignature.added"
    """A custodian witnessed a checkpoint or counter-signed a report or statement."""
    DOCUMENT_EXPORTED = "document.exported"
    """Sealed copies written outside SealDesk (export folder): where, and their SHA-256."""
    TOKEN_STANDBY_REGISTERED = "token.standby_registered"
    TOKEN_SWITCHED = "token.switched"
    TOKEN_PIN_CHANGED = "token.pin_changed"
    RETENTION_CLASS_SET = "retention.class_set"
    RETENTION_CLOCK_STARTED = "retention.clock_started"
    RETENTION_DELETED = "retention.deleted"
    HOLD_PLACED = "hold.placed"
    HOLD_RELEASED = "hold.released"
    STORAGE_ENCRYPTION_SET = "storage.encryption_set"
    """Who the store's data keys are wrapped for (``recipients.json``'s SHA-256 and keys)."""
    STORAGE_OBJECTS_ENCRYPTED = "storage.objects_encrypted"
    STORAGE_KEYS_REWRAPPED = "storage.keys_rewrapped"
    """Data keys wrapped for new recipients (recovery, KEK rotation); content unchanged."""


SECURITY_EVENTS = frozenset({
    EventType.ROTATION_PROPOSED, EventType.ROTATION_APPROVED, EventType.ROTATION_REJECTED,
    EventType.ROTATION_STEP, EventType.ROTATION_EXECUTED, EventType.KEY_GENERATED,
    EventType.KEY_ACTIVATED, EventType.KEY_RETIRED, EventType.KEY_COMPROMISED,
    EventType.CERTIFICATE_IMPORTED, EventType.CUSTODIAN_ADDED, EventType.CUSTODIAN_REMOVED,
    EventType.POLICY_CHANGED, EventType.ROLE_CHANGED, EventType.MAINTENANCE_ENABLED,
    EventType.MAINTENANCE_DISABLED, EventType.SETTINGS_CHANGED, EventType.RECOVERY_PERFORMED,
    EventType.SEAL_QUARANTINED, EventType.TOKEN_STANDBY_REGISTERED, EventType.TOKEN_SWITCHED,
    EventType.HOLD_RELEASED, EventType.RETENTION_CLASS_SET, EventType.RETENTION_CLOCK_STARTED,
    EventType.STORAGE_ENCRYPTION_SET,
})
"""Acts that change who may do what or how signing works: each must be covered by a signed
checkpoint before it takes effect (``services.audit.checkpoints.checkpoint_in_transaction``);
``audit verify`` names any left in the unsigned tail."""


@lru_cache(maxsize=4096)
def looks_like_secret(key: str) -> bool:
    """True if a word of ``key`` names a secret: ``pin``, ``so_pin``, ``userPIN``, ``db-password``.

    Keys are split into words at separators and camelCase boundaries, so ``mapping`` or
    ``shipping`` pass while ``pin_code`` does not. Deliberately strict: a harmless key such as
    ``pin_tries_left`` is refused too and must be renamed (``tries_left``); a false alarm costs a
    rename, a PIN in an append-only log cannot be taken back.
    """
    words = _KEY_WORDS.findall(key)
    compact = re.sub(r"[^0-9a-z]", "", key.lower())
    return compact in SECRET_WORDS or any(w.lower() in SECRET_WORDS for w in words)


def check_no_secrets(value: Any, where: str = "details") -> None:
    """Raise :class:`ValueError` if any dict key at any depth of ``value`` looks like a secret."""
    if type(value) is dict or isinstance(value, Mapping):  # the cheap test first: hot path
        for key, item in value.items():
            if isinstance(key, str) and looks_like_secret(key):
                raise ValueError(
                    f"{where}: key {key!r} looks like a secret (PIN, password); secrets never "
                    "enter the audit log — drop the field, or rename it if it holds no secret"
                )
            check_no_secrets(item, f"{where}.{key}")
    elif type(value) is list or isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_no_secrets(item, f"{where}[{i}]")


def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, not {value!r}")


@dataclass(frozen=True)
class AuditEvent:
    """One recorded act; ``time`` is stored in UTC.

    Building an event validates it completely and fixes its canonical bytes once: what was
    validated is exactly what :meth:`canonical_bytes` returns, even if a caller later mutates the
    ``subject`` or ``details`` dicts (which are private normalised copies anyway).
    """

    type: EventType
    time: datetime
    actor: str
    console_id: str
    software_version: str
    subject: dict[str, str] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    _canonical: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            event_type = EventType(self.type)
        except ValueError:
            raise ValueError(f"unknown audit event type {self.type!r}") from None
        if not isinstance(self.time, datetime) or self.time.utcoffset() is None:
            raise ValueError("event time must be a timezone-aware datetime, e.g. datetime.now(UTC)")
        for name in ("actor", "console_id", "software_version"):
            _require_text(name, getattr(self, name))
        if not isinstance(self.subject, Mapping) or not isinstance(self.details, Mapping):
            raise ValueError("subject and details must be dicts")
        payload = normalize_json(
            {
                "v": PAYLOAD_VERSION,
                "type": event_type.value,
                "time": format_time(self.time),
                "actor": self.actor,
                "console_id": self.console_id,
                "subject": dict(self.subject),
                "details": dict(self.details),
                "software_version": self.software_version,
            },
            "event",
        )
        if not all(isinstance(v, str) for v in payload["subject"].values()):
            raise ValueError("subject must map str to str, e.g. {'document_sha256': '…'}")
        check_no_secrets(payload["subject"], "subject")
        check_no_secrets(payload["details"], "details")
        set_field = object.__setattr__
        set_field(self, "type", event_type)
        set_field(self, "time", self.time.astimezone(UTC))
        for name in ("actor", "console_id", "software_version", "subject", "details"):
            set_field(self, name, payload[name])
        set_field(self, "_canonical", encode_normalized(payload))

    def to_payload(self) -> dict[str, Any]:
        """The event as a JSON object (a fresh copy each time)."""
        return json.loads(self._canonical)

    def canonical_bytes(self) -> bytes:
        """The canonical JSON of :meth:`to_payload`: the bytes the chain stores."""
        return self._canonical

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> AuditEvent:
        """Rebuild an event from :meth:`to_payload` output; unknown or missing keys are errors."""
        if not isinstance(payload, Mapping):
            raise ValueError("an event payload must be a JSON object")
        keys = set(payload)
        if keys != _PAYLOAD_KEYS:
            missing = sorted(_PAYLOAD_KEYS - keys)
            extra = sorted(keys - _PAYLOAD_KEYS)
            raise ValueError(f"event payload keys wrong: missing {missing}, unexpected {extra}")
        if payload["v"] != PAYLOAD_VERSION or isinstance(payload["v"], bool):
            raise ValueError(f"unsupported event payload version {payload['v']!r}")
        if not isinstance(payload["time"], str):
            raise ValueError("event time must be a string")
        return cls(
            type=payload["type"],
            time=parse_time(payload["time"]),
            actor=payload["actor"],
            console_id=payload["console_id"],
            software_version=payload["software_version"],
            subject=payload["subject"],
            details=payload["details"],
        )

    @classmethod
    def from_canonical_bytes(cls, data: bytes) -> AuditEvent:
        """Rebuild an event from stored payload bytes, refusing bytes that are not canonical."""
        try:
            payload = bounded_json.loads(data)
        except ValueError as ex:  # not UTF-8, not JSON, or nested too deeply
            raise ValueError(f"event payload is not JSON: {ex}") from None
        event = cls.from_payload(payload)
        if event.canonical_bytes() != bytes(data):
            raise ValueError("event payload is not in canonical form")
        return event
