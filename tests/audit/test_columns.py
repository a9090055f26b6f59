"""The copied columns read back from payloads: the fast byte check never says "agree" wrongly,
and the parsing path matches what storage writes, escapes, Unicode and truncation included."""

from __future__ import annotations

import datetime as dt

import pytest

from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.columns import payload_columns, stored_columns_agree, subject_key
from sealdesk.core.audit.events import AuditEvent, EventType

WHEN = dt.datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=dt.UTC)
CASES = [
    ("alice", {"document_sha256": "ab" * 32}, {"n": 1}),
    ('al"ice\\', {"a": 'y"', "b": "x"}, {"subject": {"nested": "z"}}),
    ("zoë", {"é": "ü", "a": "1"}, {}),
    ("x" * 300, {"k": "v" * 300}, {"actor": "not me"}),
    ("bob", {}, {"subject": "decoy"}),
]


@pytest.mark.parametrize(("actor", "subject", "details"), CASES)
def test_columns_as_storage_writes_them(actor: str, subject: dict[str, str],
                                        details: dict[str, object]) -> None:
    event = AuditEvent(EventType.ROLE_CHANGED, WHEN, actor, "console", "1.0", subject, details)
    payload = event.canonical_bytes()
    said = payload_columns(payload)
    stored = ("role.changed", format_time(WHEN), actor[:256], subject_key(event.subject))
    assert said == stored
    sqlite_time = b"2026-03-04 05:06:07.000089"
    raw = [s.encode() for s in (stored[0], stored[2], stored[3])]
    agree = stored_columns_agree(payload, raw[0], sqlite_time, raw[1], raw[2])
    simple = '"' not in actor and "\\" not in actor and len(actor) < 256 and len(stored[3]) < 256
    assert agree is simple  # the fast path only answers when it is certain
    for edit in range(4):
        values = [raw[0], sqlite_time, raw[1], raw[2]]
        values[edit] = values[edit][:-1] + b"?"
        assert not stored_columns_agree(payload, *values)
