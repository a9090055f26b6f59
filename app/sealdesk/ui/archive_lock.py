"""Unlocking the encrypted document archive from the main window (issue 21).

An encrypted store opens its documents only after the token's storage key was unlocked with the
user PIN (:mod:`sealdesk.services.encryption.unlock`). The window shows the state in the status
bar ("Document archive: locked" / "unlocked") and offers **Unlock document archive…**
(Ctrl+Alt+U, in the Keys menu beside the other token actions): the token is found in a worker,
the PIN asked with the usual dialog, then a worker unlocks and logs the key agent in at once
(:func:`~sealdesk.services.encryption.unlock_now`), so a wrong PIN is reported now, not at the
first preview. The window offers it once by itself after it shows; Cancel keeps the archive
locked and everything that needs no document (audit log, keys, settings, sealing) still works.

Why not Ctrl+Shift+U: the Audit and Keys pages bind it in their own scope, and Qt fires neither
of two shortcuts that are both active.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from sealdesk.core.token.identity import TokenInfo
from sealdesk.errors import SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.encryption import store_is_locked, unlock_now
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest, ask_pin
from sealdesk.ui.failures import failure_text, present_failure
from sealdesk.ui.status_colors import OK, WARNING, emphasis_style
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

UNLOCK_KEYS = QKeySequence("Ctrl+Alt+U")
UNLOCK_REASON = QT_TRANSLATE_NOOP(
    "archive_lock", "Stored documents are encrypted; the token's storage key opens them.")


def archive_encrypted(ctx: AppContext) -> bool:
    """Whether the store is encrypted (a damaged recipients file counts: it was meant to be)."""
    try:
        return ctx.store.encrypted
    except SealDeskError:
        return True


class ArchiveLock(QObject):
    """The status-bar indicator and the unlock action of an encrypted archive."""

    changed = Signal(bool)
    """Emitted with True once the archive is unlocked (pages re-read what they could not)."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, window: QWidget,
                 notify: Callable[[str], None], refresh_token: Callable[[], None]) -> None:
        super().__init__(window)
        self._ctx, self._jobs, self._window = ctx, jobs, window
        self._notify, self._refresh_token = notify, refresh_token
        self.pin_provider: PinProvider = ask_pin
        """The PIN dialog; tests install a scripted provider."""
        self.token_chooser: Callable[[], None] | None = None
        """Another way to unlock than the console token (auditor mode: the person's own
        recipient token, :mod:`sealdesk.ui.auditor.token_unlock`); it ends in
        :meth:`start_unlock`."""
        self.busy = False
        self.offered = False
        self.last_failure = ""
        """The text of the last failed unlock ("" after success)."""
        self.encrypted = archive_encrypted(ctx)
        self.indicator = QLabel()
        self.indicator.setObjectName("archiveLockStatus")
        self.indicator.setAccessibleName(self.tr("Document archive state"))
        self.action = QAction(self.tr("&Unlock document archive…"), window)
        self.action.setObjectName("unlockArchiveAction")
        self.action.setShortcut(UNLOCK_KEYS)
        self.action.triggered.connect(self.unlock)
        window.addAction(self.action)
        self.refresh()

    @property
    def locked(self) -> bool:
        try:
            return store_is_locked(self._ctx)
        except SealDeskError:
            return True

    def refresh(self) -> None:
        """Show the current state in the indicator and enable the action accordingly (both are
        hidden while the store is not encrypted)."""
        self.encrypted = archive_encrypted(self._ctx)
        self.indicator.setVisible(self.encrypted)
        self.action.setVisible(self.encrypted)
        if not self.encrypted:
            return
        locked = self.locked
        if locked:
            self.indicator.setText(self.tr("Document archive: locked"))
            self.indicator.setStyleSheet(emphasis_style(WARNING))
            self.indicator.setToolTip(self.tr(
                "Stored documents are encrypted and cannot be previewed, checked or copied "
                "until the archive is unlocked with the token ({keys}).").format(
                keys=UNLOCK_KEYS.toString(QKeySequence.SequenceFormat.NativeText)))
        else:
            self.indicator.setText(self.tr("Document archive: unlocked"))
            self.indicator.setStyleSheet(emphasis_style(OK))
            self.indicator.setToolTip(self.tr(
                "The token's storage key opens stored documents until SealDesk closes."))
        self.action.setEnabled(locked and not self.busy)

    def offer(self) -> None:
        """Once, after the window shows: ask to unlock when the archive is encrypted and
        locked."""
        if self.offered:
            return
        self.offered = True
        if self.encrypted and self.locked:
            self.unlock()

    def unlock(self) -> None:
        """Find the token (worker), ask the PIN, unlock and log the key agent in (worker)."""
        if self.busy or not self.encrypted or not self.locked:
            return
        if self.token_chooser is not None:
            self.token_chooser()
            return
        self._set_busy(True)
        self._notify(self.tr("Finding the token to unlock the document archive…"))
        ctx = self._ctx
        self._jobs.run(lambda: read_token_info(ctx), name="Finding the token", key=TOKEN,
                       on_success=self._ask_pin, on_failure=self._failed)

    def _ask_pin(self, info: TokenInfo) -> None:
        request = PinRequest(info.label, info.serial, info.pin,
                             reason=translate("archive_lock", UNLOCK_REASON),
                             demo=self._ctx.config.demo,
                             ok_text=self.tr("Log in and unlock"))
        answer = self.pin_provider(request, self._window)
        if answer is None:
            self._set_busy(False)
            self._notify(self.tr("The document archive stays locked: no PIN was entered."))
            return
        ctx, pin = self._ctx, answer.pin
        self.start_unlock(lambda: unlock_now(ctx, pin))

    def start_unlock(self, job: Callable[[], object]) -> None:
        """Run ``job`` (it unlocks and logs the key agent in) in a worker on the token's key;
        the indicator, the pages and a failure follow as for the console token."""
        self._set_busy(True)
        self._notify(self.tr("Unlocking the document archive…"))
        self._jobs.run(job, name="Unlocking the document archive",
                       key=TOKEN, on_success=self._unlocked, on_failure=self._failed)

    def _unlocked(self, _result: object) -> None:
        self.last_failure = ""
        self._set_busy(False)
        self._notify(self.tr("The document archive is unlocked."))
        self._refresh_token()
        self.changed.emit(True)

    def _failed(self, failure: JobFailure) -> None:
        self.last_failure = failure_text(failure)
        self._set_busy(False)
        self._refresh_token()
        present_failure(self._window, failure,
                        title=self.tr("The document archive stays locked"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.refresh()
