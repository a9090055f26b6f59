"""A page that is not built yet: it says what will appear there, so the sidebar is complete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sealdesk.ui.pages.base import Page, PageServices


class PlaceholderPage(Page):
    """Subclasses set ``title`` and ``coming`` (one paragraph, plain text)."""

    coming = ""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        text = QLabel(self.coming)
        text.setObjectName("placeholderText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)
