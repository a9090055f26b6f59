"""Everything the app loads from resources/ ships inside the package (wheel and PyInstaller)."""

from __future__ import annotations

import configparser
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import sealdesk.ui
from sealdesk.ui.pages.registry import PAGES
from sealdesk.ui.style import resource_path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_RESOURCES = Path(sealdesk.ui.__file__).parent / "resources"
LOADED = [f"icons/{spec.icon}.svg" for spec in PAGES if spec.icon] + [
    "icons/sealdesk.svg", "icons/action-seal.svg", "styles/sealdesk.qss",
    "translations/sealdesk_de.qm"]


def test_resources_are_found_in_the_package_first() -> None:
    for name in LOADED:
        kind, file = name.split("/")
        found = resource_path(kind, file)
        assert found == PACKAGE_RESOURCES / name, name
        assert found.resolve() == (ROOT / "resources" / name).resolve()  # one source of truth


def test_package_data_globs_cover_every_loaded_file() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["sealdesk"]
    for name in LOADED:
        assert any(fnmatch(f"ui/resources/{name}", p) for p in patterns), name


def test_desktop_entry_names_the_application() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(ROOT / "packaging" / "sealdesk.desktop")
    section = entry["Desktop Entry"]
    assert (section["Type"], section["Exec"], section["Icon"]) == ("Application", "sealdesk",
                                                                   "sealdesk")
    assert section["StartupWMClass"] == "sealdesk"  # QApplication.setDesktopFileName
    assert (ROOT / "packaging" / "sealdesk.png").is_file()
