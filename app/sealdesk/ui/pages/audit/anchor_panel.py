"""The anchor status on the Audit page: the newest anchored checkpoint, where, when, and warnings.

Read in a worker (:func:`~sealdesk.services.audit.anchor_status.anchor_status` checks the newest
anchor file's signature and timestamp as ``audit verify`` does); the panel only words it. A
warning is shown with the word "Warning" and a sign, not colour alone.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sealdesk.core.audit.canonical import format_time
from sealdesk.services.audit.anchor_status import STALE_AFTER, AnchorStatus
from sealdesk.ui.status_colors import WARNING, emphasis_style


def _when(moment: dt.datetime | None) -> str:
    return format_time(moment)[:19].replace("T", " ") if moment is not None else "?"


class AnchorPanel(QWidget):
    """Two lines of facts and, when something needs doing, a warning line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("anchorPanel")
        self.status: AnchorStatus | None = None
        self.facts = QLabel(self.tr("Anchors: reading…"))
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setAccessibleName(self.tr("Anchor status"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(emphasis_style(WARNING))
        self.warning.setAccessibleName(self.tr("Anchor warning"))
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.facts)
        layout.addWidget(self.warning)

    def show_failure(self, text: str) -> None:
        self.facts.setText(self.tr("Anchors: the status could not be read: {0}").format(text))

    def show_status(self, status: AnchorStatus) -> None:
        self.status = status
        self.facts.setText(f"{self._newest(status)}\n{self._where(status)}")
        warnings = self._warnings(status)
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    def _newest(self, status: AnchorStatus) -> str:
        if status.anchored_size is None:
            return self.tr("Anchors: no anchored checkpoint was found.")
        tsa = (self.tr("TSA time {0} UTC").format(_when(status.tsa_time))
               if status.tsa_time is not None else self.tr("no trusted TSA time"))
        return self.tr("Last anchored checkpoint: {0} entries, signed {1} UTC, {2} ({3}).").format(
            f"{status.anchored_size:,}", _when(status.anchored_at), tsa, status.anchor_file)

    def _where(self, status: AnchorStatus) -> str:
        if status.folder_configured:
            where = self.tr("Anchor folder (set in [audit] anchor_dir): {0}").format(
                status.folder)
        else:
            where = self.tr("Anchor folder: {0}, the default inside the data folder; set "
                            "[audit] anchor_dir to removable media or a WORM share so that "
                            "someone who can write the data folder cannot rewrite it too."
                            ).format(status.folder)
        if not status.timestamps_on:
            where += " " + self.tr("Timestamps are turned off ([audit] timestamp_checkpoints).")
        return where

    def _warnings(self, status: AnchorStatus) -> list[str]:
        lines: list[str] = []
        if status.folder_configured and not status.folder_exists:
            lines.append(self.tr("⚠ Warning: the anchor folder does not exist or is not "
                                 "mounted: checkpoints cannot be anchored."))
        if status.unanchored:
            lines.append(self.tr("⚠ Warning: the newest checkpoint ({0} entries) is not "
                                 "anchored; {1} entries are covered only by the database's own "
                                 "checkpoints.").format(f"{status.latest_size:,}",
                                                        f"{status.entries_behind:,}"))
        if status.stale:
            lines.append(self.tr("⚠ Warning: anchors are stale: the newest anchor is more than "
                                 "{0} hours older than the newest checkpoint. Check the TSA and "
                                 "the anchor folder.").format(int(STALE_AFTER.total_seconds()
                                                                  // 3600)))
        lines += [self.tr("✘ Problem: {0}").format(p) for p in status.problems]
        return lines
