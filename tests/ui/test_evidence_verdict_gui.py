"""Evidence page: export and print a checked bundle's verdict, preview the documents inside it;
auditor mode: preview the stored sealed files of a database copy. Driven by the keyboard on a
real sealed installation (SoftHSM demo token, certomancer PKI, SQLite)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from sealdesk.services.context import AppContext
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.ui.app import build_main_window
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.auditor.sealed_page import SealedDocumentsPage
from sealdesk.ui.dialogs.file_choice import ScriptedFiles
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.workers import JobRunner
from tests.evidence.conftest import Installation, copy_installation, installation

__all__ = ["installation"]

SLOW = 60_000
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def sealed_window(qtbot: QtBot, installation: Installation, tmp_path: Path,
                  jobs: JobRunner) -> Iterator[MainWindow]:
    ctx = AppContext.open(copy_installation(installation.home, tmp_path / "copy"))
    window = build_main_window(ctx, jobs)
    window.token_poller.stop()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    jobs.wait_for_all()
    window.close()
    ctx.close()


def _tab_to(qtbot: QtBot, window: QWidget, target: QWidget, limit: int = 40) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target, f"{target.accessibleName()} not reachable"


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pdf_text(path: Path) -> str:
    document = QPdfDocument()
    document.load(str(path))
    assert document.status() == QPdfDocument.Status.Ready
    text = "".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return text


def test_export_check_report_print_and_preview_by_keyboard(
        qtbot: QtBot, sealed_window: MainWindow, installation: Installation,
        demo_pins: object, tmp_path: Path) -> None:
    window = sealed_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.page("evidence")
    assert isinstance(page, EvidencePage)
    bundle, cert = tmp_path / "bundle.zip", tmp_path / "audit.pem"
    cert.write_bytes(installation.audit_cert_pem)
    report, printed = tmp_path / "reports" / "verdict.html", tmp_path / "verdict.pdf"
    page.files = ScriptedFiles([bundle, cert, bundle, report])
    page.pin_provider = demo_pins  # type: ignore[assignment]
    page.printer_provider = lambda _parent: _pdf_printer(printed)
    assert not page.report_action.isEnabled() and not page.print_action.isEnabled()
    assert page.report_button.toolTip().startswith("Check a bundle first")

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "evidence"
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=SLOW)
    _tab_to(qtbot, window, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_B, SHIFT_CTRL)  # Export bundle…
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=SLOW)
    qtbot.keyClick(page.table, Qt.Key.Key_T, SHIFT_CTRL)  # Trusted audit certificate…
    qtbot.keyClick(page.table, Qt.Key.Key_O, SHIFT_CTRL)  # Check a bundle…
    qtbot.waitUntil(lambda: page.verdict_view.verdict is not None, timeout=SLOW)
    headline = page.verdict_view.headline.text()
    assert page.report_action.isEnabled() and page.print_action.isEnabled()
    assert page.documents.count() == 2

    qtbot.keyClick(page.table, Qt.Key.Key_J, SHIFT_CTRL)  # Export verdict…
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=SLOW)
    html_file, json_file = page.last_report
    assert (html_file, json_file) == (report, report.with_suffix(".json"))
    text = html_file.read_text()
    verdict = page.verdict_view.verdict
    assert verdict.headline() in text and "contract-a.pdf" in text and "PASSED" in text
    body = json.loads(json_file.read_text())
    assert body["headline"] == verdict.headline() and body["ok"] is True
    assert [d["indication"] for d in body["documents"]] == ["PASSED", "PASSED"]
    assert "Verdict saved as" in page.status.text()

    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # Print verdict…
    assert page.last_print == str(printed)
    assert printed.read_bytes().startswith(b"%PDF")
    pdf_text = " ".join(_pdf_text(printed).split())
    assert pdf_text.startswith("Evidence bundle verdict: bundle.zip VERIFIED: intact")
    assert "contract-b.pdf" in pdf_text.replace(" ", "")  # a table cell may wrap at the "-"
    assert "VERIFIED" in pdf_text, pdf_text[:300]

    _tab_to(qtbot, window, page.documents)  # the list's focus makes the first one current
    qtbot.waitUntil(lambda: page.documents.currentRow() == 0)
    qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=SLOW)
    assert page.preview.caption.text().startswith("✔ contract-a.pdf — seal PASSED")
    assert page.preview.current_path == bundle / verdict.documents[0].member
    qtbot.keyClick(page.documents, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "contract-b.pdf" in page.preview.caption.text(), timeout=SLOW)
    qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=SLOW)
    assert not list(tmp_path.glob("**/*.part")) and headline.startswith("✔ VERIFIED")


def test_printing_cancelled_writes_nothing_and_a_bad_report_name_says_why(
        qtbot: QtBot, sealed_window: MainWindow, installation: Installation,
        tmp_path: Path) -> None:
    page = sealed_window.show_page("evidence")
    assert isinstance(page, EvidencePage)
    page.choose_print()  # nothing checked yet
    assert page.status.text().startswith("Check a bundle first")
    page.check_bundle(installation.bundle)
    qtbot.waitUntil(lambda: page.verdict_view.verdict is not None, timeout=SLOW)
    page.printer_provider = lambda _parent: None
    page.choose_print()
    assert page.status.text() == "Printing cancelled." and page.last_print is None
    folder = tmp_path / "a-file"
    folder.write_text("not a folder")
    page.export_report(folder / "verdict.html")
    qtbot.waitUntil(lambda: page.status.text().startswith("The verdict was not saved"),
                    timeout=SLOW)
    assert page.last_report is None


def _database_copy(installation: Installation, target: Path) -> Path:
    target.mkdir()
    source = installation.home / "data" / "sealdesk.db"
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy2(f"{source}{suffix}", target / f"sealdesk.db{suffix}")
    folded = sqlite3.connect(target / "sealdesk.db")
    folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folded.close()
    shutil.copytree(installation.home / "data" / "store", target / "store")
    return target / "sealdesk.db"


def test_auditor_mode_previews_stored_sealed_files_and_stays_read_only(
        qtbot: QtBot, installation: Installation, jobs: JobRunner, tmp_path: Path) -> None:
    db_file = _database_copy(installation, tmp_path / "audit-copy")
    ctx = open_database_copy(db_file)
    window = copy_window(ctx, jobs)
    window.token_poller.stop()
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        page = window.page("sealed")
        assert isinstance(page, SealedDocumentsPage) and window.current_key == "sealed"
        qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=SLOW)
        _tab_to(qtbot, window, page.table)
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=SLOW)
        row = page.current()
        assert row is not None and row.original_name in page.preview.caption.text()
        assert "stored sealed file" in page.preview.caption.text()

        # The attack: the copy's store holds another file under the sealed hash's name.
        other = next(r for r in page.rows if r.sealed_sha256 != row.sealed_sha256)
        stored = ctx.store.path_of(other.sealed_sha256)
        stored.chmod(0o600)
        stored.write_bytes(installation.originals[0].read_bytes())
        qtbot.keyClick(page.table, Qt.Key.Key_Down if page.rows[0] == row else Qt.Key.Key_Up)
        qtbot.waitUntil(lambda: "not the file that was sealed" in page.preview.message.text(),
                        timeout=SLOW)
        assert page.preview.page_count == 0

        documents = window.page("documents")
        assert not documents.acceptDrops() and not documents.commands.add.isVisible()
        assert not window.add_files_action.isEnabled()
        settings = window.page("settings")
        edits = settings.findChildren(QLineEdit)
        assert edits and all(e.isReadOnly() for e in edits if e.isVisibleTo(settings))
        assert not settings.save_button.isEnabled()
        intro = " ".join(label.text() for label in settings.findChildren(QLabel))
        assert str(db_file) in intro and "cannot be changed here" in intro
        assert str(ctx.paths.config_file) not in intro
    finally:
        jobs.wait_for_all()
        window.close()
