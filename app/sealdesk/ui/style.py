"""The application's look: Qt's native style plus a small, palette-based style sheet and icon.

The files live once, in the repository's ``resources/`` folder; ``sealdesk/ui/resources/icons``
and ``…/styles`` are symbolic links to it, so wheels and the PyInstaller build carry real copies
(both follow the links) while a checkout needs no build step. The source tree is still searched
second, for checkouts where symbolic links were not created (Windows without developer mode).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from sealdesk.ui.status_colors import tinted

_PACKAGE_RESOURCES = Path(__file__).parent / "resources"
_SOURCE_RESOURCES = Path(__file__).resolve().parents[3] / "resources"


def resource_path(kind: str, name: str) -> Path | None:
    """``resources/<kind>/<name>`` from the package or the source tree, if present."""
    for candidate in (_PACKAGE_RESOURCES / kind / name, _SOURCE_RESOURCES / kind / name):
        if candidate.is_file():
            return candidate
    return None


def apply_style(app: QApplication) -> None:
    """Add SealDesk's style sheet to the native style (a missing file is not an error)."""
    path = resource_path("styles", "sealdesk.qss")
    if path is not None:
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def app_icon() -> QIcon:
    return themed_icon("sealdesk")


def themed_icon(name: str, fallback: QStyle.StandardPixmap | None = None) -> QIcon:
    """``resources/icons/<name>.svg``, or the native style's ``fallback`` when it is missing."""
    path = resource_path("icons", f"{name}.svg")
    if path is not None:
        icon = QIcon(str(path))
        if name.startswith("page-") and QApplication.instance() is not None:
            white = QColor("white")  # line icons on the sidebar's selection highlight
            for size in (20, 40):
                icon.addPixmap(tinted(icon.pixmap(size, size), white), QIcon.Mode.Selected)
        return icon
    if fallback is not None and QApplication.instance() is not None:
        return QApplication.style().standardIcon(fallback)
    return QIcon()
