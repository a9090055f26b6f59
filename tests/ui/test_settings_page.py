"""The Settings page driven like a person would: detect tokens, edit, save, see problems inline;
switch the database to a real PostgreSQL and back while the app keeps working."""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select

from sealdesk.config import load_config
from sealdesk.core.audit.events import EventType
from sealdesk.services.context import AppContext
from sealdesk.services.tsa_credentials import KeyringPasswords
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.db import Database
from sealdesk.storage.documents import repo as seal_repo
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.pages.settings_page import SettingsPage
from sealdesk.ui.workers import JobRunner
from tests.services.test_settings import MemoryPasswords

WAIT_MS = 30_000


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner) -> SettingsPage:
    settings = SettingsPage(PageServices(demo_ctx, jobs), passwords=MemoryPasswords())
    qtbot.addWidget(settings)
    settings.show()
    jobs.wait_for_all()
    return settings


def save_and_wait(qtbot: QtBot, page: SettingsPage) -> None:
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.saving, timeout=WAIT_MS)


def settings_events(database: Database) -> list[dict[str, Any]]:
    with database.reader() as session:
        payloads = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == str(EventType.SETTINGS_CHANGED))
            .order_by(AuditEntry.idx)).scalars()
        return [json.loads(p)["details"] for p in payloads]


def test_a_bad_module_path_shows_a_clear_error(
    qtbot: QtBot, page: SettingsPage, demo_ctx: AppContext, tmp_path: Path,
) -> None:
    section = page.token_section
    missing = tmp_path / "vendor-pkcs11.so"
    section.module_edit.setText(str(missing))
    qtbot.mouseClick(section.detect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.problem_text("token.module")), timeout=WAIT_MS)
    assert page.problem_text("token.module").startswith(
        f"The PKCS#11 module {missing} does not exist.")
    assert section.module_edit.property("invalid") is True

    libz = sorted(glob.glob("/usr/lib/*/libz.so.1") + glob.glob("/lib/*/libz.so.1"))[0]
    section.module_edit.setText(libz)
    section.edited.emit()
    save_and_wait(qtbot, page)
    assert page.problem_text("token.module").startswith(
        f"{libz} is not a PKCS#11 module (it has no C_GetFunctionList).")
    assert "Nothing was saved" in page.banner.text()
    assert load_config(demo_ctx.paths.config_file).token.module == demo_ctx.config.token.module
    assert settings_events(demo_ctx.database) == []


def test_detect_tokens_offers_the_token_and_its_labels(
    qtbot: QtBot, page: SettingsPage, demo_ctx: AppContext,
) -> None:
    section = page.token_section
    qtbot.mouseClick(section.detect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(section.detected), timeout=WAIT_MS)
    serial = demo_ctx.config.token.serial
    assert section.token_combo.currentText() == f"SealDesk Demo — serial {serial}, SoftHSM v2"
    labels = [section.seal_label.itemText(i) for i in range(section.seal_label.count())]
    assert labels == ["audit", "seal"]
    assert section.seal_label.currentText() == "seal"
    assert section.detect_status.text() == "1 token found. Choose the one to seal with."
    chosen = page.collected()["token"]
    assert (chosen["serial"], chosen["model"]) == (serial, "SoftHSM v2")
    if page.dirty:  # a configuration that named the token by label and serial only
        save_and_wait(qtbot, page)
        assert page.banner.text().startswith("Saved ")
    assert demo_ctx.config.token.model == "SoftHSM v2"
    assert demo_ctx.config.token.serial == serial


def test_invalid_tsa_url_box_and_page_are_shown_under_their_fields(
    qtbot: QtBot, page: SettingsPage, demo_ctx: AppContext,
) -> None:
    before = demo_ctx.paths.config_file.read_bytes()
    page.tsa_section.url_edit.setText("tsa.example.com/tsr")
    page.seal_section.visible_check.setChecked(True)
    page.seal_section.page_spin.setValue(0)
    page.seal_section.box_edit.setText("36, 36, 20")
    page.token_section.module_edit.setText("/nonexistent/vendor-pkcs11.so")
    page.seal_section.edited.emit()
    save_and_wait(qtbot, page)
    assert page.problem_text("tsa.url").startswith(
        "The TSA URL 'tsa.example.com/tsr' is not an http:// or https:// address.")
    assert page.problem_text("seal.visible.box").startswith(
        "seal.visible.box must be four whole numbers [x1, y1, x2, y2] in PDF points.")
    assert page.problem_text("seal.visible.page").startswith("The stamp page must be a page")
    assert page.problem_text("token.module").startswith(
        "The PKCS#11 module /nonexistent/vendor-pkcs11.so does not exist.")
    banner = page.banner.text()
    assert banner.startswith("4 settings need attention: ")  # by label, never by internal key
    assert "Timestamp authority (RFC 3161) › URL" in banner
    assert "Seal defaults › Stamp box" in banner
    assert "tsa.url" not in banner and "seal.visible" not in banner
    assert demo_ctx.paths.config_file.read_bytes() == before

    page.token_section.module_edit.setText(demo_ctx.config.token.module)
    page.tsa_section.url_edit.setText("")
    page.seal_section.page_spin.setValue(-1)
    page.seal_section.box_edit.setText("36 36 236 96")
    save_and_wait(qtbot, page)
    assert page.problem_text("tsa.url") == ""
    saved = load_config(demo_ctx.paths.config_file).seal.visible
    assert (saved.enabled, saved.page, saved.box) == (True, -1, (36, 36, 236, 96))
    assert page.banner.text().startswith("Saved 3 change(s): seal.visible.enabled")
    assert not page.save_button.isEnabled()


def test_saving_with_ctrl_s_records_old_and_new_values(
    qtbot: QtBot, page: SettingsPage, demo_ctx: AppContext,
) -> None:
    page.seal_section.level_combo.setCurrentIndex(
        page.seal_section.level_combo.findData("B-LT"))
    page.storage_section.interval_spin.setValue(14)
    page.seal_section.level_combo.setFocus()
    qtbot.keyClick(page.seal_section.level_combo, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.saving and page.banner.isVisible(), timeout=WAIT_MS)
    (event,) = settings_events(demo_ctx.database)
    assert event["changes"] == [
        {"key": "seal.level", "old": "B-T", "new": "B-LT"},
        {"key": "revalidation.interval_days", "old": 30, "new": 14},
    ]
    assert demo_ctx.config.revalidation.interval_days == 14


def test_revert_discards_edits(page: SettingsPage, demo_ctx: AppContext) -> None:
    page.seal_section.reason_edit.setText("Changed")
    page.seal_section.edited.emit()
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    page.revert_button.click()
    assert page.seal_section.reason_edit.text() == demo_ctx.config.seal.reason
    assert not page.save_button.isEnabled()


def test_the_tsa_password_is_stored_in_the_keyring(
    qtbot: QtBot, page: SettingsPage, demo_ctx: AppContext,
) -> None:
    tsa = page.tsa_section
    tsa.url_edit.setText("https://tsa.example.com/tsr")
    tsa.username_edit.setText("office")
    tsa.password_edit.setText("pw-in-keyring-7")
    tsa.edited.emit()
    save_and_wait(qtbot, page)
    assert page.passwords.saved == {"office": "pw-in-keyring-7"}  # type: ignore[union-attr]
    assert tsa.password_edit.text() == ""
    qtbot.waitUntil(lambda: "A password is stored" in tsa.password_status.text(),
                    timeout=WAIT_MS)
    assert "pw-in-keyring-7" not in demo_ctx.paths.config_file.read_text()


def test_no_keyring_is_reported_under_the_password_field(
    qtbot: QtBot, demo_ctx: AppContext, jobs: JobRunner,
) -> None:
    page = SettingsPage(PageServices(demo_ctx, jobs),
                        passwords=KeyringPasswords(keyring.backends.fail.Keyring()))
    qtbot.addWidget(page)
    tsa = page.tsa_section
    tsa.url_edit.setText("https://tsa.example.com/tsr")
    tsa.username_edit.setText("office")
    tsa.refresh_password_state()
    qtbot.waitUntil(lambda: "No OS keyring is available" in tsa.password_status.text(),
                    timeout=WAIT_MS)
    tsa.password_edit.setText("pw")
    tsa.edited.emit()
    save_and_wait(qtbot, page)
    assert page.problem_text("tsa.password").startswith(
        "No OS keyring is available to keep the TSA password (NoKeyringError).")
    assert load_config(demo_ctx.paths.config_file).tsa.url == ""


@pytest.mark.postgres
def test_switch_the_database_to_postgresql_and_back(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Any, postgres_url: str,
) -> None:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    storage = page.storage_section
    storage.url_edit.setText(postgres_url)
    qtbot.mouseClick(storage.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not storage.testing, timeout=WAIT_MS)
    assert storage.test_result.text().startswith("Connected to PostgreSQL ")
    storage.edited.emit()
    save_and_wait(qtbot, page)
    assert "SealDesk now uses PostgreSQL" in page.banner.text()
    assert demo_ctx.database.engine.dialect.name == "postgresql"

    documents = window.show_page("documents")
    assert isinstance(documents, DocumentsPage)
    documents.pin_provider = demo_pins
    documents.add_files(make_pdfs(1, "shared"))
    qtbot.waitUntil(lambda: not documents.busy, timeout=WAIT_MS)
    assert documents.seal_all()
    qtbot.waitUntil(lambda: not documents.busy, timeout=WAIT_MS)
    with demo_ctx.database.reader() as session:
        assert len(seal_repo.all_seals(session)) == 1
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: home.dashboard is not None and home.dashboard.seals_today == 1,
                    timeout=WAIT_MS)

    window.show_page("settings")
    storage.url_edit.setText("")
    storage.edited.emit()
    save_and_wait(qtbot, page)
    assert demo_ctx.database.is_sqlite
    assert "SealDesk now uses SQLite" in page.banner.text()
    with demo_ctx.database.reader() as session:
        assert seal_repo.all_seals(session) == []
    assert [e["database_switch"]["recorded_in"] for e in settings_events(demo_ctx.database)] \
        == ["previous", "new"]
    shared = Database(create_engine(postgres_url))
    try:
        assert [e["database_switch"]["recorded_in"] for e in settings_events(shared)] == [
            "new", "previous"]
    finally:
        shared.dispose()
