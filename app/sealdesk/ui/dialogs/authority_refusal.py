"""The dialog for a refusal by the authority checks: what was found, and what to do.

The authority checks (the log's hash chain and the rows compared with it, the custodians and
policies replayed from the log, the role assignments) refuse an action when a row disagrees
with the signed statements or cannot be read. Such a refusal is not a passing status line: it
may be someone editing the database, so it always opens a dialog that names what was found
(the row or entry, from the error's message) and what to do (its hint).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sealdesk.errors import RecordIntegrityError, SealDeskError
from sealdesk.services.access.roles import RolesUnreadableError
from sealdesk.services.keys.authority import AuthorityUnreadableError
from sealdesk.ui.dialogs.error_dialog import ErrorDialog

TITLES: tuple[tuple[type[SealDeskError], str], ...] = (
    (RecordIntegrityError, "Refused: the records disagree with the audit log"),
    (AuthorityUnreadableError, "Refused: the authority could not be read"),
    (RolesUnreadableError, "Refused: the role assignments could not be read"),
)
FALLBACK_HINT = ("Do not act on it. Keep the database as it is, run 'sealdesk audit verify' "
                 "and 'sealdesk audit verify-quorum', and tell your administrator.")


def refusal_title(error: BaseException) -> str | None:
    """The dialog title for an authority refusal, or None when ``error`` is not one."""
    return next((title for kind, title in TITLES if isinstance(error, kind)), None)


def show_authority_refusal(parent: QWidget | None, error: BaseException) -> ErrorDialog | None:
    """Open (window-modal, not blocking) the refusal dialog; None if ``error`` is not one."""
    title = refusal_title(error)
    if title is None:
        return None
    dialog = ErrorDialog(error, parent=parent, title=title)
    dialog.setObjectName("authorityRefusal")
    dialog.message_label.setText(f"What was found: {dialog.message_label.text()}")
    dialog.hint_label.setText(f"What to do: {dialog.hint_label.text() or FALLBACK_HINT}")
    dialog.hint_label.show()
    dialog.open()
    return dialog
