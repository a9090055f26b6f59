"""Choosing a file to open or save, behind one small object a test can replace.

Pages ask ``self.files.open(...)`` / ``self.files.save(...)`` instead of calling QFileDialog
directly, so a keyboard-only test drives a whole flow (menu shortcut, file, PIN, result) with
:class:`ScriptedFiles` and no native dialog, the way PIN prompts go through a provider.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


class FileChoice:
    """The real dialogs."""

    def open(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def save(self, parent: QWidget | None, title: str, suggested: str,
             filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None


@dataclass
class ScriptedFiles(FileChoice):
    """Answers in order (None: the person cancelled); records each title asked."""

    answers: list[Path | None]
    asked: list[str] = field(default_factory=list)

    def open(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.answers.pop(0) if self.answers else None

    def save(self, parent: QWidget | None, title: str, suggested: str,
             filters: str) -> Path | None:
        self.asked.append(title)
        return self.answers.pop(0) if self.answers else None
