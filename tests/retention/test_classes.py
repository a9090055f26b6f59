"""Retention classes as values: calendar periods, validation, the policy's JSON (no I/O)."""

from __future__ import annotations

import datetime as dt

import pytest

from sealdesk.core.retention.classes import RetentionClass, RetentionRules, add_period
from sealdesk.core.rotation.signing_policy import SigningPolicy
from sealdesk.errors import InputError

UTC = dt.UTC


def test_periods_are_counted_on_the_calendar() -> None:
    leap = dt.datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert add_period(leap, "1y") == dt.datetime(2025, 2, 28, 12, tzinfo=UTC)
    assert add_period(leap, "4y") == dt.datetime(2028, 2, 29, 12, tzinfo=UTC)
    assert add_period(dt.datetime(2026, 1, 31, tzinfo=UTC), "1m") == \
        dt.datetime(2026, 2, 28, tzinfo=UTC)
    assert add_period(dt.datetime(2026, 11, 15, tzinfo=UTC), "18m") == \
        dt.datetime(2028, 5, 15, tzinfo=UTC)
    assert add_period(dt.datetime(2026, 1, 1, tzinfo=UTC), "90d") == \
        dt.datetime(2026, 4, 1, tzinfo=UTC)
    for bad in ("0y", "10", "1w", "-1d", "1.5y"):
        with pytest.raises(InputError, match="not a number of years"):
            add_period(leap, bad)


def test_rules_refuse_what_no_one_should_approve() -> None:
    with pytest.raises(InputError, match="same name"):
        RetentionRules((RetentionClass("a", "1y"), RetentionClass("a", "2y")))
    with pytest.raises(InputError, match="default retention class 'b'"):
        RetentionRules((RetentionClass("a", "1y"),), default="b")
    with pytest.raises(InputError, match="clock"):
        RetentionClass("a", "1y", "contract")
    with pytest.raises(InputError, match="not usable"):
        RetentionClass("has space", "1y")


def test_a_policy_without_classes_is_byte_for_byte_what_older_releases_wrote() -> None:
    plain = SigningPolicy(("ab" * 32,), "", "B-T", ("ec-p256",))
    assert set(plain.to_json()) == {"trust_anchors", "tsa_url", "pades_level", "algorithms"}
    rules = RetentionRules((RetentionClass("invoices", "10y"),
                            RetentionClass("contracts", "6y", "event")), "invoices")
    with_rules = SigningPolicy(("ab" * 32,), "", "B-T", ("ec-p256",), retention=rules)
    again = SigningPolicy.from_json(with_rules.to_json(), 3)
    assert again.retention == rules and again.version == 3
    assert SigningPolicy.from_json(plain.to_json()).retention == RetentionRules()
