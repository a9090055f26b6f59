"""``sealdesk incident report`` and ``verify-report`` as an administrator and an auditor use
them: the PIN from the environment, never on the command line; a statement checked against the
pinned audit certificate passes, against another certificate (someone signing statements with
their own key) fails."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.services.context import AppContext
from tests.incidents.support import run_cli


def test_report_and_verify_report_from_the_command_line(
    demo_ctx: AppContext, demo_pin: str, tmp_path: Path,
) -> None:
    home = demo_ctx.paths.config_dir.parent
    opened = run_cli(home, "incident", "open", "--type", "availability",
                     "--title", "Token reader flaky", "--occurred-at", "2026-01-01T08:00Z")
    assert opened.returncode == 0, opened.stderr
    name = opened.stdout.split()[1]
    added = run_cli(home, "incident", "action", "add", name, "Replace the reader")
    assert added.returncode == 0, added.stderr
    out = tmp_path / "statements"
    report = run_cli(home, "incident", "report", name, "--out", str(out), pin=demo_pin)
    assert report.returncode == 0, report.stderr
    assert demo_pin not in report.stdout + report.stderr
    statement = out / f"{name}.json"
    content = json.loads(statement.read_text())
    assert content["incident"]["title"] == "Token reader flaky"
    assert len(content["open_action_items"]) == 1

    cfg = demo_ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), demo_pin,
                            environment=cfg.environment) as token:
        audit_pem = x509.load_der_x509_certificate(
            token.certificate_der(cfg.audit_key_label)).public_bytes(serialization.Encoding.PEM)
        seal_pem = x509.load_der_x509_certificate(
            token.certificate_der(cfg.seal_key_label)).public_bytes(serialization.Encoding.PEM)
    (tmp_path / "audit.pem").write_bytes(audit_pem)
    (tmp_path / "seal.pem").write_bytes(seal_pem)
    pinned = run_cli(home, "incident", "verify-report", str(statement),
                     "--trusted-cert", str(tmp_path / "audit.pem"))
    assert pinned.returncode == 0 and "Signature valid" in pinned.stdout, pinned.stderr
    assert "not who signed" not in pinned.stdout
    wrong = run_cli(home, "incident", "verify-report", str(statement),
                    "--trusted-cert", str(tmp_path / "seal.pem"))
    assert wrong.returncode != 0 and "another key" in wrong.stderr
    loose = run_cli(home, "incident", "verify-report", str(statement))
    assert loose.returncode == 0 and "not who signed" in loose.stdout
