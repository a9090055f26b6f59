"""The signature panel of a sealed document on the Documents page (issue 22).

When the selected row has a sealed file, the panel under the preview says what a person asks
of a seal: the verdict, who sealed, when (signing time, and the TSA's timestamp and who gave
it), the PAdES level, the certificate chain, and whether SealDesk's records agree. The check is
:func:`sealdesk.services.revalidation.signature_view` (the same verification and words as the
Revalidation page's detail view), run in a worker because it may fetch revocation data. Only
the latest request is shown: clicking quickly through the table never shows a stale verdict.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from sealdesk.services import revalidation
from sealdesk.services.context import AppContext
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.workers import JobFailure, JobRunner


class SignaturePanel(QWidget):
    """Verdict and details of one sealed file, or nothing (hidden) for an unsealed row."""

    shown_for = Signal(object)
    """Emitted with the path once its details are on screen (tests and screenshots wait on it)."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._jobs = ctx, jobs
        self._request = 0
        self.current_path: Path | None = None
        self.view: revalidation.SignatureView | None = None
        self.setObjectName("signaturePanel")
        self.title = QLabel(self.tr("<b>Signature</b>"))
        self.details = QTextBrowser()
        self.details.setObjectName("signatureDetails")
        self.details.setAccessibleName(self.tr("Signature details"))
        self.details.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details, 1)
        self.hide()

    def focus_chain(self) -> list[QWidget]:
        return [self.details]

    def show_for(self, path: Path | None, name: str = "", stored_sha256: str = "") -> None:
        """Check ``path`` (a sealed file) and show it under ``name``; None hides the panel.

        With ``stored_sha256`` the file is the archive's copy and is read through the store,
        never by ``path`` (an encrypted archive holds an envelope there)."""
        if path is None:
            self._request += 1
            self.current_path = None
            self.view = None
            self.hide()
            return
        self.show()
        if path == self.current_path:
            return
        self._request += 1
        request = self._request
        self.current_path = path
        self.view = None
        self.details.setPlainText(self.tr("Checking the seal of {name}…").format(name=path.name))
        ctx = self._ctx
        self._jobs.run(
            (lambda: revalidation.stored_signature_view(ctx, stored_sha256, name))
            if stored_sha256 else (lambda: revalidation.signature_view(ctx, path, name)),
            name="Checking the seal",
            on_success=lambda view: self._arrived(request, path, view),
            on_failure=lambda failure: self._failed(request, failure),
        )

    def forget(self) -> None:
        """Check the shown file again at the next :meth:`show_for` (the archive was unlocked)."""
        self._request += 1
        self.current_path = None

    def _arrived(self, request: int, path: Path, view: revalidation.SignatureView) -> None:
        if request != self._request:
            return
        self.view = view
        self.details.setHtml(view.html)
        self.shown_for.emit(path)

    def _failed(self, request: int, failure: JobFailure) -> None:
        if request != self._request:
            return
        self.details.setPlainText(
            self.tr("The seal could not be checked: {reason}").format(
                reason=inline_failure(self, failure)))
