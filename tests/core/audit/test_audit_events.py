"""Audit events: validated at construction, stable payload, never a secret."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.events import AuditEvent, EventType, looks_like_secret
from tests.core.audit.audit_helpers import T0, sample_event

REQUIRED_TYPES = [
    "document.loaded",
    "document.sealed",
    "document.seal_failed",
    "document.verified",
    "revalidation.started",
    "revalidation.finished",
    "revalidation.result",
    "token.login_succeeded",
    "token.login_failed",
    "key.generated",
    "key.activated",
    "key.retired",
    "key.compromised",
    "certificate.imported",
    "rotation.proposed",
    "rotation.approved",
    "rotation.rejected",
    "rotation.executed",
    "rotation.step",
    "custodian.added",
    "custodian.removed",
    "policy.changed",
    "settings.changed",
    "evidence.exported",
    "maintenance.enabled",
    "maintenance.disabled",
    "checkpoint.created",
    "recovery.performed",
    "role.changed",
    "selftest.passed",
    "selftest.failed",
    "access.denied",
]


def event(**changes: Any) -> AuditEvent:
    fields: dict[str, Any] = {
        "type": EventType.DOCUMENT_SEALED,
        "time": T0,
        "actor": "alice@example.org",
        "console_id": "console-01",
        "software_version": "0.1.0",
        "subject": {"document_sha256": "ab" * 32},
        "details": {"pages": 3},
    }
    fields.update(changes)
    return AuditEvent(**fields)


def test_every_required_event_type_exists() -> None:
    assert {t.value for t in EventType} >= set(REQUIRED_TYPES)


def test_payload_bytes_are_exactly_as_documented() -> None:
    assert event().canonical_bytes() == (
        b'{"actor":"alice@example.org","console_id":"console-01","details":{"pages":3},'
        b'"software_version":"0.1.0","subject":{"document_sha256":"' + b"ab" * 32 + b'"},'
        b'"time":"2024-05-01T12:00:00.000000Z","type":"document.sealed","v":1}'
    )
    assert event().canonical_bytes() == canonical_json(event().to_payload())


def test_round_trip_through_payload_and_bytes() -> None:
    original = sample_event(7)
    assert AuditEvent.from_payload(original.to_payload()) == original
    assert AuditEvent.from_canonical_bytes(original.canonical_bytes()) == original


def test_to_payload_returns_fresh_copies() -> None:
    built = event()
    payload = built.to_payload()
    payload["details"]["pages"] = 99
    assert built.to_payload()["details"]["pages"] == 3


def test_canonical_bytes_are_fixed_at_construction() -> None:
    details: dict[str, Any] = {"pages": 3}
    built = event(details=details)
    details["pages"] = 4
    details["ratio"] = 0.5
    assert built.details == {"pages": 3}
    assert json.loads(built.canonical_bytes())["details"] == {"pages": 3}


def test_time_is_stored_in_utc() -> None:
    berlin = dt.timezone(dt.timedelta(hours=2))
    built = event(time=dt.datetime(2024, 5, 1, 14, 0, tzinfo=berlin))
    assert built.time == T0
    assert built.time.tzinfo is dt.UTC


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        event(time=dt.datetime(2024, 5, 1, 12, 0))


def test_type_may_be_given_as_its_value_but_must_exist() -> None:
    assert event(type="key.retired").type is EventType.KEY_RETIRED
    with pytest.raises(ValueError, match="unknown audit event type"):
        event(type="document.shredded")


@pytest.mark.parametrize("name", ["actor", "console_id", "software_version"])
def test_identity_fields_must_be_text(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        event(**{name: "  "})
    with pytest.raises(ValueError, match=name):
        event(**{name: None})


def test_subject_values_must_be_strings() -> None:
    with pytest.raises(ValueError, match="subject"):
        event(subject={"document_sha256": 5})


def test_floats_in_details_fail_at_construction_with_their_location() -> None:
    with pytest.raises(TypeError, match=r"event\.details\.timing\.seconds: floats"):
        event(details={"timing": {"seconds": 1.5}})


def test_nfc_normalisation_keeps_round_trip_equality() -> None:
    built = event(actor="Jose\u0301", details={"file": "Cafe\u0301.pdf"})
    assert built.actor == "Jos\u00e9"
    assert AuditEvent.from_payload(built.to_payload()) == built


@pytest.mark.parametrize(
    "details",
    [
        {"pin": "1234"},
        {"PIN": "1234"},
        {"so_pin": "5678"},
        {"soPin": "5678"},
        {"SOPIN": "5678"},
        {"user-pin": "1"},
        {"Password": "x"},
        {"db_password": "x"},
        {"adminPassword": "x"},
        {"client_secret": "x"},
        {"passphrase": "x"},
        {"token": {"login": {"pin": "1234"}}},
        {"attempts": [{"ok": False}, {"so_pin": "5678"}]},
    ],
)
def test_secret_looking_keys_are_refused_at_any_depth(details: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="looks like a secret"):
        event(details=details)


def test_secret_looking_subject_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="looks like a secret"):
        event(subject={"pin": "1234"})


@pytest.mark.parametrize(
    "key", ["mapping", "shipping", "spin", "opinion", "pinned", "spinner", "pipeline", "tries_left"]
)
def test_ordinary_words_containing_pin_are_allowed(key: str) -> None:
    assert not looks_like_secret(key)
    event(details={key: "x"})


def test_from_payload_is_strict() -> None:
    payload = event().to_payload()
    with pytest.raises(ValueError, match="unexpected"):
        AuditEvent.from_payload({**payload, "extra": 1})
    del payload["actor"]
    with pytest.raises(ValueError, match="missing"):
        AuditEvent.from_payload(payload)
    with pytest.raises(ValueError, match="version"):
        AuditEvent.from_payload({**event().to_payload(), "v": 2})
    with pytest.raises(ValueError, match="timestamp"):
        AuditEvent.from_payload({**event().to_payload(), "time": "2024-05-01T12:00:00Z"})


def test_from_canonical_bytes_refuses_other_spellings() -> None:
    payload = event().to_payload()
    spaced = json.dumps(payload, sort_keys=True).encode()
    with pytest.raises(ValueError, match="canonical"):
        AuditEvent.from_canonical_bytes(spaced)
    with pytest.raises(ValueError, match="not JSON"):
        AuditEvent.from_canonical_bytes(b"{nope")


@settings(suppress_health_check=[HealthCheck.too_slow])  # the first run builds Unicode tables
@given(
    kind=st.sampled_from(EventType),
    seconds=st.integers(0, 10**9),
    details=st.dictionaries(
        st.sampled_from(["file_name", "pages", "reason", "profile", "count"]),
        st.integers(-1000, 1000) | st.text(max_size=20) | st.booleans() | st.none(),
        max_size=5,
    ),
)
def test_any_event_round_trips(kind: EventType, seconds: int, details: dict[str, Any]) -> None:
    built = event(type=kind, time=T0 + dt.timedelta(seconds=seconds), details=details)
    assert AuditEvent.from_canonical_bytes(built.canonical_bytes()) == built
