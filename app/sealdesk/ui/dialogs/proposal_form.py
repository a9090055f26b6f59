"""What the custodian and policy forms share: a reason, a result line, one job, no double click.

Each form (:mod:`.custodian_forms`, :mod:`.quorum_policy_dialog`,
:mod:`.signing_policy_dialog`) fills in its own fields and hands one service call to
:meth:`ProposalForm.submit`; the call runs in a job, a success closes the form with
:attr:`ProposalForm.result_view` (a proposal) or :attr:`ProposalForm.result_message` (a
bootstrap act, applied at once), and a refusal stays in the form, in the service's words, so the
person can correct it. A bug is presented with its report (:func:`inline_failure`).

Every one of these acts (a custodian registered or proposed, a policy set or proposed, a
retirement proposed) commits with a checkpoint the audit key signs
(:mod:`sealdesk.ui.signed_acts`): the job asks the console token's PIN through
:attr:`ProposalForm.pin_provider` once the act's own checks passed, once per act.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.services.context import AppContext
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.pin_dialog import PinProvider, ask_pin
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner


class ProposalForm(QDialog):
    """Base of the forms: ``form`` for fields, ``submit(fn)`` to run the service call."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, title: str, intro: str,
                 action_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.jobs = ctx, jobs
        self.busy = False
        self.result_view: ProposalView | None = None
        self.result_message = ""
        self.pin_provider: Callable[[], PinProvider] = lambda: ask_pin
        """Asks the console token's PIN for the act (the Keys page passes its own)."""
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("pageIntro")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("why; the approving custodians read it"))
        self.reason_edit.textChanged.connect(self.update_state)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(emphasis_style(DANGER))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton(action_text)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.confirm)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addLayout(self.body)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def add_row(self, text: str, field: QWidget, tip: str = "") -> QLabel:
        """A labelled row whose label's mnemonic (``&``) focuses ``field``."""
        label = QLabel(text)
        label.setBuddy(field)
        if tip:
            field.setToolTip(tip)
        if not field.accessibleName():
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.form.addRow(label, field)
        return label

    def add_reason(self, required: bool = True) -> None:
        self.reason_required = required
        self.add_row(self.tr("&Reason:"), self.reason_edit)

    # --- state ----------------------------------------------------------------------------

    def missing(self) -> str:
        """What is still needed before the form can be submitted ("" when ready)."""
        if getattr(self, "reason_required", False) and not self.reason_edit.text().strip():
            return self.tr("Give a reason: the approving custodians read it.")
        return ""

    def update_state(self, *_args: object) -> None:
        why = self.tr("Working…") if self.busy else self.missing()
        self.ok_button.setEnabled(not why)
        self.ok_button.setToolTip(why or self.tr("Ctrl+Return"))

    def confirm(self) -> None:
        if self.busy or self.missing():
            return
        self.start()

    def start(self) -> None:
        """Subclasses gather their fields and call :meth:`submit`."""
        raise NotImplementedError

    def submit(self, fn: Callable[[], Any], name: str, what: str) -> None:
        """Run ``fn`` as a signed act; ``what`` names it in the PIN dialog ("Recording …")."""
        self.busy = True
        self.error_label.hide()
        self.update_state()
        work = signed_act(self.jobs, self.ctx, self.pin_provider, self, signing_reason(what), fn)
        self.jobs.run(work, name=name, key=TOKEN, on_success=self._done,
                      on_failure=self._failed)

    def _done(self, result: Any) -> None:
        self.busy = False
        if isinstance(result, ProposalView):
            self.result_view = result
        else:
            self.result_message = str(result)
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.busy = False
        self.error_label.setText(inline_failure(self, failure))
        self.error_label.show()
        self.update_state()

    def reject(self) -> None:
        """Not while working: the job's answer must find the form still there."""
        if not self.busy:
            super().reject()
