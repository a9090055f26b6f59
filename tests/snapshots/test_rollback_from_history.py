"""Rollback of the software: the previous release, built from git history, works on a database
this release migrated (issue 19 item 5, expand/contract).

The previous release is the commit before the one that added the newest migration. It is
exported with ``git archive`` and run as a separate process (its own code, the same Python and
token). It must open the newer database without upgrading it (the rollback guard), seal a
document, verify it, and leave a log that this release verifies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from sealdesk.core.samples import make_text_pdf
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.storage.schema import current_revision, head_revision

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = "app/sealdesk/storage/migrations/versions"


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def _previous_release(into: Path) -> str:
    """Export the commit before the newest migration's; its hash."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git history of a checkout")
    newest = sorted((ROOT / VERSIONS).glob("0*.py"))[-1]
    added = _git("log", "-1", "--format=%H", "--diff-filter=A", "--",
                 str(newest.relative_to(ROOT)))
    if not added:
        pytest.skip(f"{newest.name} is not committed yet")
    previous = _git("rev-parse", f"{added}^")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", previous, "app"],
                             capture_output=True, check=True, timeout=120).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return previous


def _run_previous(release: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEALDESK")}
    env.update({"PYTHONPATH": str(release / "app"), "SEALDESK_HOME": str(home),
                "SEALDESK_PIN": DEMO_PIN})
    return subprocess.run([sys.executable, "-m", "sealdesk.cli.main", *args], env=env,
                          capture_output=True, text=True, timeout=300, check=False,
                          stdin=subprocess.DEVNULL)


def test_the_previous_release_seals_and_verifies_on_a_database_this_release_migrated(
        demo_ctx: AppContext, sealdesk_home: Path, tmp_path: Path) -> None:
    release = tmp_path / "previous"
    commit = _previous_release(release)
    newest = head_revision()
    assert current_revision(demo_ctx.database) == newest
    demo_ctx.close()

    document = make_text_pdf(tmp_path / "after-rollback.pdf", "after rollback",
                             ["Sealed by the previous release after a rollback."])
    sealed = _run_previous(release, sealdesk_home, "seal", str(document),
                           "--out", str(tmp_path / "out"))
    assert sealed.returncode == 0, f"previous release {commit[:12]}: {sealed.stderr[-2000:]}"
    copy = next((tmp_path / "out").glob("*.pdf"))
    checked = _run_previous(release, sealdesk_home, "verify", str(copy))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "PASSED" in checked.stdout

    ctx = AppContext.open(demo_ctx.paths)  # this release again, after rolling forward
    try:
        assert current_revision(ctx.database) == newest  # never downgraded, never re-stamped
        report = verify_log(ctx)
        assert report.ok, [f"{f.kind}: {f.message}" for f in report.findings]
    finally:
        ctx.close()
