"""``sealdesk revalidate`` end to end, its reports, and quiet logs for damaged documents."""

from __future__ import annotations

import json
import logging
import re
import sys

from sealdesk.cli.logging_setup import OneLineFormatter
from sealdesk.exit_codes import ExitCode
from tests.revalidation.support import Installation, flip_byte


def _damage_contents(data: bytes) -> bytes:
    """Break a length inside the seal's CMS (the "Insufficient data" case)."""
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    assert match
    position = match.start(1) + 2 * 600  # well inside the certificates
    value = int(data[position : position + 2], 16) ^ 0x40
    return data[:position] + f"{value:02x}".encode() + data[position + 2 :]


def test_revalidate_all_reports_and_exit_code(installation: Installation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    inst = installation
    good = inst.seal([inst.document("good")]).results[0]
    bad = inst.seal([inst.document("bad")]).results[0]
    inst.seal([inst.document("expired")], signer="expired")
    assert bad.stored_path is not None and good.stored_path is not None
    flip_byte(bad.stored_path, b"document bad")
    out_json, out_html = tmp_path / "run.json", tmp_path / "run.html"

    run = inst.cli("revalidate", "--all", "--workers", "2", "--json", str(out_json),
                   "--html", str(out_html))

    assert run.returncode == ExitCode.FAILED, run.stderr
    assert "Traceback" not in run.stderr
    assert "1 passed, 1 indeterminate, 1 failed; 2 incident(s)" in run.stdout
    lines = run.stdout.splitlines()
    assert lines[1].startswith("FAILED") and "bad.pdf" in lines[1]
    assert "store's copy of this sealed file is damaged" in lines[2]
    report = json.loads(out_json.read_text())
    assert report["schema"] == "sealdesk.revalidation/1"
    assert report["run"]["status"] == "finished"
    assert report["counts"] == {"documents": 3, "PASSED": 1, "INDETERMINATE": 1, "FAILED": 1,
                                "pending": 0, "incidents": 2}
    assert [r["indication"] for r in report["results"]] == ["FAILED", "INDETERMINATE", "PASSED"]
    first = report["results"][0]
    assert first["store_problems"] and first["audit_entry"] is not None
    assert first["report"]["schema"] == "sealdesk.validation/1"
    html = out_html.read_text()
    assert html.index("bad.pdf") < html.index("expired.pdf") < html.index("good.pdf")
    assert "FAILED: 1" in html and "Incidents" in html

    runs = inst.cli("revalidate", "runs")
    assert runs.returncode == 0 and "finished" in runs.stdout and "3/3" in runs.stdout
    again = inst.cli("revalidate", "report", "1", "--json", str(tmp_path / "again.json"))
    assert again.returncode == 0
    assert json.loads((tmp_path / "again.json").read_text())["results"] == report["results"]


def test_damaged_signature_container_is_failed_without_a_traceback(
    installation: Installation, tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    inst = installation
    sealed = inst.seal([inst.document("letter")]).results[0]
    assert sealed.stored_path is not None
    damaged = tmp_path / "letter-damaged.pdf"
    damaged.write_bytes(_damage_contents(sealed.stored_path.read_bytes()))

    run = inst.cli("revalidate", str(damaged))
    verify = inst.cli("verify", "--no-record", str(damaged))

    for result in (run, verify):
        assert result.returncode == ExitCode.FAILED, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "signature data is damaged" in result.stdout
    assert "FAILED" in run.stdout


def test_resume_of_an_unknown_run_and_wrong_options_are_usage_errors(
    installation: Installation,
) -> None:
    assert installation.cli("revalidate", "--resume", "42").returncode == ExitCode.INPUT
    assert installation.cli("revalidate", "--all", "--since", "2024-01-01").returncode == 2  # usage
    assert installation.cli("revalidate").returncode == 2


def test_cli_log_lines_are_single_lines_without_tracebacks() -> None:
    try:
        raise ValueError("Insufficient data - 29 bytes requested\n    while parsing x")
    except ValueError:
        record = logging.LogRecord("pyhanko.sign", logging.WARNING, __file__, 1,
                                   "validation failed:\nsecond line", None, sys.exc_info())
    text = OneLineFormatter().format(record)
    assert text == "warning: pyhanko.sign: validation failed:"
