"""The GUI's languages: which one to show, and the Qt translators that show it.

Strings are marked with ``self.tr("...")`` in QObject subclasses and with :func:`translate` (Qt's
``QCoreApplication.translate``, under a name ``pyside6-lupdate`` recognises) everywhere else;
texts defined at import time are marked with ``QT_TRANSLATE_NOOP`` and translated where shown.
German comes from ``resources/translations/sealdesk_de.ts``, compiled by ``pyside6-lrelease`` to
``sealdesk_de.qm``. The ``.qm`` is committed next to its ``.ts`` (like the icons, reached through
the ``sealdesk/ui/resources`` link), so ``pip install -e .``, wheels and the PyInstaller build
need no Qt tools; ``python -m sealdesk.ui.translations update`` refreshes both from the sources.

The language is chosen once, before the first window: ``[ui] language`` in config.toml ("auto"
follows the system locale). Changing it takes effect at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

translate = QCoreApplication.translate
"""``translate("Context", "text")``: for module functions and non-QObject classes."""

LANGUAGES = ("en", "de")
"""Languages the GUI is written in (en) or translated to; the first is the source language."""


def resolve_language(setting: str, locale: QLocale | None = None) -> str:
    """``"en"`` or ``"de"`` for a ``[ui] language`` setting; "auto" reads the system locale."""
    if setting in LANGUAGES:
        return setting
    name = (locale or QLocale.system()).name()  # "de_DE", "de_AT", "en_US", "C"
    language = name.split("_")[0].lower()
    return language if language in LANGUAGES else LANGUAGES[0]


def catalogue(language: str) -> Path | None:
    """SealDesk's compiled translation for ``language`` (None for English or when missing)."""
    if language == LANGUAGES[0]:
        return None
    from sealdesk.ui.style import resource_path  # style's colours import this module

    return resource_path("translations", f"sealdesk_{language}.qm")


def qt_catalogue(language: str) -> Path | None:
    """Qt's own strings (standard buttons, file dialogs) from the PySide6 wheel, if shipped.

    Where Qt says its translations are, else ``PySide6/Qt/translations`` (where the wheel and
    PyInstaller's PySide6 hooks put them, whatever a frozen Qt reports).
    """
    folders = (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations")
    for folder in folders:
        candidate = folder / f"qtbase_{language}.qm"
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Installed:
    """What :func:`install` put on the application (kept so translators stay alive)."""

    language: str
    translators: list[QTranslator]


_installed: Installed | None = None


def install(app: QCoreApplication, setting: str = "auto") -> Installed:
    """Install SealDesk's and Qt's translators for ``setting``; replaces earlier ones.

    English installs nothing (the sources are English). A missing ``.qm`` leaves the GUI in
    English rather than failing the start: a language is a preference, not a requirement.
    """
    global _installed
    uninstall(app)
    language = resolve_language(setting)
    translators: list[QTranslator] = []
    for path in (qt_catalogue(language), catalogue(language)):
        if path is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            translators.append(translator)
    if language != LANGUAGES[0]:
        QLocale.setDefault(QLocale(language))
    _installed = Installed(language if translators else LANGUAGES[0], translators)
    return _installed


def uninstall(app: QCoreApplication) -> None:
    """Back to English (tests switch languages within one process)."""
    global _installed
    if _installed is not None:
        for translator in _installed.translators:
            app.removeTranslator(translator)
            translator.deleteLater()
        _installed = None
        QLocale.setDefault(QLocale.system())


def current_language() -> str:
    return _installed.language if _installed is not None else LANGUAGES[0]
