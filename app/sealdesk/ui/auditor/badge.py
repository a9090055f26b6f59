"""The auditor-mode banner: always visible, so nobody mistakes a copy for the live system."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sealdesk.ui.translations import translate

MODE_TEXT = QT_TRANSLATE_NOOP("badge", "Auditor mode — read only")
_STYLE = """
QWidget#auditorBanner { background: #fff3cd; border-bottom: 1px solid #c76a00; }
QLabel#auditorBadge { background: #c76a00; color: white; font-weight: 600;
                      border-radius: 9px; padding: 2px 10px; }
QLabel#auditorNote { color: #5c3b00; }
"""


def mode_banner(note: str) -> QWidget:
    """A strip with the mode badge and what is being looked at."""
    banner = QWidget()
    banner.setObjectName("auditorBanner")
    banner.setStyleSheet(_STYLE)
    banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    banner.setAccessibleName(translate("badge", MODE_TEXT))
    badge = QLabel(translate("badge", MODE_TEXT))
    badge.setObjectName("auditorBadge")
    text = QLabel(note)
    text.setObjectName("auditorNote")
    text.setWordWrap(True)
    layout = QHBoxLayout(banner)
    layout.setContentsMargins(12, 6, 12, 6)
    layout.addWidget(badge)
    layout.addWidget(text, 1)
    return banner
