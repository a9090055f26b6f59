"""The German translation: the catalogue matches the sources, and the setting picks the language.

The sync check runs the real ``pyside6-lupdate`` over the GUI sources and compares its strings
with the committed ``sealdesk_de.ts`` (each present and translated) and the committed ``.qm``
with a fresh ``pyside6-lrelease`` of that ``.ts``. The window tests write ``[ui] language`` to
the demo installation's config.toml and start the GUI the way ``main()`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel, QToolButton
from pytestqt.qtbot import QtBot

from sealdesk.config import (
    Config,
    ConfigError,
    UiConfig,
    config_from_dict,
    config_to_dict,
    load_config,
    save_config,
)
from sealdesk.paths import app_paths
from sealdesk.services.context import AppContext
from sealdesk.ui import translations
from sealdesk.ui.app import build_main_window, language_setting
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.translations.refresh import check, messages, ts_path
from sealdesk.ui.workers import JobRunner

GERMAN_PAGES = ["Übersicht", "Dokumente", "Prüfprotokoll", "Beweise", "Revalidierung",
                "Aufbewahrung", "Vorfälle", "Schlüssel und Zertifikate", "Rollen", "Snapshots",
                "Einstellungen"]
ENGLISH_PAGES = ["Home", "Documents", "Audit log", "Evidence", "Revalidation", "Retention",
                 "Incidents", "Keys & certificates", "Roles", "Snapshots", "Settings"]

GERMAN_MENUS = ["&Datei", "D&okumente", "&Prüfprotokoll", "Be&weise", "&Schlüssel", "&Rollen",
                "&Gehe zu", "&Hilfe"]
"""Every page menu is in the bar; no two share an Alt letter."""
ENGLISH_MENUS = ["&File", "&Documents", "&Audit", "E&vidence", "&Keys", "&Roles", "&Go", "&Help"]


@pytest.fixture
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    yield
    translations.uninstall(qapp)


def test_every_gui_string_is_in_the_catalogue_and_translated() -> None:
    assert check("de") == []


def test_translations_keep_the_placeholders_of_their_source() -> None:
    """A lost or renamed ``{name}`` would raise KeyError (or drop a fact) at run time."""
    import string

    def fields(text: str) -> set[str]:
        return {f[1] for f in string.Formatter().parse(text) if f[1] is not None}

    for (context, source), german in messages(ts_path("de")).items():
        assert german is not None, (context, source)
        assert fields(german) <= fields(source), (context, source, german)


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("auto", "de_DE", "de"), ("auto", "de_AT", "de"), ("auto", "fr_FR", "en"),
    ("auto", "C", "en"), ("en", "de_DE", "en"), ("de", "en_US", "de"),
])
def test_the_setting_and_the_system_locale_choose_the_language(
    setting: str, system: str, expected: str
) -> None:
    assert translations.resolve_language(setting, QLocale(system)) == expected


def test_ui_language_is_validated_and_round_trips() -> None:
    assert Config().ui.language == "auto"
    assert config_from_dict({"ui": {"language": "de"}}).ui.language == "de"
    data = config_to_dict(replace(Config(), ui=UiConfig("en")))
    assert data["ui"] == {"language": "en"}
    assert config_from_dict(data).ui.language == "en"
    with pytest.raises(ConfigError, match=r"ui\.language must be one of auto, en, de"):
        config_from_dict({"ui": {"language": "fr"}})
    with pytest.raises(ConfigError, match="Unknown configuration key"):
        config_from_dict({"ui": {"lang": "de"}})


def _start(qtbot: QtBot, qapp: QApplication, ctx: AppContext, jobs: JobRunner,
           language: str) -> MainWindow:
    """Save the setting, then install and build as ``main()`` does."""
    paths = app_paths()
    config = load_config(paths.config_file)
    save_config(replace(config, ui=UiConfig(language)), paths.config_file)
    translations.install(qapp, language_setting(paths))
    window = build_main_window(ctx, jobs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _sidebar(window: MainWindow) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]


def _menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _menu_letter_clashes(window: MainWindow) -> dict[str, list[str]]:
    """Alt letters used twice within the bar or within one menu (the second one is unreachable)."""
    import re

    clashes: dict[str, list[str]] = {}
    bar = window.menuBar().actions()
    groups = [("menu bar", [a.text() for a in bar])]
    groups += [(a.text(), [b.text() for b in a.menu().actions()]) for a in bar]
    for name, texts in groups:
        seen: dict[str, str] = {}
        for text in texts:
            found = re.search(r"&([^&\s])", text.replace("&&", ""))
            if found is None:
                continue
            letter = found.group(1).lower()
            if letter in seen:
                clashes.setdefault(name, []).extend([seen[letter], text])
            seen[letter] = text
    return clashes


def _documents_texts(window: MainWindow) -> tuple[list[str], list[str], str]:
    page = window.show_page("documents")
    header: QHeaderView = page.table.horizontalHeader()
    model = page.table.model()
    columns = [model.headerData(c, header.orientation()) for c in range(model.columnCount())]
    buttons = [b.text() for b in page.toolbar.findChildren(QToolButton) if b.text()]
    empty = page.findChild(QLabel, "emptyHint")
    assert empty is not None
    return columns, buttons, empty.text()


def test_language_de_shows_german_navigation_and_documents_page(
    qtbot: QtBot, qapp: QApplication, demo_ctx: AppContext, jobs: JobRunner,
    english_afterwards: None,
) -> None:
    window = _start(qtbot, qapp, demo_ctx, jobs, "de")
    assert translations.current_language() == "de"
    assert _sidebar(window) == GERMAN_PAGES
    assert _menus(window) == GERMAN_MENUS
    assert _menu_letter_clashes(window) == {}
    columns, buttons, empty = _documents_texts(window)
    assert columns == ["Name", "Größe", "SHA-256", "Status", "Versiegelt (UTC)",
                       "Aufbewahrung"]
    assert buttons[:3] == ["Dateien hinzufügen", "Auswahl versiegeln", "Alle versiegeln"]
    assert empty.startswith("Noch keine Dokumente.")
    # Qt's own dialogs (qtbase_de from the PySide6 wheel) follow the same language
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    window.close()


def test_language_en_shows_english(
    qtbot: QtBot, qapp: QApplication, demo_ctx: AppContext, jobs: JobRunner,
    english_afterwards: None,
) -> None:
    window = _start(qtbot, qapp, demo_ctx, jobs, "en")
    assert translations.current_language() == "en"
    assert _sidebar(window) == ENGLISH_PAGES
    assert _menus(window) == ENGLISH_MENUS
    columns, buttons, empty = _documents_texts(window)
    assert columns == ["Name", "Size", "SHA-256", "Status", "Sealed (UTC)", "Retention"]
    assert buttons[:3] == ["Add files", "Seal selected", "Seal all"]
    assert empty.startswith("No documents yet.")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    window.close()


def test_language_de_shows_german_keys_page(
    qtbot: QtBot, qapp: QApplication, demo_ctx: AppContext, jobs: JobRunner,
    english_afterwards: None,
) -> None:
    """The Keys page's toolbar, table headers, status words and texts were bare literals once."""
    import datetime as dt

    from sealdesk.core.rotation.actions import ActionType, ProposalStatus
    from sealdesk.ui.models.keys_model import action_title, expiry_words, status_text

    window = _start(qtbot, qapp, demo_ctx, jobs, "de")
    page = window.show_page("keys")
    jobs.wait_for_all()
    buttons = [page.refresh_button.text(), page.rotate_button.text(),
               page.approve_button.text(), page.execute_button.text(),
               page.verify_button.text()]
    assert buttons == ["Aktualisieren", "Schlüssel wechseln…", "Freigeben / ablehnen…",
                       "Ausführen…", "Quorum prüfen"]
    model = page.proposals_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:4] == ["Antrag", "Aktion", "Änderung", "Status"]
    assert page.keys_label.text().startswith("Schlüssel und Zertifikate")
    assert status_text(ProposalStatus.APPROVED) == "freigegeben"
    assert action_title(ActionType.ROTATE_SEAL_KEY) == "Siegelschlüssel wechseln"
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert expiry_words(now + dt.timedelta(days=20, hours=1), now) == "läuft in 20 Tagen ab"
    window.close()
