"""Attack: edit a copied column of an audit entry with raw SQL (no PIN, no audit key).

The chain hashes only the payload, so before this defence an edited actor, subject, type or time
passed ``audit verify`` while lists and evidence selection read the edited value. Each edit must
now be a finding naming the entry and the column, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from tests.audit.audit_support import tamper

TARGET = 421  # a document.sealed event between checkpoints A (300) and B (551)

EDITS = {
    "actor": "mallory",
    "subject": "0" * 64,
    "event_type": "token.login_failed",
    "time": dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
}


@pytest.mark.parametrize("column", sorted(EDITS))
def test_column_edit_is_named(logged_ctx: AppContext, column: str) -> None:
    assert verify_log(logged_ctx).ok
    with tamper(logged_ctx) as conn:
        conn.execute(text(f"UPDATE audit_entries SET {column} = :v WHERE idx = :i"),
                     {"v": EDITS[column], "i": TARGET})
    report = verify_log(logged_ctx)
    assert not report.ok
    found = [f for f in report.findings if f.kind is FindingKind.COLUMN_ALTERED]
    assert [(f.index, f.expected.split("=")[0]) for f in found] == [(TARGET, column)], (
        report.summary())
    assert found[0].found.startswith(f"{column}=")


def test_every_column_of_every_entry_is_compared(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'mallory' WHERE idx IN (0, 592)"))
    report = verify_log(logged_ctx)
    assert sorted(f.index for f in report.findings
                  if f.kind is FindingKind.COLUMN_ALTERED) == [0, 592]
