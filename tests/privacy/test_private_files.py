"""Issue 21 item 1: everything SealDesk writes is private to its account, whatever the umask.

The attack: another account on the same machine reads the database or the sealed files. The
test creates a real OS user and tries, as that user, to open every file under the installation.
The installation sits in a world-traversable folder, so only SealDesk's own modes stand in the
way (pytest's tmp_path is 0700 and would hide a failure).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.paths import HOME_ENV, app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit.models import AuditEntry

_PROBE = r"""
while IFS= read -r path; do
    if [ -d "$path" ]; then
        ls -- "$path" >/dev/null 2>&1 && printf '%s\n' "$path"
    else
        head -c 1 -- "$path" >/dev/null 2>&1 && printf '%s\n' "$path"
    fi
done
exit 0
"""


@pytest.fixture
def other_user() -> Iterator[str]:
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("creating a test account needs root and useradd (CI runs as root)")
    name = f"sdk{uuid.uuid4().hex[:8]}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                   check=True, capture_output=True)
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False, capture_output=True)


@pytest.fixture
def open_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A SEALDESK_HOME whose parent anyone may traverse, created under a permissive umask."""
    parent = Path(tempfile.mkdtemp(prefix="sealdesk-privacy-", dir="/tmp"))
    parent.chmod(0o755)
    home = parent / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv("SEALDESK_PIN", raising=False)
    previous = os.umask(0o022)
    try:
        yield home
    finally:
        os.umask(previous)
        shutil.rmtree(parent, ignore_errors=True)


def _readable_by(user: str, paths: list[Path]) -> list[str]:
    """The paths ``user`` can open (files) or list (folders), tried by a shell running as them."""
    done = subprocess.run(
        ["/bin/sh", "-c", _PROBE], user=user, input="".join(f"{p}\n" for p in paths),
        capture_output=True, text=True, check=True, cwd="/",
    )
    return done.stdout.splitlines()


def _everything(root: Path) -> list[Path]:
    return [root, *sorted(root.rglob("*"))]


def _seal_one(ctx: AppContext, folder: Path) -> None:
    from sealdesk.core.samples import make_text_pdf

    folder.mkdir(parents=True, exist_ok=True)
    pdf = make_text_pdf(folder / "contract.pdf", "contract", ["Private contract text"])
    batch = seal_documents(ctx, [pdf], DEMO_PIN)
    assert batch.count(Outcome.SEALED) == 1


def test_another_account_cannot_read_any_file(open_home: Path, other_user: str) -> None:
    control = open_home.parent / "control.txt"
    control.write_text("readable on purpose")  # 0644 under umask 022: the probe must see it
    control.chmod(0o644)
    assert _readable_by(other_user, [control]) == [str(control)], "the probe cannot detect"

    init_demo(app_paths())
    ctx = AppContext.open()
    try:
        _seal_one(ctx, open_home / "data" / "inbox")
        assert list(ctx.store.objects.rglob("*/*")), "a sealed file must be in the store"
    finally:
        ctx.close()
    files = _everything(open_home)
    assert any(p.name == "sealdesk.db" for p in files)
    assert _readable_by(other_user, files) == []
    for path in files:
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{path} is {oct(mode)}, not {oct(expected)}"


def test_existing_installation_is_tightened_and_recorded(open_home: Path) -> None:
    init_demo(app_paths())
    ctx = AppContext.open()
    ctx.close()
    app_paths().tightened_marker.unlink()  # as an installation from before this version
    loosened = 0
    for path in _everything(open_home):
        path.chmod(0o755 if path.is_dir() else 0o644)
        loosened += 1

    ctx = AppContext.open()
    try:
        with ctx.database.reader() as session:
            rows = list(session.execute(select(AuditEntry).where(
                AuditEntry.event_type == str(EventType.PERMISSIONS_TIGHTENED))).scalars())
    finally:
        ctx.close()
    assert len(rows) == 1
    details = json.loads(rows[0].payload)["details"]
    assert details["count"] > loosened // 2  # the home folder itself and SQLite's WAL/SHM
    assert any(p.endswith("sealdesk.db") for p in details["paths"])  # may be recreated: not all
    for path in _everything(open_home)[1:]:  # SEALDESK_HOME itself is the user's choice
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path} left at {oct(mode)}"


def test_fresh_installation_records_no_tightening(open_home: Path) -> None:
    init_demo(app_paths())
    ctx = AppContext.open()
    try:
        with ctx.database.reader() as session:
            kinds = list(session.execute(select(AuditEntry.event_type)).scalars())
    finally:
        ctx.close()
    assert str(EventType.PERMISSIONS_TIGHTENED) not in kinds


def test_later_starts_check_the_top_level_only(open_home: Path) -> None:
    """Once tightened, a start re-checks the folders and the database, not every object."""
    init_demo(app_paths())
    ctx = AppContext.open()
    ctx.close()
    paths = app_paths()
    assert paths.tightened_marker.is_file()
    database = paths.data_dir / "sealdesk.db"
    database.chmod(0o644)
    ctx = AppContext.open()
    try:
        with ctx.database.reader() as session:
            [payload] = session.execute(select(AuditEntry.payload).where(
                AuditEntry.event_type == str(EventType.PERMISSIONS_TIGHTENED))).scalars()
    finally:
        ctx.close()
    changed = json.loads(payload)["details"]["paths"]
    assert "data/sealdesk.db" in changed  # with the WAL and SHM files SQLite made like it
    assert all(p.startswith("data/sealdesk.db") for p in changed)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_writing_into_a_folder_the_person_chose_never_changes_its_mode(tmp_path: Path) -> None:
    """An export, a report or a restore target lives in the person's folder (~, ~/Documents,
    /tmp): SealDesk's file is 0600 and a folder it creates is 0700, but an existing folder keeps
    its mode (a 0755 parent once became 0700, /tmp included)."""
    from sealdesk.fsutil import atomic_write_bytes

    theirs = tmp_path / "documents"
    theirs.mkdir()
    theirs.chmod(0o755)
    atomic_write_bytes(theirs / "report.json", b"{}")
    atomic_write_bytes(theirs / "new" / "deep" / "report.json", b"{}")
    assert theirs.stat().st_mode & 0o777 == 0o755
    assert (theirs / "report.json").stat().st_mode & 0o777 == 0o600
    assert (theirs / "new").stat().st_mode & 0o777 == 0o700
    assert (theirs / "new" / "deep").stat().st_mode & 0o777 == 0o700
