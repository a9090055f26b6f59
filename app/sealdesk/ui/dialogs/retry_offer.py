""""The timestamp authority is unreachable: retry the rest, or stop?" (non-blocking).

A TSA outage stops a batch after a few retries with backoff; what was sealed is kept. Whether
to try the remaining documents again now (the TSA may be back) or stop is the person's call,
so the seal flow offers both; nothing is sealed twice either way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from sealdesk.errors import SealDeskError
from sealdesk.ui.translations import translate

RetryOffer = Callable[[SealDeskError, QWidget | None, Callable[[], None]], object]


def offer_retry(error: SealDeskError, parent: QWidget | None,
                on_retry: Callable[[], None]) -> QMessageBox:
    """Show ``error`` with Retry and Stop; Retry calls ``on_retry`` (after the box closes)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("retry_offer", "Sealing stopped"),
        error.message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("retryOffer")
    box.setInformativeText(error.hint)
    retry = box.addButton(
        translate("retry_offer", "Retry the rest"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(translate("retry_offer", "Stop"), QMessageBox.ButtonRole.RejectRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if button is retry:
            on_retry()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
