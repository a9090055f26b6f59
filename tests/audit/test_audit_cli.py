"""``sealdesk audit ...`` as an auditor runs it: real processes, exit codes, offline checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sealdesk.exit_codes import ExitCode
from sealdesk.paths import app_paths
from sealdesk.services.context import AppContext
from tests.audit.audit_support import rebuild_head, tamper

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main", "audit"]


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SEALDESK_PIN"}
    env["SEALDESK_HOME"] = str(home)
    return subprocess.run([*SEALDESK, *args], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_verify_export_and_detect_a_cut_tail(logged_home: Path, tmp_path: Path) -> None:
    ok = run(logged_home, "verify")
    assert ok.returncode == 0, ok.stderr
    assert "Audit log verified" in ok.stdout and "Entries checked: 593 of 593" in ok.stdout
    exported = tmp_path / "checkpoint.json"
    assert run(logged_home, "checkpoint", "export", "--out", str(exported)).returncode == 0
    assert json.loads(exported.read_text())["checkpoint"]["tree_size"] == 592

    ctx = AppContext.open(app_paths())
    with tamper(ctx) as conn:
        conn.exec_driver_sql("DELETE FROM audit_entries WHERE idx >= 560")
        conn.exec_driver_sql("DELETE FROM audit_checkpoints WHERE tree_size >= 560")
        rebuild_head(conn)
    ctx.close()
    result = run(logged_home, "verify", "--against", str(exported), "--json")
    assert result.returncode == ExitCode.FAILED, result.stderr  # a verdict, not an error
    report = json.loads(result.stdout)
    assert report["findings"][0]["kind"] == "truncated"
    assert report["findings"][0]["index"] == 560
    assert "first bad entry: 560" in result.stderr


def test_proofs_round_trip_and_check_offline(logged_home: Path, tmp_path: Path) -> None:
    inclusion, consistency = tmp_path / "inclusion.json", tmp_path / "consistency.json"
    made = run(logged_home, "proof", "--event", "420", "--out", str(inclusion))
    assert made.returncode == 0, made.stderr
    made = run(logged_home, "proof", "--consistency", "300", "latest", "--out", str(consistency))
    assert made.returncode == 0, made.stderr
    audit_pem = tmp_path / "audit.pem"
    audit_pem.write_text(json.loads(inclusion.read_text())["checkpoint"]["certificate_pem"])

    nowhere = tmp_path / "auditor"  # no configuration, no database, no token
    nowhere.mkdir()
    checked = run(nowhere, "check-proof", str(inclusion), "--trusted-cert", str(audit_pem))
    assert checked.returncode == 0, checked.stderr
    assert "Entry 420 is included in the audit log of 592 entries" in checked.stdout
    assert "trusted audit certificate" in checked.stdout
    assert '"n": 420' in checked.stdout
    checked = run(nowhere, "check-proof", str(consistency))
    assert checked.returncode == 0, checked.stderr
    assert "300 and 592 entries" in checked.stdout
    assert list(nowhere.rglob("*")) == [], "an offline check must not create anything"

    forged = json.loads(inclusion.read_text())
    forged["audit_path"][3] = "00" * 32
    inclusion.write_text(json.dumps(forged))
    refused = run(nowhere, "check-proof", str(inclusion))
    assert refused.returncode == ExitCode.INTEGRITY
    assert "does not lead to the root" in refused.stderr


def test_list_filters_in_the_database(logged_home: Path) -> None:
    result = run(logged_home, "list", "--type", "checkpoint.created", "--json")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["index"] for line in result.stdout.splitlines()] == [592, 551, 300]
    result = run(logged_home, "list", "--search", "file-421.pdf", "--limit", "5")
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["421"]


def test_a_search_too_long_to_be_typed_is_refused_as_input_not_a_database_failure(
        tmp_path: Path) -> None:
    """Issue 18: a 100,000-character search said "the database could not be reached"."""
    from sealdesk.errors import InputError
    from sealdesk.services.audit.browse import MAX_FILTER_TEXT, AuditFilter

    AuditFilter(text="x" * MAX_FILTER_TEXT)
    with pytest.raises(InputError, match="too long"):
        AuditFilter(text="x" * 100_000)
