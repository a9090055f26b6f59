"""Canonical JSON and timestamps: one byte form per value, reproducible by an auditor."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sealdesk.core.audit.canonical import (
    MAX_DEPTH,
    MAX_SAFE_INTEGER,
    canonical_json,
    format_time,
    normalize_json,
    parse_time,
)


def auditor_canonical_json(v: Any) -> bytes:
    """The reproduction recipe from the module docstring, copied verbatim."""

    def nfc(v: Any) -> Any:
        if isinstance(v, str):
            return unicodedata.normalize("NFC", v)
        if isinstance(v, list):
            return [nfc(x) for x in v]
        if isinstance(v, dict):
            return {nfc(k): nfc(x) for k, x in v.items()}
        return v

    return json.dumps(
        nfc(v), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | _text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            _text.map(lambda s: unicodedata.normalize("NFC", s)), children, max_size=4
        )
    ),
    max_leaves=20,
)


def test_sorted_keys_no_whitespace_literal_utf8() -> None:
    value = {"b": [1, True, None], "a": "é€😀", "A": {"z": -3, "y": "x"}}
    assert canonical_json(value) == '{"A":{"y":"x","z":-3},"a":"é€😀","b":[1,true,null]}'.encode()


def test_escapes_are_exactly_specified() -> None:
    text = 'q" b\\ \b\t\n\f\r \x00\x1f \x7f \u2028 /'
    assert (
        canonical_json(text) == b'"q\\" b\\\\ \\b\\t\\n\\f\\r \\u0000\\u001f \x7f \xe2\x80\xa8 /"'
    )


def test_keys_sort_by_code_point() -> None:
    assert canonical_json({"\U0001f600": 1, "\uffff": 2, "Z": 3, "a": 4}) == (
        '{"Z":3,"a":4,"\uffff":2,"\U0001f600":1}'.encode()
    )


def test_strings_and_keys_are_nfc_normalised() -> None:
    decomposed = "Cafe\u0301"
    assert canonical_json({decomposed: decomposed}) == '{"Café":"Café"}'.encode()
    assert canonical_json(decomposed) == canonical_json("Caf\u00e9")


def test_keys_equal_after_nfc_are_refused() -> None:
    with pytest.raises(ValueError, match="equal"):
        canonical_json({"Caf\u00e9": 1, "Cafe\u0301": 2})


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ({"details": {"ratio": 0.5}}, "value.details.ratio"),
        ([1, [2, 1.0]], r"value\[1\]\[1\]"),
        (float("nan"), "value"),
    ],
)
def test_floats_are_refused_with_their_location(value: Any, where: str) -> None:
    with pytest.raises(TypeError, match=f"{where}: floats are not allowed"):
        canonical_json(value)


@pytest.mark.parametrize(
    "value",
    [(1, 2), b"raw", bytearray(b"x"), {1, 2}, dt.datetime(2024, 1, 1, tzinfo=dt.UTC), object()],
)
def test_other_types_are_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        canonical_json({"k": value})


def test_non_string_keys_are_refused() -> None:
    with pytest.raises(TypeError, match="keys must be str"):
        canonical_json({1: "x"})


def test_integers_outside_the_safe_range_are_refused() -> None:
    assert (
        canonical_json([MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER])
        == b"[9007199254740991,-9007199254740991]"
    )
    with pytest.raises(ValueError, match=r"value\.serial: integer"):
        canonical_json({"serial": MAX_SAFE_INTEGER + 1})


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ValueError, match="lone surrogate"):
        canonical_json({"name": "bad\ud800"})
    with pytest.raises(ValueError, match="lone surrogate"):
        canonical_json({"bad\udfff": 1})


def test_nesting_is_limited_and_cycles_fail_cleanly() -> None:
    deep: Any = "leaf"
    for _ in range(MAX_DEPTH):
        deep = [deep]
    canonical_json(deep)
    with pytest.raises(ValueError, match="nested deeper"):
        canonical_json([deep])
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="nested deeper"):
        canonical_json(cycle)


def test_enum_members_become_plain_values() -> None:
    class Kind(StrEnum):
        SEALED = "document.sealed"

    class Level(IntEnum):
        HIGH = 3

    assert canonical_json({Kind.SEALED: [Kind.SEALED, Level.HIGH]}) == (
        b'{"document.sealed":["document.sealed",3]}'
    )
    normalized = normalize_json({"k": Kind.SEALED})
    assert type(normalized["k"]) is str


def test_booleans_stay_booleans() -> None:
    assert canonical_json([True, False, 1, 0]) == b"[true,false,1,0]"


def test_normalize_json_copies() -> None:
    original = {"a": [1, {"b": "c"}]}
    copy = normalize_json(original)
    assert copy == original
    copy["a"][1]["b"] = "changed"
    assert original["a"][1]["b"] == "c"


@settings(suppress_health_check=[HealthCheck.too_slow])  # the first run builds Unicode tables
@given(json_values)
def test_matches_the_auditor_recipe(value: Any) -> None:
    assert canonical_json(value) == auditor_canonical_json(value)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_is_idempotent_through_a_json_round_trip(value: Any) -> None:
    encoded = canonical_json(value)
    assert canonical_json(json.loads(encoded)) == encoded


# -- timestamps ---------------------------------------------------------------------------------


def test_format_time_is_utc_with_microseconds() -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    moment = dt.datetime(2024, 5, 1, 14, 3, 4, 5, tzinfo=paris)
    assert format_time(moment) == "2024-05-01T12:03:04.000005Z"
    assert format_time(dt.datetime(1, 1, 1, tzinfo=dt.UTC)) == "0001-01-01T00:00:00.000000Z"


def test_format_time_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_time(dt.datetime(2024, 5, 1, 12, 0))
    with pytest.raises(TypeError):
        format_time("2024-05-01")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00.000000+00:00",
        "2024-05-01T12:00:00.000000z",
        "2024-05-01 12:00:00.000000Z",
        "2024-05-01T12:00:00.000Z",
        "2024-02-30T12:00:00.000000Z",
        " 2024-05-01T12:00:00.000000Z",
        "2024-05-01T12:00:00.000000Z\n",
    ],
)
def test_parse_time_accepts_only_the_one_form(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_time(text)


@given(st.datetimes(timezones=st.timezones()))
def test_time_round_trip(moment: dt.datetime) -> None:
    text = format_time(moment)
    parsed = parse_time(text)
    assert parsed == moment.astimezone(dt.UTC)  # == across zones is unreliable at DST folds
    assert parsed.tzinfo is dt.UTC
    assert format_time(parsed) == text
