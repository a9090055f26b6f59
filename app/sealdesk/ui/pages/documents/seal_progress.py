"""The progress dialog of a sealing batch: which document, how many, and what the batch waits for.

Window-modal so the document list cannot change under a running batch; Cancel starts no new
seal, and the seals already under way (several at once, see ``IN_FLIGHT``) finish and are
kept. Besides progress it says what the batch is waiting for (a PIN typed on the reader, a
token plugged back in), because a bar that does not move looks like a hang.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from sealdesk.ui.translations import translate

LOGGING_IN = QT_TRANSLATE_NOOP("seal_progress", "Logging in to the token…")
PIN_PAD = QT_TRANSLATE_NOOP(
    "seal_progress", "Enter the PIN on the reader's PIN pad; SealDesk waits for the reader…"
)


def progress_text(done: int, total: int, name: str) -> str:
    """``Sealed X (8 of 40)…``: the batch reports each document when it is finished, so the
    name is the one just sealed and ``done`` counts it (never "8 of 7")."""
    done = min(done, total)
    if done >= total:
        return translate(
            "seal_progress", "Sealed {name} ({done} of {total}). Recording the batch…"
        ).format(name=name, done=done, total=total)
    return translate(
        "seal_progress", "Sealed {name} ({done} of {total}); sealing the rest…"
    ).format(name=name, done=done, total=total)


class SealProgress:
    """Owns at most one :class:`QProgressDialog` at a time (None between batches)."""

    def __init__(self, parent: QWidget, on_cancel: Callable[[], None]) -> None:
        self._parent = parent
        self._on_cancel = on_cancel
        self.dialog: QProgressDialog | None = None

    def open(self, total: int, *, pin_pad: bool = False) -> None:
        dialog = QProgressDialog(
            translate("seal_progress", PIN_PAD if pin_pad else LOGGING_IN),
            translate("SealProgress", "Cancel"),
            0,
            total,
            self._parent,
        )
        dialog.setWindowTitle(translate("SealProgress", "Sealing documents"))
        dialog.setAccessibleName(translate("SealProgress", "Sealing progress"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self._on_cancel)
        dialog.setValue(0)
        self.dialog = dialog

    def show(self, done: int, total: int, name: str, *, cancelling: bool) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if name and not cancelling:
            dialog.setLabelText(progress_text(done, total, name))
        dialog.setValue(done)  # may process events (modal dialog): keep it the last call

    def say(self, text: str) -> None:
        """Replace the label (what the batch waits for) until the next progress report."""
        if self.dialog is not None:
            self.dialog.setLabelText(text)

    def close(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self._on_cancel)  # closing emits canceled()
            dialog.close()
            dialog.deleteLater()
