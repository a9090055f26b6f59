"""The report's stable JSON form and its HTML rendering."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from sealdesk.core.validation import (
    SCHEMA,
    DocumentReport,
    Finding,
    Indication,
    PolicySummary,
    Severity,
    SignatureKind,
    SignatureReport,
    SubIndication,
    render_html,
    validate_pdf,
)
from sealdesk.errors import InputError


@pytest.fixture(scope="module")
def real_reports(seal, policy):
    return [
        validate_pdf(seal(signer="ec", level="B-LTA"), policy),
        validate_pdf(seal(signer="revoked", level="B-T"), policy),
        validate_pdf(seal(signer="revoked", level="B-T", content_timestamp=True), policy),
    ]


def test_json_round_trip_is_lossless(real_reports):
    for report in real_reports:
        text = report.to_json()
        assert DocumentReport.from_json(text) == report


def test_json_has_the_documented_top_level_shape(real_reports):
    data = json.loads(real_reports[0].to_json())
    assert data["schema"] == SCHEMA == "sealdesk.validation/1"
    assert set(data) == {
        "schema",
        "document",
        "indication",
        "checked_at",
        "policy",
        "signatures",
        "notes",
    }
    assert set(data["document"]) == {"path", "sha256"}
    assert data["indication"] == "PASSED"
    signature = data["signatures"][0]
    assert signature["pades_level"] == "B-LTA"
    assert signature["timestamp"]["valid"] is True
    assert signature["coverage"] == "entire revision, later updates"
    assert signature["modification_level"] == "validation data"
    assert data["signatures"][1]["kind"] == "document timestamp"
    assert data["policy"]["revocation_mode"] == "hard-fail"
    assert datetime.fromisoformat(data["checked_at"]).tzinfo is not None


def test_overall_indication_is_the_worst(real_reports):
    assert [r.indication for r in real_reports] == [
        Indication.PASSED,
        Indication.INDETERMINATE,
        Indication.FAILED,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"schema": "sealdesk.validation/2"}',
        '{"schema": "sealdesk.validation/1", "document": {}}',
    ],
)
def test_from_json_rejects_foreign_or_broken_reports(text):
    with pytest.raises(InputError, match="not a readable SealDesk validation report"):
        DocumentReport.from_json(text)


def test_from_json_rejects_a_forged_overall_indication(real_reports):
    data = json.loads(real_reports[2].to_json())
    data["indication"] = "PASSED"
    with pytest.raises(InputError):
        DocumentReport.from_json(json.dumps(data))


def test_html_lists_failures_first_with_counts(real_reports):
    page = render_html(list(reversed(real_reports[:1])) + real_reports[1:], "Revalidation run")

    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Revalidation run</title>" in page
    assert "FAILED: 1" in page and "INDETERMINATE: 1" in page and "PASSED: 1" in page
    failed_at = page.index(real_reports[2].path)
    indeterminate_at = page.index(real_reports[1].path)
    passed_at = page.index(real_reports[0].path)
    assert failed_at < indeterminate_at < passed_at
    assert "REVOKED_NO_POE" in page
    assert "revoked on 2023-01-01" in page


def test_html_is_self_contained_and_escapes_document_data():
    hostile = SignatureReport(
        field_name="<script>alert(1)</script>",
        kind=SignatureKind.SIGNATURE,
        indication=Indication.FAILED,
        sub_indication=SubIndication.HASH_FAILURE,
        findings=(Finding("x", Severity.ERROR, 'bad "<img src=x>"'),),
        signer_subject="Common Name: <b>Mallory</b>",
    )
    report = DocumentReport(
        path="/tmp/<evil>.pdf",
        sha256="00" * 32,
        signatures=(hostile,),
        checked_at=datetime(2026, 1, 1, tzinfo=UTC),
        policy=PolicySummary(revocation_mode="hard-fail"),
    )
    page = render_html([report], "Run <1>")

    assert "<script>" not in page and "<img" not in page and "<b>Mallory" not in page
    assert "&lt;script&gt;" in page and "&lt;evil&gt;" in page
    for external in ("<script", "<link", "<iframe", "@import", "url("):
        assert external not in page
    assert not re.findall(r"<[^>]*\b(?:src|href)=", page)
