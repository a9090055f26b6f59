"""Keeping ``sealdesk_de.ts`` / ``.qm`` in step with the sources (``pyside6-lupdate``/``lrelease``).

Developer tooling behind ``python -m sealdesk.ui.translations``; the running GUI never imports it.
The tools are the binaries inside the installed PySide6 wheel, so no Qt installation is needed.
Locations (file and line) are left out of the ``.ts``: they change with every edit and would
make each change to the GUI a merge conflict in the catalogue.
"""

from __future__ import annotations

import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import PySide6

UI_DIR = Path(__file__).resolve().parents[1]
TS_DIR = UI_DIR / "resources" / "translations"
SOURCE_TS_DIR = Path(__file__).resolve().parents[4] / "resources" / "translations"
LANGUAGES = ("de",)


def ts_path(language: str = "de") -> Path:
    """The catalogue in the source tree (the package's link points there in a checkout)."""
    for folder in (SOURCE_TS_DIR, TS_DIR):
        if folder.is_dir():
            return folder / f"sealdesk_{language}.ts"
    raise FileNotFoundError("resources/translations not found: run this from a source checkout")


def tool(name: str) -> str:
    """``lupdate`` or ``lrelease`` from the PySide6 wheel."""
    path = Path(PySide6.__file__).parent / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: reinstall PySide6 (it ships the Qt tools)")
    return str(path)


def ui_sources(exclude: Iterable[str] = ()) -> list[Path]:
    """Every Python file of ``sealdesk/ui`` except those under the ``exclude`` prefixes."""
    skipped = tuple(exclude)
    return sorted(
        path for path in UI_DIR.rglob("*.py")
        if not str(path.relative_to(UI_DIR)).startswith(skipped)
    )


def run_lupdate(sources: list[Path], ts: Path) -> None:
    subprocess.run(
        [tool("lupdate"), "-locations", "none", "-no-obsolete", "-source-language", "en",
         "-target-language", ts.stem.rsplit("_", 1)[-1], *map(str, sources), "-ts", str(ts)],
        check=True, capture_output=True, text=True,
    )


def run_lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True, text=True)


def update(languages: Iterable[str] = LANGUAGES) -> None:
    """lupdate over all of ``sealdesk/ui``, then lrelease, for each language."""
    for language in languages:
        ts = ts_path(language)
        run_lupdate(ui_sources(), ts)
        run_lrelease(ts, ts.with_suffix(".qm"))


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, or None where it is unfinished or empty."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            done = (translation is not None and translation.get("type") is None
                    and bool(translation.text))
            found[(name, source)] = translation.text if done and translation is not None else None
    return found


def check(language: str = "de", exclude: Iterable[str] = ()) -> list[str]:
    """Problems: source strings missing from the ``.ts`` or untranslated there, stale ``.qm``."""
    ts = ts_path(language)
    problems: list[str] = []
    committed = messages(ts)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / f"fresh_{language}.ts"
        run_lupdate(ui_sources(exclude), fresh)
        for key in messages(fresh):
            if key not in committed:
                problems.append(f"not in {ts.name}: [{key[0]}] {key[1]!r}")
            elif committed[key] is None:
                problems.append(f"not translated in {ts.name}: [{key[0]}] {key[1]!r}")
        built = Path(tmp) / f"built_{language}.qm"
        run_lrelease(ts, built)
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.read_bytes() != built.read_bytes():
            problems.append(f"{qm.name} is not compiled from the current {ts.name}: run update")
    return problems
