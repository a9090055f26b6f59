"""The retention and hold commands on a real installation (ceremony: demo token, three custodian
tokens, SQLite), through click's runner with the real handler and exit-code table."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from sealdesk.cli.main import cli
from sealdesk.exit_codes import ExitCode
from sealdesk.services import retention
from sealdesk.services.console.demo import DEMO_PIN
from tests.retention.conftest import Ceremony, adopt_rules, seal


def run(*args: str) -> Result:
    """Run a command as a script does: the token's PIN for signed acts from SEALDESK_PIN."""
    return CliRunner(env={"SEALDESK_PIN": DEMO_PIN}).invoke(cli, list(args),
                                                             catch_exceptions=False)


def test_hold_due_propose_approve_execute_and_verify_from_the_command_line(
        ceremony: Ceremony, tmp_path: Path) -> None:
    adopt_rules(ceremony)
    assert "contracts: 1y from a date given later" in run("retention", "classes").output
    sha = seal(ceremony, tmp_path, "lease-2019")[0]
    short = sha[:12]
    assert run("retention", "set", short, "contracts", "--reason", "Lease").exit_code == 0
    started = run("retention", "start", short, "--on", "2019-06-30", "--reason", "Lease ended")
    assert started.exit_code == 0 and "audit entry" in started.output
    assert short[:12] in run("retention", "due").output

    placed = run("hold", "place", short, "--reason", "Tenant dispute", "--case", "LIT-42")
    assert placed.exit_code == 0, placed.output
    assert "LIT-42" in run("hold", "list").output
    refused = run("retention", "propose-delete", short, "--reason", "Lease retention ended")
    assert refused.exit_code == ExitCode.PERMISSION
    assert "under legal hold (LIT-42" in refused.output
    released = run("hold", "release", short, "--reason", "Dispute settled", "--case", "LIT-42")
    assert released.exit_code == 0, released.output

    proposed = run("retention", "propose-delete", short, "--reason", "Lease retention ended")
    assert proposed.exit_code == 0, proposed.output
    pid = re.search(r"Proposal ([0-9a-f]{16})", proposed.output).group(1)  # type: ignore[union-attr]
    ceremony.decide(pid, "Carol")
    wrong = run("rotation", "execute", pid)
    assert wrong.exit_code != 0 and f"sealdesk retention execute {pid}" in wrong.output
    status = next(s for s in retention.retention_overview(ceremony.ctx)
                  if s.document_sha256 == sha)
    copy = tmp_path / "kept-copy.pdf"
    shutil.copyfile(ceremony.ctx.store.path_of(status.sealed_files[0]), copy)
    executed = run("retention", "execute", pid)
    assert executed.exit_code == 0, executed.output
    assert "1 document(s) deleted under retention" in executed.output

    verified = run("verify", str(copy), "--revocation", "soft-fail")
    assert "deleted under retention (event" in verified.output
    assert "store problem" not in verified.output
    assert "deleted" in run("retention", "list").output


def test_a_later_signing_policy_proposal_keeps_the_retention_classes(
        ceremony: Ceremony) -> None:
    from sealdesk.services.keys import rotation

    adopt_rules(ceremony)
    proposed = run("policy", "propose", "--reason", "Raise the level")
    assert proposed.exit_code == 0, proposed.output
    pid = re.search(r"Proposal ([0-9a-f]{16})", proposed.output).group(1)  # type: ignore[union-attr]
    params = rotation.show(ceremony.ctx, pid).content.params
    assert [c["name"] for c in params["signing_policy"]["retention"]["classes"]] == [
        "invoices", "contracts", "short"]
    assert "Retention:     invoices: 10y from sealing (default)" in run("policy", "show").output
