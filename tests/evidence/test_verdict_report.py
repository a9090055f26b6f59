"""The verdict report (HTML and JSON) and reading a bundle's document for a preview."""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from sealdesk.core.evidence import verify_bundle
from sealdesk.core.evidence.document import read_document
from sealdesk.core.evidence.report import verdict_html
from sealdesk.errors import InputError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.evidence import write_verdict_report
from tests.evidence.conftest import Installation
from tests.evidence.test_bundle_verify import _cli, _fresh_env


def test_cli_writes_the_verdict_report_in_both_forms(
        installation: Installation, tmp_path: Path) -> None:
    env = _fresh_env(tmp_path)
    cert = tmp_path / "audit.pem"
    cert.write_bytes(installation.audit_cert_pem)
    anchored = ["--trusted-audit-cert", str(cert), "--trust", str(installation.root_pem)]
    html_file, json_file = tmp_path / "out" / "verdict.html", tmp_path / "verdict.json"
    done = _cli(["evidence", "verify", str(installation.bundle), *anchored,
                 "--report", str(html_file)], env)
    assert done.returncode == 0, done.stdout + done.stderr
    page = html_file.read_text()
    assert "VERIFIED: intact, signed by the trusted audit key" in page
    assert "contract-a.pdf" in page and "PASSED" in page
    assert stat.S_IMODE(html_file.stat().st_mode) == 0o600  # written through fsutil
    assert not list(html_file.parent.glob("*.part"))

    unanchored = _cli(["evidence", "verify", str(installation.bundle), "--report",
                       str(json_file)], env)
    assert unanchored.returncode == ExitCode.UNANCHORED  # the report is written regardless
    body = json.loads(json_file.read_text())
    assert body["format"] == "sealdesk-evidence-verdict" and body["ok"] is True
    assert body["headline"].startswith("UNANCHORED")
    assert [d["name"] for d in body["documents"]] == ["contract-a.pdf", "contract-b.pdf"]


def test_cli_refuses_an_unknown_report_format_before_checking(
        installation: Installation, tmp_path: Path) -> None:
    env = _fresh_env(tmp_path)
    done = _cli(["evidence", "verify", str(installation.bundle), "--report",
                 str(tmp_path / "verdict.txt")], env)
    assert done.returncode == ExitCode.INPUT, done.stdout + done.stderr
    assert "Name the report file .html" in done.stderr
    assert not (tmp_path / "verdict.txt").exists()


def test_a_document_name_is_escaped_in_the_html_report(
        installation: Installation, tmp_path: Path) -> None:
    """The attack: a bundle whose document name is markup. The report shows it as text."""
    verdict = verify_bundle(installation.bundle, None, ())
    verdict.documents[0].name = "<script>alert(1)</script><img src=x>"
    page = verdict_html(verdict)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    target = write_verdict_report(verdict, tmp_path / "v.htm")
    assert target.read_text() == page


def test_a_bundle_document_is_read_only_if_it_is_the_checked_file(
        installation: Installation, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.zip"
    shutil.copy2(installation.bundle, bundle)
    verdict = verify_bundle(bundle, None, ())
    doc = verdict.documents[0]
    data = read_document(bundle, doc)
    assert data.startswith(b"%PDF") and len(data) > 1000
    with pytest.raises(InputError, match="too large to preview"):
        read_document(bundle, doc, limit=100)

    # The attack: the bundle is replaced after the check by one whose member differs.
    with zipfile.ZipFile(installation.bundle) as source, zipfile.ZipFile(bundle, "w") as out:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == doc.member:
                payload = payload.replace(b"%%EOF", b"%%EOF\n% appended after the check\n")
            out.writestr(info.filename, payload)
    with pytest.raises(InputError, match="not the file that was checked"):
        read_document(bundle, doc)
