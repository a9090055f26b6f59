"""Running a security-relevant act from the GUI: the token's PIN is asked when the act needs it.

Proposals, approvals and rejections, executions (and whatever else changes who may do what or
how signing works) commit only with a checkpoint the audit key signs in the same transaction
(:mod:`sealdesk.services.audit.signed_acts`). The job runs the act inside
:func:`~sealdesk.services.audit.signed_acts.audit_key_login`; once the act's own checks passed
and it is about to be recorded, the job asks the GUI thread for the PIN through
:meth:`JobRunner.call_in_gui` (the same way a seal batch asks again after a reinsertion), with
the page's PIN provider. Declining the dialog stops the act before anything is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from sealdesk.core.token.identity import TokenInfo
from sealdesk.errors import OperationCancelledError
from sealdesk.services.audit.signed_acts import audit_key_login
from sealdesk.services.context import AppContext
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest
from sealdesk.ui.workers import JobRunner

T = TypeVar("T")


def signed_act(jobs: JobRunner, ctx: AppContext, pin_provider: Callable[[], PinProvider],
               parent: QWidget | None, reason: str, work: Callable[..., T]
               ) -> Callable[..., T]:
    """``work`` wrapped for a TOKEN job: it signs with one login, asked for in a PIN dialog.

    ``reason`` says in the dialog what the PIN is for. The wrapper passes its arguments (the
    job's progress callback, when there is one) on to ``work``.
    """
    def ask(info: TokenInfo) -> str | None:
        request = PinRequest(info.label, info.serial, info.pin, demo=ctx.config.demo,
                             reason=reason)
        answer = jobs.call_in_gui(pin_provider(), request, parent)
        if answer is None:
            raise OperationCancelledError(QCoreApplication.translate(
                "signed_act", "No PIN was given: nothing was changed."))
        return answer.pin

    def run(*args: object) -> T:
        with audit_key_login(ctx, ask=ask, reason=reason):
            return work(*args)

    return run


def signing_reason(what: str) -> str:
    """The PIN dialog's line: what the PIN is for, and why an act needs it at all."""
    return QCoreApplication.translate(
        "signed_act", "{what} is signed by the audit key on the token before it takes effect: "
        "it needs the token's user PIN.").format(what=what)
