"""Per-entry verdicts of a verification, and the "problems only" filter they feed.

Each tamper is the raw SQL a database writer without the PIN would run; the verdicts must name
the edited entry as not verified and keep the untouched ones apart.
"""

from __future__ import annotations

from sqlalchemy import text

from sealdesk.services.audit.browse import AuditBrowser, AuditFilter
from sealdesk.services.audit.entry_verdicts import EntryState, entry_verdicts
from sealdesk.services.audit.report import FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from tests.audit.audit_support import LOG_SIZE, SIZES, rows, tamper


def test_an_intact_log_is_verified_up_to_its_latest_checkpoint(logged_ctx: AppContext) -> None:
    verdicts = entry_verdicts(verify_log(logged_ctx))
    assert verdicts.checked_size == LOG_SIZE and verdicts.broken_at is None
    assert {verdicts.verdict(i).state for i in (0, 299, 300, SIZES[-1] - 1)} == {
        EntryState.VERIFIED}
    # entry 592 records checkpoint C: intact, but no checkpoint covers it yet
    assert verdicts.verdict(SIZES[-1]).state is EntryState.UNSIGNED
    assert verdicts.verdict(LOG_SIZE).state is EntryState.NOT_CHECKED  # appended after
    assert verdicts.problem_ranges == () and verdicts.problem_entries == 0


def test_an_edited_payload_is_named_and_what_follows_is_unproven(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        payload = bytes(rows(conn, 42)[0][3]).replace(b'"n":42', b'"n":24')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = 42"),
                     {"p": payload})
    verdicts = entry_verdicts(verify_log(logged_ctx))
    bad = verdicts.verdict(42)
    assert bad.state is EntryState.NOT_VERIFIED
    assert bad.finding is not None and bad.finding.kind is FindingKind.PAYLOAD_ALTERED
    later = verdicts.verdict(400)
    assert later.state is EntryState.NOT_VERIFIED and later.after_break == 42
    assert later.finding is None
    # before the break the chain holds, but the walk never reached a signed root
    assert verdicts.verdict(41).state is EntryState.UNSIGNED
    assert verdicts.problem_ranges == ((42, 42),)


def test_an_edited_column_is_named_and_the_rest_stays_verified(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'someone-else' WHERE idx = 77"))
    verdicts = entry_verdicts(verify_log(logged_ctx))
    assert verdicts.verdict(77).state is EntryState.NOT_VERIFIED
    assert verdicts.verdict(77).finding.kind is FindingKind.COLUMN_ALTERED  # type: ignore[union-attr]
    assert verdicts.verdict(76).state is EntryState.VERIFIED
    assert verdicts.verdict(78).state is EntryState.VERIFIED
    assert verdicts.problem_ranges == ((77, 77),)


def test_the_problem_ranges_filter_the_browser(logged_ctx: AppContext) -> None:
    browser = AuditBrowser(logged_ctx.database)
    try:
        page = browser.filtered_page(AuditFilter(entries=((5, 7), (300, 300))), None, 50)
        assert [r.index for r in page] == [300, 7, 6, 5]
        assert browser.filtered_page(AuditFilter(entries=()), None, 50) == []
        assert not AuditFilter(entries=()).is_empty
    finally:
        browser.close()
