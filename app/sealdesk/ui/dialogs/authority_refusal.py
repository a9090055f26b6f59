"""The dialog for a refusal by the authority checks: what was found, and what to do.

:func:`sealdesk.ui.failures.present_failure` opens it (the one way to show a failure);
this module names the refusals and their titles. The authority checks (the log's hash chain
and the rows compared with it, the custodians and policies replayed from the log, the role
assignments) refuse an action when a row disagrees
with the signed statements or cannot be read. Such a refusal is not a passing status line: it
may be someone editing the database, so it always opens a dialog that names what was found
(the row or entry, from the error's message) and what to do (its hint).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from sealdesk.errors import RecordIntegrityError, SealDeskError
from sealdesk.services.access.roles import RolesUnreadableError
from sealdesk.services.keys.authority import AuthorityUnreadableError
from sealdesk.ui.translations import translate

TITLES: tuple[tuple[type[SealDeskError], str], ...] = (
    (
        RecordIntegrityError,
        QT_TRANSLATE_NOOP("authority_refusal", "Refused: the records disagree with the audit log"),
    ),
    (
        AuthorityUnreadableError,
        QT_TRANSLATE_NOOP("authority_refusal", "Refused: the authority could not be read"),
    ),
    (
        RolesUnreadableError,
        QT_TRANSLATE_NOOP("authority_refusal", "Refused: the role assignments could not be read"),
    ),
)
REFUSAL_HINT = QT_TRANSLATE_NOOP(
    "authority_refusal",
    "Do not act on it. Keep the database as it is, run 'sealdesk audit verify' "
    "and 'sealdesk audit verify-quorum', and tell your administrator.",
)


def refusal_title(error: BaseException) -> str | None:
    """The dialog title for an authority refusal, or None when ``error`` is not one."""
    return next(
        (
            translate("authority_refusal", title)
            for kind, title in TITLES
            if isinstance(error, kind)
        ),
        None,
    )
