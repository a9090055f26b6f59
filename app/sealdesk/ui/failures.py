"""The GUI's one way to show a failure: :func:`present_failure`, or :func:`inline_failure`.

Every page and dialog hands what went wrong to these functions instead of formatting it itself,
so a compliance officer always meets the same two shapes:

* a :class:`~sealdesk.errors.SealDeskError` is written for a person, so its message and its hint
  (the next step) are shown as they are;
* anything else is a bug: "SealDesk hit an internal error", a "Copy report" button with the
  versions and the traceback (no local variables, secrets blanked), and an ERROR record on the
  ``sealdesk.ui.failures`` logger, so the bug is on record even when nobody copies the report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sealdesk.errors import SealDeskError
from sealdesk.ui.dialogs.authority_refusal import REFUSAL_HINT, refusal_title
from sealdesk.ui.dialogs.error_dialog import INTERNAL_ERROR, ErrorDialog
from sealdesk.ui.translations import translate

__all__ = [
    "INTERNAL_ERROR", "LOGGER_NAME", "JobFailure", "failure_text", "inline_failure",
    "present_failure",
]

LOGGER_NAME = "sealdesk.ui.failures"

_log = logging.getLogger(LOGGER_NAME)
_unparented: set[ErrorDialog] = set()


@dataclass(frozen=True)
class JobFailure:
    """An exception and its traceback text (for the "Copy report" button).

    Jobs deliver these (see :mod:`sealdesk.ui.workers`); the traceback is formatted before the
    frames are released, so nothing a job held outlives it.
    """

    error: BaseException
    report: str

    @property
    def expected(self) -> bool:
        """A domain error has a message and a hint for the operator; anything else is a bug."""
        return isinstance(self.error, SealDeskError)


def _as_failure(failure: JobFailure | BaseException) -> JobFailure:
    return failure if isinstance(failure, JobFailure) else JobFailure(failure, "")


def failure_text(failure: JobFailure | BaseException) -> str:
    """The text for a status label or banner beside the control that failed.

    A domain error's message and next step; for a bug only the fixed sentence, because its
    details belong in the report that :func:`present_failure` shows.
    """
    error = _as_failure(failure).error
    if isinstance(error, SealDeskError):
        return error.describe()
    return translate("failures", "{INTERNAL_ERROR} See the error report.").format(
        INTERNAL_ERROR=translate("error_dialog", INTERNAL_ERROR)
    )


def inline_failure(parent: QWidget, failure: JobFailure | BaseException) -> str:
    """For a page that shows failures beside the control (a banner, a status line, a column).

    Returns :func:`failure_text`; a bug is also presented with its report, because a status line
    alone would swallow it.
    """
    failure = _as_failure(failure)
    if not failure.expected:
        present_failure(parent, failure)
    return failure_text(failure)


def present_failure(
    parent: QWidget | None, failure: JobFailure | BaseException, *, title: str = ""
) -> ErrorDialog:
    """Show ``failure`` in an error dialog, window-modal over ``parent``'s window, not blocking.

    Non-blocking so that a failure delivered by a worker never stacks nested event loops; the
    dialog deletes itself when closed. ``parent=None`` makes a window of its own (start-up,
    before any window exists). An unexpected error is logged with its report too.
    """
    failure = _as_failure(failure)
    owner = parent.window() if parent is not None else None
    refusal = refusal_title(failure.error)
    dialog = ErrorDialog(failure.error, failure.report, owner, title=refusal or title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if refusal is not None:  # the authority checks refused: it may be someone editing records
        dialog.setObjectName("authorityRefusal")
        dialog.message_label.setText(
            translate("failures", "What was found: {message}").format(
                message=dialog.message_label.text()
            )
        )
        dialog.hint_label.setText(
            translate("failures", "What to do: {hint}").format(
                hint=dialog.hint_label.text() or translate("authority_refusal", REFUSAL_HINT)
            )
        )
        dialog.hint_label.show()
    if not dialog.expected:
        _log.error("%s\n%s", INTERNAL_ERROR, dialog.report)
    if owner is not None:
        dialog.open()
    else:  # a parentless dialog belongs to Python: keep it referenced until it closes
        _unparented.add(dialog)
        dialog.finished.connect(lambda _result: _unparented.discard(dialog))
        dialog.show()
    return dialog


def show_authority_refusal(parent: QWidget | None, error: BaseException) -> ErrorDialog | None:
    """Present ``error`` if it is an authority refusal; None, and nothing shown, if not."""
    if refusal_title(error) is None:
        return None
    return present_failure(parent, error)
