"""Auditor mode in the GUI: a database copy browsed page by page stays bit-identical; bundles.

Opening a copy goes through :func:`open_database_copy` (SQLite ``immutable=1``); every page is
shown and its jobs awaited; every write action stays disabled; afterwards the copy's files
(database, and the ``-wal`` when there is one) hash exactly as before and no file was added.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from sealdesk.errors import ReadOnlyError
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.services.sealing.known import find_seal
from sealdesk.ui.auditor.bundle_viewer import BundleViewer
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.workers import JobRunner
from tests.evidence.conftest import Installation, installation

__all__ = ["installation"]  # the session's sealed installation and bundle


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def _copy_folder(installation: Installation, target: Path) -> Path:
    """A consolidated copy (the -wal folded in, as after a clean shutdown) with its store."""
    target.mkdir()
    source = installation.home / "data" / "sealdesk.db"
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy2(f"{source}{suffix}", target / f"sealdesk.db{suffix}")
    folded = sqlite3.connect(target / "sealdesk.db")
    folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folded.close()
    shutil.copytree(installation.home / "data" / "store", target / "store")
    assert sorted(p.name for p in target.iterdir()) == ["sealdesk.db", "store"]
    return target / "sealdesk.db"


def _browse_every_page(qtbot: QtBot, jobs: JobRunner, db_file: Path) -> None:
    ctx = open_database_copy(db_file)
    assert ctx.read_only
    window = copy_window(ctx, jobs)  # deletes itself on close, which the test does
    window.show()
    keys = [window.sidebar.item(r).data(0x0100) for r in range(window.sidebar.count())]
    assert keys[0] == "sealed" and {"audit", "documents", "keys", "settings"} <= set(keys)
    assert window.auditor_banner.isVisible()
    assert "Auditor mode — read only" in window.windowTitle()
    for key in keys:
        page = window.show_page(key)
        qtbot.waitUntil(lambda: jobs.idle, timeout=20_000)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
            qtbot.waitUntil(lambda: jobs.idle, timeout=20_000)
    sealed = window.page("sealed")
    assert sealed.table.rowCount() == 2
    sealed.table.selectRow(1)
    qtbot.waitUntil(lambda: "Audit trail" in sealed.details.toPlainText(), timeout=10_000)
    sealed.show_proof()
    qtbot.waitUntil(lambda: getattr(sealed, "proof_dialog", None) is not None, timeout=10_000)
    sealed.proof_dialog.close()
    window.page("audit").verify()  # reads; its outcome cannot be recorded here
    qtbot.waitUntil(lambda: jobs.idle, timeout=20_000)
    assert window.locked_actions and not any(item.isEnabled() for item in window.locked_actions)
    documents = window.page("documents")
    assert not documents.commands.seal_all.isEnabled()
    documents.commands.seal_all.setEnabled(True)  # a page re-enabling it is overruled
    assert not documents.commands.seal_all.isEnabled()
    _nothing_is_added_or_edited(window)
    _look_up_files(qtbot, jobs, window, db_file)
    with pytest.raises(ReadOnlyError):
        seal_documents(ctx, [db_file], DEMO_PIN)
    with pytest.raises(ReadOnlyError):
        export_bundle(ctx, Selection(hashes=("ab" * 32,)), db_file.with_suffix(".zip"), None)
    window.close()
    jobs.wait_for_all()


def _look_up_files(qtbot: QtBot, jobs: JobRunner, window: MainWindow, db_file: Path) -> None:
    """The auditor's "is this sealed?": a sealed copy from the store, then an unsealed file."""
    sealed = window.show_page("sealed")
    stored = next(p for p in (db_file.parent / "store").rglob("*") if p.is_file()
                  and p.read_bytes().startswith(b"%PDF") and b"/ByteRange" in p.read_bytes())
    received = db_file.parent.parent / "received.pdf"
    received.write_bytes(stored.read_bytes())
    sealed.look_up(received)
    qtbot.waitUntil(lambda: sealed.lookup_label.isVisible() and jobs.idle, timeout=20_000)
    known = sealed.last_lookup
    assert known is not None and known.is_sealed_copy
    assert sealed.lookup_label.text().startswith(f"received.pdf is the sealed copy of "
                                                 f"{known.name}, sealed ")
    assert sealed.current() is not None and sealed.current().audit_index == known.audit_index
    sealed.look_up(db_file)  # not a sealed document at all
    qtbot.waitUntil(lambda: "was not sealed in this database" in sealed.lookup_label.text()
                    and jobs.idle, timeout=20_000)
    received.unlink()


def _nothing_is_added_or_edited(window: MainWindow) -> None:
    """Issue 22: no Add files, no drop target, Settings shown read-only."""
    documents = window.page("documents")
    assert not documents.commands.add.isVisible() and not documents.commands.add.isEnabled()
    assert window.add_files_action is documents.commands.add
    assert not documents.acceptDrops() and not documents.output.isVisible()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(window.ctx.paths.config_file))])
    enter = QDragEnterEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(documents, enter)
    assert not enter.isAccepted()
    assert documents.add_files([window.ctx.paths.config_file]) == []
    settings = window.show_page("settings")
    edits = settings.findChildren(QLineEdit)
    assert edits and all(e.isReadOnly() for e in edits if e.isVisibleTo(settings))
    assert not settings.save_button.isVisibleTo(settings)
    assert "Auditor mode — read only" in settings.findChild(QLabel, "pageIntro").text()
    settings.storage_section.findChild(QLineEdit).setFocus()
    QTest.keyClicks(settings.storage_section.findChild(QLineEdit), "typed")
    assert "typed" not in settings.storage_section.findChild(QLineEdit).text()


def test_a_database_copy_is_browsed_on_every_page_and_never_modified(
        qtbot: QtBot, jobs: JobRunner, installation: Installation, tmp_path: Path) -> None:
    db_file = _copy_folder(installation, tmp_path / "audit-copy")
    before = _fingerprint(db_file.parent)
    _browse_every_page(qtbot, jobs, db_file)
    assert _fingerprint(db_file.parent) == before  # same files, same bytes: no -wal, no -shm


def test_a_copy_with_a_pending_wal_is_read_from_a_private_snapshot(
        qtbot: QtBot, jobs: JobRunner, installation: Installation, tmp_path: Path) -> None:
    work = _copy_folder(installation, tmp_path / "live")
    live = sqlite3.connect(work)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("CREATE TABLE auditor_note (x)")  # a commit that stays in the -wal
    live.commit()
    target = tmp_path / "copy"
    target.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy2(f"{work}{suffix}", target / f"sealdesk.db{suffix}")
    shutil.copytree(work.parent / "store", target / "store")
    live.close()
    before = _fingerprint(target)
    assert "sealdesk.db-wal" in before
    ctx = open_database_copy(target / "sealdesk.db")
    from sqlalchemy import inspect

    assert "auditor_note" in inspect(ctx.database.engine).get_table_names()  # WAL content seen
    ctx.close()
    _browse_every_page(qtbot, jobs, target / "sealdesk.db")
    assert _fingerprint(target) == before


def test_the_bundle_viewer_shows_the_verdict_documents_and_reasons(
        qtbot: QtBot, jobs: JobRunner, installation: Installation, tmp_path: Path) -> None:
    viewer = BundleViewer(jobs)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.open_bundle(installation.bundle)
    qtbot.waitUntil(lambda: viewer.verdict is not None, timeout=20_000)
    assert viewer.verdict is not None and viewer.verdict.ok
    assert viewer.table.rowCount() == 2
    assert viewer.headline.text().startswith("UNANCHORED")  # not yet pinned: not VERIFIED
    assert "contract-a" in viewer.details.toPlainText()
    viewer.trusted_cert = installation.audit_cert_pem
    viewer.anchors = [installation.root_pem.read_bytes()]
    viewer.recheck()
    qtbot.waitUntil(lambda: viewer.verdict is not None and viewer.verdict.anchored,
                    timeout=20_000)

    damaged = tmp_path / "damaged.zip"
    data = bytearray(installation.bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    viewer.verdict = None
    viewer.open_bundle(damaged)
    qtbot.waitUntil(lambda: viewer.verdict is not None
                    or "Cannot check" in viewer.headline.text(), timeout=20_000)
    assert "FAILED" in viewer.headline.text() or "Cannot check" in viewer.headline.text()
    viewer.close()


def test_a_copy_answers_whether_a_file_was_sealed(
        installation: Installation, tmp_path: Path) -> None:
    """What the Documents page shows for a file sealed before works on a read-only copy too."""
    ctx = open_database_copy(_copy_folder(installation, tmp_path / "audit-copy"))
    try:
        original = find_seal(ctx, hashlib.sha256(installation.originals[0].read_bytes())
                             .hexdigest())
        copy = find_seal(ctx, hashlib.sha256(installation.sealed[0].read_bytes()).hexdigest())
    finally:
        ctx.close()
    assert original is not None and copy is not None and copy.is_sealed_copy
    assert original.sealed_at == copy.sealed_at and original.sealed_path is not None
